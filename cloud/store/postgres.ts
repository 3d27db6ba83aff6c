import pg from 'pg';
import { CloudError } from '../errors';
import { ErrorCode } from '../../contract/errors';
import {
  INT8_OID,
  MAX_TRANSACTION_ATTEMPTS,
  RETRYABLE_SQLSTATES,
  parseInt8,
  sqlState,
  type Queryable,
  type Store,
} from './store';

export const DEFAULT_POOL_SIZE = 10;

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

  const run = async <Row>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) =>
    (await client.query(sql, params as unknown[] | undefined)).rows as Row[];

  async function transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({ query: (sql, params) => run(client, sql, params) });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        if (!RETRYABLE_SQLSTATES.has(sqlState(error) ?? '')) throw error;
        if (attempt >= MAX_TRANSACTION_ATTEMPTS) {
          throw new CloudError(ErrorCode.CONFLICT_RETRY, '操作冲突，请稍后重试（conflicting concurrent change; safe to retry）');
        }
      } finally {
        client.release();
      }
    }
  }

  return {
    engine: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    transaction,
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
