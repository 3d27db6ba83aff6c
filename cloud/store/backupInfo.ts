import type { Queryable } from './store';

/**
 * What backups, restores and the shard plan need to know about a database: its tables, their
 * columns and row counts, and the ledger's balances. Read from the catalog, so a table added by a
 * later migration is seen without anyone listing it here.
 */

/** The application's tables (schema public, base tables), by name. */
export async function listTables(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'
      order by table_name`,
  );
  return rows.map((r) => r.name);
}

/** Tables in any schema but the system's: a restore target with one of these is not empty. */
export async function countUserTables(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `select count(*)::bigint as n from information_schema.tables
      where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`,
  );
  return row?.n ?? 0;
}

/** Exact row counts per table (count(*), so it reads every table once: seconds on a large database). */
export async function tableRowCounts(q: Queryable): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await listTables(q)) {
    // The name comes from the catalog, not from a caller; quoting keeps any name a valid identifier.
    const [row] = await q.query<{ n: number }>(`select count(*)::bigint as n from "${table.replace(/"/g, '""')}"`);
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

/** Each table's columns and whether they admit null, from information_schema (the schema as migrated, not as documented). */
export async function tableColumns(q: Queryable): Promise<Record<string, Array<{ name: string; nullable: boolean }>>> {
  const rows = await q.query<{ table_name: string; column_name: string; is_nullable: string }>(
    `select c.table_name, c.column_name, c.is_nullable
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`,
  );
  const columns: Record<string, Array<{ name: string; nullable: boolean }>> = {};
  for (const row of rows) (columns[row.table_name] ??= []).push({ name: row.column_name, nullable: row.is_nullable === 'YES' });
  return columns;
}

/** Every ledger account's balance, by account id: what a restore must bring back to the fen. */
export async function accountBalances(q: Queryable): Promise<Record<string, number>> {
  const rows = await q.query<{ id: string; balance_fen: number }>('select id, balance_fen from accounts order by id');
  return Object.fromEntries(rows.map((r) => [r.id, r.balance_fen]));
}
