import fs from 'node:fs';
import path from 'node:path';
import { tableColumns } from '../../cloud/store/backupInfo';
import { openStore } from '../../cloud/store/open';
import type { Store } from '../../cloud/store/store';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/database';

/**
 * The shard plan (deploy/shard-plan.json, explained in docs/DEPLOY.md) against the real schema of
 * a freshly migrated database. A migration that adds a table fails here until the table is
 * classified; one that drops or renames a group key fails here before a Citus move would.
 */

interface ShardPlan {
  sharded: { tables: Record<string, string> };
  needsGroupKey: { tables: Record<string, string> };
  reference: { tables: Record<string, string> };
  local: { tables: Record<string, string> };
}

const ROOT = path.resolve(__dirname, '../..');
const plan = JSON.parse(fs.readFileSync(path.join(ROOT, 'deploy/shard-plan.json'), 'utf8')) as ShardPlan;
const classes = ['sharded', 'needsGroupKey', 'reference', 'local'] as const;

let database: TestDatabase;
let store: Store;
let schema: Record<string, Array<{ name: string; nullable: boolean }>>;

beforeAll(async () => {
  database = await createTestDatabase();
  store = await openStore({ databaseUrl: database.databaseUrl, dataDir: ':memory:' });
  schema = await tableColumns(store);
});
afterAll(async () => {
  await store?.close();
  await database?.drop();
});

describe(`the shard plan matches the schema (${testEngine()})`, () => {
  it('classifies every table of the schema exactly once, and places no table the schema lacks', () => {
    const classified = new Map<string, string[]>();
    for (const kind of classes) {
      for (const table of Object.keys(plan[kind].tables)) classified.set(table, [...(classified.get(table) ?? []), kind]);
    }
    const twice = [...classified].filter(([, kinds]) => kinds.length > 1).map(([table, kinds]) => `${table} (${kinds.join(', ')})`);
    expect(twice).toEqual([]);
    const unclassified = Object.keys(schema).filter((table) => !classified.has(table));
    // A new table: add it to deploy/shard-plan.json (sharded, needsGroupKey, reference or local with a reason) and to docs/DEPLOY.md.
    expect(unclassified).toEqual([]);
    // A sharded, waiting or reference table the schema lacks means the plan promises a placement
    // for nothing. A local entry changes nothing (local is what every table is today), so one may
    // name a table whose migration is on its way.
    const stale = [...classified].filter(([table, kinds]) => !(table in schema) && !kinds.includes('local')).map(([table]) => table);
    expect(stale).toEqual([]);
    for (const kind of ['needsGroupKey', 'reference', 'local'] as const) {
      for (const [table, reason] of Object.entries(plan[kind].tables))
        expect({ table, reasonGiven: reason.trim().length > 10 }).toEqual({ table, reasonGiven: true });
    }
  });

  it('gives every sharded table its distribution column, NOT NULL (Citus refuses a null shard key)', () => {
    const problems: string[] = [];
    for (const [table, column] of Object.entries(plan.sharded.tables)) {
      const found = schema[table]?.find((c) => c.name === column);
      if (!found) problems.push(`${table} has no column ${column}`);
      else if (found.nullable) problems.push(`${table}.${column} admits null`);
    }
    expect(problems).toEqual([]);
  });

  it('lists as waiting for a group key only tables that still lack a NOT NULL group_id', () => {
    // Once a migration gives one its group_id (NOT NULL), it moves to "sharded" in the plan.
    const ready = Object.keys(plan.needsGroupKey.tables).filter((table) =>
      schema[table]?.some((c) => c.name === 'group_id' && !c.nullable),
    );
    expect(ready).toEqual([]);
  });

  it('is the plan docs/DEPLOY.md describes: the doc names every classified table', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/DEPLOY.md'), 'utf8');
    const missing = classes.flatMap((kind) =>
      Object.keys(plan[kind].tables)
        .filter((table) => !doc.includes(`\`${table}\``))
        .map((table) => `${kind}: ${table}`),
    );
    expect(missing).toEqual([]);
  });
});
