import fs from 'node:fs';
import { PGlite, parse as protocolResults, protocol } from '@electric-sql/pglite';
import { INT8_OID, checkChannel, parseInt8, type Queryable, type Store } from './store';

/** As on the server engine (postgres.ts): a bound on the statements kept prepared. */
const MAX_PREPARED_STATEMENTS = 500;

type BackendMessage = Parameters<typeof protocolResults.parseResults>[0][number];

interface PreparedStatement {
  name: string;
  paramTypes: number[];
  /** What Describe said of its rows (absent for statements that return none). */
  rowDescription: BackendMessage | undefined;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Named prepared statements on the embedded engine. PGlite's own `query` parses, describes and
 * plans every call afresh, in five trips into the WASM module; for the short statements of a
 * request that was most of the work. Here a statement text is parsed and described once (as the
 * pg driver does on the server engine), and each call is one message: bind, execute, sync. The
 * caller holds PGlite's locks (see `run` below).
 */
function preparedStatements(db: PGlite) {
  const statements = new Map<string, PreparedStatement>();
  const send = (parts: Uint8Array[]) => db.execProtocolStream(concat(parts), { syncToFs: false });

  async function prepare(sql: string): Promise<PreparedStatement> {
    const name = `besties_${statements.size}`;
    const messages = await send([
      protocol.serialize.parse({ name, text: sql }),
      protocol.serialize.describe({ type: 'S', name }),
      protocol.serialize.sync(),
    ]);
    const statement = {
      name,
      paramTypes: protocolResults.parseDescribeStatementResults(messages),
      rowDescription: messages.find((message) => message.name === 'rowDescription'),
    };
    statements.set(sql, statement);
    return statement;
  }

  return async <Row>(sql: string, params: readonly unknown[]): Promise<Row[] | undefined> => {
    const statement = statements.get(sql) ?? (statements.size < MAX_PREPARED_STATEMENTS ? await prepare(sql) : undefined);
    if (!statement) return undefined;
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialize = db.serializers[statement.paramTypes[i] ?? 0];
      return serialize ? serialize(value) : String(value);
    });
    try {
      const messages = await send([
        protocol.serialize.bind({ statement: statement.name, values: values as string[] }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]);
      const [result] = protocolResults.parseResults(
        statement.rowDescription ? [statement.rowDescription, ...messages] : messages,
        db.parsers,
      );
      return (result?.rows ?? []) as Row[];
    } catch (error) {
      // A table changed under a prepared statement (its result type would change): prepared anew
      // on the next call.
      if ((error as { code?: string }).code === '0A000') statements.delete(sql);
      throw error;
    }
  };
}

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
  const prepared = preparedStatements(db);
  // A parameterised statement runs prepared under the same locks PGlite's own query takes: the
  // query lock always, and outside a transaction the transaction lock too (as db.query does), then
  // the write-back to disk that db.query does after a statement outside a transaction.
  const runPrepared = async <Row>(sql: string, params: readonly unknown[], inTransaction: boolean): Promise<Row[] | undefined> => {
    if (inTransaction) return db.runExclusive(() => prepared<Row>(sql, params));
    const rows = await db._runExclusiveTransaction(() => db.runExclusive(() => prepared<Row>(sql, params)));
    await db.syncToFs();
    return rows;
  };
  const run = async <Row>(target: Pick<PGlite, 'query'>, sql: string, params: readonly unknown[] | undefined, inTransaction: boolean) => {
    queued++;
    try {
      await new Promise((resolve) => setImmediate(resolve));
      const rows = params ? await runPrepared<Row>(sql, params, inTransaction) : undefined;
      return rows ?? (await target.query<Row>(sql, params as unknown[] | undefined)).rows;
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
    query: (sql, params) => run(db, sql, params, false),
    transaction: (work) =>
      db.transaction(async (tx) => {
        const scoped: Queryable = { query: (sql, params) => run(tx, sql, params, true) };
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
