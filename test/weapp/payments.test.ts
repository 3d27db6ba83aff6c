/**
 * Real payments in the built WeChat mini-program (production weapp bundle) run in Node: the
 * silent login, the deals and the session go to a real test host (demo mode), while the
 * money-taking calls and the payment questions are answered by the test as the payments
 * backend answers a WeChat Pay shopper — a pending payment with `wx.requestPayment` params —
 * so the bundle's cashier step is checked whatever the host's payment provider is. The mocked
 * `wx` records what the bundle hands to `wx.requestPayment` and `wx.requestMerchantTransfer`.
 *
 * Run: npx jest test/weapp/payments.test.ts
 */
import path from 'node:path';
import type { GroupBuyJson } from '../../contract/commerce';
import type { PaymentJson, WechatPayParams, WithdrawalJson } from '../../contract/payments';
import { startTestHost, type TestHost } from '../support/host';
import { ROOT, buildForTest } from '../e2e/buildBundle';
import { MiniProgram, findByClass, findNode, textOf, waitFor, type PageInstance } from './miniProgram';
import { createWxMock } from './wxMock';

jest.setTimeout(60_000);

/** Any origin: the mocked wx.request sends every call to the test host (or to the test's answers). */
const BAKED_SERVER_URL = 'http://weapp-bundle.invalid';

/** What the server answered for `wx.requestPayment`, exactly as the app must pass it on. */
const PAY_PARAMS: WechatPayParams = {
  timeStamp: '1793448000',
  nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
  package: 'prepay_id=wx201410272009395522657a690389285100',
  signType: 'RSA',
  paySign:
    'oR9d8PuhnIc+YZ8cBHFCwfgpaK9gd7vaRvkYD7rthRAZ/X+QBhcCYL21N7cHCTUxbQ+EAt6Uy+lwSN22f5YZvI45MLko8Pfso0jm46v5hqcVwrk6uddkGuT+Cdvu4WBqDzaDjnNa5UK3GfE1Wfl2gHxIIY5lLdUgWFts17D4WuolLLkiFZV+JSHMvH7eaLdT9N5GBovBwu5yYKUR7skR8Fu+LozcSqQixnlEZUfyE55feLOQTUYzLmR9pNtPbPsu6WVhbNHMS3Ss2+AehHvz+n64GDmXxbX++IOBvm2olHu3PsOUGRwhudhVf7UcGcunXt8cqNjKNqZLhLw4jq/xDg==',
};

let host: TestHost;
let distDir: string;
const programs: MiniProgram[] = [];

beforeAll(async () => {
  host = await startTestHost({ demo: true, h5Dir: path.join(ROOT, 'dist/h5') });
  distDir = buildForTest('weapp', { appId: host.appId, appKey: host.appKey, serverUrl: BAKED_SERVER_URL });
}, 240_000);

afterAll(async () => {
  for (const program of programs) program.close();
  await host?.stop();
});

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void };
/** The test's answer to one cloud function call: a result, or a refusal with the host's status and body. */
type Answer = { result: unknown } | { status: number; code: number; error: string };
type Answerer = (params: Record<string, unknown>) => Answer;

interface Recorded {
  /** Calls the test answered, with their params, in order. */
  calls: Array<{ name: string; params: Record<string, unknown> }>;
  /** What the bundle passed to wx.requestPayment, callbacks left out. */
  payments: Array<Record<string, unknown>>;
  transfers: Array<Record<string, unknown>>;
}

/** The options of a wx API call without its callbacks: what the bundle actually asked for. */
function withoutCallbacks(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => typeof value !== 'function'));
}

/**
 * A cold start for the WeChat user `openid`, where the named cloud functions are answered by
 * `answers` and everything else goes to the host; `cashier` says how each wx.requestPayment ends.
 */
function launch(
  openid: string,
  answers: Record<string, Answerer>,
  cashier: Array<'ok' | 'cancel'> = [],
): { program: MiniProgram; recorded: Recorded } {
  const recorded: Recorded = { calls: [], payments: [], transfers: [] };
  const later = (fn: () => void) => setTimeout(fn, 0);
  const program = new MiniProgram(distDir, (navigations) => {
    const base = createWxMock({ hostUrl: host.url, registerCode: (code) => host.fakeWeixin.register(code, openid), navigations });
    const request = (options: Callbacks & { url: string; data?: unknown }) => {
      const name = /^\/1\.1\/functions\/(\w+)$/.exec(new URL(options.url).pathname)?.[1];
      const answer = name ? answers[name] : undefined;
      if (!name || !answer) return (base.request as (o: unknown) => unknown)(options);
      const params = (typeof options.data === 'string' ? JSON.parse(options.data) : (options.data ?? {})) as Record<string, unknown>;
      recorded.calls.push({ name, params });
      const reply = answer(params);
      const res =
        'result' in reply
          ? { statusCode: 200, data: { result: reply.result }, header: {}, errMsg: 'request:ok' }
          : { statusCode: reply.status, data: { code: reply.code, error: reply.error }, header: {}, errMsg: 'request:ok' };
      later(() => {
        options.success?.(res);
        options.complete?.(res);
      });
      return { abort: () => undefined, onHeadersReceived: () => undefined, offHeadersReceived: () => undefined };
    };
    // As WeChat does: callbacks when given, else a promise.
    const requestPayment = (options: Callbacks & Record<string, unknown>) => {
      recorded.payments.push(withoutCallbacks(options));
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
    const requestMerchantTransfer = (options: Callbacks & Record<string, unknown>) => {
      recorded.transfers.push(withoutCallbacks(options));
      later(() => options.success?.({ errMsg: 'requestMerchantTransfer:ok' }));
    };
    const overrides: Record<string, unknown> = { request, requestPayment, requestMerchantTransfer };
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
  return { program, recorded };
}

const pageText = (page: PageInstance) => textOf(page.data.root);
const textOfClass = (page: PageInstance, className: string) => findByClass(page.data.root, className).map(textOf).join(' ');

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

function pendingPayment(overrides: Partial<PaymentJson> = {}): PaymentJson {
  const now = Date.now();
  return {
    paymentId: 'pay-weapp-1',
    provider: 'wechatpay',
    status: 'pending',
    amountFen: 0,
    walletFen: 0,
    expiresAt: new Date(now + 15 * 60_000).toISOString(),
    params: PAY_PARAMS,
    purpose: 'group_buy',
    targetId: 'gb-weapp-1',
    createdAt: new Date(now).toISOString(),
    paidAt: null,
    refundedFen: 0,
    ...overrides,
  };
}

function groupBuyFor(groupBuyId: string): GroupBuyJson {
  return {
    groupBuyId,
    deal: {
      dealId: 'd',
      product: { productId: 'p', title: '测试商品', shopName: '测试店', priceFen: 9_900, imageUrl: null },
      groupPriceFen: 6_900,
      size: 2,
      timeLimitHours: 24,
      virtualCompletion: false,
    },
    leaderId: 'me',
    status: 'open',
    outcome: null,
    size: 2,
    seatsTaken: 1,
    members: [],
    paidCount: 0,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    createdAt: new Date().toISOString(),
  };
}

const wallet = (balanceFen: number) => () => ({ result: { balanceFen, entries: [], pendingFen: 0, pending: [] } });

/** A getPayment that answers pending `pendingTimes` times, then paid. */
function paidAfter(payment: PaymentJson, pendingTimes: number): Answerer {
  let asked = 0;
  return () => {
    asked += 1;
    if (asked <= pendingTimes) return { result: { payment } };
    return { result: { payment: { ...payment, status: 'paid', params: null, paidAt: new Date().toISOString() } } };
  };
}

async function openDeals(program: MiniProgram): Promise<PageInstance> {
  const deals = program.openPage('packages/shop/deals/index');
  await waitFor(
    () => findByClass(deals.data.root, 'open-group-buy')[0],
    () => `The deals page never listed a deal. Text: ${pageText(deals)}`,
  );
  return deals;
}

test('opening a group buy hands the server’s params to wx.requestPayment exactly, spends the chosen red-packet money, and opens the buy once paid', async () => {
  const payment = pendingPayment({ amountFen: 6_600, walletFen: 300 });
  const { program, recorded } = launch('openid-pays-wechat', {
    myWallet: wallet(300),
    openGroupBuy: () => ({ result: { groupBuy: groupBuyFor('gb-weapp-1'), payment } }),
    getPayment: paidAfter(payment, 1),
  });
  const deals = await openDeals(program);

  // 用红包抵扣: the wallet holds ¥3.00, less than the price, so all of it is spent.
  await waitFor(
    () => findByClass(deals.data.root, 'toggle')[0],
    () => `No red-packet switch. Text: ${pageText(deals)}`,
  );
  program.tap(deals, 'use-wallet');
  await waitFor(
    () => textOfClass(deals, 'deal-left-to-pay').includes('红包抵扣 ¥3.00，还需支付'),
    () => `What is left to pay was not shown. Text: ${pageText(deals)}`,
  );

  tapClass(program, deals, 'open-group-buy');
  // While the server waits for WeChat Pay's word, the page says so.
  await waitFor(
    () => textOfClass(deals, 'pay-status__text') === '支付中…',
    () => `No 支付中… while waiting. Text: ${pageText(deals)}`,
  );
  const opened = await waitFor(
    () => program.navigations.find((n) => n.api === 'navigateTo'),
    () => `No navigation after paying. Text: ${pageText(deals)}`,
  );
  expect(opened.url).toBe('/packages/shop/groupbuy/index?id=gb-weapp-1');

  // Exactly the five signed fields, unchanged: WeChat checks paySign over them.
  expect(recorded.payments).toEqual([PAY_PARAMS]);
  const open = recorded.calls.find((c) => c.name === 'openGroupBuy')!;
  expect(open.params).toMatchObject({ walletFen: 300 });
  expect(typeof open.params.requestId).toBe('string');
  // The cashier closed, then the page asked until the payment was paid.
  expect(recorded.calls.filter((c) => c.name === 'getPayment').map((c) => c.params)).toEqual([
    { paymentId: payment.paymentId },
    { paymentId: payment.paymentId },
  ]);
});

test('a provider outage is retried with the same requestId; a cancelled cashier keeps the seat and pays again with the same params', async () => {
  const payment = pendingPayment({ paymentId: 'pay-weapp-2', targetId: 'gb-weapp-2' });
  let attempts = 0;
  const { program, recorded } = launch(
    'openid-cancels-once',
    {
      myWallet: wallet(0),
      openGroupBuy: () => {
        attempts += 1;
        if (attempts === 1) return { status: 503, code: 4042, error: 'WeChat Pay did not answer' };
        return { result: { groupBuy: groupBuyFor('gb-weapp-2'), payment } };
      },
      getPayment: paidAfter(payment, 1),
    },
    ['cancel', 'ok'],
  );
  const deals = await openDeals(program);
  // An empty wallet offers no red-packet switch.
  expect(findByClass(deals.data.root, 'toggle')).toHaveLength(0);

  tapClass(program, deals, 'open-group-buy');
  await waitFor(
    () => textOfClass(deals, 'pay-status__text') === '支付服务暂时不可用，请稍后重试',
    () => `The outage was not explained. Text: ${pageText(deals)}`,
  );
  expect(recorded.payments).toHaveLength(0);
  program.tap(deals, 'pay-retry');

  await waitFor(
    () => textOfClass(deals, 'pay-status__text').startsWith('已取消支付'),
    () => `The cancel was not explained. Text: ${pageText(deals)}`,
  );
  expect(textOfClass(deals, 'pay-status__text')).toBe(`已取消支付，座位会为你保留到 ${beijingClock(payment.expiresAt)}`);
  const [first, second] = recorded.calls.filter((c) => c.name === 'openGroupBuy');
  expect(second!.params.requestId).toBe(first!.params.requestId);
  expect(first!.params).not.toHaveProperty('walletFen');

  program.tap(deals, 'pay-retry');
  const opened = await waitFor(
    () => program.navigations.find((n) => n.api === 'navigateTo'),
    () => `No navigation after paying again. Text: ${pageText(deals)}`,
  );
  expect(opened.url).toBe('/packages/shop/groupbuy/index?id=gb-weapp-2');
  expect(recorded.payments).toEqual([PAY_PARAMS, PAY_PARAMS]);
  // Paying again made no new order.
  expect(recorded.calls.filter((c) => c.name === 'openGroupBuy')).toHaveLength(2);
});

test('joining from a shared group buy pays through wx.requestPayment and shows 支付中… then 已支付', async () => {
  const buy: GroupBuyJson = {
    ...groupBuyFor('gb-weapp-3'),
    leaderId: 'leader',
    members: [{ userId: 'leader', nickname: 'Alice', role: 'leader', paidFen: 6_900, status: 'paid', joinedAt: new Date().toISOString() }],
    paidCount: 1,
  };
  const payment = pendingPayment({ paymentId: 'pay-weapp-3', targetId: 'gb-weapp-3', amountFen: 6_900 });
  const { program, recorded } = launch('openid-joins-and-pays', {
    myWallet: wallet(0),
    getGroupBuy: () => ({ result: { groupBuy: buy } }),
    joinGroupBuy: () => ({ result: { groupBuy: buy, payment } }),
    getPayment: paidAfter(payment, 1),
  });
  const page = program.openUrl('/packages/shop/groupbuy/index?id=gb-weapp-3');
  await waitFor(
    () => findNode(page.data.root, (n) => n.uid === 'join-group-buy'),
    () => `No join button. Text: ${pageText(page)}`,
  );
  // A mini-program takes real money: no demo note.
  expect(pageText(page)).not.toContain('模拟支付');
  program.tap(page, 'join-group-buy');
  await waitFor(
    () => textOfClass(page, 'pay-status__text') === '支付中…',
    () => `No 支付中… while waiting. Text: ${pageText(page)}`,
  );
  await waitFor(
    () => textOfClass(page, 'pay-status__text') === '已支付 ¥69.00',
    () => `Never showed 已支付. Text: ${pageText(page)}`,
  );
  expect(recorded.payments).toEqual([PAY_PARAMS]);
  expect(recorded.calls.find((c) => c.name === 'joinGroupBuy')!.params).toMatchObject({ groupBuyId: 'gb-weapp-3' });
});

test('a withdrawal WeChat wants confirmed opens wx.requestMerchantTransfer with the server’s params', async () => {
  const params = { mchId: '1900000109', appId: 'wx-test-appid', package: 'ABBQO+oYAAABAAAAAAAk+yPZGAAAAA==' };
  const withdrawal: WithdrawalJson = {
    withdrawalId: 'w1',
    provider: 'wechatpay',
    status: 'confirming',
    amountFen: 1_250,
    params,
    failReason: null,
    createdAt: new Date().toISOString(),
    finishedAt: null,
  };
  const { program, recorded } = launch('openid-withdraws', {
    myWallet: wallet(5_000),
    myWithdrawals: () => ({ result: { withdrawals: [] } }),
    withdraw: () => ({ result: { withdrawal } }),
  });
  const page = program.openPage('packages/wallet/home/index');
  await waitFor(
    () => textOfClass(page, 'wallet-balance-amount') === '¥50.00',
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
  expect(recorded.calls.filter((c) => c.name === 'withdraw')).toHaveLength(0);

  await typeInto(program, page, 'withdraw-amount', '12.5');
  program.tap(page, 'withdraw-submit');
  await waitFor(
    () => textOfClass(page, 'withdraw-notice').includes('已确认收款'),
    () => `The confirmation was not reported. Text: ${pageText(page)}`,
  );
  expect(recorded.calls.find((c) => c.name === 'withdraw')!.params).toMatchObject({ amountFen: 1_250 });
  expect(recorded.transfers).toEqual([params]);
});
