import { createHash } from 'node:crypto';
import { newSessionToken } from '../../cloud/ids';
import { loadMigrations, migrate } from '../../cloud/store/migrate';
import { openPglite } from '../../cloud/store/pglite';
import { openPostgres } from '../../cloud/store/postgres';
import { findSessionUser, findUserByUsername, insertSession } from '../../cloud/store/users';
import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import { createTestDatabase, testEngine } from '../support/database';
import { initSdk, login, rawRequest, runAs, runAsMaster, sdkError } from '../support/sdk';
import { at, firstOf } from '../support/at';

let host: TestHost;
let AV: ReturnType<typeof initSdk>;
let mona: string;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function storedTokens(username: string): Promise<string[]> {
  const rows = await host.store.query<{ token: string }>(
    'select s.token from sessions s join users u on u.id = s.user_id where u.username = $1',
    [username],
  );
  return rows.map((r) => r.token);
}

async function lastImportAudit() {
  const { entries } = await runAsMaster('listAuditLog', { limit: 1 });
  const entry = at(entries, 0);
  expect(entry.action).toBe('user.import');
  return entry;
}

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock: fixedClock() });
  AV = initSdk(host);
  mona = await login('mona');
});
afterAll(async () => {
  await AV.User.logOut();
  await host.stop();
});

describe(`account and session security (${testEngine()})`, () => {
  it("lets a marketer's CSV import create shoppers only, never change an existing account", async () => {
    await runAsMaster('importUsers', {
      users: [{ username: 'sec_marketer2', password: 'marketer-pw', gender: 'female', taoqi: 10, roles: ['marketer'] }],
    });
    const aliceBefore = (await runAs(await login('alice'), 'me', {})).user;
    const csv = [
      'username,gender,taoqi,nickname,password',
      'alice,male,99999,Hacked,takeover1',
      'sec_new1,female,650,New One,newshopper1',
      'sec_marketer2,male,0,Owned,takeover2',
    ].join('\n');
    const report = await runAs(mona, 'importUsersCsv', { csv });
    expect(report.created).toBe(1);
    expect(report.updated).toBe(0);
    expect(report.rejected.map((r) => [r.row, r.username])).toEqual([
      [1, 'alice'],
      [3, 'sec_marketer2'],
    ]);
    for (const r of report.rejected) expect(r.reason).toContain('username 已存在');

    // Nothing about either existing account changed: not the password, nor the facts.
    expect((await sdkError(AV.User.logIn('alice', 'takeover1'))).code).toBe(210);
    const aliceAfter = (await runAs(await login('alice'), 'me', {})).user;
    expect(aliceAfter).toEqual(aliceBefore);
    expect((await sdkError(AV.User.logIn('sec_marketer2', 'takeover2'))).code).toBe(210);
    const marketer2 = (await runAs(await login('sec_marketer2', 'marketer-pw'), 'me', {})).user;
    expect(marketer2).toMatchObject({ gender: 'female', taoqi: 10, nickname: 'sec_marketer2', roles: ['marketer'] });

    // The new shopper exists with what the row said, and no role.
    const created = (await runAs(await login('sec_new1', 'newshopper1'), 'me', {})).user;
    expect(created).toMatchObject({ gender: 'female', taoqi: 650, nickname: 'New One', roles: [] });

    const audit = await lastImportAudit();
    expect(audit.actorName).toBe('mona');
    expect(audit.detail).toEqual({
      created: ['sec_new1'],
      updated: [],
      rejected: 2,
      before: {},
      after: { sec_new1: { gender: 'female', taoqi: 650, nickname: 'New One', roles: [] } },
    });
    expect(audit.viaMasterKey).toBe(false);
  });

  it('lets the master key change existing users, and names them in the audit log', async () => {
    const byCsv = await runAsMaster('importUsersCsv', { csv: 'username,gender,taoqi\nsec_new1,female,700\nsec_new2,male,5' });
    expect(byCsv).toMatchObject({ created: 1, updated: 1, rejected: [] });
    const byCsvAudit = await lastImportAudit();
    expect(byCsvAudit.detail).toEqual({
      created: ['sec_new2'],
      updated: ['sec_new1'],
      rejected: 0,
      before: { sec_new1: { gender: 'female', taoqi: 650, nickname: 'New One', roles: [] } },
      after: {
        sec_new1: { gender: 'female', taoqi: 700, nickname: 'New One', roles: [] },
        sec_new2: { gender: 'male', taoqi: 5, nickname: 'sec_new2', roles: [] },
      },
    });
    // The computed changes: the updated account's taoqi, and the new account field by field.
    expect(byCsvAudit.changes).toEqual([
      { path: 'sec_new1.taoqi', before: 650, after: 700 },
      { path: 'sec_new2.gender', before: null, after: 'male' },
      { path: 'sec_new2.nickname', before: null, after: 'sec_new2' },
      { path: 'sec_new2.roles', before: null, after: [] },
      { path: 'sec_new2.taoqi', before: null, after: 5 },
    ]);
    expect(byCsvAudit.viaMasterKey).toBe(true);

    const byJson = await runAsMaster('importUsers', {
      users: [
        { username: 'sec_new2', gender: 'male', taoqi: 6 },
        { username: 'sec_new3', gender: 'female', taoqi: 7 },
      ],
    });
    expect(byJson).toEqual({ created: 1, updated: 1 });
    const audit = await lastImportAudit();
    expect(audit.actorName).toBe('operator (master key)');
    expect(audit.viaMasterKey).toBe(true);
    expect(audit.detail).toEqual({
      created: ['sec_new3'],
      updated: ['sec_new2'],
      passwordsChanged: [],
      before: { sec_new2: { gender: 'male', taoqi: 5, nickname: 'sec_new2', roles: [] } },
      after: {
        sec_new2: { gender: 'male', taoqi: 6, nickname: 'sec_new2', roles: [] },
        sec_new3: { gender: 'female', taoqi: 7, nickname: 'sec_new3', roles: [] },
      },
    });
  });

  it('ends every session of a user whose password the master key changes (importUsers)', async () => {
    const first = await login('bella');
    const second = await login('bella');
    // Both answer (and sit in this host's session cache) before the change.
    await runAs(first, 'me', {});
    await runAs(second, 'me', {});
    const other = await login('cathy');

    await runAsMaster('importUsers', { users: [{ username: 'bella', password: 'brand-new-pw', gender: 'female', taoqi: 640 }] });
    expect((await sdkError(runAs(first, 'me', {}))).code).toBe(211);
    expect((await sdkError(runAs(second, 'me', {}))).code).toBe(211);
    expect(await storedTokens('bella')).toEqual([]);
    expect((await lastImportAudit()).detail).toMatchObject({ updated: ['bella'], passwordsChanged: ['bella'] });
    // Someone else's session is untouched; the old password is gone, the new one works.
    await expect(runAs(other, 'me', {})).resolves.toMatchObject({ user: { username: 'cathy' } });
    expect((await sdkError(AV.User.logIn('bella', 'demo1234'))).code).toBe(210);
    await expect(runAs(await login('bella', 'brand-new-pw'), 'me', {})).resolves.toMatchObject({ user: { username: 'bella' } });
  });

  it('ends every session on a password change through the CSV import with the master key, and only then', async () => {
    const token = await login('david');
    await runAs(token, 'me', {});
    // Facts without a password keep the sessions.
    await runAsMaster('importUsersCsv', { csv: 'username,gender,taoqi\ndavid,male,100' });
    await expect(runAs(token, 'me', {})).resolves.toMatchObject({ user: { username: 'david', taoqi: 100 } });

    await runAsMaster('importUsersCsv', { csv: 'username,gender,taoqi,password\ndavid,male,100,another-pw' });
    expect((await sdkError(runAs(token, 'me', {}))).code).toBe(211);
    expect((await lastImportAudit()).detail).toMatchObject({ updated: ['david'], passwordsChanged: ['david'] });
  });

  it('logs out on the server: the token answers 211 at once, other sessions stay', async () => {
    const phone = await login('emma');
    const laptop = await login('emma');
    await runAs(phone, 'me', {});
    await expect(runAs(phone, 'logout', {})).resolves.toEqual({ loggedOut: true });
    expect((await sdkError(runAs(phone, 'me', {}))).code).toBe(211);
    expect(await rawRequest(host, 'GET', '/1.1/users/me', { session: phone })).toMatchObject({ status: 400, body: { code: 211 } });
    // Logging out twice: the session is already gone.
    expect((await sdkError(runAs(phone, 'logout', {}))).code).toBe(211);
    await expect(runAs(laptop, 'me', {})).resolves.toMatchObject({ user: { username: 'emma' } });
    // Without a session (raw: the SDK would send its current user's).
    expect(await rawRequest(host, 'POST', '/1.1/functions/logout', { body: {} })).toMatchObject({ status: 401, body: { code: 206 } });
  });

  it('logs out everywhere: every session of the caller ends, nobody else’s', async () => {
    const tokens = [await login('fiona'), await login('fiona'), await login('fiona')];
    for (const token of tokens) await runAs(token, 'me', {});
    const other = await login('cathy');
    await expect(runAs(tokens[0], 'logoutEverywhere', {})).resolves.toEqual({ sessionsEnded: 3 });
    for (const token of tokens) expect((await sdkError(runAs(token, 'me', {}))).code).toBe(211);
    await expect(runAs(other, 'me', {})).resolves.toMatchObject({ user: { username: 'cathy' } });
  });

  it('logs out through the SDK the way the app does (Cloud.run logout, then User.logOut)', async () => {
    const user = await AV.User.logIn('alice', 'demo1234');
    const token = user.getSessionToken();
    await AV.Cloud.run('logout', {});
    await AV.User.logOut();
    expect(AV.User.current()).toBeNull();
    expect((await sdkError(AV.User.become(token))).code).toBe(211);
  });

  it('stores only the SHA-256 of a session token', async () => {
    const token = await login('cathy');
    const stored = await storedTokens('cathy');
    expect(stored).not.toContain(token);
    expect(stored).toContain(sha256(token));
    for (const value of stored) expect(value).toMatch(/^[0-9a-f]{64}$/);
    // The stored value itself logs nobody in.
    expect((await sdkError(runAs(sha256(token), 'me', {}))).code).toBe(211);
  });

  it('refuses a session for a login that checked a password since changed', async () => {
    const user = (await findUserByUsername(host.store, 'grace'))!;
    const now = host.clock.now();
    const expiresAt = new Date(now.getTime() + 3600_000);
    const stale = await insertSession(
      host.store,
      { token: newSessionToken(), userId: user.id, now, expiresAt, passwordHash: 'scrypt$old' },
      20,
    );
    expect(stale).toBe(false);
    const token = newSessionToken();
    const current = await insertSession(host.store, { token, userId: user.id, now, expiresAt, passwordHash: user.password_hash }, 20);
    expect(current).toBe(true);
    await expect(runAs(token, 'me', {})).resolves.toMatchObject({ user: { username: 'grace' } });
  });
});

describe(`migration 010 (${testEngine()})`, () => {
  it('hashes the sessions made before it in place, and they keep working', async () => {
    const database = await createTestDatabase();
    const store = database.databaseUrl ? await openPostgres(database.databaseUrl, 2) : await openPglite(undefined);
    try {
      const all = loadMigrations();
      await migrate(
        store,
        all.filter((m) => m.version < 10),
      );
      const now = new Date();
      await store.query(
        `insert into users (id, username, password_hash, nickname, gender, taoqi, roles, created_at, updated_at)
         values ('u-old-session', 'old_session', null, 'Old', 'female', 1, '{}', $1, $1)`,
        [now],
      );
      const token = newSessionToken();
      await store.query('insert into sessions (token, user_id, created_at, expires_at) values ($1, $2, $3, $4)', [
        token,
        'u-old-session',
        now,
        new Date(now.getTime() + 3600_000),
      ]);
      expect(await migrate(store, all)).toContain(10);
      const row = firstOf(await store.query<{ token: string }>('select token from sessions'));
      expect(row.token).toBe(sha256(token));
      expect((await findSessionUser(store, token, now))?.username).toBe('old_session');
    } finally {
      await store.close();
      await database.drop();
    }
  });
});
