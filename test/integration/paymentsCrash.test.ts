import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { call, lcHeaders } from '../../bench/lib/load';
import type { AdminRefundJson, PaymentJson } from '../../contract/payments';
import type { GroupBuyJson } from '../../contract/commerce';
import { at } from '../support/at';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/database';
import { startFakeWechatPay, type FakeWechatPay } from '../support/fakeWechatPay';
import { startFakeWeixin, type FakeWeixin } from '../support/fakeWeixin';
import { BENCH_KEYS, startHostProcess, type HostProcess } from '../support/hostProcess';

/**
 * A host killed (SIGKILL) between the steps of a payment loses no money and moves none twice:
 * after the intent committed and before WeChat's answer was recorded, after a refund's intent
 * committed and before the refund's answer was recorded, and while WeChat's notification could
 * not be delivered. The hosts are real processes (cloud/main.ts) on the engine under test; WeChat
 * Pay is the loopback fake, on the wall clock the child hosts keep.
 */
// A host process starts in seconds, but a fresh embedded database seeds the demo first.
jest.setTimeout(180_000);

describe(`payments survive a killed host (${testEngine()})`, () => {
  let database: TestDatabase;
  let dataDir: string;
  let fakeWeixin: FakeWeixin;
  let fakePay: FakeWechatPay;
  let port: number;
  let host: HostProcess | null = null;
  let session: string;
  let dealId: string;
  let campaignId: string;

  const settings = () => ({
    DEMO: '1',
    DATABASE_URL: database.databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    PAYMENTS: 'wechatpay,demo',
    WEAPP_APPID: 'wx-crash',
    WEAPP_SECRET: 'wx-crash-secret',
    WEAPP_CODE2SESSION_URL: fakeWeixin.url,
    ...fakePay.env,
  });
  const startHost = async () => (host = await startHostProcess(settings()));
  const url = () => host!.url;
  const as = <T>(name: string, params: object) => call<T>(url(), BENCH_KEYS, name, params, session);
  const asMaster = <T>(name: string, params: object) => call<T>(url(), BENCH_KEYS, name, params, undefined, true);
  const waitFor = async (done: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    if (!done()) throw new Error('the condition did not come true in 10 s');
  };
  const expectBalanced = async () => expect(await asMaster<{ balanced: boolean }>('ledgerCheck', {})).toMatchObject({ balanced: true });

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'besties-paycrash-'));
    fakeWeixin = await startFakeWeixin({ appId: 'wx-crash', secret: 'wx-crash-secret' });
    fakePay = await startFakeWechatPay({ now: () => new Date(), appId: 'wx-crash' });
    port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const address = server.address() as net.AddressInfo;
        server.close(() => resolve(address.port));
      });
    });
    await startHost();
    fakeWeixin.register('crash-code', 'openid-crash-payer');
    const response = await fetch(`${url()}/1.1/users`, {
      method: 'POST',
      headers: lcHeaders(BENCH_KEYS),
      body: JSON.stringify({ authData: { lc_weapp: { code: 'crash-code' } } }),
    });
    session = ((await response.json()) as { sessionToken: string }).sessionToken;
    const listed = await as<{ campaignId: string; deals: Array<{ dealId: string }> }>('listDeals', {});
    campaignId = listed.campaignId;
    dealId = at(listed.deals, 0).dealId;
  });
  afterAll(async () => {
    await host?.stop();
    await fakePay.close();
    await fakeWeixin.close();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const requestsTo = (fragment: string) => fakePay.requests.filter((r) => r.path.includes(fragment)).length;

  it('finishes a payment whose host died after its intent committed, before WeChat answered', async () => {
    // WeChat takes its time: the host is killed while the order is being created there.
    fakePay.delayMs = 2_000;
    const creates = requestsTo('/v3/pay/transactions/jsapi');
    const doomed = as('openGroupBuy', { dealId, requestId: 'crash-open-1' });
    doomed.catch(() => undefined);
    await waitFor(() => requestsTo('/v3/pay/transactions/jsapi') > creates);
    await host!.kill();
    await expect(doomed).rejects.toThrow();
    fakePay.delayMs = 0;

    await startHost();
    // The same request again: the buy and the intent are there; the order is created again under
    // the same out_trade_no, which WeChat answers with the same prepay_id.
    const { groupBuy, payment } = await as<{ groupBuy: GroupBuyJson; payment: PaymentJson }>('openGroupBuy', {
      dealId,
      requestId: 'crash-open-1',
    });
    expect(payment).toMatchObject({ provider: 'wechatpay', status: 'pending' });
    expect(payment.params).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) });
    expect(fakePay.order(payment.paymentId)).toMatchObject({ amountFen: payment.amountFen });
    expect(groupBuy.members).toEqual([expect.objectContaining({ status: 'pending' })]);

    await fakePay.pay(payment.paymentId);
    await fakePay.idle();
    expect((await as<{ payment: PaymentJson }>('getPayment', { paymentId: payment.paymentId })).payment.status).toBe('paid');
    const mine = await as<{ payments: PaymentJson[] }>('myPayments', {});
    expect(mine.payments.filter((p) => p.targetId === groupBuy.groupBuyId)).toHaveLength(1);
    await expectBalanced();
  });

  it('applies a notification once that came while the host was down, however often it comes', async () => {
    const { payment } = await as<{ payment: PaymentJson }>('openGroupBuy', { dealId, requestId: 'crash-open-2' });
    fakePay.notifications.mode = 'hold';
    await fakePay.pay(payment.paymentId);
    await host!.kill();
    await startHost();
    fakePay.notifications.mode = 'deliver';
    const statuses = await fakePay.deliverHeld({ repeat: 3 });
    expect(statuses.every((status) => status === 204)).toBe(true);
    expect((await as<{ payment: PaymentJson }>('getPayment', { paymentId: payment.paymentId })).payment.status).toBe('paid');
    await expectBalanced();
  });

  it('refunds once a member who left while the host died between the refund intent and its answer', async () => {
    const { groupBuy, payment } = await as<{ groupBuy: GroupBuyJson; payment: PaymentJson }>('openGroupBuy', {
      dealId,
      requestId: 'crash-open-3',
    });
    await fakePay.pay(payment.paymentId);
    await fakePay.idle();
    expect((await as<{ payment: PaymentJson }>('getPayment', { paymentId: payment.paymentId })).payment.status).toBe('paid');

    fakePay.delayMs = 2_000;
    const refunds = requestsTo('/v3/refund/domestic/refunds');
    const doomed = as('leaveGroupBuy', { groupBuyId: groupBuy.groupBuyId });
    doomed.catch(() => undefined);
    await waitFor(() => requestsTo('/v3/refund/domestic/refunds') > refunds);
    await host!.kill();
    await expect(doomed).rejects.toThrow();
    fakePay.delayMs = 0;

    await startHost();
    // The leave committed before the call: the seat is given back and the refund is on its way.
    const after = await as<{ payment: PaymentJson }>('getPayment', { paymentId: payment.paymentId });
    expect(after.payment).toMatchObject({ status: 'refunding', refundedFen: payment.amountFen });
    // The reconciler asks WeChat again with the same out_refund_no: one refund there.
    await asMaster('reconcilePayments', { olderThanSeconds: 0 });
    await fakePay.finishRefunds();
    await fakePay.idle();
    expect((await as<{ payment: PaymentJson }>('getPayment', { paymentId: payment.paymentId })).payment.status).toBe('refunded');
    // Asked twice (the killed host's call, then the reconciler's), refunded once: one refund row,
    // one out_refund_no, and WeChat holds one refund of the whole amount under it.
    expect(requestsTo('/v3/refund/domestic/refunds')).toBeGreaterThanOrEqual(refunds + 2);
    const { refunds: rows } = await asMaster<{ refunds: AdminRefundJson[] }>('listPayments', { campaignId, kind: 'refunds' });
    const ours = rows.filter((r) => r.paymentId === payment.paymentId);
    expect(ours).toEqual([expect.objectContaining({ status: 'succeeded', amountFen: payment.amountFen })]);
    expect(fakePay.refund(at(ours, 0).refundId)).toMatchObject({ status: 'SUCCESS', refundFen: payment.amountFen });
    await expectBalanced();
  });
});
