import { fingerprintTables } from '../../cloud/store/fingerprint';
import type { DealJson } from '../../contract/commerce';
import type { AlipayPayParams } from '../../contract/payments';
import { fixedClock } from '../support/clock';
import { testEngine } from '../support/database';
import { startTestHost, type TestHost } from '../support/host';
import { firstOf } from '../support/at';
import { initSdk, runAs, runAsMaster, sdkError } from '../support/sdk';
import {
  alipayPayer,
  balanceOf,
  demoPayer,
  expectLedgerBalanced,
  packetGroup,
  paymentRow,
  paySignVerifies,
  postingsOf,
  refundRows,
  rewardEveryShare,
  shareAndSplit,
  wallet,
  wechatParams,
  weappPayer,
  type PacketGroup,
  type Payer,
} from '../support/payers';

/*
 * Real payments through the real SDK: shoppers logged in with WeChat or Alipay pay for seats in
 * group buys with WeChat Pay and Alipay (loopback fakes that speak each protocol and notify the
 * host), and the ledger follows every step.
 */

let host: TestHost;
let sdk: ReturnType<typeof initSdk>;
const clock = fixedClock();
let deals: DealJson[];
let campaignId: string;
let seq = 0;
const rid = () => `payments-${++seq}-${clock.now().getTime()}`;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const dealOfSize = (size: number) => deals.find((d) => d.size === size && !d.virtualCompletion)!;
const wechat = () => host.fakeWechatPay!;

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock, payments: 'wechatpay,alipay,demo' });
  sdk = initSdk(host);
  const listed = await runAs((await demoPayer('alice')).token, 'listDeals', {});
  deals = listed.deals;
  campaignId = listed.campaignId!;
});
afterAll(async () => {
  await host.stop();
});

describe(`paying for a group buy with WeChat Pay and Alipay (${testEngine()})`, () => {
  let wei: Payer;
  let ali: Payer;
  let groupBuyId: string;

  it('opens a buy for a WeChat user with a pending payment whose cashier params WeChat would take, and pays it', async () => {
    wei = await weappPayer(host, sdk, 'wei');
    const deal = dealOfSize(3);
    const requestId = rid();
    const opened = await runAs(wei.token, 'openGroupBuy', { dealId: deal.dealId, requestId });
    groupBuyId = opened.groupBuy.groupBuyId;
    const { payment } = opened;
    expect(payment).toMatchObject({
      provider: 'wechatpay',
      status: 'pending',
      amountFen: deal.groupPriceFen,
      walletFen: 0,
      purpose: 'group_buy',
      targetId: groupBuyId,
      paidAt: null,
      refundedFen: 0,
      expiresAt: new Date(clock.now().getTime() + 15 * MINUTE).toISOString(),
    });
    const params = wechatParams(payment);
    expect(Object.keys(params).sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
    expect(params).toMatchObject({
      timeStamp: String(Math.floor(clock.now().getTime() / 1000)),
      signType: 'RSA',
      package: `prepay_id=${wechat().order(payment.paymentId)!.prepayId}`,
    });
    expect(paySignVerifies(params, wechat().appId, wechat().merchantPublicKeyPem)).toBe(true);
    expect(paySignVerifies({ ...params, nonceStr: `${params.nonceStr}x` }, wechat().appId, wechat().merchantPublicKeyPem)).toBe(false);
    // The order at WeChat is hers, for the amount, and ends with the hold.
    expect(wechat().order(payment.paymentId)).toMatchObject({
      state: 'NOTPAY',
      amountFen: deal.groupPriceFen,
      openid: wei.platformId,
      notifyUrl: `${host.url}/hooks/wechatpay`,
      timeExpire: '2025-11-05T10:15:00+08:00',
    });
    // The seat is held, not paid; nothing is in the escrow yet.
    expect(opened.groupBuy).toMatchObject({ seatsTaken: 1, paidCount: 0, status: 'open' });
    expect(opened.groupBuy.members).toMatchObject([{ userId: wei.userId, status: 'pending' }]);
    expect(await balanceOf(host, `escrow:${groupBuyId}`)).toBe(0);
    // The same requestId answers the same payment, with the same cashier params.
    const again = await runAs(wei.token, 'openGroupBuy', { dealId: deal.dealId, requestId });
    expect(again.payment).toEqual(payment);
    expect(wechat().counters.create).toBe(1);

    await wechat().pay(payment.paymentId);
    expect(wechat().deliveries.at(-1)).toMatchObject({ eventType: 'TRANSACTION.SUCCESS', status: 204 });
    const paid = (await runAs(wei.token, 'getPayment', { paymentId: payment.paymentId })).payment;
    expect(paid).toMatchObject({ status: 'paid', params: null, paidAt: clock.now().toISOString(), amountFen: deal.groupPriceFen });
    const row = await paymentRow(host, payment.paymentId);
    expect(row).toMatchObject({ provider_trade_id: wechat().order(payment.paymentId)!.transactionId, payer_id: wei.platformId });
    expect(Number(row.provider_paid_fen)).toBe(deal.groupPriceFen);
    const buy = (await runAs(wei.token, 'getGroupBuy', { groupBuyId })).groupBuy;
    expect(buy).toMatchObject({ seatsTaken: 1, paidCount: 1, status: 'open' });
    expect(buy.members).toMatchObject([{ userId: wei.userId, status: 'paid', paidFen: deal.groupPriceFen, role: 'leader' }]);
    expect(await balanceOf(host, `escrow:${groupBuyId}`)).toBe(deal.groupPriceFen);
    expect(await balanceOf(host, `payment:${wei.userId}`)).toBe(-deal.groupPriceFen);
    expect(await postingsOf(host, `%${payment.paymentId}%`)).toEqual({ [`pay:${payment.paymentId}`]: 'escrow_pay' });
    await expectLedgerBalanced();
  });

  it('lets an Alipay user join and pay with my.tradePay; a seat held by a pending payment does not complete the buy', async () => {
    ali = await alipayPayer(host, sdk, 'ali');
    const deal = dealOfSize(3);
    const joined = await runAs(ali.token, 'joinGroupBuy', { groupBuyId, requestId: rid() });
    const { payment } = joined;
    expect(payment).toMatchObject({ provider: 'alipay', status: 'pending', amountFen: deal.groupPriceFen, walletFen: 0 });
    const order = host.fakeAlipay.order(payment.paymentId)!;
    expect(payment.params).toEqual({ tradeNO: order.tradeNo });
    expect(order).toMatchObject({ status: 'WAIT_BUYER_PAY', totalFen: deal.groupPriceFen, buyerId: ali.platformId });
    expect(order.notifyUrl).toBe(`${host.url}/hooks/alipay`);
    await host.fakeAlipay.pay(payment.paymentId);
    expect(host.fakeAlipay.deliveries.at(-1)).toMatchObject({ status: 200, answer: 'success' });
    expect((await runAs(ali.token, 'getPayment', { paymentId: payment.paymentId })).payment).toMatchObject({
      status: 'paid',
      params: null,
    });
    expect((await paymentRow(host, payment.paymentId)).provider_trade_id).toBe((payment.params as AlipayPayParams).tradeNO);

    // A third shopper takes the last seat; while her payment is on its way the buy waits for it.
    const dan = await weappPayer(host, sdk, 'dan');
    const third = await runAs(dan.token, 'joinGroupBuy', { groupBuyId, requestId: rid() });
    expect(third.groupBuy).toMatchObject({ seatsTaken: 3, paidCount: 2, status: 'open' });
    const late = await weappPayer(host, sdk, 'late');
    expect((await sdkError(runAs(late.token, 'joinGroupBuy', { groupBuyId, requestId: rid() }))).code).toBe(4030);
    expect(await balanceOf(host, `escrow:${groupBuyId}`)).toBe(2 * deal.groupPriceFen);

    const merchantBefore = await balanceOf(host, `merchant:${campaignId}`);
    await wechat().pay(third.payment.paymentId);
    const done = (await runAs(dan.token, 'getGroupBuy', { groupBuyId })).groupBuy;
    expect(done).toMatchObject({ status: 'succeeded', outcome: 'full', seatsTaken: 3, paidCount: 3 });
    expect(await balanceOf(host, `escrow:${groupBuyId}`)).toBe(0);
    expect((await balanceOf(host, `merchant:${campaignId}`)) - merchantBefore).toBe(3 * deal.groupPriceFen);
    const orders = await host.store.query<{ user_id: string; total_fen: number }>(
      'select user_id, total_fen from orders where id like $1 order by user_id',
      [`groupbuy-${groupBuyId}-%`],
    );
    expect(orders).toEqual(
      [wei, ali, dan].map((p) => ({ user_id: p.userId, total_fen: deal.groupPriceFen })).sort((a, b) => (a.user_id < b.user_id ? -1 : 1)),
    );
    await expectLedgerBalanced();
  });
  it('shows each payer her own payments only, newest first', async () => {
    const mine = (await runAs(wei.token, 'myPayments', {})).payments;
    expect(mine.map((p) => [p.provider, p.status, p.targetId])).toEqual([['wechatpay', 'paid', groupBuyId]]);
    expect(mine[0]).toEqual((await runAs(wei.token, 'getPayment', { paymentId: mine[0]!.paymentId })).payment);
    // Someone else's payment is not found, rather than forbidden: ids are not there to be tried.
    expect((await sdkError(runAs(ali.token, 'getPayment', { paymentId: mine[0]!.paymentId }))).code).toBe(101);
    expect((await sdkError(runAs(ali.token, 'getPayment', { paymentId: 'not-an-id' }))).code).toBe(142);
    expect((await sdkError(runAsMaster('reconcilePayments', { olderThanSeconds: -1 }))).code).toBe(142);
    expect((await sdkError(runAs(ali.token, 'reconcilePayments', {}))).code).toBe(119);
  });
});

describe(`done means: a failed buy refunded through both providers, red-packet money withdrawn (${testEngine()})`, () => {
  let wen: Payer;
  let zhi: Payer;
  let bella: Payer;
  let group: PacketGroup;
  const PACKET_FEN = 16_000;

  beforeAll(async () => {
    await rewardEveryShare(host, PACKET_FEN);
    wen = await weappPayer(host, sdk, 'wen');
    zhi = await alipayPayer(host, sdk, 'zhi');
    bella = await demoPayer('bella');
    group = await packetGroup(await demoPayer('alice'), [wen, zhi, bella]);
  });

  it('refunds a WeChat payer and an Alipay payer through their providers when the buy fails at its deadline', async () => {
    const deal = dealOfSize(5);
    const opened = await runAs(wen.token, 'openGroupBuy', { dealId: deal.dealId, requestId: rid() });
    const buyId = opened.groupBuy.groupBuyId;
    await wechat().pay(opened.payment.paymentId);
    const joined = await runAs(zhi.token, 'joinGroupBuy', { groupBuyId: buyId, requestId: rid() });
    await host.fakeAlipay.pay(joined.payment.paymentId);
    expect((await runAs(zhi.token, 'getGroupBuy', { groupBuyId: buyId })).groupBuy).toMatchObject({ paidCount: 2, status: 'open' });
    expect(await balanceOf(host, `escrow:${buyId}`)).toBe(2 * deal.groupPriceFen);

    clock.advance(deal.timeLimitHours * HOUR);
    expect(await runAsMaster('runCommerceExpiry', {})).toEqual({
      groupBuysFailed: 1,
      groupBuysSucceeded: 0,
      pooledOrdersExpired: 0,
      refunds: 2,
      refundedFen: 2 * deal.groupPriceFen,
    });
    await host.fakeAlipay.settle();
    // Alipay refunds at once; WeChat accepts the refund and finishes it later.
    const weRefund = firstOf(await refundRows(host, opened.payment.paymentId));
    const aliRefund = firstOf(await refundRows(host, joined.payment.paymentId));
    expect(weRefund).toMatchObject({ status: 'processing', effect_key: `gb-refund:${buyId}:${wen.userId}` });
    expect(Number(weRefund.amount_fen)).toBe(deal.groupPriceFen);
    expect(aliRefund).toMatchObject({ status: 'succeeded', effect_key: `gb-refund:${buyId}:${zhi.userId}` });
    expect(wechat().refund(weRefund.id)).toMatchObject({ status: 'PROCESSING', outTradeNo: opened.payment.paymentId });
    expect(host.fakeAlipay.refund(aliRefund.id)).toMatchObject({ outTradeNo: joined.payment.paymentId, refundFen: deal.groupPriceFen });
    expect(host.fakeAlipay.order(joined.payment.paymentId)).toMatchObject({ status: 'TRADE_CLOSED', refundedFen: deal.groupPriceFen });
    expect((await runAs(wen.token, 'getPayment', { paymentId: opened.payment.paymentId })).payment).toMatchObject({
      status: 'refunding',
      refundedFen: deal.groupPriceFen,
    });
    expect((await runAs(zhi.token, 'getPayment', { paymentId: joined.payment.paymentId })).payment).toMatchObject({
      status: 'refunded',
      refundedFen: deal.groupPriceFen,
    });

    await wechat().finishRefunds();
    expect(wechat().deliveries.at(-1)).toMatchObject({ eventType: 'REFUND.SUCCESS', status: 204 });
    expect((await runAs(wen.token, 'getPayment', { paymentId: opened.payment.paymentId })).payment).toMatchObject({
      status: 'refunded',
      refundedFen: deal.groupPriceFen,
    });
    expect((await refundRows(host, opened.payment.paymentId)).map((r) => r.status)).toEqual(['succeeded']);
    const failed = (await runAs(wen.token, 'getGroupBuy', { groupBuyId: buyId })).groupBuy;
    expect(failed).toMatchObject({ status: 'failed', outcome: 'expired' });
    expect(failed.members.map((m) => m.status)).toEqual(['refunded', 'refunded']);
    expect(await balanceOf(host, `escrow:${buyId}`)).toBe(0);
    for (const payer of [wen, zhi]) expect(await balanceOf(host, `payment:${payer.userId}`)).toBe(0);
    expect(await postingsOf(host, `%${buyId}%`)).toEqual({
      [`gb-refund:${buyId}:${wen.userId}`]: 'escrow_refund',
      [`gb-refund:${buyId}:${zhi.userId}`]: 'escrow_refund',
    });
    // A second run finds nothing to do, and the reconciler has nothing left to ask.
    expect(await runAsMaster('runCommerceExpiry', {})).toMatchObject({ groupBuysFailed: 0, refunds: 0 });
    expect(await runAsMaster('reconcilePayments', { olderThanSeconds: 0 })).toEqual({ checked: 0, paid: 0, closed: 0, refunded: 0 });
    await expectLedgerBalanced();
  });

  it('withdraws red-packet money: a WeChat transfer the user confirms, an Alipay transfer, and failed ones that give the money back', async () => {
    const eachFen = await shareAndSplit(host, group, () => clock.advance(1000));
    expect(eachFen).toBe(PACKET_FEN / 4);
    for (const payer of [wen, zhi, bella]) expect(await wallet(host, payer)).toBe(eachFen);

    const requestId = rid();
    const { withdrawal } = await runAs(wen.token, 'withdraw', { amountFen: 1500, requestId });
    const bill = wechat().transfer(withdrawal.withdrawalId)!;
    expect(bill).toMatchObject({ state: 'WAIT_USER_CONFIRM', amountFen: 1500, openid: wen.platformId, sceneId: '1000' });
    expect(withdrawal).toMatchObject({
      provider: 'wechatpay',
      status: 'confirming',
      amountFen: 1500,
      params: { mchId: wechat().mchId, appId: wechat().appId, package: bill.packageInfo },
      failReason: null,
      finishedAt: null,
    });
    expect(await wallet(host, wen)).toBe(eachFen - 1500);
    // The same requestId is the same withdrawal, not a second one.
    expect((await runAs(wen.token, 'withdraw', { amountFen: 1500, requestId })).withdrawal.withdrawalId).toBe(withdrawal.withdrawalId);
    expect(wechat().counters.transfer).toBe(1);
    await wechat().confirmTransfer(withdrawal.withdrawalId, 'succeeded');
    expect(wechat().deliveries.at(-1)).toMatchObject({ eventType: 'MCHTRANSFER.BILL.FINISHED', status: 204 });
    const [confirmed] = (await runAs(wen.token, 'myWithdrawals', {})).withdrawals;
    expect(confirmed).toMatchObject({
      withdrawalId: withdrawal.withdrawalId,
      status: 'succeeded',
      params: null,
      finishedAt: clock.now().toISOString(),
    });
    expect(await wallet(host, wen)).toBe(eachFen - 1500);

    const toAlipay = (await runAs(zhi.token, 'withdraw', { amountFen: 2000, requestId: rid() })).withdrawal;
    expect(toAlipay).toMatchObject({ provider: 'alipay', status: 'succeeded', amountFen: 2000 });
    expect(host.fakeAlipay.transfer(toAlipay.withdrawalId)).toMatchObject({
      status: 'SUCCESS',
      amountFen: 2000,
      identity: zhi.platformId,
      identityType: 'ALIPAY_USER_ID',
    });
    expect(await wallet(host, zhi)).toBe(eachFen - 2000);

    // Failures: the WeChat user's transfer fails after she confirms; Alipay refuses the payee.
    const refused = (await runAs(wen.token, 'withdraw', { amountFen: 1000, requestId: rid() })).withdrawal;
    expect(await wallet(host, wen)).toBe(eachFen - 2500);
    await wechat().confirmTransfer(refused.withdrawalId, 'failed');
    expect((await runAs(wen.token, 'myWithdrawals', {})).withdrawals.find((w) => w.withdrawalId === refused.withdrawalId)).toMatchObject({
      status: 'failed',
      failReason: 'PAYEE_ACCOUNT_ABNORMAL',
    });
    expect(await wallet(host, wen)).toBe(eachFen - 1500);
    host.fakeAlipay.transferOutcome = 'failed';
    try {
      const bounced = (await runAs(zhi.token, 'withdraw', { amountFen: 1000, requestId: rid() })).withdrawal;
      // The transfer's answer names no reason beyond its status.
      expect(bounced).toMatchObject({ provider: 'alipay', status: 'failed', failReason: 'FAIL' });
      expect(await postingsOf(host, `%${bounced.withdrawalId}`)).toEqual({
        [`withdraw:${bounced.withdrawalId}`]: 'withdraw',
        [`withdraw-back:${bounced.withdrawalId}`]: 'withdraw_back',
      });
    } finally {
      host.fakeAlipay.transferOutcome = 'succeeded';
    }
    expect(await wallet(host, zhi)).toBe(eachFen - 2000);
    expect(await postingsOf(host, `%${withdrawal.withdrawalId}`)).toEqual({ [`withdraw:${withdrawal.withdrawalId}`]: 'withdraw' });
    expect(await postingsOf(host, `%${refused.withdrawalId}`)).toEqual({
      [`withdraw:${refused.withdrawalId}`]: 'withdraw',
      [`withdraw-back:${refused.withdrawalId}`]: 'withdraw_back',
    });
    // What went out sits in the payers' payment accounts: outside the ledger now.
    expect(await balanceOf(host, `payment:${wen.userId}`)).toBe(1500);
    expect(await balanceOf(host, `payment:${zhi.userId}`)).toBe(2000);

    // More than the wallet holds: 4041 and nothing moves; less than the minimum: 142.
    const before = await fingerprintTables(host.store);
    expect((await sdkError(runAs(bella.token, 'withdraw', { amountFen: eachFen + 1, requestId: rid(), provider: 'demo' }))).code).toBe(
      4041,
    );
    expect((await sdkError(runAs(wen.token, 'withdraw', { amountFen: 50, requestId: rid() }))).code).toBe(142);
    expect(await fingerprintTables(host.store)).toEqual(before);
    await expectLedgerBalanced();
  });
});

describe(`red-packet money spent toward a payment (${testEngine()})`, () => {
  let wen: Payer;
  let zhi: Payer;
  let bella: Payer;
  let group: PacketGroup;

  beforeAll(async () => {
    [wen, zhi, bella] = await Promise.all([weappPayer(host, sdk, 'wen2'), alipayPayer(host, sdk, 'zhi2'), demoPayer('cathy')]);
    group = await packetGroup(await demoPayer('emma'), [wen, zhi, bella]);
    await shareAndSplit(host, group, () => clock.advance(1000));
    await shareAndSplit(host, group, () => clock.advance(1000));
    for (const payer of [wen, zhi, bella]) expect(await wallet(host, payer)).toBe(8000);
  });

  it('takes part from the wallet and the rest through the provider, and all of it from the wallet with no provider call', async () => {
    const deal = dealOfSize(2);
    const opened = await runAs(wen.token, 'openGroupBuy', { dealId: deal.dealId, requestId: rid(), walletFen: 1000 });
    const buyId = opened.groupBuy.groupBuyId;
    expect(opened.payment).toMatchObject({
      provider: 'wechatpay',
      status: 'pending',
      amountFen: deal.groupPriceFen - 1000,
      walletFen: 1000,
    });
    expect(wechat().order(opened.payment.paymentId)!.amountFen).toBe(deal.groupPriceFen - 1000);
    // The wallet part is held in the escrow with the seat, from the start.
    expect(await wallet(host, wen)).toBe(7000);
    expect(await balanceOf(host, `escrow:${buyId}`)).toBe(1000);
    await wechat().pay(opened.payment.paymentId);
    expect(await balanceOf(host, `escrow:${buyId}`)).toBe(deal.groupPriceFen);
    expect(await balanceOf(host, `payment:${wen.userId}`)).toBe(-(deal.groupPriceFen - 1000));

    const alipayCalls = host.fakeAlipay.requests.length;
    const whole = await runAs(zhi.token, 'joinGroupBuy', { groupBuyId: buyId, requestId: rid(), walletFen: deal.groupPriceFen });
    expect(whole.payment).toMatchObject({ status: 'paid', amountFen: 0, walletFen: deal.groupPriceFen, params: null });
    expect(host.fakeAlipay.requests.length).toBe(alipayCalls);
    expect(await wallet(host, zhi)).toBe(8000 - deal.groupPriceFen);
    expect(whole.groupBuy).toMatchObject({ status: 'succeeded', paidCount: 2 });
    expect(await balanceOf(host, `escrow:${buyId}`)).toBe(0);
    expect(await postingsOf(host, `%${whole.payment.paymentId}`)).toEqual({ [`pay-wallet:${whole.payment.paymentId}`]: 'wallet_spend' });
    await expectLedgerBalanced();
  });

  it('refuses more than the wallet holds (4041) or than the price (142), changing nothing', async () => {
    const deal = dealOfSize(3);
    const before = await fingerprintTables(host.store);
    const creates = wechat().counters.create;
    const low = await sdkError(runAs(wen.token, 'openGroupBuy', { dealId: deal.dealId, requestId: rid(), walletFen: 7001 }));
    expect(low.code).toBe(4041);
    expect(low.message).toMatch(/红包余额不足/);
    expect(
      (await sdkError(runAs(wen.token, 'openGroupBuy', { dealId: deal.dealId, requestId: rid(), walletFen: deal.groupPriceFen + 1 }))).code,
    ).toBe(142);
    expect(wechat().counters.create).toBe(creates);
    expect(await fingerprintTables(host.store)).toEqual(before);
  });

  it('gives a leaving member her wallet part back at once and her provider part through the provider', async () => {
    const deal = dealOfSize(3);
    const opened = await runAs(wen.token, 'openGroupBuy', { dealId: deal.dealId, requestId: rid(), walletFen: 2000 });
    const buyId = opened.groupBuy.groupBuyId;
    const paymentId = opened.payment.paymentId;
    // Leaving while the payment is on its way is refused: it is not hers to give back yet.
    expect((await sdkError(runAs(wen.token, 'leaveGroupBuy', { groupBuyId: buyId }))).code).toBe(119);
    await wechat().pay(paymentId);
    expect(await wallet(host, wen)).toBe(5000);
    const left = await runAs(wen.token, 'leaveGroupBuy', { groupBuyId: buyId });
    expect(left).toMatchObject({ refundedFen: deal.groupPriceFen, groupBuy: { status: 'failed', outcome: 'abandoned' } });
    expect(await wallet(host, wen)).toBe(7000);
    const [refund] = await refundRows(host, paymentId);
    expect(refund).toMatchObject({ status: 'processing', effect_key: `gb-refund:${buyId}:${wen.userId}` });
    expect(wechat().refund(refund!.id)).toMatchObject({ refundFen: deal.groupPriceFen - 2000, totalFen: deal.groupPriceFen - 2000 });
    expect((await runAs(wen.token, 'getPayment', { paymentId })).payment).toMatchObject({
      status: 'refunding',
      refundedFen: deal.groupPriceFen,
    });
    await wechat().finishRefunds();
    expect((await runAs(wen.token, 'getPayment', { paymentId })).payment).toMatchObject({
      status: 'refunded',
      refundedFen: deal.groupPriceFen,
    });
    expect(await postingsOf(host, `gb-refund:${buyId}:%`)).toEqual({
      [`gb-refund:${buyId}:${wen.userId}`]: 'escrow_refund',
      [`gb-refund:${buyId}:${wen.userId}:wallet`]: 'wallet_refund',
    });
    expect(await balanceOf(host, `escrow:${buyId}`)).toBe(0);
    await expectLedgerBalanced();
  });
  it('gives a payment made all from the wallet back to the wallet alone, at once', async () => {
    const deal = dealOfSize(2);
    const before = await wallet(host, zhi);
    const alipayCalls = host.fakeAlipay.requests.length;
    const opened = await runAs(zhi.token, 'openGroupBuy', { dealId: deal.dealId, requestId: rid(), walletFen: deal.groupPriceFen });
    expect(opened.payment).toMatchObject({ provider: 'alipay', status: 'paid', amountFen: 0, walletFen: deal.groupPriceFen, params: null });
    const buyId = opened.groupBuy.groupBuyId;
    expect(await wallet(host, zhi)).toBe(before - deal.groupPriceFen);
    expect((await runAs(zhi.token, 'leaveGroupBuy', { groupBuyId: buyId })).refundedFen).toBe(deal.groupPriceFen);
    expect((await runAs(zhi.token, 'getPayment', { paymentId: opened.payment.paymentId })).payment).toMatchObject({
      status: 'refunded',
      refundedFen: deal.groupPriceFen,
    });
    expect(await refundRows(host, opened.payment.paymentId)).toEqual([]);
    expect(host.fakeAlipay.requests.length).toBe(alipayCalls);
    expect(await wallet(host, zhi)).toBe(before);
    expect(await postingsOf(host, `%${buyId}%`)).toEqual({ [`gb-refund:${buyId}:${zhi.userId}:wallet`]: 'wallet_refund' });
    await expectLedgerBalanced();
  });
});

describe(`a pooled order paid by its members through their own providers (${testEngine()})`, () => {
  let wen: Payer;
  let zhi: Payer;
  let bella: Payer;
  let groupId: string;
  let crossTemplate: string;

  const productOf = async (shopName: string) =>
    firstOf(
      await host.store.query<{ id: string }>('select id from products where shop_name = $1 order by price_fen desc, id limit 1', [
        shopName,
      ]),
    ).id;
  const itemOf = async (payer: Payer, shopName: string) =>
    (await runAs(payer.token, 'addWishlistItem', { groupId, productId: await productOf(shopName), requestId: rid() })).item.itemId;

  /** A pooled order of two members' lines that reaches the cross-store coupon, which `holder` claims for it. */
  async function pooledOrder(holder: Payer, a: Payer, b: Payer, deadlineMs: number): Promise<string> {
    await runAs(holder.token, 'claimCoupon', { templateId: crossTemplate, requestId: rid() });
    const deadline = new Date(clock.now().getTime() + deadlineMs).toISOString();
    const started = await runAs(a.token, 'startPooledOrder', { groupId, deadline, requestId: rid() });
    const pooledOrderId = started.pooledOrder.pooledOrderId;
    await runAs(a.token, 'addPooledLine', { pooledOrderId, itemId: await itemOf(a, '优衣库官方旗舰店'), qty: 1 });
    await runAs(b.token, 'addPooledLine', { pooledOrderId, itemId: await itemOf(b, '李宁官方旗舰店'), qty: 1 });
    return pooledOrderId;
  }

  beforeAll(async () => {
    [wen, zhi, bella] = await Promise.all([weappPayer(host, sdk, 'wen3'), alipayPayer(host, sdk, 'zhi3'), demoPayer('bella')]);
    groupId = (await packetGroup(await demoPayer('fiona'), [wen, zhi, bella])).groupId;
    crossTemplate = (await runAs(wen.token, 'listCoupons', {})).coupons.find((c) => c.title.includes('每满400减50'))!.templateId;
  });

  it('places the orders when the WeChat part and the demo part are both paid', async () => {
    const pooledOrderId = await pooledOrder(wen, wen, bella, 2 * HOUR);
    const mine = await runAs(wen.token, 'confirmPooledOrder', { pooledOrderId, requestId: rid() });
    const wenDue = mine.members.find((m) => m.userId === wen.userId)!.dueFen!;
    expect(mine).toMatchObject({ paidFen: 0, pooledOrder: { status: 'confirming' } });
    expect(mine.payment).toMatchObject({ provider: 'wechatpay', status: 'pending', amountFen: wenDue, purpose: 'pooled_order' });
    expect(mine.members.find((m) => m.userId === wen.userId)!.payment).toBe('pending');
    const hers = await runAs(bella.token, 'confirmPooledOrder', { pooledOrderId, requestId: rid(), provider: 'demo' });
    const bellaDue = hers.members.find((m) => m.userId === bella.userId)!.dueFen!;
    expect(hers.payment).toMatchObject({ provider: 'demo', status: 'paid', params: null, amountFen: bellaDue });
    expect(hers).toMatchObject({ paidFen: bellaDue, pooledOrder: { status: 'confirming' } });
    expect(await balanceOf(host, `escrow:${pooledOrderId}`)).toBe(bellaDue);

    const merchantBefore = await balanceOf(host, `merchant:${campaignId}`);
    await wechat().pay(mine.payment.paymentId);
    const placed = await runAs(wen.token, 'getPooledOrder', { pooledOrderId });
    expect(placed.pooledOrder.status).toBe('placed');
    expect(placed.members.filter((m) => m.dueFen !== null).map((m) => m.payment)).toEqual(['paid', 'paid']);
    expect(await balanceOf(host, `escrow:${pooledOrderId}`)).toBe(0);
    expect((await balanceOf(host, `merchant:${campaignId}`)) - merchantBefore).toBe(wenDue + bellaDue);
    const orders = await host.store.query<{ user_id: string; total_fen: number }>(
      'select user_id, total_fen from orders where id like $1 order by user_id',
      [`pooled-${pooledOrderId}-%`],
    );
    expect(orders).toEqual(
      [
        { user_id: wen.userId, total_fen: wenDue },
        { user_id: bella.userId, total_fen: bellaDue },
      ].sort((a, b) => (a.user_id < b.user_id ? -1 : 1)),
    );
    // A retried confirmation answers the paid payment.
    expect((await runAs(wen.token, 'confirmPooledOrder', { pooledOrderId, requestId: rid() })).payment).toMatchObject({
      paymentId: mine.payment.paymentId,
      status: 'paid',
    });
    await expectLedgerBalanced();
  });

  it('refunds the paid part through its provider and closes the pending one when the order expires', async () => {
    const pooledOrderId = await pooledOrder(zhi, wen, zhi, 11 * MINUTE);
    const paid = await runAs(wen.token, 'confirmPooledOrder', { pooledOrderId, requestId: rid() });
    await wechat().pay(paid.payment.paymentId);
    const pending = await runAs(zhi.token, 'confirmPooledOrder', { pooledOrderId, requestId: rid() });
    expect(pending.payment).toMatchObject({ provider: 'alipay', status: 'pending' });
    // Her part is held until the order's own deadline, which comes before the payment timeout.
    expect(pending.payment.expiresAt).toBe(pending.pooledOrder.deadline);

    clock.advance(11 * MINUTE);
    expect(await runAsMaster('runCommerceExpiry', {})).toEqual({
      groupBuysFailed: 0,
      groupBuysSucceeded: 0,
      pooledOrdersExpired: 1,
      refunds: 1,
      refundedFen: paid.payment.amountFen,
    });
    await runAsMaster('reconcilePayments', {});
    expect((await runAs(zhi.token, 'getPayment', { paymentId: pending.payment.paymentId })).payment).toMatchObject({
      status: 'closed',
      params: null,
    });
    expect(host.fakeAlipay.order(pending.payment.paymentId)!.status).toBe('TRADE_CLOSED');
    expect((await runAs(wen.token, 'getPayment', { paymentId: paid.payment.paymentId })).payment.status).toBe('refunding');
    await wechat().finishRefunds();
    expect((await runAs(wen.token, 'getPayment', { paymentId: paid.payment.paymentId })).payment).toMatchObject({
      status: 'refunded',
      refundedFen: paid.payment.amountFen,
    });
    const expired = await runAs(wen.token, 'getPooledOrder', { pooledOrderId });
    expect(expired.pooledOrder.status).toBe('expired');
    expect(expired.members.find((m) => m.userId === wen.userId)!.payment).toBe('refunded');
    expect(expired.members.find((m) => m.userId === zhi.userId)!.payment).toBe('void');
    expect(await balanceOf(host, `escrow:${pooledOrderId}`)).toBe(0);
    expect(await postingsOf(host, `po-refund:${pooledOrderId}:%`)).toEqual({
      [`po-refund:${pooledOrderId}:${wen.userId}`]: 'escrow_refund',
    });
    await expectLedgerBalanced();
  });
  it('answers 20 simultaneous confirmations of one part with one payment', async () => {
    const pooledOrderId = await pooledOrder(bella, wen, bella, 2 * HOUR);
    const requestId = rid();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => runAs(wen.token, 'confirmPooledOrder', { pooledOrderId, requestId })),
    );
    const [first] = answers;
    for (const a of answers) {
      expect(a.payment).toMatchObject({ paymentId: first!.payment.paymentId, status: 'pending', provider: 'wechatpay' });
      expect(wechatParams(a.payment).package).toBe(wechatParams(first!.payment).package);
    }
    const rows = await host.store.query<{ id: string }>(`select id from payments where target_id = $1`, [pooledOrderId]);
    expect(rows.map((r) => r.id)).toEqual([first!.payment.paymentId]);
    const view = await runAs(bella.token, 'getPooledOrder', { pooledOrderId });
    expect(view.pooledOrder.status).toBe('confirming');
    expect(view.members.find((m) => m.userId === wen.userId)!.payment).toBe('pending');
    await wechat().pay(first!.payment.paymentId);
    expect((await runAs(wen.token, 'getPooledOrder', { pooledOrderId })).members.find((m) => m.userId === wen.userId)!.payment).toBe(
      'paid',
    );
    expect(await balanceOf(host, `escrow:${pooledOrderId}`)).toBe(first!.payment.amountFen);
    await expectLedgerBalanced();
  });
  it('places the orders at the deadline when both parts were paid in time but their notifications were lost', async () => {
    const pooledOrderId = await pooledOrder(zhi, wen, zhi, 11 * MINUTE);
    const wenPart = (await runAs(wen.token, 'confirmPooledOrder', { pooledOrderId, requestId: rid() })).payment;
    const zhiPart = (await runAs(zhi.token, 'confirmPooledOrder', { pooledOrderId, requestId: rid() })).payment;
    wechat().notifications.mode = 'drop';
    host.fakeAlipay.notifications.mode = 'drop';
    try {
      await wechat().pay(wenPart.paymentId);
      await host.fakeAlipay.pay(zhiPart.paymentId);
    } finally {
      wechat().notifications.mode = 'deliver';
      host.fakeAlipay.notifications.mode = 'deliver';
    }
    const merchantBefore = await balanceOf(host, `merchant:${campaignId}`);
    clock.advance(11 * MINUTE);
    expect(await runAsMaster('runCommerceExpiry', {})).toEqual({
      groupBuysFailed: 0,
      groupBuysSucceeded: 0,
      pooledOrdersExpired: 0,
      refunds: 0,
      refundedFen: 0,
    });
    const placed = await runAs(wen.token, 'getPooledOrder', { pooledOrderId });
    expect(placed.pooledOrder.status).toBe('placed');
    for (const [payer, part] of [
      [wen, wenPart],
      [zhi, zhiPart],
    ] as const) {
      expect((await runAs(payer.token, 'getPayment', { paymentId: part.paymentId })).payment.status).toBe('paid');
    }
    expect((await balanceOf(host, `merchant:${campaignId}`)) - merchantBefore).toBe(wenPart.amountFen + zhiPart.amountFen);
    expect(await balanceOf(host, `escrow:${pooledOrderId}`)).toBe(0);
    await expectLedgerBalanced();
  });
});

describe(`concurrent payers (${testEngine()})`, () => {
  const codes = (results: PromiseSettledResult<unknown>[]) =>
    results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as { code: number }).code);

  it('gives the two free seats of a size-3 buy to two of 30 simultaneous joiners, each with one payment', async () => {
    const leader = await weappPayer(host, sdk, 'lead');
    const opened = await runAs(leader.token, 'openGroupBuy', { dealId: dealOfSize(3).dealId, requestId: rid() });
    const groupBuyId = opened.groupBuy.groupBuyId;
    const joiners: Payer[] = [];
    for (let i = 0; i < 30; i++) joiners.push(i % 2 === 0 ? await weappPayer(host, sdk, `j${i}`) : await alipayPayer(host, sdk, `j${i}`));
    const results = await Promise.allSettled(joiners.map((j) => runAs(j.token, 'joinGroupBuy', { groupBuyId, requestId: rid() })));
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(won).toHaveLength(2);
    expect(codes(results)).toEqual(Array(28).fill(4030));
    const rows = await host.store.query<{ user_id: string; status: string; provider: string }>(
      `select user_id, status, provider from payments where target_id = $1 order by user_id`,
      [groupBuyId],
    );
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(3);
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
    for (const w of won) {
      const order = w.payment.provider === 'wechatpay' ? wechat().order(w.payment.paymentId) : host.fakeAlipay.order(w.payment.paymentId);
      expect(order).toBeDefined();
    }
    expect((await runAs(leader.token, 'getGroupBuy', { groupBuyId })).groupBuy).toMatchObject({ seatsTaken: 3, paidCount: 0 });
    // The losers hold nothing: no payment, no provider order, no wallet or escrow movement.
    const losers = joiners.filter((j) => !won.some((w) => w.groupBuy.members.some((m) => m.userId === j.userId && m.status === 'pending')));
    expect(losers).toHaveLength(28);
    for (const l of losers) expect((await runAs(l.token, 'myPayments', {})).payments).toEqual([]);
    expect(await balanceOf(host, `escrow:${groupBuyId}`)).toBe(0);
    await expectLedgerBalanced();
  });

  it('answers 20 simultaneous retries of one join with one payment and one provider order', async () => {
    const leader = await weappPayer(host, sdk, 'lead2');
    const opened = await runAs(leader.token, 'openGroupBuy', { dealId: dealOfSize(5).dealId, requestId: rid() });
    const groupBuyId = opened.groupBuy.groupBuyId;
    const joiner = await weappPayer(host, sdk, 'retry');
    const requestId = rid();
    const answers = await Promise.all(Array.from({ length: 20 }, () => runAs(joiner.token, 'joinGroupBuy', { groupBuyId, requestId })));
    const paymentIds = new Set(answers.map((a) => a.payment.paymentId));
    expect(paymentIds.size).toBe(1);
    const [paymentId] = [...paymentIds];
    expect(new Set(answers.map((a) => wechatParams(a.payment).package))).toEqual(
      new Set([`prepay_id=${wechat().order(paymentId!)!.prepayId}`]),
    );
    expect((await runAs(joiner.token, 'myPayments', {})).payments.map((p) => p.paymentId)).toEqual([paymentId]);
    expect((await runAs(joiner.token, 'getGroupBuy', { groupBuyId })).groupBuy).toMatchObject({ seatsTaken: 2 });
    // Each answer's cashier params are good to pay with; paying once pays the seat once.
    for (const a of answers) expect(paySignVerifies(wechatParams(a.payment), wechat().appId, wechat().merchantPublicKeyPem)).toBe(true);
    await wechat().pay(paymentId!);
    expect((await runAs(joiner.token, 'getGroupBuy', { groupBuyId })).groupBuy).toMatchObject({ seatsTaken: 2, paidCount: 1 });
    expect(await balanceOf(host, `escrow:${groupBuyId}`)).toBe(dealOfSize(5).groupPriceFen);
    await expectLedgerBalanced();
  });
});
