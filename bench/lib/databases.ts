import crypto from 'node:crypto';
import pg from 'pg';

/** A fresh database on a server, dropped afterwards. */
export async function createDatabaseOn(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${crypto.randomBytes(5).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
