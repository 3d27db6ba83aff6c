/**
 * Real payments in the built WeChat mini-program (production weapp bundle) run in Node against a
 * real test host whose PAYMENTS include WeChat Pay, served by the loopback WeChat Pay fake
 * (test/support/fakeWechatPay.ts): a shopper logged in through the mini-program gets a pending
 * payment whose `wx.requestPayment` params the host signed for an order it placed at the fake.
 * The mocked `wx` records what the bundle hands to `wx.requestPayment` and
 * `wx.requestMerchantTransfer`, and every cloud function call with the host's answer; WeChat's
 * part is played by the test: the cashier closes (paid or cancelled), then the fake takes the money
 * and notifies the host, and the page learns it by asking `getPayment`.
 *
 * Run: npx jest test/weapp/payments.test.ts
 */
import path from 'node:path';
import type { DealJson } from '../../contract/commerce';
import type { FunctionName, ResultOf } from '../../contract/functions';
import type { PaymentJson } from '../../contract/payments';
import { firstOf } from '../support/at';
import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import type { FakeWechatPay } from '../support/fakeWechatPay';
import {
  demoPayer,
  packetGroup,
  paySignVerifies,
  rewardEveryShare,
  shareAndSplit,
  wallet,
  wechatParams,
  weappPayer,
  type Payer,
} from '../support/payers';
import { initSdk, runAs } from '../support/sdk';
import { ROOT, buildForTest } from '../e2e/buildBundle';
import { MiniProgram, findByClass, findNode, textOf, waitFor, type PageInstance } from './miniProgram';
import { createWxMock } from './wxMock';

jest.setTimeout(60_000);

/** Any origin: the mocked wx.request sends every call to the test host. */
const BAKED_SERVER_URL = 'http://weapp-bundle.invalid';

/**
 * The host's time is the test's, so that a split can be run a second after a share. It starts at
 * the wall clock because the bundle reads the wall clock (how long a held seat is kept, today's
 * withdrawals), and is set level with it again once the bundle is built.
 */
const clock = fixedClock(new Date());

/** Each member of a packet group gets a quarter of it: ¥3.00, less than any deal's price. */
const PACKET_FEN = 1_200;
const EACH_FEN = PACKET_FEN / 4;

let host: TestHost;
let sdk: ReturnType<typeof initSdk>;
let distDir: string;
let seq = 0;
const programs: MiniProgram[] = [];
const fake = (): FakeWechatPay => host.fakeWechatPay!;
/** Shoppers who logged in with WeChat through the SDK first, and hold red-packet money. */
let opener: Payer;
let withdrawer: Payer;

beforeAll(async () => {
  host = await startTestHost({
    demo: true,
    h5Dir: path.join(ROOT, 'dist/h5'),
    payments: 'wechatpay,demo',
    clock,
    subscribeTemplates: 'group_buy:tmpl-group-buy,money:tmpl-money',
  });
  sdk = initSdk(host);
  distDir = buildForTest('weapp', { appId: host.appId, appKey: host.appKey, serverUrl: BAKED_SERVER_URL });
  clock.set(new Date());
  // Red-packet money the way shoppers earn it: a share into their group's pool, split among its members.
  await rewardEveryShare(host, PACKET_FEN);
  opener = await weappPayer(host, sdk, 'opener');
  withdrawer = await weappPayer(host, sdk, 'withdrawer');
  const group = await packetGroup(await demoPayer('alice'), [opener, withdrawer, await demoPayer('bella')]);
  expect(await shareAndSplit(host, group, () => clock.advance(1_000))).toBe(EACH_FEN);
}, 240_000);

afterAll(async () => {
  for (const program of programs) program.close();
  await host?.stop();
});

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void };

/** One cloud function call the bundle made, and the host's answer once it came. */
interface Call {
  name: string;
  params: Record<string, unknown>;
  status?: number;
  body?: { result?: unknown; code?: number; error?: string };
}

interface Run {
  program: MiniProgram;
  calls: Call[];
  /** Each opening of WeChat's cashier: what the bundle passed (callbacks left out), and how many calls came before it. */
  cashier: Array<{ params: Record<string, unknown>; callsBefore: number }>;
  transfers: Array<Record<string, unknown>>;
  /** Each wx.requestSubscribeMessage: the template ids asked for, and how many calls came before it. */
  subscribes: Array<{ tmplIds: string[]; callsBefore: number }>;
}

/** The options of a wx API call without its callbacks: what the bundle actually asked for. */
function withoutCallbacks(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => typeof value !== 'function'));
}

/** What the host answered to a recorded call, typed as the contract says. */
function resultOf<N extends FunctionName>(call: Call, name: N): ResultOf<N> {
  if (call.name !== name || call.status !== 200 || !call.body || !('result' in call.body)) {
    throw new Error(`Expected an answer to ${name}, got ${call.name} → ${call.status} ${JSON.stringify(call.body)}`);
  }
  return call.body.result as ResultOf<N>;
}

/**
 * A cold start for the WeChat user `openid`; every call goes to the host and is recorded with its
 * answer. `cashier` says how each wx.requestPayment ends: paid ('ok': the sheet reports success;
 * the money reaches WeChat Pay when the test says so) or closed by the user ('cancel').
 */
function launch(openid: string, cashier: Array<'ok' | 'cancel'> = []): Run {
  const run: Omit<Run, 'program'> = { calls: [], cashier: [], transfers: [], subscribes: [] };
  const later = (fn: () => void) => setTimeout(fn, 0);
  const program = new MiniProgram(distDir, (navigations) => {
    const base = createWxMock({ hostUrl: host.url, registerCode: (code) => host.fakeWeixin.register(code, openid), navigations });
    const request = (options: Callbacks & { url: string; data?: unknown }) => {
      const name = /^\/1\.1\/functions\/(\w+)$/.exec(new URL(options.url).pathname)?.[1];
      if (!name) return (base.request as (o: unknown) => unknown)(options);
      const params = (typeof options.data === 'string' ? JSON.parse(options.data) : (options.data ?? {})) as Record<string, unknown>;
      const call: Call = { name, params };
      run.calls.push(call);
      return (base.request as (o: unknown) => unknown)({
        ...options,
        success: (res: { statusCode: number; data: Call['body'] }) => {
          call.status = res.statusCode;
          call.body = res.data;
          options.success?.(res);
        },
      });
    };
    // As WeChat does: callbacks when given, else a promise.
    const requestPayment = (options: Callbacks & Record<string, unknown>) => {
      run.cashier.push({ params: withoutCallbacks(options), callsBefore: run.calls.length });
      const outcome = cashier.shift() ?? 'ok';
      const result = outcome === 'ok' ? { errMsg: 'requestPayment:ok' } : { errMsg: 'requestPayment:fail cancel' };
      if (!options.success && !options.fail && !options.complete) {
        return new Promise((resolve, reject) => later(() => (outcome === 'ok' ? resolve(result) : reject(result))));
      }
      later(() => {
        if (outcome === 'ok') options.success?.(result);
        else options.fail?.(result);
        options.complete?.(result);
      });
      return undefined;
    };
    // The user confirms receipt in WeChat's sheet; WeChat Pay pays out when the test says so.
    const requestMerchantTransfer = (options: Callbacks & Record<string, unknown>) => {
      run.transfers.push(withoutCallbacks(options));
      later(() => options.success?.({ errMsg: 'requestMerchantTransfer:ok' }));
    };
    // The shopper accepts every subscribe message she is asked for.
    const requestSubscribeMessage = (options: Callbacks & { tmplIds: string[] }) => {
      run.subscribes.push({ tmplIds: options.tmplIds, callsBefore: run.calls.length });
      const result = { errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(options.tmplIds.map((id) => [id, 'accept'])) };
      later(() => {
        options.success?.(result);
        options.complete?.(result);
      });
    };
    const overrides: Record<string, unknown> = { request, requestPayment, requestMerchantTransfer, requestSubscribeMessage };
    // Taro's runtime wraps the APIs it finds by listing wx's own keys, so the overrides are listed too.
    return new Proxy(base, {
      get: (target, property: string) => (property in overrides ? overrides[property] : target[property]),
      has: (target, property) => property in overrides || property in target,
      ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...Object.keys(overrides)])],
      getOwnPropertyDescriptor: (target, property) =>
        typeof property === 'string' && property in overrides
          ? { value: overrides[property], writable: true, enumerable: true, configurable: true }
          : Reflect.getOwnPropertyDescriptor(target, property),
    });
  });
  programs.push(program);
  program.launch({ path: 'pages/messages/index' });
  return { program, ...run };
}

const pageText = (page: PageInstance) => textOf(page.data.root);
const textOfClass = (page: PageInstance, className: string) => findByClass(page.data.root, className).map(textOf).join(' ');
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
const requestId = () => `weapp-pay-${++seq}-${clock.now().getTime()}`;

/** Taps the first node with a class (buttons in a list have no id of their own). */
function tapClass(program: MiniProgram, page: PageInstance, className: string): void {
  const node = findByClass(page.data.root, className)[0];
  if (!node?.sid) throw new Error(`Nothing with class ${className}. Text: ${pageText(page)}`);
  program.tap(page, node.sid);
}

/** Types into an input, then waits until the page has rendered the value (a tap reads what was rendered). */
async function typeInto(program: MiniProgram, page: PageInstance, id: string, value: string): Promise<void> {
  program.input(page, id, value);
  await waitFor(
    () => Object.values(findNode(page.data.root, (n) => n.uid === id) ?? {}).includes(value),
    () => `The input ${id} never showed ${value}`,
  );
}

/** "20:05" on the Beijing clock, as the app shows hold times. */
function beijingClock(iso: string): string {
  const beijing = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return `${String(beijing.getUTCHours()).padStart(2, '0')}:${String(beijing.getUTCMinutes()).padStart(2, '0')}`;
}

/** The `index`-th call of `name` (from 0) once the host has answered it. */
function answered(run: Run, name: FunctionName, index = 0): Promise<Call> {
  const call = () => run.calls.filter((c) => c.name === name)[index];
  return waitFor(
    () => call()?.status !== undefined && call(),
    () => `No answer to ${name} #${index + 1}. Calls: ${run.calls.map((c) => `${c.name}→${c.status ?? '…'}`).join(', ')}`,
  );
}

/**
 * What the bundle handed to wx.requestPayment is exactly the payment's params the host answered:
 * signed with the merchant key over WeChat's four lines, for the order the host placed at WeChat
 * Pay for this shopper, still unpaid.
 */
function expectHostCashierParams(handed: Record<string, unknown> | undefined, payment: PaymentJson, openid: string): void {
  const params = wechatParams(payment);
  expect(handed).toEqual(params);
  expect(Object.keys(handed ?? {}).sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
  expect(paySignVerifies(params, fake().appId, fake().merchantPublicKeyPem)).toBe(true);
  const order = fake().order(payment.paymentId);
  expect(params.package).toBe(`prepay_id=${order?.prepayId}`);
  expect(order).toMatchObject({ state: 'NOTPAY', amountFen: payment.amountFen, openid, notifyUrl: `${host.url}/hooks/wechatpay` });
}

/**
 * The shopper pays in WeChat's cashier (the `opening`-th): its sheet closed with success, the page
 * asked the host and heard the payment still pending, and now WeChat Pay takes the money and
 * notifies the host; the page hears of it at its next question.
 */
async function payInCashier(run: Run, opening: number, payment: PaymentJson): Promise<void> {
  const asked = await waitFor(
    () => run.calls.slice(run.cashier[opening]?.callsBefore ?? Infinity).find((c) => c.name === 'getPayment' && c.status !== undefined),
    () => `The page did not ask about the payment after cashier #${opening + 1}. Calls: ${run.calls.map((c) => c.name).join(', ')}`,
  );
  // Read back from the host: the params handed to WeChat are the payment's own.
  const pending = resultOf(asked, 'getPayment').payment;
  expect(pending).toMatchObject({ paymentId: payment.paymentId, status: 'pending', paidAt: null });
  expect(pending.params).toEqual(run.cashier[opening]?.params);
  await fake().pay(payment.paymentId);
  expect(fake().deliveries.at(-1)).toMatchObject({ eventType: 'TRANSACTION.SUCCESS', status: 204 });
}

async function openDeals(program: MiniProgram): Promise<PageInstance> {
  const deals = program.openPage('packages/shop/deals/index');
  await waitFor(
    () => findByClass(deals.data.root, 'open-group-buy')[0],
    () => `The deals page never listed a deal. Text: ${pageText(deals)}`,
  );
  return deals;
}

/** The deal whose 开团 button comes first on the deals page (the page lists them as listDeals answers). */
async function firstDeal(payer: Payer): Promise<DealJson> {
  return firstOf((await runAs(payer.token, 'listDeals', {})).deals);
}

/** The group buy page shows my seat paid: the share button appears only then. */
async function expectSeatPaid(program: MiniProgram, groupBuyId: string): Promise<void> {
  const page = program.openUrl(`/packages/shop/groupbuy/index?id=${groupBuyId}`);
  await waitFor(
    () => findNode(page.data.root, (n) => n.uid === 'share-group-buy'),
    () => `The group buy page never showed my seat paid. Text: ${pageText(page)}`,
  );
}

test('opening a group buy hands the host’s signed params to wx.requestPayment exactly, spends the chosen red-packet money, and opens the buy once WeChat Pay has the money', async () => {
  const deal = await firstDeal(opener);
  expect(deal.groupPriceFen).toBeGreaterThan(EACH_FEN);
  const run = launch(opener.platformId!, ['ok']);
  const { program } = run;
  const deals = await openDeals(program);

  // 用红包抵扣: the wallet holds ¥3.00, less than the price, so all of it is spent.
  await waitFor(
    () => findByClass(deals.data.root, 'toggle')[0],
    () => `No red-packet switch. Text: ${pageText(deals)}`,
  );
  program.tap(deals, 'use-wallet');
  await waitFor(
    () => textOfClass(deals, 'deal-left-to-pay').includes(`红包抵扣 ${yuan(EACH_FEN)}，还需支付 ${yuan(deal.groupPriceFen - EACH_FEN)}`),
    () => `What is left to pay was not shown. Text: ${pageText(deals)}`,
  );

  tapClass(program, deals, 'open-group-buy');
  const opened = resultOf(await answered(run, 'openGroupBuy'), 'openGroupBuy');
  const { payment } = opened;
  expect(payment).toMatchObject({
    provider: 'wechatpay',
    status: 'pending',
    amountFen: deal.groupPriceFen - EACH_FEN,
    walletFen: EACH_FEN,
    purpose: 'group_buy',
    targetId: opened.groupBuy.groupBuyId,
  });
  const open = firstOf(run.calls.filter((c) => c.name === 'openGroupBuy'));
  expect(open.params).toMatchObject({ dealId: deal.dealId, walletFen: EACH_FEN });
  expect(typeof open.params.requestId).toBe('string');

  await waitFor(
    () => run.cashier[0],
    () => `wx.requestPayment was never called. Text: ${pageText(deals)}`,
  );
  expectHostCashierParams(run.cashier[0]?.params, payment, opener.platformId!);
  // While the host waits for WeChat Pay's word, the page says so.
  await waitFor(
    () => textOfClass(deals, 'pay-status__text') === '支付中…',
    () => `No 支付中… while waiting. Text: ${pageText(deals)}`,
  );
  await payInCashier(run, 0, payment);

  const navigation = await waitFor(
    () => program.navigations.find((n) => n.api === 'navigateTo'),
    () => `No navigation after paying. Text: ${pageText(deals)}`,
  );
  expect(navigation.url).toBe(`/packages/shop/groupbuy/index?id=${opened.groupBuy.groupBuyId}`);
  // The page asked about this payment only, until the host said paid.
  const asks = run.calls.filter((c) => c.name === 'getPayment');
  expect(asks.length).toBeGreaterThanOrEqual(2);
  expect(new Set(asks.map((c) => JSON.stringify(c.params)))).toEqual(new Set([JSON.stringify({ paymentId: payment.paymentId })]));
  expect(resultOf(asks.at(-1)!, 'getPayment').payment).toMatchObject({ status: 'paid', params: null, walletFen: EACH_FEN });
  expect(run.cashier).toHaveLength(1);
  expect(await wallet(host, opener)).toBe(0);
  await expectSeatPaid(program, opened.groupBuy.groupBuyId);
});

test('WeChat Pay down answers 4042 and the retry keeps the requestId; a cancelled cashier keeps the seat and pays again with the same params', async () => {
  const openid = 'openid-cancels-once';
  const run = launch(openid, ['cancel', 'ok']);
  const { program } = run;
  const deals = await openDeals(program);
  // An empty wallet offers no red-packet switch.
  expect(findByClass(deals.data.root, 'toggle')).toHaveLength(0);

  fake().setDown(true);
  try {
    tapClass(program, deals, 'open-group-buy');
    await waitFor(
      () => textOfClass(deals, 'pay-status__text') === '支付服务暂时不可用，请稍后重试',
      () => `The outage was not explained. Text: ${pageText(deals)}`,
    );
  } finally {
    fake().setDown(false);
  }
  const refused = await answered(run, 'openGroupBuy', 0);
  expect(refused.body).toMatchObject({ code: 4042 });
  expect(run.cashier).toHaveLength(0);

  program.tap(deals, 'pay-retry');
  const retried = resultOf(await answered(run, 'openGroupBuy', 1), 'openGroupBuy');
  const { payment } = retried;
  expect(payment).toMatchObject({ provider: 'wechatpay', status: 'pending', walletFen: 0, targetId: retried.groupBuy.groupBuyId });
  await waitFor(
    () => textOfClass(deals, 'pay-status__text').startsWith('已取消支付'),
    () => `The cancel was not explained. Text: ${pageText(deals)}`,
  );
  expect(textOfClass(deals, 'pay-status__text')).toBe(`已取消支付，座位会为你保留到 ${beijingClock(payment.expiresAt)}`);
  const [first, second] = run.calls.filter((c) => c.name === 'openGroupBuy');
  expect(second!.params.requestId).toBe(first!.params.requestId);
  expect(first!.params).not.toHaveProperty('walletFen');
  expectHostCashierParams(run.cashier[0]?.params, payment, openid);

  // 重新支付: the same params again (the order at WeChat is still open), then the money goes through.
  program.tap(deals, 'pay-retry');
  await waitFor(
    () => run.cashier[1],
    () => `The cashier did not open again. Text: ${pageText(deals)}`,
  );
  expect(run.cashier[1]?.params).toEqual(run.cashier[0]?.params);
  expectHostCashierParams(run.cashier[1]?.params, payment, openid);
  await payInCashier(run, 1, payment);
  const navigation = await waitFor(
    () => program.navigations.find((n) => n.api === 'navigateTo'),
    () => `No navigation after paying again. Text: ${pageText(deals)}`,
  );
  expect(navigation.url).toBe(`/packages/shop/groupbuy/index?id=${retried.groupBuy.groupBuyId}`);
  // Paying again made no new order, here or at WeChat Pay.
  expect(run.calls.filter((c) => c.name === 'openGroupBuy')).toHaveLength(2);
  expect(fake().order(payment.paymentId)).toMatchObject({ state: 'SUCCESS' });
  await expectSeatPaid(program, retried.groupBuy.groupBuyId);
});

test('joining from a shared group buy pays through wx.requestPayment and shows 支付中… then 已支付', async () => {
  // The leader opened the buy on H5 (the demo checkout pays at once) and shared it.
  const leader = await demoPayer('david');
  const deal = (await runAs(leader.token, 'listDeals', {})).deals.find((d) => d.size === 3 && !d.virtualCompletion)!;
  const led = await runAs(leader.token, 'openGroupBuy', { dealId: deal.dealId, requestId: requestId() });
  expect(led.payment).toMatchObject({ provider: 'demo', status: 'paid' });
  const groupBuyId = led.groupBuy.groupBuyId;

  const openid = 'openid-joins-and-pays';
  const run = launch(openid, ['ok']);
  const { program } = run;
  const page = program.openUrl(`/packages/shop/groupbuy/index?id=${groupBuyId}`);
  await waitFor(
    () => findNode(page.data.root, (n) => n.uid === 'join-group-buy'),
    () => `No join button. Text: ${pageText(page)}`,
  );
  // A mini-program takes real money: no demo note.
  expect(pageText(page)).not.toContain('模拟支付');
  program.tap(page, 'join-group-buy');
  const joined = resultOf(await answered(run, 'joinGroupBuy'), 'joinGroupBuy');
  expect(run.calls.find((c) => c.name === 'joinGroupBuy')!.params).toMatchObject({ groupBuyId });
  expect(joined.payment).toMatchObject({ provider: 'wechatpay', status: 'pending', amountFen: deal.groupPriceFen, walletFen: 0 });
  await waitFor(
    () => run.cashier[0],
    () => `wx.requestPayment was never called. Text: ${pageText(page)}`,
  );
  expectHostCashierParams(run.cashier[0]?.params, joined.payment, openid);
  await waitFor(
    () => textOfClass(page, 'pay-status__text') === '支付中…',
    () => `No 支付中… while waiting. Text: ${pageText(page)}`,
  );
  await payInCashier(run, 0, joined.payment);
  await waitFor(
    () => textOfClass(page, 'pay-status__text') === `已支付 ${yuan(deal.groupPriceFen)}`,
    () => `Never showed 已支付. Text: ${pageText(page)}`,
  );
  // The buy as it now is: two of three seats, both paid.
  await waitFor(
    () => textOfClass(page, 'group-buy-seats').includes('已拼 2/3 人') && findNode(page.data.root, (n) => n.uid === 'share-group-buy'),
    () => `The buy was not shown with my paid seat. Text: ${pageText(page)}`,
  );
  expect((await runAs(leader.token, 'getGroupBuy', { groupBuyId })).groupBuy).toMatchObject({
    seatsTaken: 2,
    paidCount: 2,
    status: 'open',
  });
});

test('a withdrawal WeChat wants confirmed opens wx.requestMerchantTransfer with the host’s params, and is paid out once confirmed', async () => {
  const run = launch(withdrawer.platformId!);
  const { program } = run;
  const page = program.openPage('packages/wallet/home/index');
  await waitFor(
    () => textOfClass(page, 'wallet-balance-amount') === yuan(EACH_FEN),
    () => `Wallet never showed the balance. Text: ${pageText(page)}`,
  );
  program.tap(page, 'open-withdraw');
  await waitFor(
    () => findByClass(page.data.root, 'withdraw-limits')[0],
    () => `No withdrawal form. Text: ${pageText(page)}`,
  );
  // Below the minimum: refused before anything is sent.
  await typeInto(program, page, 'withdraw-amount', '0.5');
  program.tap(page, 'withdraw-submit');
  await waitFor(
    () => textOfClass(page, 'withdraw-error') === '每次最少提现 ¥1.00',
    () => `The minimum was not explained. Text: ${pageText(page)}`,
  );
  expect(run.calls.filter((c) => c.name === 'withdraw')).toHaveLength(0);

  await typeInto(program, page, 'withdraw-amount', '1.25');
  program.tap(page, 'withdraw-submit');
  await waitFor(
    () => textOfClass(page, 'withdraw-notice').includes('已确认收款'),
    () => `The confirmation was not reported. Text: ${pageText(page)}`,
  );
  const asked = firstOf(run.calls.filter((c) => c.name === 'withdraw'));
  expect(asked.params).toMatchObject({ amountFen: 125 });
  const { withdrawal } = resultOf(asked, 'withdraw');
  expect(withdrawal).toMatchObject({ provider: 'wechatpay', status: 'confirming', amountFen: 125 });
  // Exactly the host's params, which are those of the transfer bill it made at WeChat Pay for her.
  expect(run.transfers).toEqual([withdrawal.params]);
  const bill = fake().transfer(withdrawal.withdrawalId);
  expect(bill).toMatchObject({ state: 'WAIT_USER_CONFIRM', amountFen: 125, openid: withdrawer.platformId });
  expect(withdrawal.params).toEqual({ mchId: fake().mchId, appId: fake().appId, package: bill!.packageInfo });

  // Her confirmation reaches WeChat Pay, which pays out and tells the host.
  await fake().confirmTransfer(withdrawal.withdrawalId, 'succeeded');
  expect(fake().deliveries.at(-1)).toMatchObject({ eventType: 'MCHTRANSFER.BILL.FINISHED', status: 204 });
  const again = program.openPage('packages/wallet/home/index');
  await waitFor(
    () => textOfClass(again, 'wallet-balance-amount') === yuan(EACH_FEN - 125),
    () => `Wallet never showed what is left. Text: ${pageText(again)}`,
  );
  program.tap(again, 'wallet-tab-withdrawals');
  await waitFor(
    () => textOfClass(again, 'withdrawal-status') === '已到账',
    () => `The withdrawal was not shown paid out. Text: ${pageText(again)}`,
  );
});

test('tapping to pay asks for the group-buy subscribe message within the tap, before the order is made, and the host records what she accepted', async () => {
  const payer = await weappPayer(host, sdk, 'subscriber');
  const run = launch(payer.platformId!, ['cancel']);
  const { program } = run;
  const deals = await openDeals(program);
  // The templates come from the host's settings, loaded before her tap.
  expect(resultOf(await answered(run, 'subscribeTemplates'), 'subscribeTemplates').templates).toContainEqual({
    topic: 'group_buy',
    templateId: 'tmpl-group-buy',
  });
  tapClass(program, deals, 'open-group-buy');
  await answered(run, 'openGroupBuy');
  expect(run.subscribes.map((s) => s.tmplIds)).toEqual([['tmpl-group-buy']]);
  expect(firstOf(run.subscribes).callsBefore).toBeLessThanOrEqual(run.calls.findIndex((c) => c.name === 'openGroupBuy'));
  expect(resultOf(await answered(run, 'acceptSubscriptions'), 'acceptSubscriptions').accepted).toEqual(['group_buy']);
  const held = await host.store.query<{ topic: string; remaining: number }>(
    'select topic, remaining from notification_subscriptions where user_id = $1',
    [payer.userId],
  );
  expect(held).toEqual([{ topic: 'group_buy', remaining: 1 }]);
  await waitFor(
    () => run.cashier[0],
    () => `The cashier never opened after the subscribe request. Calls: ${run.calls.map((c) => c.name).join(', ')}`,
  );
});
