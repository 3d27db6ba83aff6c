import { fingerprintTables } from '../../cloud/store/fingerprint';
import type { DealJson } from '../../contract/commerce';
import type { PaymentJson } from '../../contract/payments';
import { firstOf } from '../support/at';
import { fixedClock } from '../support/clock';
import { testEngine } from '../support/database';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, runAs, runAsMaster, sdkError } from '../support/sdk';
import {
  alipayPayer,
  balanceOf,
  demoPayer,
  expectLedgerBalanced,
  packetGroup,
  postingsOf,
  refundRows,
  rewardEveryShare,
  shareAndSplit,
  wallet,
  weappPayer,
  type Payer,
} from '../support/payers';

/*
 * What goes wrong between the host and the payment providers, and how it comes right: repeated,
 * concurrent, reordered, forged and lost notifications; payments that never come, or come late;
 * providers that are down; answers lost on the way back.
 */

let host: TestHost;
let sdk: ReturnType<typeof initSdk>;
const clock = fixedClock();
let deals: DealJson[];
let seq = 0;
const rid = () => `recovery-${++seq}-${clock.now().getTime()}`;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const dealOfSize = (size: number) => deals.find((d) => d.size === size && !d.virtualCompletion)!;
const wechat = () => host.fakeWechatPay!;
const alipay = () => host.fakeAlipay;

/** POSTs a notification to the host as a provider would, and answers the host's status and text. */
async function postHook(provider: 'wechatpay' | 'alipay', notification: { headers: Record<string, string>; body: string }) {
  const response = await fetch(`${host.url}/hooks/${provider}`, { method: 'POST', headers: notification.headers, body: notification.body });
  return { status: response.status, text: await response.text() };
}

/** A buy of the given size opened by a new WeChat leader (her seat on its way), for others to join. */
async function openBuy(size: number): Promise<{ groupBuyId: string; leader: Payer; payment: PaymentJson }> {
  const leader = await weappPayer(host, sdk, `leader${seq}`);
  const opened = await runAs(leader.token, 'openGroupBuy', { dealId: dealOfSize(size).dealId, requestId: rid() });
  return { groupBuyId: opened.groupBuy.groupBuyId, leader, payment: opened.payment };
}

const campaignOf = async (groupBuyId: string) =>
  firstOf(await host.store.query<{ campaign_id: string }>('select campaign_id from payments where target_id = $1 limit 1', [groupBuyId]))
    .campaign_id;
const payment = async (payer: Payer, paymentId: string) => (await runAs(payer.token, 'getPayment', { paymentId })).payment;

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock, payments: 'wechatpay,alipay,demo' });
  sdk = initSdk(host);
  deals = (await runAs((await demoPayer('alice')).token, 'listDeals', {})).deals;
});
afterEach(() => {
  wechat().notifications.mode = 'deliver';
  wechat().notifications.repeatEach = 1;
  alipay().notifications.mode = 'deliver';
});
afterAll(async () => {
  await host.stop();
});

describe(`notifications that repeat, race, come out of order or are forged (${testEngine()})`, () => {
  it('takes a notification WeChat repeats, or that is delivered again when held, once', async () => {
    const { groupBuyId, leader, payment: opened } = await openBuy(3);
    wechat().notifications.repeatEach = 3;
    await wechat().pay(opened.paymentId);
    expect(
      wechat()
        .deliveries.slice(-3)
        .map((d) => d.status),
    ).toEqual([204, 204, 204]);
    const joiner = await weappPayer(host, sdk, 'held');
    const joined = await runAs(joiner.token, 'joinGroupBuy', { groupBuyId, requestId: rid() });
    wechat().notifications.mode = 'hold';
    await wechat().pay(joined.payment.paymentId);
    expect((await payment(joiner, joined.payment.paymentId)).status).toBe('pending');
    expect(await wechat().deliverHeld({ repeat: 4 })).toEqual([204, 204, 204, 204]);
    for (const [payer, id] of [
      [leader, opened.paymentId],
      [joiner, joined.payment.paymentId],
    ] as const) {
      expect(await payment(payer, id)).toMatchObject({ status: 'paid' });
      expect(await postingsOf(host, `%${id}`)).toEqual({ [`pay:${id}`]: 'escrow_pay' });
    }
    const price = dealOfSize(3).groupPriceFen;
    expect(await balanceOf(host, `escrow:${groupBuyId}`)).toBe(2 * price);
    expect((await runAs(leader.token, 'getGroupBuy', { groupBuyId })).groupBuy).toMatchObject({ paidCount: 2, seatsTaken: 2 });
    await expectLedgerBalanced();
  });

  it('applies 20 simultaneous POSTs of one notification once, for WeChat Pay and for Alipay', async () => {
    const { groupBuyId, leader, payment: opened } = await openBuy(3);
    wechat().notifications.mode = 'hold';
    await wechat().pay(opened.paymentId);
    const held = firstOf(wechat().notifications.held.splice(0));
    const notification = wechat().buildNotification(held.eventType, held.resource);
    const answers = await Promise.all(Array.from({ length: 20 }, () => postHook('wechatpay', notification)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(204));

    const zhi = await alipayPayer(host, sdk, 'race');
    const joined = await runAs(zhi.token, 'joinGroupBuy', { groupBuyId, requestId: rid() });
    alipay().notifications.mode = 'hold';
    await alipay().pay(joined.payment.paymentId);
    const form = firstOf(alipay().held.splice(0));
    const texts = await Promise.all(Array.from({ length: 20 }, () => postHook('alipay', form)));
    expect(texts).toEqual(Array(20).fill({ status: 200, text: 'success' }));

    for (const [payer, id] of [
      [leader, opened.paymentId],
      [zhi, joined.payment.paymentId],
    ] as const) {
      expect(await payment(payer, id)).toMatchObject({ status: 'paid' });
      expect(await postingsOf(host, `%${id}`)).toEqual({ [`pay:${id}`]: 'escrow_pay' });
    }
    expect(await balanceOf(host, `escrow:${groupBuyId}`)).toBe(2 * dealOfSize(3).groupPriceFen);
    await expectLedgerBalanced();
  });

  it('keeps a refunded payment refunded when the payment notification comes after the refund’s', async () => {
    const { groupBuyId, leader, payment: opened } = await openBuy(3);
    wechat().notifications.mode = 'hold';
    await wechat().pay(opened.paymentId);
    // The reconciler finds it paid without its notification; she leaves; the refund finishes.
    expect(await runAsMaster('reconcilePayments', { olderThanSeconds: 0 })).toMatchObject({ paid: 1 });
    await runAs(leader.token, 'leaveGroupBuy', { groupBuyId });
    await wechat().finishRefunds();
    expect(wechat().notifications.held.map((n) => n.eventType)).toEqual(['TRANSACTION.SUCCESS', 'REFUND.SUCCESS']);
    expect(await wechat().deliverHeld({ reverse: true })).toEqual([204, 204]);
    expect(await payment(leader, opened.paymentId)).toMatchObject({ status: 'refunded', refundedFen: opened.amountFen });
    expect(await postingsOf(host, `%${opened.paymentId}`)).toEqual({ [`pay:${opened.paymentId}`]: 'escrow_pay' });
    expect(await postingsOf(host, `gb-refund:${groupBuyId}:%`)).toEqual({ [`gb-refund:${groupBuyId}:${leader.userId}`]: 'escrow_refund' });
    expect(await balanceOf(host, `escrow:${groupBuyId}`)).toBe(0);

    // Alipay: its close after the full refund arrives before the payment's own notification.
    const zhi = await alipayPayer(host, sdk, 'order');
    const joined = await runAs(zhi.token, 'openGroupBuy', { dealId: dealOfSize(3).dealId, requestId: rid() });
    alipay().notifications.mode = 'hold';
    await alipay().pay(joined.payment.paymentId);
    expect(await runAsMaster('reconcilePayments', { olderThanSeconds: 0 })).toMatchObject({ paid: 1 });
    await runAs(zhi.token, 'leaveGroupBuy', { groupBuyId: joined.groupBuy.groupBuyId });
    expect(await payment(zhi, joined.payment.paymentId)).toMatchObject({ status: 'refunded' });
    expect(alipay().held.map((n) => new URLSearchParams(n.body).get('trade_status'))).toEqual(['TRADE_SUCCESS', 'TRADE_CLOSED']);
    const before = await fingerprintTables(host.store);
    await alipay().deliverHeld({ reverse: true });
    expect(
      alipay()
        .deliveries.slice(-2)
        .map((d) => d.answer),
    ).toEqual(['success', 'success']);
    expect(await fingerprintTables(host.store)).toEqual(before);
    await expectLedgerBalanced();
  });

  it('refuses forged, tampered and stale notifications (WeChat 401 FAIL, Alipay fail) and changes nothing', async () => {
    const { groupBuyId, leader, payment: opened } = await openBuy(3);
    wechat().notifications.mode = 'hold';
    await wechat().pay(opened.paymentId);
    const held = firstOf(wechat().notifications.held);
    const zhi = await alipayPayer(host, sdk, 'forged');
    const joined = await runAs(zhi.token, 'joinGroupBuy', { groupBuyId, requestId: rid() });
    alipay().notifications.mode = 'hold';
    await alipay().pay(joined.payment.paymentId);
    const form = firstOf(alipay().held);

    const before = await fingerprintTables(host.store);
    const good = wechat().buildNotification(held.eventType, held.resource);
    const wechatForgeries = [
      wechat().buildNotification(held.eventType, held.resource, { badSignature: true }),
      { headers: good.headers, body: good.body.replace('"summary":"支付成功"', '"summary":"支付成功 "') },
      wechat().buildNotification(held.eventType, held.resource, { timestampOffsetSeconds: -301 }),
      wechat().buildNotification(held.eventType, held.resource, { timestampOffsetSeconds: 301 }),
      wechat().buildNotification(held.eventType, held.resource, { wrongSerial: true }),
      wechat().buildNotification(held.eventType, held.resource, { corruptCiphertext: true }),
      wechat().buildNotification(held.eventType, { ...held.resource, mchid: '1900000999' }),
    ];
    for (const forged of wechatForgeries) {
      const answer = await postHook('wechatpay', forged);
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.text)).toMatchObject({ code: 'FAIL', message: expect.any(String) });
    }
    const params = Object.fromEntries(new URLSearchParams(form.body));
    delete params.notify_time;
    const alipayForgeries = [
      alipay().buildNotification(params, { badSignature: true }),
      alipay().buildNotification(params, { alter: { total_amount: '0.01' } }),
      { headers: form.headers, body: form.body.replace(/trade_status=TRADE_SUCCESS/, 'trade_status=TRADE_FINISHED') },
      alipay().buildNotification(params, { staleHours: 25 }),
      alipay().buildNotification({ ...params, app_id: 'another-app' }),
    ];
    for (const forged of alipayForgeries) expect(await postHook('alipay', forged)).toEqual({ status: 200, text: 'fail' });
    expect(await fingerprintTables(host.store)).toEqual(before);
    expect(await payment(leader, opened.paymentId)).toMatchObject({ status: 'pending' });

    // The genuine ones, as they were sent, still count (a recent signature a few minutes off is fine).
    expect(
      await postHook('wechatpay', wechat().buildNotification(held.eventType, held.resource, { timestampOffsetSeconds: -299 })),
    ).toEqual({
      status: 204,
      text: '',
    });
    expect(await postHook('alipay', form)).toEqual({ status: 200, text: 'success' });
    expect(await payment(leader, opened.paymentId)).toMatchObject({ status: 'paid' });
    expect(await payment(zhi, joined.payment.paymentId)).toMatchObject({ status: 'paid' });
    wechat().notifications.held.splice(0);
    alipay().held.splice(0);
    await expectLedgerBalanced();
  });

  it('never accepts a payment the provider reports for another amount: the seat goes back and the money with it', async () => {
    const deal = dealOfSize(3);
    const { groupBuyId, payment: opened } = await openBuy(3);
    await wechat().pay(opened.paymentId);
    const zhi = await alipayPayer(host, sdk, 'amount');
    const joined = await runAs(zhi.token, 'joinGroupBuy', { groupBuyId, requestId: rid() });
    alipay().notifications.mode = 'hold';
    await alipay().pay(joined.payment.paymentId);
    // Signed by Alipay, but for one fen less than the order asked.
    const params = Object.fromEntries(new URLSearchParams(firstOf(alipay().held.splice(0)).body));
    delete params.notify_time;
    const short = alipay().buildNotification({ ...params, total_amount: ((deal.groupPriceFen - 1) / 100).toFixed(2) });
    expect(await postHook('alipay', short)).toEqual({ status: 200, text: 'success' });
    const paymentId = joined.payment.paymentId;
    expect(await payment(zhi, paymentId)).toMatchObject({ status: 'refunding', refundedFen: deal.groupPriceFen - 1 });
    expect((await runAs(zhi.token, 'getGroupBuy', { groupBuyId })).groupBuy).toMatchObject({ seatsTaken: 1, paidCount: 1 });
    expect((await refundRows(host, paymentId)).map((r) => [r.effect_key, Number(r.amount_fen)])).toEqual([
      [`mismatch-refund:${paymentId}`, deal.groupPriceFen - 1],
    ]);
    // The refund goes to Alipay with the reconciler, and only what came in goes back.
    expect(await runAsMaster('reconcilePayments', { olderThanSeconds: 0 })).toMatchObject({ refunded: 1 });
    expect(alipay().refund(firstOf(await refundRows(host, paymentId)).id)).toMatchObject({ refundFen: deal.groupPriceFen - 1 });
    expect(await payment(zhi, paymentId)).toMatchObject({ status: 'refunded' });
    expect(await balanceOf(host, `escrow:${groupBuyId}`)).toBe(deal.groupPriceFen);
    expect(await balanceOf(host, `payment:${zhi.userId}`)).toBe(0);
    await alipay().settle();
    await expectLedgerBalanced();
  });
});

describe(`lost notifications (${testEngine()})`, () => {
  it('finds a payment whose notification never came on the reconciler’s next run', async () => {
    const { groupBuyId, leader, payment: opened } = await openBuy(3);
    const zhi = await alipayPayer(host, sdk, 'lost');
    const joined = await runAs(zhi.token, 'joinGroupBuy', { groupBuyId, requestId: rid() });
    wechat().notifications.mode = 'drop';
    alipay().notifications.mode = 'drop';
    const dropped = wechat().counters.dropped;
    await wechat().pay(opened.paymentId);
    await alipay().pay(joined.payment.paymentId);
    expect(wechat().counters.dropped).toBe(dropped + 1);
    expect(await payment(leader, opened.paymentId)).toMatchObject({ status: 'pending' });
    // Younger than a minute: left for its notification. A minute on: asked about.
    expect(await runAsMaster('reconcilePayments', {})).toEqual({ checked: 0, paid: 0, closed: 0, refunded: 0 });
    clock.advance(61 * SECOND);
    expect(await runAsMaster('reconcilePayments', {})).toEqual({ checked: 2, paid: 2, closed: 0, refunded: 0 });
    expect(await payment(leader, opened.paymentId)).toMatchObject({ status: 'paid', params: null });
    expect(await payment(zhi, joined.payment.paymentId)).toMatchObject({ status: 'paid' });
    expect((await runAs(zhi.token, 'getGroupBuy', { groupBuyId })).groupBuy).toMatchObject({ paidCount: 2 });
    expect(await runAsMaster('reconcilePayments', { olderThanSeconds: 0 })).toEqual({ checked: 0, paid: 0, closed: 0, refunded: 0 });

    // A refund's and a transfer's lost notifications are asked about in the same way.
    await runAs(leader.token, 'leaveGroupBuy', { groupBuyId });
    await wechat().finishRefunds();
    expect(firstOf(await refundRows(host, opened.paymentId)).status).toBe('processing');
    clock.advance(61 * SECOND);
    expect(await runAsMaster('reconcilePayments', {})).toEqual({ checked: 1, paid: 0, closed: 0, refunded: 1 });
    expect(await payment(leader, opened.paymentId)).toMatchObject({ status: 'refunded' });
    await expectLedgerBalanced();
  });
  it('finishes transfers whose outcome was never told: a lost WeChat notification, an Alipay transfer under way', async () => {
    await rewardEveryShare(host, 4000);
    const [wei, zhi] = await Promise.all([weappPayer(host, sdk, 'payee'), alipayPayer(host, sdk, 'payee')]);
    const group = await packetGroup(await demoPayer('emma'), [wei, zhi, await demoPayer('fiona')]);
    await shareAndSplit(host, group, () => clock.advance(SECOND));
    const toWechat = (await runAs(wei.token, 'withdraw', { amountFen: 600, requestId: rid() })).withdrawal;
    wechat().notifications.mode = 'drop';
    await wechat().confirmTransfer(toWechat.withdrawalId, 'succeeded');
    alipay().transferOutcome = 'processing';
    const toAlipay = (await runAs(zhi.token, 'withdraw', { amountFen: 500, requestId: rid() })).withdrawal;
    alipay().transferOutcome = 'succeeded';
    expect(toAlipay).toMatchObject({ status: 'pending', provider: 'alipay' });
    const failing = (await runAs(zhi.token, 'withdraw', { amountFen: 300, requestId: rid() })).withdrawal;
    expect(failing).toMatchObject({ status: 'succeeded' });
    alipay().settleTransfer(toAlipay.withdrawalId, 'failed');
    expect(await runAsMaster('reconcilePayments', {})).toMatchObject({ checked: 0 });
    clock.advance(61 * SECOND);
    expect(await runAsMaster('reconcilePayments', {})).toMatchObject({ checked: 2 });
    expect((await runAs(wei.token, 'myWithdrawals', {})).withdrawals[0]).toMatchObject({ status: 'succeeded', params: null });
    expect((await runAs(zhi.token, 'myWithdrawals', {})).withdrawals.find((w) => w.withdrawalId === toAlipay.withdrawalId)).toMatchObject({
      status: 'failed',
    });
    expect(await wallet(host, wei)).toBe(400);
    expect(await wallet(host, zhi)).toBe(1000 - 300);
    // The 24-hour limit counts what went out and what is on its way, not what came back.
    expect((await sdkError(runAs(zhi.token, 'withdraw', { amountFen: 20_000 - 300 + 1, requestId: rid() }))).code).toBe(4008);
    await expectLedgerBalanced();
  });
});

describe(`payments that never come, and payments that come too late (${testEngine()})`, () => {
  let wen: Payer;
  let zhi: Payer;

  beforeAll(async () => {
    await rewardEveryShare(host, 4000);
    [wen, zhi] = await Promise.all([weappPayer(host, sdk, 'wen'), alipayPayer(host, sdk, 'zhi')]);
    const group = await packetGroup(await demoPayer('alice'), [wen, zhi, await demoPayer('bella')]);
    await shareAndSplit(host, group, () => clock.advance(SECOND));
    expect(await wallet(host, wen)).toBe(1000);
  });

  it('closes an unpaid payment at its provider past its deadline and gives the seat and the wallet part back', async () => {
    const { groupBuyId, leader, payment: opened } = await openBuy(5);
    await wechat().pay(opened.paymentId);
    const weJoined = await runAs(wen.token, 'joinGroupBuy', { groupBuyId, requestId: rid(), walletFen: 400 });
    const aliJoined = await runAs(zhi.token, 'joinGroupBuy', { groupBuyId, requestId: rid() });
    expect(weJoined.payment.expiresAt).toBe(new Date(clock.now().getTime() + 15 * MINUTE).toISOString());
    expect(aliJoined.groupBuy).toMatchObject({ seatsTaken: 3, paidCount: 1 });
    expect(await wallet(host, wen)).toBe(600);
    expect(await balanceOf(host, `escrow:${groupBuyId}`)).toBe(dealOfSize(5).groupPriceFen + 400);

    // Not yet at the deadline: asked about, and left pending.
    clock.advance(14 * MINUTE);
    expect(await runAsMaster('reconcilePayments', {})).toEqual({ checked: 2, paid: 0, closed: 0, refunded: 0 });
    clock.advance(MINUTE);
    expect(await runAsMaster('reconcilePayments', {})).toEqual({ checked: 2, paid: 0, closed: 2, refunded: 0 });
    expect(wechat().order(weJoined.payment.paymentId)!.state).toBe('CLOSED');
    expect(alipay().order(aliJoined.payment.paymentId)!.status).toBe('TRADE_CLOSED');
    expect(await payment(wen, weJoined.payment.paymentId)).toMatchObject({ status: 'closed', params: null });
    expect(await payment(zhi, aliJoined.payment.paymentId)).toMatchObject({ status: 'closed', params: null });
    const buy = (await runAs(leader.token, 'getGroupBuy', { groupBuyId })).groupBuy;
    expect(buy).toMatchObject({ seatsTaken: 1, paidCount: 1, status: 'open' });
    expect(buy.members.map((m) => m.userId)).toEqual([leader.userId]);
    expect(await wallet(host, wen)).toBe(1000);
    expect(await balanceOf(host, `escrow:${groupBuyId}`)).toBe(dealOfSize(5).groupPriceFen);
    expect(await postingsOf(host, `%${weJoined.payment.paymentId}`)).toEqual({
      [`pay-wallet:${weJoined.payment.paymentId}`]: 'wallet_spend',
      [`pay-wallet-back:${weJoined.payment.paymentId}`]: 'wallet_spend_back',
    });
    // The cashier can no longer take it; joining again holds a new seat with a new payment.
    await expect(wechat().pay(weJoined.payment.paymentId)).rejects.toThrow(/CLOSED/);
    const again = await runAs(wen.token, 'joinGroupBuy', { groupBuyId, requestId: rid() });
    expect(again.payment.paymentId).not.toBe(weJoined.payment.paymentId);
    expect(again.payment).toMatchObject({ status: 'pending', provider: 'wechatpay' });
    await wechat().pay(again.payment.paymentId);
    expect((await runAs(wen.token, 'getGroupBuy', { groupBuyId })).groupBuy).toMatchObject({ seatsTaken: 2, paidCount: 2 });
    await expectLedgerBalanced();
  });

  it('takes money that arrives after the hold’s time but before the seat was let go', async () => {
    const { groupBuyId, payment: opened } = await openBuy(3);
    await wechat().pay(opened.paymentId);
    const joined = await runAs(wen.token, 'joinGroupBuy', { groupBuyId, requestId: rid() });
    clock.advance(16 * MINUTE);
    // WeChat took the payment a little late (its own clock, a slow cashier); the reconciler had not closed it yet.
    await wechat().pay(joined.payment.paymentId, { ignoreExpiry: true });
    expect(await payment(wen, joined.payment.paymentId)).toMatchObject({ status: 'paid' });
    expect((await runAs(wen.token, 'getGroupBuy', { groupBuyId })).groupBuy).toMatchObject({ seatsTaken: 2, paidCount: 2 });
    expect(await runAsMaster('reconcilePayments', {})).toMatchObject({ closed: 0, paid: 0 });
    await expectLedgerBalanced();
  });

  it('counts money paid in time whose notification is late or lost, and closes the unpaid at their providers, at the buy’s deadline', async () => {
    const deal = dealOfSize(5);
    const { groupBuyId, leader, payment: opened } = await openBuy(5);
    await wechat().pay(opened.paymentId);
    const deadline = Date.parse((await runAs(leader.token, 'getGroupBuy', { groupBuyId })).groupBuy.expiresAt);
    clock.set(new Date(deadline - 10 * MINUTE));
    // The buys of the tests above are due by now: settled first, so that what follows is this buy's alone.
    await runAsMaster('runCommerceExpiry', {});
    await wechat().finishRefunds();
    const held = await runAs(wen.token, 'joinGroupBuy', { groupBuyId, requestId: rid(), walletFen: 300 });
    const lost = await runAs(zhi.token, 'joinGroupBuy', { groupBuyId, requestId: rid() });
    const never = await weappPayer(host, sdk, 'never');
    const unpaid = await runAs(never.token, 'joinGroupBuy', { groupBuyId, requestId: rid() });
    // Their seats are held until the buy's own deadline, sooner than the usual quarter of an hour.
    for (const joined of [held, lost, unpaid]) expect(joined.payment.expiresAt).toBe(new Date(deadline).toISOString());
    // Two pay in time: WeChat's notification is held up, Alipay's never comes. One never pays.
    wechat().notifications.mode = 'hold';
    alipay().notifications.mode = 'drop';
    clock.advance(9 * MINUTE);
    await wechat().pay(held.payment.paymentId);
    await alipay().pay(lost.payment.paymentId);
    clock.set(new Date(deadline));
    // Three paid of five: the buy fails, and all three are refunded, each once.
    const expired = await runAsMaster('runCommerceExpiry', {});
    expect(expired).toMatchObject({ groupBuysFailed: 1, refunds: 3, refundedFen: 3 * deal.groupPriceFen });
    expect(wechat().order(unpaid.payment.paymentId)!.state).toBe('CLOSED');
    expect(await payment(never, unpaid.payment.paymentId)).toMatchObject({ status: 'closed' });
    // The held notification, when it comes, finds its payment refunded and changes nothing.
    wechat().notifications.mode = 'deliver';
    expect(await wechat().deliverHeld()).toEqual([204]);
    await wechat().finishRefunds();
    await alipay().settle();

    const failed = (await runAs(leader.token, 'getGroupBuy', { groupBuyId })).groupBuy;
    expect(failed).toMatchObject({ status: 'failed', outcome: 'expired', paidCount: 0 });
    expect(failed.members.map((m) => m.status)).toEqual(['refunded', 'refunded', 'refunded']);
    for (const [payer, paid, fen] of [
      [leader, opened, deal.groupPriceFen],
      [wen, held.payment, deal.groupPriceFen],
      [zhi, lost.payment, deal.groupPriceFen],
    ] as const) {
      expect({ who: payer.name, ...(await payment(payer, paid.paymentId)) }).toMatchObject({
        who: payer.name,
        status: 'refunded',
        refundedFen: fen,
      });
      const refunds = await refundRows(host, paid.paymentId);
      expect(refunds.map((r) => [r.effect_key, r.status, Number(r.amount_fen)])).toEqual([
        [`gb-refund:${groupBuyId}:${payer.userId}`, 'succeeded', paid.amountFen],
      ]);
    }
    expect(wechat().order(held.payment.paymentId)!.state).toBe('REFUND');
    expect(alipay().order(lost.payment.paymentId)).toMatchObject({ status: 'TRADE_CLOSED', refundedFen: deal.groupPriceFen });
    expect(await wallet(host, wen)).toBe(1000);
    expect(await balanceOf(host, `escrow:${groupBuyId}`)).toBe(0);
    for (const payer of [leader, wen, zhi, never]) expect(await balanceOf(host, `payment:${payer.userId}`)).toBe(0);
    expect(await runAsMaster('reconcilePayments', { olderThanSeconds: 0 })).toEqual({ checked: 0, paid: 0, closed: 0, refunded: 0 });
    await expectLedgerBalanced();
  });

  it('refunds money that arrives for a seat whose buy has ended, with the wallet part', async () => {
    // The only paid member leaves: the buy is abandoned while a joiner's payment is on its way.
    const deal = dealOfSize(3);
    const { groupBuyId, leader, payment: opened } = await openBuy(3);
    await wechat().pay(opened.paymentId);
    const joined = await runAs(wen.token, 'joinGroupBuy', { groupBuyId, requestId: rid(), walletFen: 500 });
    expect(await wallet(host, wen)).toBe(500);
    expect((await runAs(leader.token, 'leaveGroupBuy', { groupBuyId })).groupBuy).toMatchObject({ status: 'failed', outcome: 'abandoned' });
    await wechat().pay(joined.payment.paymentId);
    const paymentId = joined.payment.paymentId;
    expect(await payment(wen, paymentId)).toMatchObject({ status: 'refunding', refundedFen: deal.groupPriceFen });
    expect(await wallet(host, wen)).toBe(1000);
    // The notification's answer stays quick: the refund goes to WeChat with the reconciler's next run.
    expect((await refundRows(host, paymentId)).map((r) => [r.effect_key, r.status])).toEqual([[`late-refund:${paymentId}`, 'pending']]);
    expect(await runAsMaster('reconcilePayments', {})).toMatchObject({ refunded: 0 });
    expect(wechat().refund(firstOf(await refundRows(host, paymentId)).id)).toMatchObject({
      status: 'PROCESSING',
      refundFen: deal.groupPriceFen - 500,
    });
    await wechat().finishRefunds();
    expect(await payment(wen, paymentId)).toMatchObject({ status: 'refunded', refundedFen: deal.groupPriceFen });
    expect(await postingsOf(host, `%${paymentId}%`)).toEqual({
      [`pay:${paymentId}`]: 'escrow_pay',
      [`pay-wallet:${paymentId}`]: 'wallet_spend',
      [`late-refund:${paymentId}`]: 'escrow_refund',
      [`late-refund:${paymentId}:wallet`]: 'wallet_refund',
    });
    expect(await balanceOf(host, `escrow:${groupBuyId}`)).toBe(0);
    await expectLedgerBalanced();
  });

  it('gives the wallet part of a seat still unpaid back before a virtual buy succeeds with the paid ones', async () => {
    const deal = deals.find((d) => d.virtualCompletion)!;
    const leader = await weappPayer(host, sdk, 'virtual');
    const opened = await runAs(leader.token, 'openGroupBuy', { dealId: deal.dealId, requestId: rid() });
    const groupBuyId = opened.groupBuy.groupBuyId;
    await wechat().pay(opened.payment.paymentId);
    clock.set(new Date(Date.parse(opened.groupBuy.expiresAt) - 5 * MINUTE));
    const joined = await runAs(zhi.token, 'joinGroupBuy', { groupBuyId, requestId: rid(), walletFen: 600 });
    expect(await wallet(host, zhi)).toBe(400);
    const merchantBefore = await balanceOf(host, `merchant:${await campaignOf(groupBuyId)}`);
    clock.advance(5 * MINUTE);
    expect(await runAsMaster('runCommerceExpiry', {})).toEqual({
      groupBuysFailed: 0,
      groupBuysSucceeded: 1,
      pooledOrdersExpired: 0,
      refunds: 0,
      refundedFen: 0,
    });
    expect(await payment(zhi, joined.payment.paymentId)).toMatchObject({ status: 'closed' });
    expect(alipay().order(joined.payment.paymentId)!.status).toBe('TRADE_CLOSED');
    expect(await wallet(host, zhi)).toBe(1000);
    const done = (await runAs(leader.token, 'getGroupBuy', { groupBuyId })).groupBuy;
    expect(done).toMatchObject({ status: 'succeeded', outcome: 'virtual', paidCount: 1 });
    expect(done.members.map((m) => m.userId)).toEqual([leader.userId]);
    // The merchant gets what was paid, and not the wallet part of the seat that was let go.
    expect(await balanceOf(host, `escrow:${groupBuyId}`)).toBe(0);
    expect((await balanceOf(host, `merchant:${await campaignOf(groupBuyId)}`)) - merchantBefore).toBe(deal.groupPriceFen);
    await expectLedgerBalanced();
  });
});
