import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeAlipay, type FakeAlipay } from '../../test/support/fakeAlipay';
import { FixedClock } from '../clock';
import { ALIPAY_MAX_AMOUNT_FEN, alipayPaymentProvider, fenToYuan, yuanToFen } from './alipay';
import {
  alipayNotificationSignContent,
  alipayResponseKey,
  alipaySignContent,
  callAlipayGateway,
  formatAlipayTimestamp,
  parseAlipayTimestamp,
  rsa2Sign,
} from './alipaySign';
import {
  NotificationRejected,
  ProviderRejected,
  ProviderUnavailable,
  type CreatePaymentRequest,
  type PaymentProvider,
  type ProviderNotification,
} from './provider';

const APP_ID = '2021000000000001';
const BUYER = '2088000000000042';
const START = '2025-11-05T02:00:00.000Z';

let fake: FakeAlipay;
let clock: FixedClock;
let provider: PaymentProvider;
let settings: { appId: string; gatewayUrl: string; privateKeyPem: string; alipayPublicKeyPem: string };
/** The host's side of notifications: what the provider made of each, and its answer to Alipay. */
let hooks: http.Server;
let notifyUrl: string;
const received: ProviderNotification[] = [];
let sequence = 0;

function parseOrRefuse(headers: http.IncomingHttpHeaders, body: string): string {
  try {
    received.push(provider.parseNotification(headers, body));
    return 'success';
  } catch (error) {
    if (error instanceof NotificationRejected) return 'fail';
    throw error;
  }
}

beforeAll(async () => {
  clock = new FixedClock(START);
  fake = await startFakeAlipay(APP_ID, { now: () => clock.now() });
  settings = { appId: APP_ID, gatewayUrl: fake.url, privateKeyPem: fake.appPrivateKeyPem, alipayPublicKeyPem: fake.alipayPublicKeyPem };
  provider = alipayPaymentProvider(settings, () => clock.now());
  hooks = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => res.end(parseOrRefuse(req.headers, body)));
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  notifyUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hooks/alipay`;
});

afterAll(async () => {
  await fake.close();
  await new Promise<void>((resolve) => hooks.close(() => resolve()));
});

beforeEach(() => {
  clock.set(START);
  fake.notifications.mode = 'deliver';
  fake.transferOutcome = 'succeeded';
  fake.setDown(false);
  fake.failNext(0);
  received.length = 0;
});

function newNo(prefix: string): string {
  return `${prefix}_${Date.parse(START)}_${++sequence}`;
}

function paymentRequest(overrides: Partial<CreatePaymentRequest> = {}): CreatePaymentRequest {
  return {
    outTradeNo: newNo('P'),
    amountFen: 1990,
    description: '小黑群 拼团 2 人',
    payerId: BUYER,
    expiresAt: new Date(Date.parse(START) + 15 * 60 * 1000),
    notifyUrl,
    ...overrides,
  };
}

async function paidOrder(amountFen = 1990): Promise<CreatePaymentRequest> {
  const request = paymentRequest({ amountFen });
  await provider.createPayment(request);
  await fake.pay(request.outTradeNo);
  received.length = 0;
  return request;
}

function lastRequest(method: string) {
  const found = [...fake.requests].reverse().find((r) => r.method === method);
  if (!found) throw new Error(`no ${method} request`);
  return found;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('yuan and fen', () => {
  it('writes fen as yuan with two decimals, in integer arithmetic', () => {
    expect(fenToYuan(1)).toBe('0.01');
    expect(fenToYuan(10)).toBe('0.10');
    expect(fenToYuan(100)).toBe('1.00');
    expect(fenToYuan(12345)).toBe('123.45');
    expect(fenToYuan(100_000_000)).toBe('1000000.00');
    expect(fenToYuan(ALIPAY_MAX_AMOUNT_FEN)).toBe('100000000.00');
    // 0.07 * 100 is 7.000000000000001 in floating point; the conversion must not go near it.
    expect(fenToYuan(7)).toBe('0.07');
    expect(fenToYuan(1_000_000_007)).toBe('10000000.07');
  });

  it('reads yuan back to fen exactly', () => {
    expect(yuanToFen('0.01')).toBe(1);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('88')).toBe(8800);
    expect(yuanToFen('1000000.00')).toBe(100_000_000);
    expect(yuanToFen('100000000.00')).toBe(ALIPAY_MAX_AMOUNT_FEN);
    expect(yuanToFen('0.07')).toBe(7);
    for (const bad of ['', '1.234', '-1', '1e5', ' 1', '1.', '.5', '1,000.00', 'NaN']) expect(yuanToFen(bad)).toBeNull();
  });

  it('refuses amounts that are not whole fen', () => {
    expect(() => fenToYuan(1.5)).toThrow();
    expect(() => fenToYuan(-1)).toThrow();
    expect(() => fenToYuan(Number.NaN)).toThrow();
  });
});

describe('sign content', () => {
  const params = { method: 'alipay.trade.query', b: '2', a: '1', empty: '', sign: 'x', sign_type: 'RSA2', biz_content: '{"k":"v w"}' };

  it('sorts non-empty parameters but sign for a request', () => {
    expect(alipaySignContent(params)).toBe('a=1&b=2&biz_content={"k":"v w"}&method=alipay.trade.query&sign_type=RSA2');
  });

  it('leaves sign_type out as well for a notification', () => {
    expect(alipayNotificationSignContent(params)).toBe('a=1&b=2&biz_content={"k":"v w"}&method=alipay.trade.query');
  });
});

describe('Beijing timestamps', () => {
  it('formats and parses yyyy-MM-dd HH:mm:ss at UTC+8', () => {
    expect(formatAlipayTimestamp(new Date('2025-11-05T16:30:05Z'))).toBe('2025-11-06 00:30:05');
    expect(parseAlipayTimestamp('2025-11-06 00:30:05')?.toISOString()).toBe('2025-11-05T16:30:05.000Z');
    for (const bad of ['2025-02-30 10:00:00', '2025-11-06T00:30:05', '2025-11-06 24:00:00', ''])
      expect(parseAlipayTimestamp(bad)).toBeNull();
  });
});

describe('alipay.trade.create', () => {
  it('creates a JSAPI_PAY order signed RSA2 with the common parameters, and answers the tradeNO', async () => {
    const request = paymentRequest({ amountFen: 1 });
    const params = await provider.createPayment(request);
    expect(params).toEqual({ tradeNO: fake.order(request.outTradeNo)?.tradeNo });
    const sent = lastRequest('alipay.trade.create');
    expect(sent.signatureOk).toBe(true);
    expect(sent.params).toMatchObject({
      app_id: APP_ID,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: '2025-11-05 10:00:00',
      version: '1.0',
      notify_url: notifyUrl,
    });
    expect(sent.biz).toEqual({
      out_trade_no: request.outTradeNo,
      total_amount: '0.01',
      subject: '小黑群 拼团 2 人',
      product_code: 'JSAPI_PAY',
      buyer_id: BUYER,
      time_expire: '2025-11-05 10:15:00',
    });
  });

  it('names a payer who is not a 2088 user id by buyer_open_id', async () => {
    const request = paymentRequest({ payerId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' });
    await provider.createPayment(request);
    expect(lastRequest('alipay.trade.create').biz).toMatchObject({ buyer_open_id: request.payerId });
    expect(lastRequest('alipay.trade.create').biz).not.toHaveProperty('buyer_id');
  });

  it('takes the largest amount Alipay allows, and keeps / = & out of the subject', async () => {
    const request = paymentRequest({ amountFen: 100_000_000, description: 'a/b=c&d' });
    await provider.createPayment(request);
    expect(lastRequest('alipay.trade.create').biz).toMatchObject({ total_amount: '1000000.00', subject: 'a b c d' });
    expect(fake.order(request.outTradeNo)?.totalFen).toBe(100_000_000);
  });

  it('answers the same order again for the same out_trade_no, and refuses it with other terms', async () => {
    const request = paymentRequest();
    const first = await provider.createPayment(request);
    expect(await provider.createPayment(request)).toEqual(first);
    const error = await rejection(provider.createPayment({ ...request, amountFen: 2000 }));
    expect(error).toBeInstanceOf(ProviderRejected);
    expect((error as ProviderRejected).providerCode).toBe('ACQ.CONTEXT_INCONSISTENT');
  });

  it('refuses to create an order that is already paid', async () => {
    const request = await paidOrder();
    const error = await rejection(provider.createPayment(request));
    expect((error as ProviderRejected).providerCode).toBe('ACQ.TRADE_HAS_SUCCESS');
  });
});

describe('alipay.trade.query', () => {
  it('follows an order from pending to paid', async () => {
    const request = paymentRequest({ amountFen: 1 });
    await provider.createPayment(request);
    expect(await provider.queryPayment(request.outTradeNo)).toEqual({ state: 'pending' });
    clock.advance(60_000);
    await fake.pay(request.outTradeNo);
    expect(await provider.queryPayment(request.outTradeNo)).toEqual({
      state: 'paid',
      providerTradeId: fake.order(request.outTradeNo)?.tradeNo,
      amountFen: 1,
      paidAt: new Date(Date.parse(START) + 60_000),
    });
  });

  it('answers closed for an order Alipay never heard of, one closed, and one past its time_expire', async () => {
    expect(await provider.queryPayment(newNo('NONE'))).toEqual({ state: 'closed' });
    const closed = paymentRequest();
    await provider.createPayment(closed);
    await provider.closePayment(closed.outTradeNo);
    expect(await provider.queryPayment(closed.outTradeNo)).toEqual({ state: 'closed' });
    const expired = paymentRequest();
    await provider.createPayment(expired);
    clock.advance(15 * 60 * 1000);
    expect(await provider.queryPayment(expired.outTradeNo)).toEqual({ state: 'closed' });
    await expect(fake.pay(expired.outTradeNo)).rejects.toThrow(/TRADE_CLOSED/);
  });

  it('answers refunded for an order closed by a full refund', async () => {
    const request = await paidOrder(100_000_000);
    await provider.refund({
      outTradeNo: request.outTradeNo,
      outRefundNo: newNo('R'),
      refundFen: 100_000_000,
      totalFen: 100_000_000,
      reason: '拼团失败',
      notifyUrl,
    });
    expect(await provider.queryPayment(request.outTradeNo)).toEqual({
      state: 'refunded',
      providerTradeId: fake.order(request.outTradeNo)?.tradeNo,
      amountFen: 100_000_000,
    });
  });
});

describe('alipay.trade.close', () => {
  it('closes an unpaid order; closing it again or closing an unknown order is fine', async () => {
    const request = paymentRequest();
    await provider.createPayment(request);
    await provider.closePayment(request.outTradeNo);
    expect(fake.order(request.outTradeNo)?.status).toBe('TRADE_CLOSED');
    await expect(provider.closePayment(request.outTradeNo)).resolves.toBeUndefined();
    await expect(provider.closePayment(newNo('NONE'))).resolves.toBeUndefined();
  });

  it('refuses to close a paid order', async () => {
    const request = await paidOrder();
    const error = await rejection(provider.closePayment(request.outTradeNo));
    expect(error).toBeInstanceOf(ProviderRejected);
    expect((error as ProviderRejected).providerCode).toBe('ACQ.TRADE_STATUS_ERROR');
  });
});

describe('alipay.trade.refund', () => {
  it('refunds synchronously (fund_change Y) and exactly once per out_request_no', async () => {
    const request = await paidOrder(1990);
    const refund = {
      outTradeNo: request.outTradeNo,
      outRefundNo: newNo('R'),
      refundFen: 1990,
      totalFen: 1990,
      reason: '拼团失败',
      notifyUrl,
    };
    expect(await provider.refund(refund)).toEqual({ state: 'succeeded', providerRefundId: null });
    expect(lastRequest('alipay.trade.refund').biz).toEqual({
      out_trade_no: request.outTradeNo,
      out_request_no: refund.outRefundNo,
      refund_amount: '19.90',
      refund_reason: '拼团失败',
    });
    // A repeat answers fund_change N; the refund query confirms it was done before.
    expect(await provider.refund(refund)).toEqual({ state: 'succeeded', providerRefundId: null });
    expect(lastRequest('alipay.trade.fastpay.refund.query').biz).toEqual({
      out_trade_no: request.outTradeNo,
      out_request_no: refund.outRefundNo,
    });
    expect(fake.order(request.outTradeNo)?.refundedFen).toBe(1990);
    expect(fake.refund(refund.outRefundNo)?.refundFen).toBe(1990);
  });

  it('refunds in parts, down to the last fen, and refuses more than was paid', async () => {
    const request = await paidOrder(3);
    const part = (outRefundNo: string, refundFen: number) =>
      provider.refund({ outTradeNo: request.outTradeNo, outRefundNo, refundFen, totalFen: 3, reason: 'part', notifyUrl });
    expect((await part(newNo('R'), 1)).state).toBe('succeeded');
    expect((await part(newNo('R'), 1)).state).toBe('succeeded');
    const error = await rejection(part(newNo('R'), 2));
    expect((error as ProviderRejected).providerCode).toBe('ACQ.REASON_TRADE_REFUND_FEE_ERR');
    expect((await part(newNo('R'), 1)).state).toBe('succeeded');
    expect(fake.order(request.outTradeNo)?.status).toBe('TRADE_CLOSED');
  });

  it('refuses to refund an unpaid order', async () => {
    const request = paymentRequest();
    await provider.createPayment(request);
    const error = await rejection(
      provider.refund({ outTradeNo: request.outTradeNo, outRefundNo: newNo('R'), refundFen: 1, totalFen: 1990, reason: 'x', notifyUrl }),
    );
    expect((error as ProviderRejected).providerCode).toBe('ACQ.TRADE_STATUS_ERROR');
  });

  it('queries a refund: REFUND_SUCCESS is succeeded, no refund yet is processing', async () => {
    const request = await paidOrder(500);
    const outRefundNo = newNo('R');
    expect(await provider.queryRefund(outRefundNo, request.outTradeNo)).toEqual({ state: 'processing', providerRefundId: null });
    await provider.refund({ outTradeNo: request.outTradeNo, outRefundNo, refundFen: 200, totalFen: 500, reason: 'x', notifyUrl });
    expect(await provider.queryRefund(outRefundNo, request.outTradeNo)).toEqual({ state: 'succeeded', providerRefundId: null });
    const error = await rejection(provider.queryRefund(outRefundNo, newNo('NONE')));
    expect((error as ProviderRejected).providerCode).toBe('ACQ.TRADE_NOT_EXIST');
  });
});

describe('alipay.fund.trans.uni.transfer', () => {
  const transferRequest = (overrides: { payeeId?: string; amountFen?: number } = {}) => ({
    outBillNo: newNo('W'),
    amountFen: overrides.amountFen ?? 100,
    payeeId: overrides.payeeId ?? BUYER,
    remark: '红包提现',
    notifyUrl,
  });

  it('pays out to an Alipay user id, once per out_biz_no', async () => {
    const request = transferRequest();
    expect(await provider.transfer(request)).toEqual({ state: 'succeeded' });
    expect(lastRequest('alipay.fund.trans.uni.transfer').biz).toEqual({
      out_biz_no: request.outBillNo,
      trans_amount: '1.00',
      product_code: 'TRANS_ACCOUNT_NO_PWD',
      biz_scene: 'DIRECT_TRANSFER',
      order_title: '红包提现',
      payee_info: { identity: BUYER, identity_type: 'ALIPAY_USER_ID' },
    });
    fake.transferOutcome = 'failed';
    expect(await provider.transfer(request)).toEqual({ state: 'succeeded' });
    expect(await provider.queryTransfer(request.outBillNo)).toEqual({ state: 'succeeded' });
    expect(lastRequest('alipay.fund.trans.common.query').biz).toEqual({
      out_biz_no: request.outBillNo,
      product_code: 'TRANS_ACCOUNT_NO_PWD',
      biz_scene: 'DIRECT_TRANSFER',
    });
  });

  it('names an open-id payee ALIPAY_OPEN_ID', async () => {
    await provider.transfer(transferRequest({ payeeId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' }));
    expect(lastRequest('alipay.fund.trans.uni.transfer').biz).toMatchObject({ payee_info: { identity_type: 'ALIPAY_OPEN_ID' } });
  });

  it('maps FAIL to failed and DEALING to processing until it settles', async () => {
    fake.transferOutcome = 'failed';
    const failed = transferRequest();
    expect(await provider.transfer(failed)).toEqual({ state: 'failed', reason: 'FAIL' });
    expect(await provider.queryTransfer(failed.outBillNo)).toEqual({ state: 'failed', reason: '收款账户状态异常' });
    fake.transferOutcome = 'processing';
    const dealing = transferRequest();
    expect(await provider.transfer(dealing)).toEqual({ state: 'processing' });
    expect(await provider.queryTransfer(dealing.outBillNo)).toEqual({ state: 'processing' });
    fake.settleTransfer(dealing.outBillNo, 'succeeded');
    expect(await provider.queryTransfer(dealing.outBillNo)).toEqual({ state: 'succeeded' });
  });

  it('passes Alipay refusals on with their sub_code', async () => {
    expect(((await rejection(provider.transfer(transferRequest({ amountFen: 9 })))) as ProviderRejected).providerCode).toBe(
      'EXCEED_LIMIT_SM_MIN_AMOUNT',
    );
    expect(((await rejection(provider.queryTransfer(newNo('NONE')))) as ProviderRejected).providerCode).toBe('ORDER_NOT_EXIST');
  });
});

describe('an unavailable gateway', () => {
  it('is ProviderUnavailable when down, and works again when back', async () => {
    const request = paymentRequest();
    fake.setDown(true);
    expect(await rejection(provider.createPayment(request))).toBeInstanceOf(ProviderUnavailable);
    expect(await rejection(provider.queryPayment(request.outTradeNo))).toBeInstanceOf(ProviderUnavailable);
    fake.setDown(false);
    await expect(provider.createPayment(request)).resolves.toEqual({ tradeNO: expect.any(String) });
  });

  it('is ProviderUnavailable on HTTP 500 and on code 20000, and the retry with the same ids does it once', async () => {
    const request = await paidOrder(800);
    const refund = { outTradeNo: request.outTradeNo, outRefundNo: newNo('R'), refundFen: 800, totalFen: 800, reason: 'x', notifyUrl };
    fake.failNext(1, 'http500');
    expect(await rejection(provider.refund(refund))).toBeInstanceOf(ProviderUnavailable);
    fake.failNext(1, 'code20000');
    expect(await rejection(provider.refund(refund))).toBeInstanceOf(ProviderUnavailable);
    expect(fake.refund(refund.outRefundNo)).toBeUndefined();
    expect(await provider.refund(refund)).toEqual({ state: 'succeeded', providerRefundId: null });
    expect(await provider.refund(refund)).toEqual({ state: 'succeeded', providerRefundId: null });
    expect(fake.order(request.outTradeNo)?.refundedFen).toBe(800);
  });

  it('is ProviderUnavailable when the answer was tampered with on the way', async () => {
    const request = await paidOrder(1990);
    const tampering: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = (await response.text()).replace('"19.90"', '"0.01"');
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const tampered = alipayPaymentProvider(settings, () => clock.now(), tampering);
    expect(await rejection(tampered.queryPayment(request.outTradeNo))).toBeInstanceOf(ProviderUnavailable);
    expect((await provider.queryPayment(request.outTradeNo)).state).toBe('paid');
  });

  it('is ProviderUnavailable when the answer is signed with another key than Alipay’s', async () => {
    const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const misled = alipayPaymentProvider({ ...settings, alipayPublicKeyPem: other }, () => clock.now());
    expect(await rejection(misled.queryPayment(newNo('P')))).toBeInstanceOf(ProviderUnavailable);
  });

  it('gives up on a gateway that does not answer within the timeout', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/gateway.do`;
      const result = await callAlipayGateway(
        { ...settings, gatewayUrl: url },
        { method: 'alipay.trade.query', bizContent: {} },
        () => clock.now(),
        fetch,
        100,
      );
      expect(result).toEqual({ ok: false, reason: expect.stringMatching(/did not answer/) });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('waits at most 5 s for the gateway', async () => {
    let signal: AbortSignal | null | undefined;
    const timingOut: typeof fetch = async (_input, init) => {
      signal = init?.signal;
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    };
    const slow = alipayPaymentProvider(settings, () => clock.now(), timingOut);
    expect(await rejection(slow.queryPayment(newNo('P')))).toBeInstanceOf(ProviderUnavailable);
    expect(signal).toBeInstanceOf(AbortSignal);
  });
});

describe('answers the fake does not give', () => {
  // A gateway scripted by the test, signing with a key of its own, for the rarer answers.
  const gatewayKeys = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const gatewayPrivate = gatewayKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const gatewayPublic = gatewayKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const scripted = (answer: (method: string) => { status?: number; node?: Record<string, unknown>; body?: string }) => {
    const fetchImpl: typeof fetch = async (input) => {
      const method = new URL(String(input)).searchParams.get('method') ?? '';
      const { status = 200, node, body } = answer(method);
      if (body !== undefined || !node) return new Response(body ?? '', { status });
      const nodeText = JSON.stringify(node);
      return new Response(`{"${alipayResponseKey(method)}":${nodeText},"sign":"${rsa2Sign(nodeText, gatewayPrivate)}"}`, { status });
    };
    return alipayPaymentProvider({ ...settings, alipayPublicKeyPem: gatewayPublic }, () => clock.now(), fetchImpl);
  };

  it('reads TRADE_FINISHED as paid', async () => {
    const finished = scripted(() => ({
      node: {
        code: '10000',
        msg: 'Success',
        trade_no: 'T1',
        trade_status: 'TRADE_FINISHED',
        total_amount: '0.01',
        send_pay_date: '2025-11-05 10:01:00',
      },
    }));
    expect(await finished.queryPayment('P1')).toEqual({
      state: 'paid',
      providerTradeId: 'T1',
      amountFen: 1,
      paidAt: new Date('2025-11-05T02:01:00Z'),
    });
  });

  it('reads TRADE_CLOSED without a payment as closed', async () => {
    const closed = scripted(() => ({
      node: { code: '10000', msg: 'Success', trade_no: 'T1', trade_status: 'TRADE_CLOSED', total_amount: '1.00' },
    }));
    expect(await closed.queryPayment('P1')).toEqual({ state: 'closed' });
  });

  it('asks the refund query when a refund answer has no fund_change', async () => {
    const asked: string[] = [];
    const quiet = scripted((method) => {
      asked.push(method);
      if (method === 'alipay.trade.refund') return { node: { code: '10000', msg: 'Success', trade_no: 'T1', refund_fee: '1.00' } };
      return { node: { code: '10000', msg: 'Success', out_request_no: 'R1', refund_amount: '1.00', refund_status: 'REFUND_SUCCESS' } };
    });
    expect(await quiet.refund({ outTradeNo: 'P1', outRefundNo: 'R1', refundFen: 100, totalFen: 100, reason: 'x', notifyUrl })).toEqual({
      state: 'succeeded',
      providerRefundId: null,
    });
    expect(asked).toEqual(['alipay.trade.refund', 'alipay.trade.fastpay.refund.query']);
  });

  it('treats code 20000 and ACQ.SYSTEM_ERROR as unavailable and other refusals as rejected', async () => {
    const unavailable = scripted(() => ({ node: { code: '20000', msg: 'Service Currently Unavailable' } }));
    expect(await rejection(unavailable.queryPayment('P1'))).toBeInstanceOf(ProviderUnavailable);
    const busy = scripted(() => ({ node: { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.SYSTEM_ERROR', sub_msg: '系统错误' } }));
    expect(await rejection(busy.queryPayment('P1'))).toBeInstanceOf(ProviderUnavailable);
    const poor = scripted(() => ({
      node: { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.SELLER_BALANCE_NOT_ENOUGH', sub_msg: '余额不足' },
    }));
    const error = await rejection(poor.refund({ outTradeNo: 'P1', outRefundNo: 'R1', refundFen: 1, totalFen: 1, reason: 'x', notifyUrl }));
    expect(error).toBeInstanceOf(ProviderRejected);
    expect((error as ProviderRejected).providerCode).toBe('ACQ.SELLER_BALANCE_NOT_ENOUGH');
  });

  it('is unavailable on a non-2xx status, a body that is not JSON, an unsigned answer, or an unknown status', async () => {
    const answers = [
      scripted(() => ({ status: 404, node: { code: '10000', msg: 'Success', trade_status: 'WAIT_BUYER_PAY' } })),
      scripted(() => ({ body: '<html>502 Bad Gateway</html>' })),
      scripted(() => ({ body: '{"alipay_trade_query_response":{"code":"40004","sub_code":"ACQ.TRADE_NOT_EXIST"}}' })),
      scripted(() => ({ node: { code: '10000', msg: 'Success', trade_no: 'T1', trade_status: 'TRADE_PENDING' } })),
    ];
    for (const answer of answers) expect(await rejection(answer.queryPayment('P1'))).toBeInstanceOf(ProviderUnavailable);
  });
});

describe('notifications', () => {
  it('delivers a signed payment notification that the provider reads as paid', async () => {
    const request = paymentRequest({ amountFen: 100_000_000 });
    await provider.createPayment(request);
    clock.advance(30_000);
    await fake.pay(request.outTradeNo);
    expect(fake.deliveries.at(-1)).toMatchObject({ url: notifyUrl, status: 200, answer: 'success' });
    expect(received).toEqual([
      {
        kind: 'payment',
        outTradeNo: request.outTradeNo,
        trade: {
          state: 'paid',
          providerTradeId: fake.order(request.outTradeNo)?.tradeNo,
          amountFen: 100_000_000,
          paidAt: new Date(Date.parse(START) + 30_000),
        },
      },
    ]);
  });

  it('notifies a partial refund as still paid and a full refund as refunded', async () => {
    const request = await paidOrder(300);
    const refund = (refundFen: number) =>
      provider.refund({ outTradeNo: request.outTradeNo, outRefundNo: newNo('R'), refundFen, totalFen: 300, reason: 'x', notifyUrl });
    await refund(100);
    await fake.settle();
    expect(received.at(-1)).toMatchObject({ kind: 'payment', trade: { state: 'paid', amountFen: 300 } });
    await refund(200);
    await fake.settle();
    expect(received.at(-1)).toEqual({
      kind: 'payment',
      outTradeNo: request.outTradeNo,
      trade: { state: 'refunded', providerTradeId: fake.order(request.outTradeNo)?.tradeNo, amountFen: 300 },
    });
  });

  it('notifies a closed order as closed', async () => {
    const request = paymentRequest();
    await provider.createPayment(request);
    await provider.closePayment(request.outTradeNo);
    await fake.settle();
    expect(received).toEqual([{ kind: 'payment', outTradeNo: request.outTradeNo, trade: { state: 'closed' } }]);
  });

  it('holds, drops and redelivers notifications, in reverse and repeated', async () => {
    const first = paymentRequest();
    const second = paymentRequest();
    await provider.createPayment(first);
    await provider.createPayment(second);
    fake.notifications.mode = 'hold';
    await fake.pay(first.outTradeNo);
    await fake.pay(second.outTradeNo);
    expect(fake.held).toHaveLength(2);
    expect(received).toHaveLength(0);
    const delivered = fake.deliveries.length;
    await fake.deliverHeld({ reverse: true, repeat: 2 });
    expect(fake.held).toHaveLength(0);
    expect(fake.deliveries.slice(delivered).map((d) => [d.params.out_trade_no, d.answer])).toEqual([
      [second.outTradeNo, 'success'],
      [second.outTradeNo, 'success'],
      [first.outTradeNo, 'success'],
      [first.outTradeNo, 'success'],
    ]);
    fake.notifications.mode = 'drop';
    const third = paymentRequest();
    await provider.createPayment(third);
    await fake.pay(third.outTradeNo);
    expect(fake.deliveries).toHaveLength(delivered + 4);
    expect(fake.order(third.outTradeNo)?.status).toBe('TRADE_SUCCESS');
  });

  const tradeParams = (overrides: Record<string, string> = {}) => ({
    trade_no: '2025110522001412345678',
    out_trade_no: 'P_1',
    trade_status: 'TRADE_SUCCESS',
    total_amount: '19.90',
    gmt_payment: '2025-11-05 10:00:30',
    subject: '小黑群 拼团 a+b=c',
    ...overrides,
  });
  const parse = (built: { headers: Record<string, string>; body: string }) => provider.parseNotification(built.headers, built.body);

  it('reads a genuine notification, whatever its text holds', () => {
    expect(parse(fake.buildNotification(tradeParams()))).toEqual({
      kind: 'payment',
      outTradeNo: 'P_1',
      trade: { state: 'paid', providerTradeId: '2025110522001412345678', amountFen: 1990, paidAt: new Date('2025-11-05T02:00:30Z') },
    });
    expect(parse(fake.buildNotification(tradeParams({ trade_status: 'TRADE_CLOSED' })))).toMatchObject({ trade: { state: 'closed' } });
    expect(parse(fake.buildNotification(tradeParams({ trade_status: 'TRADE_CLOSED', refund_fee: '19.90' })))).toMatchObject({
      trade: { state: 'refunded', amountFen: 1990 },
    });
    expect(parse(fake.buildNotification(tradeParams({ trade_status: 'TRADE_CLOSED', refund_fee: '0.00' })))).toMatchObject({
      trade: { state: 'closed' },
    });
  });

  it('rejects a forged, tampered, stale, foreign or malformed notification', () => {
    const rejected = (built: { headers: Record<string, string>; body: string }) => expect(() => parse(built)).toThrow(NotificationRejected);
    rejected(fake.buildNotification(tradeParams(), { badSignature: true }));
    rejected(fake.buildNotification(tradeParams(), { alter: { total_amount: '0.01' } }));
    rejected(fake.buildNotification(tradeParams(), { alter: { trade_status: 'TRADE_SUCCESS', out_trade_no: 'P_2' } }));
    rejected(fake.buildNotification(tradeParams(), { staleHours: 25 }));
    rejected(fake.buildNotification(tradeParams({ app_id: '2021000000000999' })));
    rejected(fake.buildNotification(tradeParams({ trade_status: 'TRADE_UNKNOWN' })));
    rejected(fake.buildNotification(tradeParams({ total_amount: '19.999' })));
    rejected(fake.buildNotification(tradeParams({ notify_type: 'fund_trans_sync' })));
    const genuine = fake.buildNotification(tradeParams());
    rejected({ headers: genuine.headers, body: genuine.body.replace(/(^|&)sign=[^&]*/, '') });
    rejected({ headers: genuine.headers, body: genuine.body.replace('sign_type=RSA2', 'sign_type=RSA') });
    rejected({ headers: genuine.headers, body: `${genuine.body}&out_trade_no=P_2` });
    // Alipay never repeats a parameter; a repeat is refused even when the signature would hold.
    rejected({ headers: genuine.headers, body: `${genuine.body}&out_trade_no=P_1` });
    rejected({ headers: { 'content-type': 'application/json' }, body: genuine.body });
    // Within the day it is a retry of Alipay's, not a replay.
    expect(parse(fake.buildNotification(tradeParams(), { staleHours: 23 }))).toMatchObject({ trade: { state: 'paid' } });
  });

  it('answers fail to a forged notification delivered to the host', async () => {
    const forged = fake.buildNotification(tradeParams(), { badSignature: true });
    const response = await fetch(notifyUrl, { method: 'POST', headers: forged.headers, body: forged.body });
    expect(await response.text()).toBe('fail');
    expect(received).toHaveLength(0);
  });
});
