import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../cloud/clock';
import { readConfig, type Config } from '../../cloud/config';
import { createHost, type Host } from '../../cloud/host/createHost';
import { seedDemo } from '../../cloud/seed/demo';
import { openStore } from '../../cloud/store/open';
import type { Store } from '../../cloud/store/store';
import { createTestDatabase } from './database';
import { startFakeAlipay, type FakeAlipay } from './fakeAlipay';
import { startFakeWeixin, type FakeWeixin } from './fakeWeixin';
import { startFakeWechatPay, type FakeWechatPay } from './fakeWechatPay';

export interface TestHost {
  url: string;
  appId: string;
  appKey: string;
  masterKey: string;
  config: Config;
  store: Store;
  host: Host;
  fakeWeixin: FakeWeixin;
  fakeAlipay: FakeAlipay;
  /** WeChat Pay on loopback, when the host was started with PAYMENTS naming wechatpay. */
  fakeWechatPay: FakeWechatPay | null;
  /** The host's clock (and the demo seed's): the wall clock unless the test passed its own. */
  clock: Clock;
  stop(): Promise<void>;
}

/**
 * A real host on 127.0.0.1 (ephemeral port) with its own database on the engine under test,
 * and fake WeChat / Alipay servers on loopback for mini-program logins.
 */
export async function startTestHost(
  options: {
    demo?: boolean;
    h5Dir?: string;
    consoleDir?: string;
    clock?: Clock;
    random?: () => number;
    /** METRICS_TOKEN: unset, /metrics answers 404. */
    metricsToken?: string;
    /** The host's log level (default TEST_LOG_LEVEL, else silent); lines go to the process logger. */
    logLevel?: string;
    /** PAYMENTS (e.g. 'wechatpay,alipay,demo'); unset: the default (demo in demo mode, else none). */
    payments?: string;
    /** WEAPP_SUBSCRIBE_TEMPLATES (`topic:templateId,…`); unset: none. */
    subscribeTemplates?: string;
    /** ALIPAY_SUBSCRIBE_TEMPLATES (`topic:templateId,…`); unset: none. */
    alipaySubscribeTemplates?: string;
  } = {},
): Promise<TestHost> {
  const database = await createTestDatabase();
  const appId = 'test-app';
  const fakeWeixin = await startFakeWeixin({ appId: 'wx-test-appid', secret: 'wx-test-secret' });
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const fakeAlipay = await startFakeAlipay('alipay-test-appid', { now });
  const fakeWechatPay = options.payments?.includes('wechatpay') ? await startFakeWechatPay({ now, appId: 'wx-test-appid' }) : null;
  const config = readConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    APP_ID: appId,
    APP_KEY: 'test-key',
    MASTER_KEY: 'test-master',
    DATABASE_URL: database.databaseUrl,
    DATA_DIR: ':memory:',
    DEMO: options.demo ? '1' : '0',
    H5_DIR: options.h5Dir ?? path.resolve(__dirname, '../../dist/h5'),
    CONSOLE_DIR: options.consoleDir ?? path.resolve(__dirname, '../../dist/console'),
    WEAPP_APPID: 'wx-test-appid',
    WEAPP_SECRET: 'wx-test-secret',
    WEAPP_CODE2SESSION_URL: fakeWeixin.url,
    ALIPAY_APPID: 'alipay-test-appid',
    ALIPAY_GATEWAY_URL: fakeAlipay.url,
    ALIPAY_PRIVATE_KEY: fakeAlipay.appPrivateKeyPem,
    ALIPAY_PUBLIC_KEY: fakeAlipay.alipayPublicKeyPem,
    METRICS_TOKEN: options.metricsToken,
    PAYMENTS: options.payments,
    WEAPP_SUBSCRIBE_TEMPLATES: options.subscribeTemplates,
    ALIPAY_SUBSCRIBE_TEMPLATES: options.alipaySubscribeTemplates,
    ...fakeWechatPay?.env,
  });
  const closeFakes = async () => {
    await fakeWeixin.close();
    await fakeAlipay.close();
    await fakeWechatPay?.close();
  };
  let store: Store | undefined;
  let host: Host;
  try {
    store = await openStore(config);
    if (options.demo) await seedDemo(store, clock);
    host = await createHost(config, store, {
      clock,
      random: options.random,
      logLevel: options.logLevel ?? process.env.TEST_LOG_LEVEL ?? 'silent',
    });
    await host.app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    // A host that cannot start must not leave a database or servers open (jest would hang).
    await store?.close().catch(() => undefined);
    await closeFakes();
    await database.drop().catch(() => undefined);
    throw error;
  }
  const openedStore = store;
  const { port } = host.app.server.address() as AddressInfo;
  // The providers' notifications go to this host: its address is known only now (port 0).
  config.payments.publicUrl = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    appId,
    appKey: config.appKey,
    masterKey: config.masterKey,
    config,
    store: openedStore,
    host,
    fakeWeixin,
    fakeAlipay,
    fakeWechatPay,
    clock,
    stop: async () => {
      await host.app.close();
      await openedStore.close();
      await closeFakes();
      await database.drop();
    },
  };
}
