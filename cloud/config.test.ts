import { LOCAL_DEFAULTS, parseTrustProxy, productionProblems, readConfig, readPaymentSettings } from './config';

const REAL = { APP_KEY: 'k'.repeat(24), MASTER_KEY: 'm'.repeat(24), HOOK_SECRET: 'h'.repeat(24) };
const PRODUCTION = { NODE_ENV: 'production' as const, ...REAL };

describe('production mode', () => {
  it('starts with real secrets and demo mode off', () => {
    expect(productionProblems(PRODUCTION)).toEqual([]);
    expect(readConfig(PRODUCTION).production).toBe(true);
  });

  it.each([
    ['APP_KEY', undefined, 'APP_KEY is not set'],
    ['MASTER_KEY', '', 'MASTER_KEY is not set'],
    ['MASTER_KEY', LOCAL_DEFAULTS.MASTER_KEY, 'MASTER_KEY is the local default'],
    ['HOOK_SECRET', LOCAL_DEFAULTS.HOOK_SECRET, 'HOOK_SECRET is the local default'],
    ['APP_KEY', LOCAL_DEFAULTS.APP_KEY, 'APP_KEY is the local default'],
    ['HOOK_SECRET', 'short-secret', 'HOOK_SECRET is shorter than 16 characters'],
  ])('refuses %s=%p, naming the setting', (name, value, message) => {
    const env = { ...PRODUCTION, [name]: value };
    expect(productionProblems(env)).toEqual([message]);
    expect(() => readConfig(env)).toThrow(message);
  });

  it('refuses demo mode', () => {
    expect(() => readConfig({ ...PRODUCTION, DEMO: '1' })).toThrow('DEMO=1');
  });

  it('leaves development alone', () => {
    expect(productionProblems({})).toEqual([]);
    expect(readConfig({ DEMO: '1' }).production).toBe(false);
  });
});

describe('network settings', () => {
  it('trusts X-Forwarded-For only when TRUST_PROXY says so', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.1')).toEqual(['10.0.0.0/8', '127.0.0.1']);
  });

  it('allows any origin in demo mode, none otherwise, unless CORS_ORIGINS says', () => {
    expect(readConfig({ DEMO: '1' }).corsOrigins).toBe('any');
    expect(readConfig({}).corsOrigins).toEqual([]);
    expect(readConfig({ CORS_ORIGINS: 'https://a.example/, https://b.example' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(readConfig({ CORS_ORIGINS: '*' }).corsOrigins).toBe('any');
  });

  it('reads timeouts in seconds (fractions allowed) and keeps the headers timeout within the request one', () => {
    const config = readConfig({ REQUEST_TIMEOUT_SECONDS: '2', HEADERS_TIMEOUT_SECONDS: '5', KEEP_ALIVE_TIMEOUT_SECONDS: '0.5' });
    expect(config.timeouts).toEqual({ headersMs: 2000, requestMs: 2000, keepAliveMs: 500, idleMs: 120_000 });
    expect(readConfig({}).timeouts.requestMs).toBe(10_000);
    expect(() => readConfig({ REQUEST_TIMEOUT_SECONDS: '0' })).toThrow('REQUEST_TIMEOUT_SECONDS');
    expect(readConfig({}).maxConnectionsPerAddress).toBe(256);
    expect(readConfig({ MAX_CONNECTIONS_PER_ADDRESS: '0' }).maxConnectionsPerAddress).toBe(0);
    expect(() => readConfig({ MAX_CONNECTIONS_PER_ADDRESS: '-1' })).toThrow('MAX_CONNECTIONS_PER_ADDRESS');
  });
});

describe('payment settings', () => {
  const WECHATPAY = {
    PAYMENTS: 'wechatpay',
    WECHATPAY_MCHID: '1900000001',
    WECHATPAY_APIV3_KEY: 'a'.repeat(32),
    WECHATPAY_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----',
    WECHATPAY_CERT_SERIAL: 'SERIAL1',
    WECHATPAY_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nabc\\n-----END PUBLIC KEY-----',
    WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_1',
  };

  it('takes demo in demo mode and nothing otherwise, by default', () => {
    expect(readPaymentSettings({}, true, 3000, '127.0.0.1').enabled).toEqual(['demo']);
    expect(readPaymentSettings({}, false, 3000, '127.0.0.1').enabled).toEqual([]);
    expect(readPaymentSettings({ PAYMENTS: '' }, true, 3000, '127.0.0.1').enabled).toEqual([]);
  });

  it('reads the WeChat Pay keys, PEM escapes included, and the notify base', () => {
    const settings = readPaymentSettings({ ...WECHATPAY, PUBLIC_URL: 'https://b.example.com/' }, false, 3000, '127.0.0.1');
    expect(settings.enabled).toEqual(['wechatpay']);
    expect(settings.publicUrl).toBe('https://b.example.com');
    expect(settings.wechatpay.privateKeyPem).toBe('-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----');
    expect(settings.wechatpay.appId).toBe(LOCAL_DEFAULTS.WEAPP_APPID);
    expect(settings.timeoutMinutes).toBe(15);
  });

  it.each([
    [{ PAYMENTS: 'paypal' }, 'PAYMENTS must list providers from demo, wechatpay, alipay, got paypal'],
    [{ ...WECHATPAY, WECHATPAY_MCHID: undefined }, 'PAYMENTS includes wechatpay but WECHATPAY_MCHID is not set'],
    [{ ...WECHATPAY, WECHATPAY_APIV3_KEY: 'short' }, 'WECHATPAY_APIV3_KEY must be 32 characters'],
    [{ PAYMENTS: 'alipay' }, 'PAYMENTS includes alipay but ALIPAY_PRIVATE_KEY or ALIPAY_PUBLIC_KEY is not set'],
    [{ PAYMENTS: 'demo', NODE_ENV: 'production' }, 'PAYMENTS=demo is not allowed with NODE_ENV=production'],
    [{ PAYMENT_TIMEOUT_MINUTES: '0' }, 'PAYMENT_TIMEOUT_MINUTES must be a whole number of minutes from 1 to 1440'],
  ])('refuses %p, naming the setting', (env, message) => {
    expect(() => readPaymentSettings(env as NodeJS.ProcessEnv, false, 3000, '127.0.0.1')).toThrow(message);
  });
});
