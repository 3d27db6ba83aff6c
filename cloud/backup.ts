import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { LOCAL_DEFAULTS } from './config';
import { countUserTables, tableRowCounts } from './store/backupInfo';
import { openPostgres } from './store/postgres';
import { INT8_OID, parseInt8, type Queryable } from './store/store';
import { pgliteQueryable } from './store/pglite';

/**
 * Backups and restores of the configured database, for `npm run backup` / `npm run restore`:
 * - PostgreSQL server (DATABASE_URL set): `pg_dump -Fc` / `pg_restore`, PostgreSQL's own tools,
 *   so a backup can also be restored by hand with them.
 * - Embedded PGlite (DATA_DIR): PGlite's dump of its whole data directory (a gzipped tarball),
 *   restored by opening a new PGlite with `loadDataDir`.
 * A backup of one engine cannot be restored into the other (the formats differ): restore says so.
 */

/** A failure the operator can act on: its message says what happened and what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface DatabaseTarget {
  /** Set: a PostgreSQL server; unset: the embedded database in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
}

export interface BackupReport {
  engine: 'postgres' | 'pglite';
  /** Where the database is: the server URL without its password, or the data directory. */
  source: string;
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  elapsedMs: number;
  notes: string[];
}

export interface RestoreReport {
  engine: 'postgres' | 'pglite';
  target: string;
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  elapsedMs: number;
  /** Whether a database that was there before was replaced (--force). */
  replaced: boolean;
  notes: string[];
}

/**
 * The two settings a backup needs, read like the host reads them. Only these: a backup run from
 * a cron job or a shell must not fail because a setting it does not use (a production secret)
 * is missing there.
 */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR || LOCAL_DEFAULTS.DATA_DIR };
}

export async function backupDatabase(target: DatabaseTarget, file: string): Promise<BackupReport> {
  const startedAt = Date.now();
  const out = path.resolve(file);
  // Written beside the file and renamed at the end: a failed or interrupted backup never leaves a
  // truncated file under the name a restore (or a rotation script) would trust.
  const partial = `${out}.partial`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const notes: string[] = [];
  if (fs.existsSync(out)) notes.push(`replaced the earlier ${path.basename(out)}`);
  try {
    if (target.databaseUrl) {
      const { url, env } = splitPassword(target.databaseUrl);
      await runTool('pg_dump', ['--format=custom', '--file', partial, '--dbname', url], env);
      const counts = await withPostgres(target.databaseUrl, tableRowCounts);
      fs.renameSync(partial, out);
      return {
        engine: 'postgres',
        source: redact(target.databaseUrl),
        file: out,
        bytes: fs.statSync(out).size,
        ...sum(counts),
        elapsedMs: Date.now() - startedAt,
        notes,
      };
    }
    const dir = path.resolve(target.dataDir);
    if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
      throw new BackupError(
        `There is no embedded database in DATA_DIR=${dir} (no PG_VERSION file). Check DATA_DIR, or set DATABASE_URL for a PostgreSQL server.`,
      );
    }
    notes.push(...assertNotInUse(dir));
    const db = await openEmbedded(dir);
    let counts: Record<string, number>;
    try {
      counts = await tableRowCounts(pgliteQueryable(db));
      const tarball = await db.dumpDataDir('gzip');
      fs.writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
    } finally {
      await db.close();
    }
    fs.renameSync(partial, out);
    return {
      engine: 'pglite',
      source: dir,
      file: out,
      bytes: fs.statSync(out).size,
      ...sum(counts),
      elapsedMs: Date.now() - startedAt,
      notes,
    };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

export async function restoreDatabase(target: DatabaseTarget, file: string, options: { force?: boolean } = {}): Promise<RestoreReport> {
  const startedAt = Date.now();
  const input = path.resolve(file);
  if (!fs.existsSync(input)) throw new BackupError(`The backup file ${input} does not exist.`);
  const bytes = fs.statSync(input).size;
  const kind = backupKind(input);
  const notes: string[] = [];

  if (target.databaseUrl) {
    if (kind === 'pglite') {
      throw new BackupError(
        `${input} is a backup of the embedded database (PGlite); DATABASE_URL is set, so this would restore into a PostgreSQL server. Unset DATABASE_URL to restore it into DATA_DIR.`,
      );
    }
    if (kind !== 'postgres')
      throw new BackupError(`${input} is not a backup made by \`npm run backup\` (neither a pg_dump archive nor a PGlite tarball).`);
    const existing = await withPostgres(target.databaseUrl, countUserTables);
    if (existing > 0 && !options.force) {
      throw new BackupError(
        `The database ${redact(target.databaseUrl)} is not empty (${existing} tables). Restore into a new, empty database (createdb), or pass --force to replace what is there.`,
      );
    }
    const { url, env } = splitPassword(target.databaseUrl);
    // One transaction: a restore that fails half-way leaves the database as it was. --clean
    // --if-exists drops what the archive is about to create, so --force over the same schema works;
    // --no-owner: the objects belong to whoever restores them, not to the role that dumped them.
    await runTool(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', '--dbname', url, input],
      env,
    );
    const counts = await withPostgres(target.databaseUrl, tableRowCounts);
    return {
      engine: 'postgres',
      target: redact(target.databaseUrl),
      file: input,
      bytes,
      ...sum(counts),
      elapsedMs: Date.now() - startedAt,
      replaced: existing > 0,
      notes,
    };
  }

  if (kind === 'postgres') {
    throw new BackupError(
      `${input} is a pg_dump archive of a PostgreSQL server; DATABASE_URL is unset, so this would restore into the embedded database. Set DATABASE_URL to the server to restore it there.`,
    );
  }
  if (kind !== 'pglite')
    throw new BackupError(`${input} is not a backup made by \`npm run backup\` (neither a pg_dump archive nor a PGlite tarball).`);
  const dir = path.resolve(target.dataDir);
  const occupied = fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
  if (occupied) {
    if (!options.force) {
      throw new BackupError(
        `DATA_DIR=${dir} is not empty. Pass --force to replace the database in it, or point DATA_DIR at a new directory.`,
      );
    }
    notes.push(...assertNotInUse(dir));
  }
  // Restored beside the target and swapped in only when it opened and was counted: a bad file or a
  // full disk leaves the old directory untouched.
  const staging = `${dir}.restoring-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  let counts: Record<string, number>;
  try {
    const tarball = new Blob([fs.readFileSync(input)], { type: 'application/x-gzip' });
    const db = await openEmbedded(staging, tarball);
    try {
      counts = await tableRowCounts(pgliteQueryable(db));
    } finally {
      await db.close();
    }
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${input} could not be loaded as an embedded database: ${(error as Error).message}`);
  }
  if (fs.existsSync(dir)) {
    const old = `${dir}.replaced-${process.pid}`;
    fs.renameSync(dir, old);
    fs.renameSync(staging, dir);
    fs.rmSync(old, { recursive: true, force: true });
  } else {
    fs.renameSync(staging, dir);
  }
  return {
    engine: 'pglite',
    target: dir,
    file: input,
    bytes,
    ...sum(counts),
    elapsedMs: Date.now() - startedAt,
    replaced: occupied,
    notes,
  };
}

/** Which engine wrote a backup file, from its first bytes. */
export function backupKind(file: string): 'postgres' | 'pglite' | 'unknown' {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(512);
  let length: number;
  try {
    length = fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (length >= 5 && head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
  if (length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  if (length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'pglite';
  return 'unknown';
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt it.
 * A host that has it open holds files under it open (and PGlite keeps postmaster.pid there while
 * open), so on Linux /proc tells who has it. Returns notes for the report; throws when in use.
 */
export function assertNotInUse(dir: string): string[] {
  const real = fs.realpathSync(dir);
  const holders = processesWithFilesUnder(real);
  if (holders && holders.length > 0) {
    throw new BackupError(
      `DATA_DIR=${real} is in use by process ${holders.join(', ')} (a host running on it?). The embedded database allows one process at a time: stop the host first (e.g. systemctl stop besties-host@*), then retry.`,
    );
  }
  if (!fs.existsSync(path.join(real, 'postmaster.pid'))) return [];
  if (holders === undefined) {
    throw new BackupError(
      `DATA_DIR=${real} has a postmaster.pid: a host may be running on it, and this system cannot tell (no /proc). Stop the host first. If no host is running (the last one was killed), delete ${path.join(real, 'postmaster.pid')} and retry.`,
    );
  }
  return ['postmaster.pid was left by a host that did not stop cleanly; no process has the directory open, so it was ignored'];
}

/** PIDs (other than this one) with a file under dir open; undefined where /proc cannot tell. */
function processesWithFilesUnder(dir: string): number[] | undefined {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  const holders: number[] = [];
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or another user's process (a host runs as the same user as its backups)
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target === dir || target.startsWith(prefix)) {
        holders.push(Number(pid));
        break;
      }
    }
  }
  return holders;
}

async function openEmbedded(dir: string, loadDataDir?: Blob): Promise<PGlite> {
  return PGlite.create(dir, { loadDataDir, parsers: { [INT8_OID]: (text: string) => parseInt8(text) } });
}

async function withPostgres<T>(url: string, read: (q: Queryable) => Promise<T>): Promise<T> {
  let store;
  try {
    store = await openPostgres(url, 1);
  } catch (error) {
    throw new BackupError(`Cannot connect to ${redact(url)}: ${(error as Error).message}`);
  }
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

/**
 * Takes the password out of the URL and hands it over as PGPASSWORD: a command line is visible to
 * every user of the machine (ps, /proc), the environment only to the same user.
 */
function splitPassword(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  let parsed: URL;
  try {
    parsed = new URL(databaseUrl);
  } catch {
    return { url: databaseUrl, env: process.env };
  }
  if (!parsed.password) return { url: databaseUrl, env: process.env };
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), env: { ...process.env, PGPASSWORD: password } };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Runs pg_dump / pg_restore (PG_BINDIR, else PATH); its error output becomes the message. */
function runTool(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const command = process.env.PG_BINDIR ? path.join(process.env.PG_BINDIR, tool) : tool;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(
          new BackupError(
            `${tool} was not found (${process.env.PG_BINDIR ? `PG_BINDIR=${process.env.PG_BINDIR}` : 'not on PATH'}). Install PostgreSQL's client tools, at least the server's major version (Debian/Ubuntu: apt-get install postgresql-client), or set PG_BINDIR to their folder.`,
          ),
        );
      } else reject(new BackupError(`${tool} could not be started: ${error.message}`));
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${tool} failed (exit ${code}): ${redact(stderr.trim()) || 'no message'}`));
    });
  });
}

function sum(counts: Record<string, number>): { tables: number; rows: number } {
  return { tables: Object.keys(counts).length, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** 4.2 MB, 512 kB, 800 B. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} B`;
}
