import { authenticateApp, signRequest, SIGNATURE_MAX_SKEW_MS } from './appAuth';

const keys = { appId: 'app', appKey: 'key', masterKey: 'master' };
const now = 1_763_000_000_000;

function expect401(fn: () => unknown) {
  expect(fn).toThrow(expect.objectContaining({ code: 401, status: 401, message: 'Unauthorized.' }));
}

describe('app signature and master key', () => {
  it('accepts a signature made with the app key', () => {
    expect(authenticateApp({ id: 'app', sign: signRequest('key', now) }, keys, now)).toEqual({ isMaster: false });
  });

  it('accepts a master signature only when made with the master key', () => {
    expect(authenticateApp({ id: 'app', sign: signRequest('master', now, true) }, keys, now)).toEqual({ isMaster: true });
    expect401(() => authenticateApp({ id: 'app', sign: signRequest('key', now, true) }, keys, now));
    expect401(() => authenticateApp({ id: 'app', sign: signRequest('master', now) }, keys, now));
  });

  it('accepts plain keys in X-LC-Key', () => {
    expect(authenticateApp({ id: 'app', key: 'key' }, keys, now)).toEqual({ isMaster: false });
    expect(authenticateApp({ id: 'app', key: 'master,master' }, keys, now)).toEqual({ isMaster: true });
    expect401(() => authenticateApp({ id: 'app', key: 'master' }, keys, now));
    expect401(() => authenticateApp({ id: 'app', key: 'key,master' }, keys, now));
  });

  it('rejects a wrong app id, a missing credential and malformed signatures', () => {
    expect401(() => authenticateApp({ id: 'other', sign: signRequest('key', now) }, keys, now));
    expect401(() => authenticateApp({ sign: signRequest('key', now) }, keys, now));
    expect401(() => authenticateApp({ id: 'app' }, keys, now));
    expect401(() => authenticateApp({ id: 'app', sign: 'deadbeef' }, keys, now));
    expect401(() => authenticateApp({ id: 'app', sign: `${signRequest('key', now)},extra` }, keys, now));
    expect401(() => authenticateApp({ id: 'app', sign: signRequest('key', now).replace(/^./, '0') + '0' }, keys, now));
  });

  it('rejects a signature whose timestamp is too far from now', () => {
    const old = now - SIGNATURE_MAX_SKEW_MS - 1;
    expect401(() => authenticateApp({ id: 'app', sign: signRequest('key', old) }, keys, now));
  });
});
