import { openStore } from '../../cloud/store/open';
import { oneRow } from '../../cloud/store/store';
import { sharedDatabase } from './postgres';

/**
 * A connection the server ends while a host holds it between two statements (a restart, an
 * administrator, a failover): the call fails and the host goes on. The pool only listens for
 * errors on idle connections, so without a listener of the store's own this ended the process.
 */
describe('a PostgreSQL connection lost mid-transaction', () => {
  it('fails that transaction, discards the connection and leaves the store working', async () => {
    const database = await sharedDatabase();
    const store = await openStore({ databaseUrl: database.databaseUrl, dataDir: ':memory:' });
    const admin = await openStore({ databaseUrl: database.databaseUrl, dataDir: ':memory:' });
    try {
      const lost = store.transaction(async (tx) => {
        const { pid } = oneRow(await tx.query<{ pid: number }>('select pg_backend_pid() as pid'), 'the backend pid');
        await admin.query('select pg_terminate_backend($1)', [pid]);
        // The server's notice arrives while no statement runs on this connection.
        await new Promise((resolve) => setImmediate(resolve));
        await tx.query('select 1');
      });
      await expect(lost).rejects.toThrow();
      const [row] = await store.query<{ ok: number }>('select 1 as ok');
      expect(row).toEqual({ ok: 1 });
    } finally {
      await store.close();
      await admin.close();
      await database.drop();
    }
  });
});
