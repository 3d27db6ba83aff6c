import fs from 'node:fs';
import path from 'node:path';
import type { Queryable, Store } from './store';

const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Migrations are `NNN_name.sql` files, applied in order, each once. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
}

/**
 * Applies the pending migrations. An advisory lock makes two hosts starting at once on one server
 * take turns instead of racing; each migration and its bookkeeping row commit together.
 */
export async function migrate(store: Store, migrations = loadMigrations()): Promise<number[]> {
  // Under the same lock: two hosts creating the table at once on a fresh database can collide
  // in PostgreSQL's catalog ("if not exists" checks before it inserts), and one would fail to start.
  await store.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(7262001)');
    await tx.query(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await store.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(7262001)');
      const rows = await tx.query('select 1 from schema_migrations where version = $1', [migration.version]);
      if (rows.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

/**
 * Splits a migration into statements so that each runs through the parameterised path inside the
 * transaction (PGlite runs multi-statement text only through exec, which cannot share our
 * transaction). Statements end with `;` at the end of a line; dollar-quoted bodies are kept whole.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  let inDollarQuote = false;
  for (const line of sql.split('\n')) {
    // Comments never end a statement, even when they end with a semicolon.
    if (/^\s*--/.test(line)) {
      if (current.length > 0) current.push(line);
      continue;
    }
    current.push(line);
    const dollarCount = (line.match(/\$\$/g) ?? []).length;
    if (dollarCount % 2 === 1) inDollarQuote = !inDollarQuote;
    const code = inDollarQuote ? line : line.replace(/--.*$/, '');
    if (!inDollarQuote && /;\s*$/.test(code)) {
      const statement = current.join('\n').trim();
      if (statement !== ';') statements.push(statement.replace(/;(\s*--.*)?\s*$/, ''));
      current = [];
    }
  }
  const rest = current.join('\n').trim();
  if (rest) statements.push(rest);
  return statements;
}

/** The versions of the migrations applied to this database (the readiness probe compares them). */
export async function appliedMigrationVersions(db: Queryable): Promise<number[]> {
  const rows = await db.query<{ version: number }>('select version from schema_migrations');
  return rows.map((row) => Number(row.version));
}
