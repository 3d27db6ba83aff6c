import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../clock';
import type { Config } from '../config';
import { cloudFunctions } from '../functions';
import type { Store } from '../store/store';
import type { PaymentProviders } from '../payments/provider';
import type { HostDeps } from './context';
import { alipayProvider } from './providers/alipay';
import { weixinProvider } from './providers/weixin';
import { buildServer } from './server';
import { buildPaymentProviders } from '../payments';
import { recordReadCacheLookup } from '../observability/metrics';
import { READ_CACHE_MAX_ENTRIES, ReadCache } from '../readCache';
import { StatementBatcher } from '../statementBatcher';
import { groupReadStates, userReadVersions } from '../store/readVersions';
import { SESSION_CACHE_CHANNEL, SESSION_CACHE_MAX_ENTRIES, SESSION_CACHE_TTL_MS, SessionCache } from '../sessionCache';

export interface Host {
  app: FastifyInstance;
  deps: HostDeps;
}

/** Wires settings, store, clock and randomness into a ready (not yet listening) HTTP host. */
export async function createHost(
  config: Config,
  store: Store,
  overrides: { clock?: Clock; random?: () => number; logLevel?: string; payments?: PaymentProviders } = {},
): Promise<Host> {
  const clock = overrides.clock ?? systemClock;
  // Hosts on one database tell each other which cached sessions to drop (logout, role and
  // profile changes, imports), so that another host refuses a revoked session within moments
  // rather than after the cache's TTL.
  const notify = store.notify?.bind(store);
  const sessions = new SessionCache(
    SESSION_CACHE_TTL_MS,
    SESSION_CACHE_MAX_ENTRIES,
    notify &&
      ((payload) =>
        void notify(SESSION_CACHE_CHANNEL, payload).catch((error: Error) =>
          console.error(`session cache broadcast failed: ${error.message}`),
        )),
  );
  await store.listen?.(
    SESSION_CACHE_CHANNEL,
    (payload) => sessions.receive(payload),
    () => sessions.missed(),
  );
  const deps: HostDeps = {
    store,
    config,
    clock,
    random: overrides.random ?? Math.random,
    sessions,
    reads: new ReadCache(READ_CACHE_MAX_ENTRIES, recordReadCacheLookup),
    readVersions: {
      group: new StatementBatcher((questions) => groupReadStates(store, questions)),
      user: new StatementBatcher((questions) => userReadVersions(store, questions)),
    },
    payments: overrides.payments ?? buildPaymentProviders(config, () => clock.now()),
    functions: cloudFunctions,
    providers: new Map([
      ['lc_weapp', weixinProvider(config.weapp)],
      ['lc_alipay', alipayProvider(config.alipay, () => clock.now())],
    ]),
  };
  const app = await buildServer(deps, { logLevel: overrides.logLevel });
  return { app, deps };
}
