import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importLeanCloudExport } from '../cloud/leancloudImport';
import { openStore } from '../cloud/store/open';
import { createDatabaseOn } from './lib/databases';
import type { Section } from './lib/report';

/** Records per export file, as LeanCloud splits a large class into several files. */
const USERS_PER_FILE = 25_000;

/**
 * A synthetic LeanCloud `_User` export: every third user a WeChat login (openid, some with a
 * unionid), every fifth an Alipay one, the rest password users. The hashes are well-formed but
 * not computed (the import stores them as they are; computing 100,000 would time the generator).
 */
function writeExport(folder: string, users: number): void {
  for (let file = 0; file * USERS_PER_FILE < users; file++) {
    const lines = ['# _User export (synthetic, for the benchmark)'];
    for (let i = file * USERS_PER_FILE; i < Math.min(users, (file + 1) * USERS_PER_FILE); i++) {
      const objectId = i.toString(16).padStart(24, '0');
      const record: Record<string, unknown> = {
        objectId,
        username: `lc_user_${i}`,
        nickName: `用户${i}`,
        createdAt: '2020-01-01T00:00:00.000Z',
        updatedAt: '2020-01-01T00:00:00.000Z',
      };
      if (i % 3 === 0)
        record.authData = { lc_weapp: { openid: `o-${i}`, session_key: 'a2V5', ...(i % 2 === 0 ? { unionid: `u-${i}` } : {}) } };
      else if (i % 5 === 0) record.authData = { lc_alipay: { uid: `2088${i}` } };
      else Object.assign(record, { salt: `salt${i}`, password: Buffer.from(`hash-${i}`).toString('base64') });
      lines.push(JSON.stringify(record));
    }
    fs.writeFileSync(path.join(folder, `_User.${file}.jsonl`), `${lines.join('\n')}\n`);
  }
}

async function timeImport(folder: string, databaseUrl: string | undefined, dataDir: string) {
  const store = await openStore({ databaseUrl, dataDir });
  try {
    const started = process.hrtime.bigint();
    const first = await importLeanCloudExport(store, folder, { now: () => new Date() });
    const firstSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const again = process.hrtime.bigint();
    const second = await importLeanCloudExport(store, folder, { now: () => new Date() });
    const secondSeconds = Number(process.hrtime.bigint() - again) / 1e9;
    return { first, firstSeconds, second, secondSeconds };
  } finally {
    await store.close();
  }
}

/** `npm run import:leancloud` at size: a whole export, then the same export again (nothing to do). */
export async function benchLeanCloudImport(pgAdminUrl: string, users: number): Promise<Section> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'besties-lc-export-'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'besties-lc-pglite-'));
  const database = await createDatabaseOn(pgAdminUrl);
  try {
    writeExport(folder, users);
    const rows: Section['rows'] = [];
    for (const [engine, url] of [
      ['postgres', database.url],
      ['pglite', undefined],
    ] as const) {
      const r = await timeImport(folder, url, dataDir);
      rows.push({
        engine,
        users,
        'import (s)': r.firstSeconds.toFixed(1),
        'users/s': Math.round(users / r.firstSeconds),
        imported: r.first.imported,
        skipped: r.first.skipped,
        'again (s)': r.secondSeconds.toFixed(1),
        'imported again': r.second.imported,
        target: engine === 'postgres' ? '100,000 in < 60 s' : '—',
      });
    }
    return {
      title: 'Moving off LeanCloud — `npm run import:leancloud`',
      settings: `${users.toLocaleString('en')} synthetic _User records in ${Math.ceil(users / USERS_PER_FILE)} files (a third WeChat logins, half of those with a unionid; a fifth of the rest Alipay; the others passwords), batches of 1,000 users per transaction; then the same export again`,
      rows,
      notes: [],
    };
  } finally {
    await database.drop();
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
