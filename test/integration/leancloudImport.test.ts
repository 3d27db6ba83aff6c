import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { importLeanCloudExport } from '../../cloud/leancloudImport';
import { createTestDatabase, testEngine } from '../support/database';
import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, rawRequest, runAs, sdkError } from '../support/sdk';

const FIXTURE = path.resolve(__dirname, '../fixtures/leancloud-export');
const MEIMEI = '5c0e3f2a9f545400670a0001';
const WEAPP_USER = '5c0e3f2a9f545400670a0002';
const UNION_ONLY = '5c0e3f2a9f545400670a0003';
const LEGACY_UNION = '5c0e3f2a9f545400670a0004';
const ALIPAY_USER = '5c0e3f2a9f545400670a0005';
const DAMING = '5c0e3f2a9f545400670a0006';

let host: TestHost;
let AV: ReturnType<typeof initSdk>;
// The import and the host read one clock, which stands still unless a test moves it.
const clock = fixedClock('2026-12-05T08:00:00Z');
const now = () => clock.now();

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock });
  AV = initSdk(host);
});
afterAll(async () => {
  await AV.User.logOut();
  await host.stop();
});

async function storedHash(userId: string): Promise<string | null> {
  const [row] = await host.store.query<{ password_hash: string | null }>('select password_hash from users where id = $1', [userId]);
  return row ? row.password_hash : null;
}

async function passwordLogin(username: string, password: string) {
  return rawRequest(host, 'POST', '/1.1/login', { body: { username, password } });
}

async function authDataLogin(authData: Record<string, unknown>) {
  return rawRequest(host, 'POST', '/1.1/users', { body: { authData } });
}

describe(`moving users off LeanCloud (${testEngine()})`, () => {
  it('imports every good record of the export and reports each bad line with its reason', async () => {
    const report = await importLeanCloudExport(host.store, FIXTURE, { now });
    expect(report.files).toEqual(['_User.0.jsonl', '_User.1.jsonl']);
    expect(report).toMatchObject({ records: 11, imported: 6, updated: 0, unchanged: 0, skipped: 5 });
    expect(report.skippedLines.map((s) => [s.file, s.line, s.reason])).toEqual([
      ['_User.0.jsonl', 8, 'not valid JSON'],
      ['_User.0.jsonl', 9, 'objectId must be 24 lowercase hex characters'],
      ['_User.1.jsonl', 4, 'this objectId appears on an earlier line'],
      ['_User.1.jsonl', 6, 'password and salt must come together'],
      // Refused by the store when its batch is written, so listed after the lines refused on reading.
      ['_User.1.jsonl', 5, expect.stringMatching(/^username alice belongs to another account \([0-9a-f]{24}\)$/)],
    ]);
    expect(report.noted).toEqual([
      expect.objectContaining({ objectId: ALIPAY_USER, reason: 'nickname shortened to 30 characters' }),
      expect.objectContaining({ objectId: DAMING, reason: 'taoqi ignored (not a whole number 0-100000)' }),
    ]);
    const [alice] = await host.store.query<{ id: string }>("select id from users where username = 'alice'");
    expect(alice!.id).not.toBe('5c0e3f2a9f545400670a0007');
  });

  it('keeps objectIds, profiles and server facts as the export had them', async () => {
    const rows = await host.store.query<{
      id: string;
      username: string;
      nickname: string;
      avatar_url: string;
      gender: string;
      taoqi: number;
      roles: string[];
      created_at: Date;
    }>('select id, username, nickname, avatar_url, gender, taoqi, roles, created_at from users where id = any($1::text[]) order by id', [
      [MEIMEI, ALIPAY_USER],
    ]);
    expect(rows).toEqual([
      {
        id: MEIMEI,
        username: 'lc_meimei',
        nickname: '美美',
        avatar_url: 'https://lc-files.example.com/a.png',
        gender: 'female',
        taoqi: 680,
        roles: [],
        created_at: new Date('2018-10-20T08:00:00.000Z'),
      },
      expect.objectContaining({ id: ALIPAY_USER, gender: 'male', avatar_url: 'https://tfs.alipayobjects.com/images/x.png' }),
    ]);
    expect([...rows[1]!.nickname]).toHaveLength(30);
  });

  it('lets old passwords log in, then re-hashes them with the host scheme', async () => {
    expect(await storedHash(MEIMEI)).toMatch(/^leancloud\$/);
    const wrong = await passwordLogin('lc_meimei', 'Password');
    expect(wrong).toMatchObject({ status: 400, body: { code: 210 } });
    const first = await passwordLogin('lc_meimei', 'password');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ objectId: MEIMEI, username: 'lc_meimei', nickname: '美美', gender: 'female', taoqi: 680 });
    expect(await storedHash(MEIMEI)).toMatch(/^scrypt\$/);
    const again = await passwordLogin('lc_meimei', 'password');
    expect(again).toMatchObject({ status: 200, body: { objectId: MEIMEI } });
    const me = await runAs(again.body.sessionToken, 'me', {});
    expect(me).toMatchObject({ user: { objectId: MEIMEI }, canCreateGroup: true });
    const daming = await passwordLogin('lc_daming', 'daming-pass-1');
    expect(daming).toMatchObject({ status: 200, body: { objectId: DAMING, taoqi: 0 } });
  });

  it('lands WeChat logins on the same account by openid, or by unionid under another openid', async () => {
    host.fakeWeixin.register('code-openid', 'oLC-openid-0002');
    const byOpenId = await authDataLogin({ lc_weapp: { code: 'code-openid' } });
    expect(byOpenId).toMatchObject({ status: 200, body: { objectId: WEAPP_USER } });

    host.fakeWeixin.register('code-union', 'oNew-openid-0003', 'oUnion-0003');
    const byUnion = await authDataLogin({ lc_weapp: { code: 'code-union' } });
    expect(byUnion).toMatchObject({ status: 200, body: { objectId: UNION_ONLY } });
    // The new openid is linked now: a later login without a unionid finds the account too.
    host.fakeWeixin.register('code-union-again', 'oNew-openid-0003');
    await expect(authDataLogin({ lc_weapp: { code: 'code-union-again' } })).resolves.toMatchObject({
      status: 200,
      body: { objectId: UNION_ONLY },
    });

    host.fakeWeixin.register('code-legacy', 'oOther-openid-0004', 'oUnion-0004');
    await expect(authDataLogin({ lc_weapp: { code: 'code-legacy' } })).resolves.toMatchObject({
      status: 200,
      body: { objectId: LEGACY_UNION },
    });
  });

  it('lands Alipay logins on the same account', async () => {
    host.fakeAlipay.register('ali-code', '2088000000000005');
    const response = await authDataLogin({ lc_alipay: { code: 'ali-code' } });
    expect(response).toMatchObject({ status: 200, body: { objectId: ALIPAY_USER, gender: 'male' } });
  });

  it('imports nothing twice, and never undoes a re-hash or a later profile change', async () => {
    const before = await host.store.query('select id, username, nickname, password_hash, updated_at from users order by id');
    const identitiesBefore = await host.store.query('select * from auth_identities order by provider, provider_uid');
    const report = await importLeanCloudExport(host.store, FIXTURE, { now });
    expect(report).toMatchObject({ records: 11, imported: 0, updated: 0, unchanged: 6, skipped: 5 });
    expect(await host.store.query('select id, username, nickname, password_hash, updated_at from users order by id')).toEqual(before);
    expect(await host.store.query('select * from auth_identities order by provider, provider_uid')).toEqual(identitiesBefore);
    expect(await storedHash(MEIMEI)).toMatch(/^scrypt\$/);
  });

  it('takes a newer export of a record, keeping a password set here', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-export-'));
    try {
      const line = fs
        .readFileSync(path.join(FIXTURE, '_User.0.jsonl'), 'utf8')
        .split('\n')
        .find((l) => l.includes(MEIMEI))!;
      const newer = { ...JSON.parse(line), nickName: '美美2027', updatedAt: '2026-12-04T00:00:00.000Z' };
      fs.writeFileSync(path.join(folder, '_User.jsonl'), `${JSON.stringify(newer)}\n`);
      const report = await importLeanCloudExport(host.store, folder, { now });
      expect(report).toMatchObject({ records: 1, imported: 0, updated: 1, unchanged: 0, skipped: 0 });
      const [row] = await host.store.query<{ nickname: string; password_hash: string }>(
        'select nickname, password_hash from users where id = $1',
        [MEIMEI],
      );
      expect(row!.nickname).toBe('美美2027');
      expect(row!.password_hash).toMatch(/^scrypt\$/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a folder without _User files with a message that says what to export', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-empty-'));
    try {
      await expect(importLeanCloudExport(host.store, folder, { now })).rejects.toThrow(/no _User\*\.jsonl files/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a refused password login of an imported user answers like any other', async () => {
    const error = await sdkError(AV.User.logIn('lc_daming', 'wrong-password'));
    expect(error.code).toBe(210);
  });
});

describe(`npm run import:leancloud (${testEngine()})`, () => {
  it('imports the export into the configured database and prints the report', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-import-db-'));
    const database = await createTestDatabase();
    try {
      const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: database.databaseUrl ?? '' };
      const run = () =>
        promisify(execFile)('npm', ['run', '--silent', 'import:leancloud', '--', FIXTURE], { env, cwd: path.resolve(__dirname, '../..') });
      const first = await run();
      // A database without the demo users: alice's record is imported too.
      expect(first.stdout).toContain('imported:  7');
      expect(first.stdout).toContain('skipped:   4');
      expect(first.stdout).toContain('_User.0.jsonl:8 -: not valid JSON');
      expect(first.stdout).toContain('_User.1.jsonl:2 5c0e3f2a9f545400670a0005: nickname shortened to 30 characters');
      const second = await run();
      expect(second.stdout).toContain('imported:  0');
      expect(second.stdout).toContain('unchanged: 7 (already here)');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  }, 120_000);
});
