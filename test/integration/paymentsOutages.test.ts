import type { DealJson } from '../../contract/commerce';
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
  paymentRow,
  postingsOf,
  refundRows,
  rewardEveryShare,
  shareAndSplit,
  wallet,
  wechatParams,
  weappPayer,
  withdrawalRow,
  type Payer,
} from '../support/payers';

/*
 * Providers that do not answer, and answers that are lost: a money-taking call answers 4042 and
 * holds nothing twice, its retry with the same requestId finishes the same payment, and refunds
 * and withdrawals the provider could not take go out on a later run of the reconciler.
 */

let host: TestHost;
let sdk: ReturnType<typeof initSdk>;
const clock = fixedClock();
let deals: DealJson[];
let seq = 0;
const rid = () => `outage-${++seq}-${clock.now().getTime()}`;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const dealOfSize = (size: number) => deals.find((d) => d.size === size && !d.virtualCompletion)!;
const wechat = () => host.fakeWechatPay!;
const alipay = () => host.fakeAlipay;
const payment = async (payer: Payer, paymentId: string) => (await runAs(payer.token, 'getPayment', { paymentId })).payment;
const countRows = async (sql: string, params: unknown[]) => firstOf(await host.store.query<{ n: number }>(sql, params)).n;

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock, payments: 'wechatpay,alipay,demo' });
  sdk = initSdk(host);
  deals = (await runAs((await demoPayer('alice')).token, 'listDeals', {})).deals;
});
afterEach(() => {
  wechat().setDown(false);
  alipay().setDown(false);
  wechat().notifications.mode = 'deliver';
});
afterAll(async () => {
  await host.stop();
});

describe(`a provider that is down (${testEngine()})`, () => {
  it('answers 4042 while WeChat Pay is down, holds the seat once, and finishes the same payment on the retry', async () => {
    const wei = await weappPayer(host, sdk, 'wei');
    const dealId = dealOfSize(3).dealId;
    const requestId = rid();
    wechat().setDown(true);
    const down = await sdkError(runAs(wei.token, 'openGroupBuy', { dealId, requestId }));
    expect(down.code).toBe(4042);
    expect(down.message).toMatch(/同一个请求重试/);
    expect((await sdkError(runAs(wei.token, 'openGroupBuy', { dealId, requestId }))).code).toBe(4042);
    // The intent is written once: one buy, one held seat, one payment not yet at WeChat.
    const buys = await host.store.query<{ id: string; seats_taken: number }>(
      'select id, seats_taken from group_buys where leader_id = $1',
      [wei.userId],
    );
    expect(buys).toHaveLength(1);
    expect(firstOf(buys).seats_taken).toBe(1);
    const [intent] = (await runAs(wei.token, 'myPayments', {})).payments;
    expect((await runAs(wei.token, 'myPayments', {})).payments).toHaveLength(1);
    expect(intent).toMatchObject({ status: 'pending', params: null });
    expect(wechat().order(intent!.paymentId)).toBeUndefined();

    wechat().setDown(false);
    const retried = await runAs(wei.token, 'openGroupBuy', { dealId, requestId });
    expect(retried.payment.paymentId).toBe(intent!.paymentId);
    expect(wechatParams(retried.payment).package).toBe(`prepay_id=${wechat().order(intent!.paymentId)!.prepayId}`);
    expect(retried.groupBuy).toMatchObject({ groupBuyId: firstOf(buys).id, seatsTaken: 1 });
    await wechat().pay(retried.payment.paymentId);
    expect(await payment(wei, intent!.paymentId)).toMatchObject({ status: 'paid' });

    // Alipay cut off mid-connection: the same for a joiner.
    const zhi = await alipayPayer(host, sdk, 'zhi');
    const joinId = rid();
    alipay().setDown(true);
    expect((await sdkError(runAs(zhi.token, 'joinGroupBuy', { groupBuyId: retried.groupBuy.groupBuyId, requestId: joinId }))).code).toBe(
      4042,
    );
    alipay().setDown(false);
    const joined = await runAs(zhi.token, 'joinGroupBuy', { groupBuyId: retried.groupBuy.groupBuyId, requestId: joinId });
    expect(joined.groupBuy).toMatchObject({ seatsTaken: 2 });
    expect(await countRows('select count(*)::int as n from payments where user_id = $1', [zhi.userId])).toBe(1);
    await alipay().pay(joined.payment.paymentId);
    expect(await payment(zhi, joined.payment.paymentId)).toMatchObject({ status: 'paid' });
    await expectLedgerBalanced();
  });

  it('closes an intent never created at the provider when its hold runs out, and gives the seat back', async () => {
    const wei = await weappPayer(host, sdk, 'gone');
    wechat().setDown(true);
    expect((await sdkError(runAs(wei.token, 'openGroupBuy', { dealId: dealOfSize(3).dealId, requestId: rid() }))).code).toBe(4042);
    const [intent] = (await runAs(wei.token, 'myPayments', {})).payments;
    clock.advance(15 * MINUTE);
    // Still down: nothing can arrive for an order WeChat never took, so no question needs asking.
    expect(await runAsMaster('reconcilePayments', {})).toMatchObject({ closed: 1 });
    expect(await payment(wei, intent!.paymentId)).toMatchObject({ status: 'closed' });
    expect((await runAs(wei.token, 'getGroupBuy', { groupBuyId: intent!.targetId })).groupBuy).toMatchObject({
      seatsTaken: 0,
      members: [],
    });
  });

  it('defers refunds while the provider is down and finishes them on a later reconcile, past the backoff', async () => {
    const wei = await weappPayer(host, sdk, 'back');
    const zhi = await alipayPayer(host, sdk, 'back');
    const deal = dealOfSize(5);
    const opened = await runAs(wei.token, 'openGroupBuy', { dealId: deal.dealId, requestId: rid() });
    const groupBuyId = opened.groupBuy.groupBuyId;
    await wechat().pay(opened.payment.paymentId);
    const joined = await runAs(zhi.token, 'joinGroupBuy', { groupBuyId, requestId: rid() });
    await alipay().pay(joined.payment.paymentId);

    wechat().setDown(true);
    alipay().setDown(true);
    // Leaving does not wait for the providers: the money is on its way back, and says so.
    expect((await runAs(zhi.token, 'leaveGroupBuy', { groupBuyId })).refundedFen).toBe(deal.groupPriceFen);
    expect((await runAs(wei.token, 'leaveGroupBuy', { groupBuyId })).groupBuy).toMatchObject({ status: 'failed', outcome: 'abandoned' });
    for (const [payer, id] of [
      [wei, opened.payment.paymentId],
      [zhi, joined.payment.paymentId],
    ] as const) {
      expect(await payment(payer, id)).toMatchObject({ status: 'refunding', refundedFen: deal.groupPriceFen });
      const [refund] = await refundRows(host, id);
      expect(refund).toMatchObject({ status: 'pending', attempts: 1 });
      expect(refund!.next_attempt_at.getTime() - clock.now().getTime()).toBe(MINUTE);
    }
    expect(wechat().refund(firstOf(await refundRows(host, opened.payment.paymentId)).id)).toBeUndefined();
    // Before the backoff: not asked again. After it, still down: deferred twice as long.
    expect(await runAsMaster('reconcilePayments', { olderThanSeconds: 0 })).toMatchObject({ checked: 0 });
    clock.advance(MINUTE);
    expect(await runAsMaster('reconcilePayments', { olderThanSeconds: 0 })).toEqual({ checked: 2, paid: 0, closed: 0, refunded: 0 });
    const [again] = await refundRows(host, opened.payment.paymentId);
    expect(again).toMatchObject({ status: 'pending', attempts: 2 });
    expect(again!.next_attempt_at.getTime() - clock.now().getTime()).toBe(2 * MINUTE);

    wechat().setDown(false);
    alipay().setDown(false);
    clock.advance(2 * MINUTE);
    expect(await runAsMaster('reconcilePayments', { olderThanSeconds: 0 })).toEqual({ checked: 2, paid: 0, closed: 0, refunded: 1 });
    await alipay().settle();
    expect(await payment(zhi, joined.payment.paymentId)).toMatchObject({ status: 'refunded' });
    expect(await payment(wei, opened.payment.paymentId)).toMatchObject({ status: 'refunding' });
    await wechat().finishRefunds();
    expect(await payment(wei, opened.payment.paymentId)).toMatchObject({ status: 'refunded' });
    for (const id of [opened.payment.paymentId, joined.payment.paymentId]) {
      expect((await refundRows(host, id)).map((r) => r.status)).toEqual(['succeeded']);
    }
    // One refund each at the providers, whatever was retried.
    expect(alipay().order(joined.payment.paymentId)).toMatchObject({ refundedFen: deal.groupPriceFen, status: 'TRADE_CLOSED' });
    expect(await postingsOf(host, `gb-refund:${groupBuyId}:%`)).toEqual({
      [`gb-refund:${groupBuyId}:${wei.userId}`]: 'escrow_refund',
      [`gb-refund:${groupBuyId}:${zhi.userId}`]: 'escrow_refund',
    });
    await expectLedgerBalanced();
  });

  it('records a refund WeChat gives up on as failed, for an operator, and asks no more', async () => {
    const wei = await weappPayer(host, sdk, 'abnormal');
    const opened = await runAs(wei.token, 'openGroupBuy', { dealId: dealOfSize(3).dealId, requestId: rid() });
    await wechat().pay(opened.payment.paymentId);
    await runAs(wei.token, 'leaveGroupBuy', { groupBuyId: opened.groupBuy.groupBuyId });
    await wechat().finishRefunds('ABNORMAL');
    expect(wechat().deliveries.at(-1)).toMatchObject({ eventType: 'REFUND.ABNORMAL', status: 204 });
    const [refund] = await refundRows(host, opened.payment.paymentId);
    expect(refund).toMatchObject({ status: 'failed', fail_reason: expect.stringMatching(/^ABNORMAL/) });
    // The money has left the escrow on the books; the payment shows it on its way until someone acts.
    expect(await payment(wei, opened.payment.paymentId)).toMatchObject({ status: 'refunding', refundedFen: opened.payment.amountFen });
    const asked = wechat().counters.refund + wechat().counters.queryRefund;
    clock.advance(2 * MINUTE);
    await runAsMaster('reconcilePayments', {});
    expect(wechat().counters.refund + wechat().counters.queryRefund).toBe(asked);
    await expectLedgerBalanced();
  });

  it('keeps a withdrawal the provider could not take and sends it on a later run, once', async () => {
    await rewardEveryShare(host, 4000);
    const wei = await weappPayer(host, sdk, 'payee');
    const zhi = await alipayPayer(host, sdk, 'payee');
    const group = await packetGroup(await demoPayer('alice'), [wei, zhi, await demoPayer('bella')]);
    await shareAndSplit(host, group, () => clock.advance(SECOND));
    const requestId = rid();
    wechat().setDown(true);
    expect((await sdkError(runAs(wei.token, 'withdraw', { amountFen: 600, requestId }))).code).toBe(4042);
    // The money waits on its way out, not in the wallet; the same requestId is the same withdrawal.
    expect(await wallet(host, wei)).toBe(400);
    expect((await sdkError(runAs(wei.token, 'withdraw', { amountFen: 600, requestId }))).code).toBe(4042);
    const [pending] = (await runAs(wei.token, 'myWithdrawals', {})).withdrawals;
    expect(pending).toMatchObject({ status: 'pending', amountFen: 600 });
    expect((await runAs(wei.token, 'myWithdrawals', {})).withdrawals).toHaveLength(1);
    wechat().setDown(false);
    clock.advance(2 * MINUTE);
    await runAsMaster('reconcilePayments', {});
    expect((await runAs(wei.token, 'withdraw', { amountFen: 600, requestId })).withdrawal).toMatchObject({
      withdrawalId: pending!.withdrawalId,
      status: 'confirming',
    });
    expect(wechat().counters.transfer).toBe(1);
    await wechat().confirmTransfer(pending!.withdrawalId, 'succeeded');
    expect(await withdrawalRow(host, pending!.withdrawalId)).toMatchObject({ status: 'succeeded' });

    alipay().setDown(true);
    const aliRequest = rid();
    expect((await sdkError(runAs(zhi.token, 'withdraw', { amountFen: 700, requestId: aliRequest }))).code).toBe(4042);
    alipay().setDown(false);
    const sent = (await runAs(zhi.token, 'withdraw', { amountFen: 700, requestId: aliRequest })).withdrawal;
    expect(sent).toMatchObject({ status: 'succeeded', amountFen: 700 });
    expect(alipay().transfer(sent.withdrawalId)).toMatchObject({ status: 'SUCCESS', amountFen: 700 });
    expect(await wallet(host, zhi)).toBe(300);
    await expectLedgerBalanced();
  });
});

describe(`answers lost between the host and the provider (${testEngine()})`, () => {
  it('finishes a payment whose creation WeChat did but whose answer was lost, with the same prepay on the retry', async () => {
    const wei = await weappPayer(host, sdk, 'lost');
    const requestId = rid();
    const dealId = dealOfSize(3).dealId;
    const creates = wechat().counters.create;
    wechat().failNext(1, 500, 'after');
    expect((await sdkError(runAs(wei.token, 'openGroupBuy', { dealId, requestId }))).code).toBe(4042);
    const [intent] = (await runAs(wei.token, 'myPayments', {})).payments;
    // WeChat has the order; the host does not know it yet.
    const order = wechat().order(intent!.paymentId)!;
    expect(order).toMatchObject({ state: 'NOTPAY' });
    expect(await paymentRow(host, intent!.paymentId)).toMatchObject({ status: 'pending', params: null });
    const retried = await runAs(wei.token, 'openGroupBuy', { dealId, requestId });
    expect(retried.payment.paymentId).toBe(intent!.paymentId);
    expect(wechatParams(retried.payment).package).toBe(`prepay_id=${order.prepayId}`);
    expect(wechat().counters.create).toBe(creates + 2);
    await wechat().pay(intent!.paymentId);
    expect(await payment(wei, intent!.paymentId)).toMatchObject({ status: 'paid' });
    expect(await balanceOf(host, `escrow:${retried.groupBuy.groupBuyId}`)).toBe(dealOfSize(3).groupPriceFen);
  });

  it('takes a notification again, once, when its answer was lost and WeChat sends it again', async () => {
    const wei = await weappPayer(host, sdk, 'again');
    const opened = await runAs(wei.token, 'openGroupBuy', { dealId: dealOfSize(3).dealId, requestId: rid() });
    wechat().notifications.mode = 'hold';
    await wechat().pay(opened.payment.paymentId);
    const held = firstOf(wechat().notifications.held);
    // The host applies it; its answer never reaches WeChat (the host cannot tell this from a repeat).
    const first = wechat().buildNotification(held.eventType, held.resource);
    await fetch(`${host.url}/hooks/wechatpay`, { method: 'POST', headers: first.headers, body: first.body });
    expect(await payment(wei, opened.payment.paymentId)).toMatchObject({ status: 'paid' });
    expect(await wechat().deliverHeld()).toEqual([204]);
    expect(wechat().notifications.held).toEqual([]);
    expect(await postingsOf(host, `%${opened.payment.paymentId}`)).toEqual({ [`pay:${opened.payment.paymentId}`]: 'escrow_pay' });
    expect(await balanceOf(host, `escrow:${opened.groupBuy.groupBuyId}`)).toBe(dealOfSize(3).groupPriceFen);
    await expectLedgerBalanced();
  });

  it('asks again under the same ids when the answer to a refund or a transfer was lost: one refund, one transfer', async () => {
    const wei = await weappPayer(host, sdk, 'twice');
    const opened = await runAs(wei.token, 'openGroupBuy', { dealId: dealOfSize(3).dealId, requestId: rid() });
    await wechat().pay(opened.payment.paymentId);
    const refundsAsked = wechat().counters.refund;
    wechat().failNext(1, 500, 'after');
    await runAs(wei.token, 'leaveGroupBuy', { groupBuyId: opened.groupBuy.groupBuyId });
    const [refund] = await refundRows(host, opened.payment.paymentId);
    // WeChat took it; the host heard nothing and keeps it to ask again.
    expect(refund).toMatchObject({ status: 'pending', attempts: 1 });
    expect(wechat().refund(refund!.id)).toMatchObject({ status: 'PROCESSING' });
    clock.advance(MINUTE);
    expect(await runAsMaster('reconcilePayments', { olderThanSeconds: 0 })).toMatchObject({ refunded: 0 });
    expect(firstOf(await refundRows(host, opened.payment.paymentId))).toMatchObject({ status: 'processing' });
    expect(wechat().counters.refund).toBe(refundsAsked + 2);
    await wechat().finishRefunds();
    expect(await payment(wei, opened.payment.paymentId)).toMatchObject({ status: 'refunded' });
    expect(wechat().refund(refund!.id)).toMatchObject({ status: 'SUCCESS', refundFen: opened.payment.amountFen });

    await rewardEveryShare(host, 4000);
    const group = await packetGroup(await demoPayer('ivy'), [wei, await alipayPayer(host, sdk, 'twice'), await demoPayer('lily')]);
    await shareAndSplit(host, group, () => clock.advance(SECOND));
    const requestId = rid();
    wechat().failNext(1, 500, 'after');
    expect((await sdkError(runAs(wei.token, 'withdraw', { amountFen: 800, requestId }))).code).toBe(4042);
    const [pending] = (await runAs(wei.token, 'myWithdrawals', {})).withdrawals;
    const bill = wechat().transfer(pending!.withdrawalId)!;
    expect(bill.state).toBe('WAIT_USER_CONFIRM');
    const retried = (await runAs(wei.token, 'withdraw', { amountFen: 800, requestId })).withdrawal;
    expect(retried).toMatchObject({ withdrawalId: pending!.withdrawalId, status: 'confirming', params: { package: bill.packageInfo } });
    expect(await wallet(host, wei)).toBe(200);
    await wechat().confirmTransfer(pending!.withdrawalId, 'succeeded');
    expect((await runAs(wei.token, 'myWithdrawals', {})).withdrawals).toEqual([
      expect.objectContaining({ status: 'succeeded', amountFen: 800 }),
    ]);
    await expectLedgerBalanced();
  });

  it('lets go of the hold and the wallet part when WeChat refuses the order (4040), and a new request pays', async () => {
    const wei = await weappPayer(host, sdk, 'refused');
    const zhi = await alipayPayer(host, sdk, 'refused');
    await rewardEveryShare(host, 4000);
    const group = await packetGroup(await demoPayer('emma'), [wei, zhi, await demoPayer('fiona')]);
    await shareAndSplit(host, group, () => clock.advance(SECOND));
    const { groupBuyId } = (await runAs(zhi.token, 'openGroupBuy', { dealId: dealOfSize(3).dealId, requestId: rid() })).groupBuy;
    const requestId = rid();
    wechat().failNext(1, 400);
    const refused = await sdkError(runAs(wei.token, 'joinGroupBuy', { groupBuyId, requestId, walletFen: 300 }));
    expect(refused.code).toBe(4040);
    expect(refused.message).toMatch(/支付平台拒绝了这笔订单（SYSTEM_ERROR）/);
    const [closed] = (await runAs(wei.token, 'myPayments', {})).payments;
    expect(closed).toMatchObject({ status: 'closed', walletFen: 300, targetId: groupBuyId });
    expect(await wallet(host, wei)).toBe(1000);
    expect((await runAs(wei.token, 'getGroupBuy', { groupBuyId })).groupBuy).toMatchObject({ seatsTaken: 1 });
    expect(await postingsOf(host, `%${closed!.paymentId}`)).toEqual({
      [`pay-wallet:${closed!.paymentId}`]: 'wallet_spend',
      [`pay-wallet-back:${closed!.paymentId}`]: 'wallet_spend_back',
    });
    const again = await runAs(wei.token, 'joinGroupBuy', { groupBuyId, requestId: rid() });
    expect(again.payment).toMatchObject({ status: 'pending', provider: 'wechatpay' });
    expect(again.payment.paymentId).not.toBe(closed!.paymentId);
    await expectLedgerBalanced();
  });

  it('goes on with the other payments and buys when the provider refuses to answer about one of them', async () => {
    // The holds of the tests above run out first, so that what follows is these payments' alone.
    clock.advance(15 * MINUTE);
    await runAsMaster('reconcilePayments', {});
    const [first, second] = [await weappPayer(host, sdk, 'first'), await weappPayer(host, sdk, 'second')];
    const dealId = dealOfSize(3).dealId;
    const one = await runAs(first.token, 'openGroupBuy', { dealId, requestId: rid() });
    const two = await runAs(second.token, 'openGroupBuy', { dealId, requestId: rid() });
    clock.advance(15 * MINUTE);
    // The first question is refused (a 4xx that is not "no such order"): the other is still asked,
    // and the refused one again on the next run.
    wechat().failNext(1, 400);
    expect(await runAsMaster('reconcilePayments', {})).toMatchObject({ checked: 2, closed: 1 });
    // Which of the two was asked first is the order of their ids.
    expect([one, two].map((o) => wechat().order(o.payment.paymentId)!.state).sort()).toEqual(['CLOSED', 'NOTPAY']);
    expect(await runAsMaster('reconcilePayments', {})).toMatchObject({ checked: 1, closed: 1 });
    for (const [payer, opened] of [
      [first, one],
      [second, two],
    ] as const) {
      expect(await payment(payer, opened.payment.paymentId)).toMatchObject({ status: 'closed' });
      expect((await runAs(payer.token, 'getGroupBuy', { groupBuyId: opened.groupBuy.groupBuyId })).groupBuy).toMatchObject({
        seatsTaken: 0,
      });
    }

    // The same at a deadline: a buy whose held seat's payment cannot be asked about waits; the
    // other (its one member paid) settles.
    const three = await runAs(first.token, 'openGroupBuy', { dealId, requestId: rid() });
    const four = await runAs(second.token, 'openGroupBuy', { dealId, requestId: rid() });
    await wechat().pay(three.payment.paymentId);
    await wechat().pay(four.payment.paymentId);
    const deadline = Date.parse(three.groupBuy.expiresAt);
    clock.set(new Date(deadline - 10 * MINUTE));
    // Everything else of this file is settled first, so that what follows is these two buys' alone.
    await runAsMaster('runCommerceExpiry', {});
    await runAsMaster('reconcilePayments', {});
    const lateJoiner = await weappPayer(host, sdk, 'third');
    const held = await runAs(lateJoiner.token, 'joinGroupBuy', { groupBuyId: three.groupBuy.groupBuyId, requestId: rid() });
    clock.set(new Date(deadline));
    wechat().failNext(1, 400);
    expect(await runAsMaster('runCommerceExpiry', {})).toMatchObject({ groupBuysFailed: 1, refunds: 1 });
    expect((await runAs(first.token, 'getGroupBuy', { groupBuyId: three.groupBuy.groupBuyId })).groupBuy.status).toBe('open');
    expect(await runAsMaster('runCommerceExpiry', {})).toMatchObject({ groupBuysFailed: 1, refunds: 1 });
    expect(await payment(lateJoiner, held.payment.paymentId)).toMatchObject({ status: 'closed' });
    expect(wechat().order(held.payment.paymentId)!.state).toBe('CLOSED');
    await expectLedgerBalanced();
  });
});
