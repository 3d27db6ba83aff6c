import type { Queryable } from './store';

/** Row count and an md5 of the contents, per table. */
export type TableFingerprint = Record<string, { rows: number; md5: string }>;

/**
 * Every table of the public schema, fingerprinted in one statement: what a check needs to prove
 * that a refused call changed nothing (the fuzz suite compares one before and one after).
 * Rows are hashed in their text form, sorted, so the order of the heap does not matter.
 */
export async function fingerprintTables(db: Queryable): Promise<TableFingerprint> {
  const tables = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  if (tables.length === 0) return {};
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const sql = tables
    .map(
      ({ name }) =>
        `select '${name.replace(/'/g, "''")}' as name, count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5 from ${quoted(name)} t`,
    )
    .join('\nunion all\n');
  const rows = await db.query<{ name: string; rows: number; md5: string }>(sql);
  return Object.fromEntries(rows.map((r) => [r.name, { rows: Number(r.rows), md5: r.md5 }]));
}
