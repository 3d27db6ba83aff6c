import { fingerprintTables } from '../../cloud/store/fingerprint';
import { seedDemo } from '../../cloud/seed/demo';
import { fixedClock } from '../support/clock';
import { testEngine } from '../support/database';
import { startTestHost, type TestHost } from '../support/host';
import { alipayPayer, demoPayer, weappPayer } from '../support/payers';
import { initSdk, rawRequest, runAs, sdkError } from '../support/sdk';

/*
 * What a host does with the providers it was not given: their notification hooks are not there,
 * and a money-taking call that no enabled provider can serve changes nothing and says why.
 */

const notify = (host: TestHost, provider: string) =>
  fetch(`${host.url}/hooks/${provider}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

describe(`a host with WeChat Pay only (${testEngine()})`, () => {
  const clock = fixedClock();
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ demo: true, clock, payments: 'wechatpay' });
  });
  afterAll(async () => {
    await host.stop();
  });

  it('has no Alipay hook, and refuses an Alipay user (119) until she pays some other way, changing nothing', async () => {
    expect((await notify(host, 'alipay')).status).toBe(404);
    // The WeChat hook is there: an empty body is not a notification, and is refused as WeChat expects.
    const wechat = await notify(host, 'wechatpay');
    expect(wechat.status).toBe(401);
    expect(await wechat.json()).toMatchObject({ code: 'FAIL' });

    const sdk = initSdk(host);
    const { deals } = await runAs((await demoPayer('alice')).token, 'listDeals', {});
    const dealId = deals[0]!.dealId;
    const zhi = await alipayPayer(host, sdk, 'zhi');
    const before = await fingerprintTables(host.store);
    const unserved = await sdkError(runAs(zhi.token, 'openGroupBuy', { dealId, requestId: 'disabled-0001' }));
    expect(unserved.code).toBe(119);
    expect(unserved.message).toMatch(/请在微信或支付宝小程序里登录后再付款/);
    const named = await sdkError(runAs(zhi.token, 'openGroupBuy', { dealId, requestId: 'disabled-0002', provider: 'alipay' }));
    expect(named).toMatchObject({ code: 119, message: expect.stringContaining('没有开通支付宝支付') });
    const demo = await sdkError(runAs(zhi.token, 'openGroupBuy', { dealId, requestId: 'disabled-0003', provider: 'demo' }));
    expect(demo).toMatchObject({ code: 119, message: expect.stringContaining('没有开通演示支付') });
    expect(await fingerprintTables(host.store)).toEqual(before);

    // A WeChat user on the same host pays with WeChat Pay.
    const wei = await weappPayer(host, sdk, 'wei');
    expect((await runAs(wei.token, 'openGroupBuy', { dealId, requestId: 'disabled-0004' })).payment).toMatchObject({
      provider: 'wechatpay',
      status: 'pending',
    });
  });
});

describe(`a host without PAYMENTS, outside demo mode (${testEngine()})`, () => {
  const clock = fixedClock();
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ clock });
    // The catalog, deals and users of the demo, without demo mode (which would enable demo payments).
    await seedDemo(host.store, clock);
  });
  afterAll(async () => {
    await host.stop();
  });

  it('has no payment hooks, and answers every money-taking call 119 naming the setting, changing nothing', async () => {
    expect(host.config.payments.enabled).toEqual([]);
    expect((await notify(host, 'wechatpay')).status).toBe(404);
    expect((await notify(host, 'alipay')).status).toBe(404);

    // The SDK belongs to the other host of this file: this one is spoken to over plain HTTP.
    const alice = (await rawRequest(host, 'POST', '/1.1/login', { body: { username: 'alice', password: 'demo1234' } })).body;
    host.fakeWeixin.register('disabled-code', 'openid-disabled');
    const wei = (await rawRequest(host, 'POST', '/1.1/users', { body: { authData: { lc_weapp: { code: 'disabled-code' } } } })).body;
    const call = (session: string, name: string, body: object) => rawRequest(host, 'POST', `/1.1/functions/${name}`, { session, body });
    const deals = (await call(alice.sessionToken, 'listDeals', {})).body.result.deals as { dealId: string }[];
    const dealId = deals[0]!.dealId;
    const before = await fingerprintTables(host.store);
    for (const [name, session] of [
      ['alice', alice.sessionToken],
      ['wei', wei.sessionToken],
    ] as const) {
      const refused = await call(session, 'openGroupBuy', { dealId, requestId: `unpaid-${name}-1` });
      expect(refused).toMatchObject({ status: 403, body: { code: 119, error: expect.stringMatching(/PAYMENTS/) } });
      const withdraw = await call(session, 'withdraw', { amountFen: 100, requestId: `unpaid-${name}-2` });
      expect(withdraw).toMatchObject({ status: 403, body: { code: 119, error: expect.stringMatching(/PAYMENTS/) } });
    }
    expect(await fingerprintTables(host.store)).toEqual(before);
  });
});
