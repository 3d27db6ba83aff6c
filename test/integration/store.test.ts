import { openPglite } from '../../cloud/store/pglite';
import { MAX_PREPARED_STATEMENTS, openPostgres } from '../../cloud/store/postgres';
import type { Store } from '../../cloud/store/store';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/database';
import { firstOf } from '../support/at';

// One connection on the server engine, so that every statement below meets the statements that
// connection has already prepared.
let database: TestDatabase;
let store: Store;
beforeAll(async () => {
  database = await createTestDatabase();
  store = database.databaseUrl ? await openPostgres(database.databaseUrl, 1) : await openPglite(undefined);
  await store.exec('create table notes (id int primary key, body text not null); create table other (n int)');
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe(`the store's statements (${testEngine()})`, () => {
  it('answers a repeated statement for each call’s own parameters, past the point where plans are cached', async () => {
    const insert = 'insert into notes (id, body) values ($1, $2) returning id, body';
    for (let i = 1; i <= 12; i++) expect(await store.query(insert, [i, `note ${i}`])).toEqual([{ id: i, body: `note ${i}` }]);
    const select = 'select body from notes where id = $1';
    for (let i = 12; i >= 1; i--) expect(await store.query(select, [i])).toEqual([{ body: `note ${i}` }]);
    expect(await store.query(select, [99])).toEqual([]);
    // Each statement was parsed once, and is held prepared by the connection (the server's, or the
    // embedded engine's one).
    const prepared = await store.query<{ n: number }>(
      'select count(*)::int as n from pg_prepared_statements where statement = any($1::text[])',
      [[insert, select]],
    );
    expect(prepared).toEqual([{ n: 2 }]);
  });

  it('runs more distinct statements than it keeps prepared', async () => {
    const count = MAX_PREPARED_STATEMENTS + 20;
    for (let k = 0; k < count; k++) {
      const row = firstOf(await store.query<{ n: number }>(`select $1::int + ${k} as n`, [1]));
      expect(row.n).toBe(k + 1);
    }
    // The first statements, prepared before the limit was reached, still run.
    expect(await store.query(`select $1::int + 0 as n`, [5])).toEqual([{ n: 5 }]);
  });

  it('keeps a statement first prepared in a rolled-back transaction usable, and its effects undone', async () => {
    const insertOther = 'insert into other (n) values ($1)';
    await expect(
      store.transaction(async (tx) => {
        await tx.query(insertOther, [1]);
        await tx.query('insert into notes (id, body) values ($1, $2) returning id, body', [1, 'a duplicate id']);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await store.query('select count(*)::int as n from other where n >= $1', [0])).toEqual([{ n: 0 }]);
    await store.transaction((tx) => tx.query(insertOther, [2]));
    expect(await store.query('select n from other where n >= $1', [0])).toEqual([{ n: 2 }]);
  });

  it('keeps its connection after a statement the server refuses', async () => {
    const backend = 'select pg_backend_pid() as pid where $1::int > 0';
    const [before] = await store.query(backend, [1]);
    await expect(store.query('insert into notes (id, body) values ($1, $2)', [1, 'a duplicate id'])).rejects.toThrow(/duplicate key/);
    // The same server process answers, with the statements it had prepared.
    expect(await store.query(backend, [1])).toEqual([before]);
  });

  it('still runs scripts of several statements without parameters', async () => {
    await store.exec('insert into other (n) values (10); insert into other (n) values (11)');
    expect(await store.query('select count(*)::int as n from other where n >= $1', [10])).toEqual([{ n: 2 }]);
  });
});
