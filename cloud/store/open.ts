import path from 'node:path';
import type { Config } from '../config';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Store } from './store';

/** Opens the engine the settings name (DATABASE_URL set: server; unset: embedded) and migrates it. */
export async function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  const store = config.databaseUrl
    ? await openPostgres(config.databaseUrl, Number(process.env.PG_POOL_SIZE) || undefined)
    : await openPglite(config.dataDir === ':memory:' ? undefined : path.resolve(config.dataDir));
  await migrate(store);
  return store;
}
