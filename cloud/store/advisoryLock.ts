import type { Store } from './store';

/** Advisory lock keys of the application (the migrations take 7262001, see migrate.ts). */
export const ADVISORY_LOCKS = { demoSeed: 7262002 } as const;

/**
 * Runs `work` while this host holds a transaction-scoped advisory lock, so that hosts starting
 * together take turns at "look, then write" work (the demo seed checks for an empty table, then
 * inserts) and the later ones find what the first wrote. `work` uses the store as usual, on
 * other connections: the lock's transaction only holds the lock, and a host that dies holding it
 * loses its connection and with it the lock. On the embedded engine one process owns the
 * database, so there is nobody to wait for (and its single connection must stay free for `work`).
 */
export async function withAdvisoryLock<T>(store: Store, key: number, work: () => Promise<T>): Promise<T> {
  if (store.engine === 'pglite') return work();
  return store.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [key]);
    return work();
  });
}
