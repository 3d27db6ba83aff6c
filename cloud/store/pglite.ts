import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { INT8_OID, checkChannel, parseInt8, type Queryable, type Store } from './store';

/**
 * The embedded engine: PostgreSQL compiled to WASM, in this process. It has a single connection,
 * so statements are serialised and a transaction holds the whole database until it ends — which
 * also makes every transaction effectively serializable here.
 */
export async function openPglite(dataDir: string | undefined): Promise<Store> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { parsers: { [INT8_OID]: (text: string) => parseInt8(text) } });

  // Each statement runs synchronously on this thread and resolves as a microtask, so a chain of
  // calls could run statement after statement without the event loop ever reading the network.
  // Under load, requests whose body came in a packet of its own then waited seconds to be read,
  // one per turn of the loop. Waiting for the loop's next turn before each statement lets the
  // host take in what has arrived, so requests are served in the order they came.
  // Statements queued or running on the one connection, for the metrics: a growing queue is
  // this engine's form of an exhausted pool.
  let queued = 0;
  const run = async <Row>(target: Pick<PGlite, 'query'>, sql: string, params?: readonly unknown[]) => {
    queued++;
    try {
      await new Promise((resolve) => setImmediate(resolve));
      return (await target.query<Row>(sql, params as unknown[] | undefined)).rows;
    } finally {
      queued--;
    }
  };

  // One process owns this database, so every listener is in this process: delivery is a call,
  // on a later turn as a notification from a server would be.
  const listeners = new Map<string, Set<(payload: string) => void>>();

  return {
    engine: 'pglite',
    listen: async (channel, onMessage) => {
      const set = listeners.get(checkChannel(channel)) ?? new Set();
      listeners.set(channel, set);
      set.add(onMessage);
      return () => void set.delete(onMessage);
    },
    notify: async (channel, payload) => {
      for (const onMessage of listeners.get(checkChannel(channel)) ?? []) setImmediate(() => onMessage(payload));
    },
    query: (sql, params) => run(db, sql, params),
    transaction: (work) =>
      db.transaction(async (tx) => {
        const scoped: Queryable = { query: (sql, params) => run(tx, sql, params) };
        return work(scoped);
      }),
    exec: async (sql) => {
      await db.exec(sql);
    },
    close: () => db.close(),
    stats: () => ({ queuedStatements: queued }),
  };
}

/** A bare PGlite instance (a backup being checked, a data directory being restored) as a Queryable. */
export function pgliteQueryable(db: PGlite): Queryable {
  return { query: async (sql, params) => (await db.query(sql, params as unknown[] | undefined)).rows as never[] };
}
