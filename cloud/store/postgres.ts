import pg from 'pg';
import { CloudError } from '../errors';
import { ErrorCode } from '../../contract/errors';
import { createPgListener } from './pgListener';
import {
  INT8_OID,
  MAX_TRANSACTION_ATTEMPTS,
  RETRYABLE_SQLSTATES,
  checkChannel,
  parseInt8,
  sqlState,
  type Queryable,
  type Store,
} from './store';

export const DEFAULT_POOL_SIZE = 10;

/**
 * How many distinct statements are kept prepared on each connection. Every statement text in the
 * code is fixed or one of a few variants, so this is never reached in practice; it only bounds
 * what a connection holds should that change.
 */
export const MAX_PREPARED_STATEMENTS = 500;

/** The server engine: a connection pool to a PostgreSQL server named by DATABASE_URL. */
export async function openPostgres(url: string, poolSize = DEFAULT_POOL_SIZE): Promise<Store> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  // An idle client that loses its server connection emits here; the pool replaces it.
  pool.on('error', () => undefined);
  await pool.query('select 1');

  // Parameterised statements run as named prepared statements: each connection parses (and,
  // once PostgreSQL settles on a generic plan, plans) a statement once instead of on every call,
  // which is most of the server's work for the short statements of a request. Statements without
  // parameters (begin, commit, migrations' multi-statement scripts) stay unnamed.
  const statementNames = new Map<string, string>();
  const nameOf = (sql: string): string | undefined => {
    let name = statementNames.get(sql);
    if (!name && statementNames.size < MAX_PREPARED_STATEMENTS) {
      name = `besties_${statementNames.size}`;
      statementNames.set(sql, name);
    }
    return name;
  };
  const run = async <Row>(client: pg.PoolClient, sql: string, params?: readonly unknown[]) => {
    const name = params ? nameOf(sql) : undefined;
    const result = name
      ? await client.query({ name, text: sql, values: params as unknown[] })
      : await client.query(sql, params as unknown[] | undefined);
    return result.rows as Row[];
  };

  /**
   * A pooled connection for one call. The pool listens for errors only on idle connections: a
   * connection lost while checked out between two statements (the server restarted, an
   * administrator ended it) would emit an error nobody hears and end the process. Here it is
   * heard, the next statement fails as any failed statement does, and the connection is
   * discarded on release.
   */
  async function checkOut(): Promise<{ client: pg.PoolClient; lost: () => Error | undefined }> {
    const client = await pool.connect();
    let lostWith: Error | undefined;
    const onError = (error: Error) => (lostWith = error);
    client.on('error', onError);
    const release = client.release.bind(client);
    client.release = (destroy?: boolean | Error) => {
      client.removeListener('error', onError);
      release(destroy);
    };
    return { client, lost: () => lostWith };
  }

  async function transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const { client, lost } = await checkOut();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        const result = await work({ query: (sql, params) => run(client, sql, params) });
        await client.query('commit');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is broken: the pool must not hand it out again.
        await client.query('rollback').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        if (!RETRYABLE_SQLSTATES.has(sqlState(error) ?? '')) throw error;
        if (attempt >= MAX_TRANSACTION_ATTEMPTS) {
          throw new CloudError(ErrorCode.CONFLICT_RETRY, '操作冲突，请稍后重试（conflicting concurrent change; safe to retry）');
        }
      } finally {
        client.release(broken ?? lost());
      }
    }
  }

  const listener = createPgListener(url);

  return {
    engine: 'postgres',
    query: async <Row>(sql: string, params?: readonly unknown[]) => {
      // Not pool.query: it closes the connection after any error. An error the server reports
      // (a constraint, a function's own exception) leaves the connection fine for the next caller.
      const { client, lost } = await checkOut();
      let broken: Error | undefined;
      try {
        return await run<Row>(client, sql, params);
      } catch (error) {
        if (!(error instanceof pg.DatabaseError)) broken = error as Error;
        throw error;
      } finally {
        client.release(broken ?? lost());
      }
    },
    transaction,
    exec: async (sql) => {
      await pool.query(sql);
    },
    listen: (channel, onMessage, onGap) => listener.listen(channel, onMessage, onGap),
    notify: async (channel, payload) => {
      await pool.query('select pg_notify($1, $2)', [checkChannel(channel), payload]);
    },
    close: async () => {
      await listener.close();
      await pool.end();
    },
    stats: () => ({ connections: { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } }),
  };
}
