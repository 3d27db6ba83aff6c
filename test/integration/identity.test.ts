import { signRequest } from '../../cloud/host/appAuth';
import { sessionTokenHash } from '../../cloud/store/users';
import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import { testEngine } from '../support/database';
import { initSdk, login, rawRequest, runAs, runAsMaster, sdkError } from '../support/sdk';
import { at } from '../support/at';

let host: TestHost;
let AV: ReturnType<typeof initSdk>;

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock: fixedClock() });
  AV = initSdk(host);
});
afterAll(async () => {
  await AV.User.logOut();
  await host.stop();
});

describe(`identity through the real SDK (${testEngine()})`, () => {
  it('logs in with the right password and rejects a wrong one with 210', async () => {
    const user = await AV.User.logIn('alice', 'demo1234');
    expect(user.getSessionToken()).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(user.get('username')).toBe('alice');
    expect(user.get('gender')).toBe('female');
    expect(user.get('taoqi')).toBe(820);
    const wrong = await sdkError(AV.User.logIn('alice', 'nope'));
    expect(wrong.code).toBe(210);
    expect(wrong.message).toContain('用户名和密码不匹配');
    const unknown = await sdkError(AV.User.logIn('nobody-here', 'demo1234'));
    expect(unknown.code).toBe(210);
  });

  it('becomes a user from a session token, and users/me answers with the token', async () => {
    const token = await login('bella');
    await AV.User.logOut();
    const user = await AV.User.become(token);
    expect(user.get('username')).toBe('bella');
    expect(user.getSessionToken()).toBe(token);
    const me = await rawRequest(host, 'GET', '/1.1/users/me', { session: token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'bella', sessionToken: token, taoqi: 640, roles: [] });
    expect(Object.keys(me.body).sort()).toEqual(
      ['avatarUrl', 'createdAt', 'gender', 'nickname', 'objectId', 'roles', 'sessionToken', 'taoqi', 'updatedAt', 'username'].sort(),
    );
  });

  it('rejects a bad session token with 211 (users/me 400, functions 401)', async () => {
    const becomeError = await sdkError(AV.User.become('not-a-real-token'));
    expect(becomeError.code).toBe(211);
    const me = await rawRequest(host, 'GET', '/1.1/users/me', { session: 'not-a-real-token' });
    expect(me).toMatchObject({ status: 400, body: { code: 211 } });
    const fn = await rawRequest(host, 'POST', '/1.1/functions/me', { session: 'not-a-real-token', body: {} });
    expect(fn).toMatchObject({ status: 401, body: { code: 211 } });
  });

  it('runs me for a logged-in user and tells why she may not create a group', async () => {
    const cathy = await login('cathy');
    const result = await runAs(cathy, 'me', {});
    expect(result.user).toMatchObject({ username: 'cathy', gender: 'female', taoqi: 560 });
    expect(result.canCreateGroup).toBe(false);
    expect(result.createBlockedReason).toContain('600');
    expect(result.createBlockedReason).toContain('560');
    const alice = await login('alice');
    await expect(runAs(alice, 'me', {})).resolves.toMatchObject({ canCreateGroup: true });
    expect((await runAs(alice, 'me', {})).createBlockedReason).toBeUndefined();
  });

  it('asks for a login (206) when a user function is called anonymously', async () => {
    await AV.User.logOut();
    const error = await sdkError(AV.Cloud.run('me', {}));
    expect(error.code).toBe(206);
  });

  it('rejects a bad signature, a wrong app id and a missing key with 401', async () => {
    const now = host.clock.now().getTime();
    const badSign = await rawRequest(host, 'POST', '/1.1/functions/ping', {
      body: {},
      headers: { 'x-lc-sign': signRequest('wrong-key', now) },
    });
    expect(badSign).toMatchObject({ status: 401, body: { code: 401, error: 'Unauthorized.' } });
    const badId = await rawRequest(host, 'POST', '/1.1/functions/ping', { body: {}, headers: { 'x-lc-id': 'other-app' } });
    expect(badId.status).toBe(401);
    const response = await fetch(`${host.url}/1.1/functions/ping`, { method: 'POST', headers: { 'x-lc-id': host.appId } });
    expect(response.status).toBe(401);
  });

  it('refuses a master-only function without the master key (119) and runs it with it', async () => {
    const token = await login('alice');
    const users = [{ username: 'zoe', gender: 'female' as const, taoqi: 610, password: 'zoe-secret' }];
    const error = await sdkError(runAs(token, 'importUsers', { users }));
    expect(error.code).toBe(119);
    await expect(runAsMaster('importUsers', { users })).resolves.toEqual({ created: 1, updated: 0 });
    await expect(runAsMaster('importUsers', { users: [{ ...at(users, 0), taoqi: 590 }] })).resolves.toEqual({ created: 0, updated: 1 });
    const zoe = await login('zoe', 'zoe-secret');
    await expect(runAs(zoe, 'me', {})).resolves.toMatchObject({ user: { taoqi: 590 }, canCreateGroup: false });
  });

  it('answers an unknown function with 101', async () => {
    const error = await sdkError(AV.Cloud.run('noSuchFunction', {}));
    expect(error.code).toBe(101);
    expect(error.message).toContain('noSuchFunction');
  });

  it('rejects invalid params with 142 and names the field', async () => {
    const error = await sdkError(runAsMaster('importUsers', { users: [{ username: 'x', gender: 'female', taoqi: -1 }] }));
    expect(error.code).toBe(142);
    expect(error.message).toContain('users.0.username');
    expect(error.message).toContain('users.0.taoqi');
    const unknownField = await sdkError(AV.Cloud.run('ping', { extra: 1 }));
    expect(unknownField.code).toBe(142);
    expect(unknownField.message).toContain('extra');
    const badJson = await rawRequest(host, 'POST', '/1.1/functions/ping', { body: '{not json' });
    expect(badJson).toMatchObject({ status: 400, body: { code: 142 } });
  });

  it('logs in even when a stale session header is sent along', async () => {
    const response = await rawRequest(host, 'POST', '/1.1/login', {
      body: { username: 'david', password: 'demo1234' },
      session: 'stale-token-from-an-old-install',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ username: 'david', gender: 'male' });
    expect(typeof response.body.sessionToken).toBe('string');
  });

  it('logs in through WeChat: 201 for a new user, 200 after, 211 with failOnNotExist for a stranger', async () => {
    host.fakeWeixin.register('code-new-1', 'openid-amy');
    const created = await rawRequest(host, 'POST', '/1.1/users', { body: { authData: { lc_weapp: { code: 'code-new-1' } } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ nickname: '微信用户', gender: 'unknown', taoqi: 0 });
    host.fakeWeixin.register('code-new-2', 'openid-amy');
    const again = await rawRequest(host, 'POST', '/1.1/users', { body: { authData: { lc_weapp: { code: 'code-new-2' } } } });
    expect(again.status).toBe(200);
    expect(again.body.objectId).toBe(created.body.objectId);
    expect(again.body.sessionToken).not.toBe(created.body.sessionToken);

    host.fakeWeixin.register('code-stranger', 'openid-stranger');
    const stranger = await rawRequest(host, 'POST', '/1.1/users?failOnNotExist=true', {
      body: { authData: { lc_weapp: { code: 'code-stranger' } } },
    });
    expect(stranger.body.code).toBe(211);

    const reused = await rawRequest(host, 'POST', '/1.1/users', { body: { authData: { lc_weapp: { code: 'code-new-1' } } } });
    expect(reused).toMatchObject({ status: 400, body: { code: 142 } });
    expect(reused.body.error).toContain('40163');
  });

  it('logs in through WeChat with the SDK (loginWithAuthData), the way the mini-program does', async () => {
    host.fakeWeixin.register('sdk-code-1', 'openid-sdk-user');
    const user = await AV.User.loginWithAuthData({ code: 'sdk-code-1' } as never, 'lc_weapp');
    expect(user.get('nickname')).toBe('微信用户');
    const me = await runAs(user.getSessionToken(), 'me', {});
    expect(me.user.objectId).toBe(user.id);
    host.fakeWeixin.register('sdk-code-2', 'openid-nobody');
    const error = await sdkError(AV.User.loginWithAuthData({ code: 'sdk-code-2' } as never, 'lc_weapp', { failOnNotExist: true }));
    expect(error.code).toBe(211);
  });

  it('logs in through Alipay with a signed gateway exchange', async () => {
    host.fakeAlipay.register('ali-code-1', '2088000000000001');
    const first = await rawRequest(host, 'POST', '/1.1/users', { body: { authData: { lc_alipay: { code: 'ali-code-1' } } } });
    expect(first.status).toBe(201);
    expect(first.body.nickname).toBe('支付宝用户');
    host.fakeAlipay.register('ali-code-2', '2088000000000001');
    const second = await rawRequest(host, 'POST', '/1.1/users', { body: { authData: { lc_alipay: { code: 'ali-code-2' } } } });
    expect(second.status).toBe(200);
    expect(second.body.objectId).toBe(first.body.objectId);
    const bad = await rawRequest(host, 'POST', '/1.1/users', { body: { authData: { lc_alipay: { code: 'never-issued' } } } });
    expect(bad.body).toMatchObject({ code: 142 });
    expect(bad.body.error).toContain('isv.code-invalid');
  });

  it('lets a user change her own nickname and avatar, and nothing else', async () => {
    const user = await AV.User.logIn('emma', 'demo1234');
    user.set('nickname', '艾玛 Emma');
    await user.save();
    const me = await runAs(user.getSessionToken(), 'me', {});
    expect(me.user.nickname).toBe('艾玛 Emma');

    user.set('taoqi', 9999);
    const error = await sdkError(user.save());
    expect(error.code).toBe(119);
    const other = await rawRequest(host, 'PUT', `/1.1/classes/_User/${'0'.repeat(24)}`, {
      body: { nickname: 'x' },
      session: user.getSessionToken(),
    });
    expect(other).toMatchObject({ status: 403, body: { code: 119 } });
    const after = await runAs(user.getSessionToken(), 'me', {});
    expect(after.user.taoqi).toBe(700);
  });

  it('saves a trimmed nickname of 1 to 20 characters and an avatar picture chosen on the phone, and refuses anything else', async () => {
    const user = await AV.User.logIn('ivy', 'demo1234');
    const picture = `data:image/png;base64,${Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]), Buffer.alloc(600, 7)]).toString('base64')}`;
    user.set('nickname', '  艾薇  ');
    user.set('avatarUrl', picture);
    await user.save();
    const me = await runAs(user.getSessionToken(), 'me', {});
    expect(me.user).toMatchObject({ nickname: '艾薇', avatarUrl: picture });

    const refusals: [Record<string, unknown>, RegExp][] = [
      [{ nickname: '   ' }, /nickname cannot be blank/],
      [{ nickname: '闺'.repeat(21) }, /nickname must be at most 20 characters/],
      [
        { avatarUrl: `data:image/svg+xml;base64,${Buffer.from('<svg onload="alert(1)"/>').toString('base64')}` },
        /avatarUrl must be a data:image/,
      ],
      [
        { avatarUrl: `data:image/jpeg;base64,${Buffer.from('<html>not a picture</html>').toString('base64')}` },
        /avatarUrl is not a jpeg picture/,
      ],
      [
        {
          avatarUrl: `data:image/png;base64,${Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(30_000)]).toString('base64')}`,
        },
        /at most 24000/,
      ],
      [{ avatarUrl: 'javascript:alert(1)' }, /http\(s\) URL or a data/],
    ];
    for (const [body, message] of refusals) {
      const answer = await rawRequest(host, 'PUT', `/1.1/classes/_User/${user.id}`, { body, session: user.getSessionToken() });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe(142);
      expect(answer.body.error).toMatch(message);
    }
    const after = await runAs(user.getSessionToken(), 'me', {});
    expect(after.user).toMatchObject({ nickname: '艾薇', avatarUrl: picture });
  });

  it('keeps the server consistent across logOut: the old token still identifies its user until it expires', async () => {
    const user = await AV.User.logIn('fiona', 'demo1234');
    const token = user.getSessionToken();
    await AV.User.logOut();
    expect(await AV.User.currentAsync()).toBeNull();
    // logOut sends nothing to the server (the SDK's design): the session stays valid server-side.
    await expect(runAs(token, 'me', {})).resolves.toMatchObject({ user: { username: 'fiona' } });
    const next = await AV.User.logIn('fiona', 'demo1234');
    expect(next.getSessionToken()).not.toBe(token);
  });

  it('answers the date, CORS preflight and the typed rpc endpoint', async () => {
    const date = await AV.Cloud.getServerDate();
    expect(Math.abs(date.getTime() - host.clock.now().getTime())).toBeLessThan(60_000);
    const preflight = await fetch(`${host.url}/1.1/functions/me`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:10086',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-lc-id,x-lc-sign,x-lc-ua,x-lc-session',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:10086');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-lc-session');
    const rpc = await AV.Cloud.rpc('ping', {});
    expect(rpc).toMatchObject({ pong: true });
  });

  it('slows password guessing down with 429 (the back-off itself: hostDefences.test.ts)', async () => {
    for (let i = 0; i < 5; i++) expect((await sdkError(AV.User.logIn('grace', `wrong-${i}`))).code).toBe(210);
    const limited = await sdkError(AV.User.logIn('grace', 'demo1234'));
    expect(limited.code).toBe(429);
    expect(limited.message).toContain('秒后再试');
  });

  it('expires sessions after their lifetime', async () => {
    const token = await login('hannah');
    // The table holds the token's SHA-256, not the token.
    const expiredAt = new Date(host.clock.now().getTime() - 1000);
    await host.store.query(`update sessions set expires_at = $2 where token = $1`, [sessionTokenHash(token), expiredAt]);
    host.host.deps.sessions.clear();
    expect((await sdkError(runAs(token, 'me', {}))).code).toBe(211);
  });
});
