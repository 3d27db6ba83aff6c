import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * Several hosts share one database only on the server engine (PGlite belongs to one process):
 * this folder runs with TEST_DATABASE_URL (scripts/test-all.sh) and refuses to run without it.
 */
export async function sharedDatabase(): Promise<TestDatabase & { databaseUrl: string }> {
  if (!process.env.TEST_DATABASE_URL) throw new Error('test/multihost needs a PostgreSQL server: set TEST_DATABASE_URL');
  const database = await createTestDatabase();
  return { ...database, databaseUrl: database.databaseUrl! };
}
