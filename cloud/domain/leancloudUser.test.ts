import { exportLineKind, parseLeanCloudUser } from './leancloudUser';

const base = {
  objectId: '5f1a2b3c4d5e6f7a8b9c0d1e',
  username: 'xiaomei',
  createdAt: '2024-03-01T08:00:00.000Z',
  updatedAt: '2024-05-01T08:00:00.000Z',
};

function parsed(record: unknown) {
  const result = parseLeanCloudUser(record);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.user;
}

describe('a LeanCloud _User export record', () => {
  it('keeps the objectId, username, dates and password hash', () => {
    const user = parsed({ ...base, salt: 'abc', password: 'ZGlnZXN0' });
    expect(user).toMatchObject({
      objectId: base.objectId,
      username: 'xiaomei',
      nickname: 'xiaomei',
      passwordHash: 'leancloud$abc$ZGlnZXN0',
      gender: 'unknown',
      taoqi: 0,
      weappOpenId: null,
      weappUnionId: null,
      alipayUid: null,
      notes: [],
    });
    expect(user.createdAt.toISOString()).toBe(base.createdAt);
    expect(user.updatedAt.toISOString()).toBe(base.updatedAt);
  });

  it('reads dates in the object form too', () => {
    const user = parsed({ ...base, createdAt: { __type: 'Date', iso: '2023-01-02T03:04:05.000Z' }, updatedAt: undefined });
    expect(user.createdAt.toISOString()).toBe('2023-01-02T03:04:05.000Z');
    expect(user.updatedAt.toISOString()).toBe('2023-01-02T03:04:05.000Z');
  });

  it('finds the openid and the unionid wherever LeanCloud kept them', () => {
    const openid = 'oAbc123';
    expect(parsed({ ...base, authData: { lc_weapp: { openid, session_key: 'k', unionid: 'u1' } } })).toMatchObject({
      weappOpenId: openid,
      weappUnionId: 'u1',
    });
    expect(parsed({ ...base, authData: { lc_weapp: { openid }, lc_weapp_union: { uid: 'u2', platform: 'weixin' } } })).toMatchObject({
      weappUnionId: 'u2',
    });
    expect(parsed({ ...base, authData: { lc_weapp_union: { unionid: 'u3' } } })).toMatchObject({ weappOpenId: null, weappUnionId: 'u3' });
    expect(parsed({ ...base, authData: { _weixin_unionid: { uid: 'u4' } } })).toMatchObject({ weappUnionId: 'u4' });
    expect(parsed({ ...base, _weixin_unionid: 'u5' })).toMatchObject({ weappUnionId: 'u5' });
    expect(parsed({ ...base, authData: { lc_alipay: { uid: '2088001' } } })).toMatchObject({ alipayUid: '2088001' });
  });

  it('reads custom profile fields as apps stored them', () => {
    expect(
      parsed({ ...base, nickName: '小美', avatar: { __type: 'File', url: 'https://files.example/a.png' }, gender: 2, taoqi: 720 }),
    ).toMatchObject({
      nickname: '小美',
      avatarUrl: 'https://files.example/a.png',
      gender: 'female',
      taoqi: 720,
    });
    expect(parsed({ ...base, gender: '男' }).gender).toBe('male');
    expect(parsed({ ...base, avatarUrl: 'javascript:alert(1)' }).avatarUrl).toBe('');
  });

  it('notes what it had to adjust', () => {
    const user = parsed({ ...base, nickname: '很'.repeat(40), taoqi: -5 });
    expect([...user.nickname]).toHaveLength(30);
    expect(user.taoqi).toBe(0);
    expect(user.notes).toEqual(['nickname shortened to 30 characters', 'taoqi ignored (not a whole number 0-100000)']);
  });

  it.each([
    [null, 'not a JSON object'],
    [{ ...base, objectId: 'short' }, 'objectId must be 24 lowercase hex characters'],
    [{ ...base, username: '' }, 'username is missing'],
    [{ ...base, username: 'a\u0000b' }, 'username contains control characters'],
    [{ ...base, username: 'x'.repeat(65) }, 'username is longer than 64 characters'],
    [{ ...base, salt: 'abc' }, 'password and salt must come together'],
    [{ ...base, salt: 'a$b', password: 'AAAA' }, 'salt has characters LeanCloud never writes'],
    [{ ...base, salt: 'abc', password: 'not base64!' }, 'password is not a base64 LeanCloud hash'],
    [{ ...base, createdAt: '9999-12-31T00:00:00Z' }, 'createdAt is missing or not a date'],
  ])('refuses %j: %s', (record, reason) => {
    const result = parseLeanCloudUser(record);
    expect(result).toMatchObject({ ok: false, reason });
  });

  it('skips blank lines and # header lines', () => {
    expect(exportLineKind('# _User export 2026-12-01')).toBe('skip');
    expect(exportLineKind('   ')).toBe('skip');
    expect(exportLineKind('{"objectId":"x"}')).toBe('record');
  });
});
