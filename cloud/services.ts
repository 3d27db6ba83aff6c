import type { Clock } from './clock';
import type { Config } from './config';
import type { PaymentProviders } from './payments/provider';
import type { ReadCache } from './readCache';
import type { StatementBatcher } from './statementBatcher';
import type { GroupReadQuestion, GroupReadState, UserReadQuestion } from './store/readVersions';
import type { SessionCache } from './sessionCache';
import type { Store } from './store/store';

/**
 * What every function and every job gets: the store, settings, clock, randomness and the session
 * cache. Declared here, below the host, so that functions and jobs depend on it and not on the
 * host that builds it.
 */
export interface Services {
  store: Store;
  config: Config;
  clock: Clock;
  /** Uniform in [0, 1). Injected so that tests can seed it. */
  random: () => number;
  sessions: SessionCache;
  /** Answers of the most-read screens, checked against the data's version on every read. */
  reads: ReadCache;
  /** The version checks of the read cache, batched: concurrent checks share one statement. */
  readVersions: { group: StatementBatcher<GroupReadQuestion, GroupReadState>; user: StatementBatcher<UserReadQuestion, string> };
  /** The clients of WeChat Pay and Alipay that PAYMENTS enables. */
  payments: PaymentProviders;
}
