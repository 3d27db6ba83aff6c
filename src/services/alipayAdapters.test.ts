import { alipayAdapters } from './alipayAdapters';

/** A minimal `my` with Alipay's shapes: headers/status on request, {key, data} storage. */
function installMy() {
  const store = new Map<string, unknown>();
  const calls: any[] = [];
  const my = {
    request: jest.fn((options: any) => {
      calls.push(options);
      const reply = (globalThis as any).__nextReply;
      setTimeout(() => (reply.fail ? options.fail(reply.fail) : options.success(reply.success)), 0);
      return { abort: jest.fn() };
    }),
    getStorageSync: ({ key }: { key: string }) => ({ data: store.get(key) }),
    setStorageSync: ({ key, data }: { key: string; data: unknown }) => void store.set(key, data),
    removeStorageSync: ({ key }: { key: string }) => void store.delete(key),
    clearStorageSync: () => store.clear(),
    getAuthCode: jest.fn((options: any) => setTimeout(() => options.success({ authCode: 'alipay-code-1' }), 0)),
  };
  (globalThis as any).my = my;
  return { my, calls, store };
}

const reply = (value: { success?: unknown; fail?: unknown }) => {
  (globalThis as any).__nextReply = value;
};

afterEach(() => {
  delete (globalThis as any).my;
  delete (globalThis as any).__nextReply;
});

describe('alipay adapters for leancloud-storage', () => {
  it('sends requests with Alipay option names and maps the answer', async () => {
    const { calls } = installMy();
    reply({ success: { status: 200, headers: { 'content-type': 'application/json' }, data: { result: 1 } } });
    const response = await alipayAdapters.request('http://h/1.1/functions/me', {
      method: 'POST',
      headers: { 'X-LC-Id': 'app' },
      data: { a: '1' },
    });
    expect(calls[0]).toMatchObject({ url: 'http://h/1.1/functions/me', method: 'POST', headers: { 'X-LC-Id': 'app' }, data: { a: '1' } });
    expect(response).toEqual({ ok: true, status: 200, headers: { 'content-type': 'application/json' }, data: { result: 1 } });
  });

  it('hands HTTP error answers to the SDK as responses, so it can read {code, error}', async () => {
    installMy();
    reply({ fail: { error: 19, status: 409, data: { code: 4002, error: '群已满' } } });
    const response = await alipayAdapters.request('http://h/1.1/functions/joinGroup', { method: 'POST' });
    expect(response).toMatchObject({ ok: false, status: 409, data: { code: 4002, error: '群已满' } });
  });

  it('rejects when the request never got an answer', async () => {
    installMy();
    reply({ fail: { error: 12, errorMessage: '网络出错' } });
    await expect(alipayAdapters.request('http://h/1.1/date')).rejects.toThrow('网络出错');
  });

  it('stores strings with the {key, data} storage API', () => {
    const { store } = installMy();
    const storage = alipayAdapters.storage as {
      getItem(k: string): string | null;
      setItem(k: string, v: string): void;
      removeItem(k: string): void;
    };
    expect(storage.getItem('session')).toBeNull();
    storage.setItem('session', 'token');
    expect(store.get('session')).toBe('token');
    expect(storage.getItem('session')).toBe('token');
    storage.removeItem('session');
    expect(storage.getItem('session')).toBeNull();
  });

  it('logs in silently with an auth_base code as lc_alipay', async () => {
    const { my } = installMy();
    await expect(alipayAdapters.getAuthInfo()).resolves.toEqual({
      authData: { code: 'alipay-code-1' },
      platform: 'alipay',
      provider: 'lc_alipay',
    });
    expect(my.getAuthCode.mock.calls[0]?.[0].scopes).toBe('auth_base');
    expect(alipayAdapters.platformInfo.name).toBe('alipay');
  });
});
