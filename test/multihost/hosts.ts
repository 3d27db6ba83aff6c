import type { AddressInfo } from 'node:net';
import type { Clock } from '../../cloud/clock';
import { readConfig } from '../../cloud/config';
import { createHost, type Host } from '../../cloud/host/createHost';
import { signRequest } from '../../cloud/host/appAuth';
import { seedDemo } from '../../cloud/seed/demo';
import { openStore } from '../../cloud/store/open';

export const KEYS = { appId: 'multi-app', appKey: 'multi-key', masterKey: 'multi-master' };

export interface InProcessHost {
  url: string;
  host: Host;
  stop(): Promise<void>;
}

/**
 * `count` hosts in this process on one PostgreSQL database, each with its own store (pool and
 * listening connection), as separate processes would have; all read the test's clock. With
 * `demo`, every host runs the demo seed at once, as hosts starting together do. Timed jobs are
 * not started: the tests fire them.
 */
export async function startHostsOn(
  databaseUrl: string,
  count: number,
  options: { clock: Clock; demo?: boolean },
): Promise<InProcessHost[]> {
  const config = readConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    APP_ID: KEYS.appId,
    APP_KEY: KEYS.appKey,
    MASTER_KEY: KEYS.masterKey,
    DATABASE_URL: databaseUrl,
    DATA_DIR: ':memory:',
    DEMO: options.demo ? '1' : '0',
  });
  const stores = [];
  // One after another: the migrations would take turns anyway.
  for (let i = 0; i < count; i++) stores.push(await openStore(config));
  if (options.demo) await Promise.all(stores.map((store) => seedDemo(store, options.clock)));
  return Promise.all(
    stores.map(async (store) => {
      const host = await createHost(config, store, { clock: options.clock, logLevel: 'silent' });
      await host.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = host.app.server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        host,
        stop: async () => {
          await host.app.close();
          await store.close();
        },
      };
    }),
  );
}

export class CallError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** A signed call at the clock's time (hosts refuse signatures a day off their clock). */
export async function request<T>(
  url: string,
  path: string,
  body: unknown,
  options: { clock: Clock; session?: string; master?: boolean; method?: 'POST' | 'PUT' },
): Promise<T> {
  const now = options.clock.now().getTime();
  const response = await fetch(`${url}${path}`, {
    method: options.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      'x-lc-id': KEYS.appId,
      'x-lc-sign': options.master ? signRequest(KEYS.masterKey, now, true) : signRequest(KEYS.appKey, now),
      ...(options.session ? { 'x-lc-session': options.session } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { result?: T; code?: number; error?: string } & T;
  if (!response.ok) throw new CallError(response.status, json.code, json.error ?? `HTTP ${response.status}`);
  return path.startsWith('/1.1/functions/') ? (json.result as T) : json;
}

export const callFunction = <T>(
  url: string,
  name: string,
  params: unknown,
  options: { clock: Clock; session?: string; master?: boolean },
) => request<T>(url, `/1.1/functions/${name}`, params, options);

export async function logIn(url: string, username: string, password: string, clock: Clock): Promise<string> {
  return (await request<{ sessionToken: string }>(url, '/1.1/login', { username, password }, { clock })).sessionToken;
}

/** The code a call fails with (undefined when it succeeds). */
export async function failureCode(call: Promise<unknown>): Promise<number | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    if (error instanceof CallError) return error.code;
    throw error;
  }
}

/**
 * Repeats `probe` until it returns true, for at most `withinMs` of real time; returns the time it
 * took. It waits for another host to hear of a change — a real event, not a stand-in for time.
 */
export async function within(withinMs: number, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - started;
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
