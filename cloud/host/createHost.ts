import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../clock';
import type { Config } from '../config';
import { cloudFunctions } from '../functions';
import type { Store } from '../store/store';
import type { HostDeps } from './context';
import { alipayProvider } from './providers/alipay';
import { weixinProvider } from './providers/weixin';
import { buildServer } from './server';
import { SESSION_CACHE_MAX_ENTRIES, SESSION_CACHE_TTL_MS, SessionCache } from './sessionCache';

export interface Host {
  app: FastifyInstance;
  deps: HostDeps;
}

/** Wires settings, store, clock and randomness into a ready (not yet listening) HTTP host. */
export async function createHost(
  config: Config,
  store: Store,
  overrides: { clock?: Clock; random?: () => number; logLevel?: string } = {},
): Promise<Host> {
  const clock = overrides.clock ?? systemClock;
  const deps: HostDeps = {
    store,
    config,
    clock,
    random: overrides.random ?? Math.random,
    sessions: new SessionCache(SESSION_CACHE_TTL_MS, SESSION_CACHE_MAX_ENTRIES),
    functions: cloudFunctions,
    providers: new Map([
      ['lc_weapp', weixinProvider(config.weapp)],
      ['lc_alipay', alipayProvider(config.alipay, () => clock.now())],
    ]),
  };
  const app = await buildServer(deps, { logLevel: overrides.logLevel });
  return { app, deps };
}
