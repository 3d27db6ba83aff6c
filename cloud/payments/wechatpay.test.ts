import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixedClock } from '../../test/support/clock';
import { startFakeWechatPay, type FakeWechatPay } from '../../test/support/fakeWechatPay';
import type { WechatPayParams } from '../../contract/payments';
import type { FixedClock } from '../clock';
import { readPaymentSettings } from '../config';
import {
  NotificationRejected,
  ProviderRejected,
  ProviderUnavailable,
  type CreatePaymentRequest,
  type PaymentProvider,
  type ProviderNotification,
} from './provider';
import {
  beijingTime,
  decryptResource,
  requestSignatureMessage,
  signSha256Rsa,
  verifySha256Rsa,
  wechatPayProvider,
  type WechatPaySettings,
} from './wechatpay';

const APP_ID = 'wx8888888888888888';
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';

/** The host's notification endpoint in miniature: parses with the provider, answers 204 or 401 as the hook does. */
interface Hook {
  url: string;
  parsed: ProviderNotification[];
  rejected: string[];
  close(): Promise<void>;
}

async function startHook(provider: () => PaymentProvider): Promise<Hook> {
  const parsed: ProviderNotification[] = [];
  const rejected: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        parsed.push(provider().parseNotification(req.headers, Buffer.concat(chunks).toString('utf8')));
        res.writeHead(204).end();
      } catch (error) {
        if (!(error instanceof NotificationRejected)) throw error;
        rejected.push(error.message);
        res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 'FAIL', message: error.message }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/wechatpay`,
    parsed,
    rejected,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let clock: FixedClock;
let fake: FakeWechatPay;
let settings: WechatPaySettings;
let provider: PaymentProvider;
let hook: Hook;
let sequence = 0;

beforeAll(async () => {
  clock = fixedClock();
  fake = await startFakeWechatPay({ now: () => clock.now(), appId: APP_ID });
  settings = readPaymentSettings({ ...fake.env, PAYMENTS: 'wechatpay' }, false, 3000, '127.0.0.1').wechatpay;
  provider = wechatPayProvider(settings, () => clock.now());
  hook = await startHook(() => provider);
});

afterAll(async () => {
  await fake.close();
  await hook.close();
});

beforeEach(() => {
  clock.set('2025-11-05T02:00:00.000Z');
  fake.notifications.mode = 'deliver';
  fake.notifications.held.length = 0;
  fake.notifications.repeatEach = 1;
  hook.parsed.length = 0;
  hook.rejected.length = 0;
});

function newNo(prefix: string): string {
  return `${prefix}20251105${String(++sequence).padStart(6, '0')}`;
}

function paymentRequest(overrides: Partial<CreatePaymentRequest> = {}): CreatePaymentRequest {
  return {
    outTradeNo: newNo('P'),
    amountFen: 1990,
    description: '春天一起买-拼团座位',
    payerId: OPENID,
    expiresAt: new Date(clock.now().getTime() + 15 * 60_000),
    notifyUrl: hook.url,
    ...overrides,
  };
}

async function paidOrder(amountFen = 1990): Promise<string> {
  const request = paymentRequest({ amountFen });
  await provider.createPayment(request);
  await fake.pay(request.outTradeNo);
  return request.outTradeNo;
}

async function rejection(work: Promise<unknown>): Promise<ProviderRejected> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ProviderRejected)) throw new Error(`expected ProviderRejected, got ${String(error)}`);
  return error;
}

describe('the fake speaks WeChat Pay API v3', () => {
  it('gives settings readConfig accepts', () => {
    expect(settings).toMatchObject({
      mchId: fake.mchId,
      appId: APP_ID,
      baseUrl: fake.url,
      publicKeyId: fake.publicKeyId,
      certSerial: fake.merchantCertSerial,
    });
    expect(fake.publicKeyId).toMatch(/^PUB_KEY_ID_0114\d{24}$/);
    expect(fake.merchantCertSerial).toMatch(/^[0-9A-F]{40}$/);
    expect(Buffer.byteLength(fake.apiV3Key)).toBe(32);
  });

  it('refuses requests without a valid merchant signature, and signs every answer', async () => {
    const path = `/v3/pay/transactions/out-trade-no/NOSUCHORDER1?mchid=${fake.mchId}`;
    const unsigned = await fetch(`${fake.url}${path}`, { headers: { Accept: 'application/json' } });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ code: 'SIGN_ERROR' });

    const sign = (key: crypto.KeyObject | string, timestamp: number) => {
      const nonce = 'N0NCE';
      const signature = signSha256Rsa(key, requestSignatureMessage('GET', path, String(timestamp), nonce, ''));
      return `WECHATPAY2-SHA256-RSA2048 mchid="${fake.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${fake.merchantCertSerial}"`;
    };
    const seconds = Math.floor(clock.now().getTime() / 1000);
    const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    for (const authorization of [sign(stranger, seconds), sign(fake.merchantPrivateKeyPem, seconds - 301)]) {
      const refused = await fetch(`${fake.url}${path}`, { headers: { Authorization: authorization } });
      expect(refused.status).toBe(401);
    }

    const signed = await fetch(`${fake.url}${path}`, { headers: { Authorization: sign(fake.merchantPrivateKeyPem, seconds) } });
    expect(signed.status).toBe(404);
    const body = await signed.text();
    expect(JSON.parse(body)).toMatchObject({ code: 'ORDER_NOT_EXIST' });
    const header = (name: string) => signed.headers.get(name) ?? '';
    expect(header('wechatpay-serial')).toBe(fake.publicKeyId);
    const message = `${header('wechatpay-timestamp')}\n${header('wechatpay-nonce')}\n${body}\n`;
    expect(verifySha256Rsa(fake.wechatPayPublicKeyPem, message, header('wechatpay-signature'))).toBe(true);
  });

  it('seals notifications that the APIv3 key opens', () => {
    const { headers, body } = fake.buildNotification('TRANSACTION.SUCCESS', { out_trade_no: 'X1' });
    const envelope = JSON.parse(body) as { resource: { nonce: string; associated_data: string; ciphertext: string } };
    expect(JSON.parse(decryptResource(fake.apiV3Key, envelope.resource))).toEqual({ out_trade_no: 'X1' });
    expect(headers['Wechatpay-Signature-Type']).toBe('WECHATPAY2-SHA256-RSA2048');
  });

  it('logs requests, drops or repeats notifications as told, and settles refunds at once when asked', async () => {
    const outTradeNo = await paidOrder();
    expect(fake.requests.at(-1)).toEqual({ method: 'POST', path: '/v3/pay/transactions/jsapi', status: 200 });

    fake.notifications.mode = 'drop';
    const dropped = fake.counters.dropped;
    await paidOrder();
    expect(fake.counters.dropped).toBe(dropped + 1);

    fake.notifications.mode = 'deliver';
    fake.notifications.repeatEach = 3;
    hook.parsed.length = 0;
    const repeated = await paidOrder();
    expect(hook.parsed.map((notification) => notification.kind === 'payment' && notification.outTradeNo)).toEqual([
      repeated,
      repeated,
      repeated,
    ]);
    expect(fake.order(outTradeNo)?.state).toBe('SUCCESS');

    const quick = await startFakeWechatPay({ now: () => clock.now(), appId: APP_ID, refundsSettleAtOnce: true });
    const quickProvider = wechatPayProvider(
      readPaymentSettings({ ...quick.env, PAYMENTS: 'wechatpay' }, false, 3000, '127.0.0.1').wechatpay,
      () => clock.now(),
    );
    const quickHook = await startHook(() => quickProvider);
    try {
      const request = paymentRequest({ notifyUrl: quickHook.url });
      await quickProvider.createPayment(request);
      await quick.pay(request.outTradeNo);
      const outRefundNo = newNo('R');
      const refund = { outTradeNo: request.outTradeNo, outRefundNo, refundFen: 1990, totalFen: 1990, reason: '', notifyUrl: quickHook.url };
      expect(await quickProvider.refund(refund)).toEqual({ state: 'succeeded', providerRefundId: quick.refund(outRefundNo)?.refundId });
      await quick.idle();
      expect(quickHook.parsed.at(-1)).toMatchObject({ kind: 'refund', outRefundNo, refund: { state: 'succeeded' } });
    } finally {
      await quick.close();
      await quickHook.close();
    }
  });
});

describe('payments', () => {
  it('creates a JSAPI order and answers what wx.requestPayment takes, signed by the merchant', async () => {
    const request = paymentRequest();
    const params = (await provider.createPayment(request)) as WechatPayParams;
    const order = fake.order(request.outTradeNo);
    expect(order).toMatchObject({
      state: 'NOTPAY',
      amountFen: 1990,
      openid: OPENID,
      notifyUrl: hook.url,
      timeExpire: '2025-11-05T10:15:00+08:00',
    });
    expect(params).toMatchObject({
      timeStamp: String(Date.parse('2025-11-05T02:00:00Z') / 1000),
      package: `prepay_id=${order?.prepayId}`,
      signType: 'RSA',
    });
    const message = `${APP_ID}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    expect(verifySha256Rsa(fake.merchantPublicKeyPem, message, params.paySign)).toBe(true);
  });

  it('is idempotent by out_trade_no: the same order again gets the same prepay_id, a different one is refused', async () => {
    const request = paymentRequest();
    const first = (await provider.createPayment(request)) as WechatPayParams;
    const second = (await provider.createPayment(request)) as WechatPayParams;
    expect(second.package).toBe(first.package);
    expect(fake.counters.create).toBeGreaterThanOrEqual(2);
    expect((await rejection(provider.createPayment({ ...request, amountFen: 1 }))).providerCode).toBe('OUT_TRADE_NO_USED');
  });

  it('gets the same prepay_id when the first answer was lost', async () => {
    const request = paymentRequest();
    fake.failNext(1, 500, 'after');
    await expect(provider.createPayment(request)).rejects.toBeInstanceOf(ProviderUnavailable);
    const created = fake.order(request.outTradeNo);
    const retried = (await provider.createPayment(request)) as WechatPayParams;
    expect(retried.package).toBe(`prepay_id=${created?.prepayId}`);
  });

  it('maps trade states: pending, paid, refunded, closed, and an unknown order as closed', async () => {
    const request = paymentRequest();
    await provider.createPayment(request);
    expect(await provider.queryPayment(request.outTradeNo)).toEqual({ state: 'pending' });

    fake.notifications.mode = 'drop';
    await fake.pay(request.outTradeNo);
    const order = fake.order(request.outTradeNo);
    expect(await provider.queryPayment(request.outTradeNo)).toEqual({
      state: 'paid',
      providerTradeId: order?.transactionId,
      amountFen: 1990,
      paidAt: new Date('2025-11-05T02:00:00Z'),
    });

    await provider.refund({
      outTradeNo: request.outTradeNo,
      outRefundNo: newNo('R'),
      refundFen: 1990,
      totalFen: 1990,
      reason: '拼团失败',
      notifyUrl: hook.url,
    });
    expect(await provider.queryPayment(request.outTradeNo)).toEqual({
      state: 'refunded',
      providerTradeId: order?.transactionId,
      amountFen: 1990,
    });

    const unpaid = paymentRequest();
    await provider.createPayment(unpaid);
    await provider.closePayment(unpaid.outTradeNo);
    expect(await provider.queryPayment(unpaid.outTradeNo)).toEqual({ state: 'closed' });
    expect(await provider.queryPayment('NEVERCREATED1')).toEqual({ state: 'closed' });
  });

  it('closes an unpaid order; closing it again or closing an unknown one is fine; a paid one is refused', async () => {
    const request = paymentRequest();
    await provider.createPayment(request);
    await provider.closePayment(request.outTradeNo);
    expect(fake.order(request.outTradeNo)?.state).toBe('CLOSED');
    await provider.closePayment(request.outTradeNo);
    await provider.closePayment('NEVERCREATED2');
    await expect(fake.pay(request.outTradeNo)).rejects.toThrow('CLOSED');
    expect((await rejection(provider.createPayment(request))).providerCode).toBe('ORDER_CLOSED');

    const paid = await paidOrder();
    expect((await rejection(provider.closePayment(paid))).providerCode).toBe('ORDERPAID');
  });

  it('does not let an order be paid after its time_expire', async () => {
    const request = paymentRequest();
    await provider.createPayment(request);
    clock.advance(16 * 60_000);
    await expect(fake.pay(request.outTradeNo)).rejects.toThrow('expired');
  });

  it('hears TRANSACTION.SUCCESS as a paid payment, however often and in whatever order it comes', async () => {
    const outTradeNo = await paidOrder(2500);
    expect(hook.parsed).toEqual([
      {
        kind: 'payment',
        outTradeNo,
        trade: {
          state: 'paid',
          providerTradeId: fake.order(outTradeNo)?.transactionId,
          amountFen: 2500,
          paidAt: new Date('2025-11-05T02:00:00Z'),
        },
      },
    ]);

    fake.notifications.mode = 'hold';
    const second = await paidOrder(100);
    const third = await paidOrder(200);
    expect(fake.notifications.held).toHaveLength(2);
    expect(await fake.deliverHeld({ reverse: true, repeat: 2 })).toEqual([204, 204, 204, 204]);
    expect(hook.parsed.slice(1).map((notification) => notification.kind === 'payment' && notification.outTradeNo)).toEqual([
      third,
      third,
      second,
      second,
    ]);
  });

  it('keeps a notification the host refused, to deliver again', async () => {
    const refusing = wechatPayProvider({ ...settings, apiV3Key: 'x'.repeat(32) }, () => clock.now());
    const realProvider = provider;
    provider = refusing;
    try {
      await paidOrder();
    } finally {
      provider = realProvider;
    }
    expect(hook.rejected).toEqual([expect.stringContaining('does not decrypt')]);
    expect(fake.deliveries.at(-1)?.status).toBe(401);
    expect(fake.notifications.held).toHaveLength(1);
    expect(await fake.deliverHeld()).toEqual([204]);
    expect(fake.notifications.held).toHaveLength(0);
  });
});

describe('refunds', () => {
  it('refunds once per out_refund_no; ends on finishRefunds with REFUND.SUCCESS', async () => {
    const outTradeNo = await paidOrder(3000);
    hook.parsed.length = 0;
    const request = { outTradeNo, outRefundNo: newNo('R'), refundFen: 1000, totalFen: 3000, reason: '退出拼团', notifyUrl: hook.url };
    const first = await provider.refund(request);
    const repeated = await provider.refund(request);
    const refundId = fake.refund(request.outRefundNo)?.refundId;
    expect(first).toEqual({ state: 'processing', providerRefundId: refundId });
    expect(repeated).toEqual(first);
    expect((await rejection(provider.refund({ ...request, refundFen: 999 }))).providerCode).toBe('INVALID_REQUEST');

    await fake.finishRefunds();
    expect(await provider.queryRefund(request.outRefundNo, outTradeNo)).toEqual({ state: 'succeeded', providerRefundId: refundId });
    const heard = hook.parsed.filter((notification) => notification.kind === 'refund' && notification.outRefundNo === request.outRefundNo);
    expect(heard).toEqual([
      { kind: 'refund', outRefundNo: request.outRefundNo, refund: { state: 'succeeded', providerRefundId: refundId } },
    ]);
  });

  it('reports an abnormal or closed refund as failed', async () => {
    for (const outcome of ['ABNORMAL', 'CLOSED'] as const) {
      const outTradeNo = await paidOrder();
      hook.parsed.length = 0;
      const outRefundNo = newNo('R');
      await provider.refund({ outTradeNo, outRefundNo, refundFen: 1990, totalFen: 1990, reason: '', notifyUrl: hook.url });
      await fake.finishRefunds(outcome);
      expect(await provider.queryRefund(outRefundNo, outTradeNo)).toEqual({ state: 'failed', reason: expect.stringContaining(outcome) });
      expect(hook.parsed).toEqual([{ kind: 'refund', outRefundNo, refund: { state: 'failed', reason: expect.stringContaining(outcome) } }]);
    }
  });

  it('refuses a refund of an order WeChat does not know, with its code', async () => {
    const error = await rejection(
      provider.refund({ outTradeNo: 'NEVERCREATED3', outRefundNo: newNo('R'), refundFen: 1, totalFen: 1, reason: '', notifyUrl: hook.url }),
    );
    expect(error.providerCode).toBe('RESOURCE_NOT_EXISTS');
    expect((await rejection(provider.queryRefund('NOSUCHREFUND', 'NEVERCREATED3'))).providerCode).toBe('RESOURCE_NOT_EXISTS');
  });
});

describe('transfers (商家转账)', () => {
  const transferRequest = () => ({ outBillNo: newNo('W'), amountFen: 500, payeeId: OPENID, remark: '拼团红包提现', notifyUrl: hook.url });

  it('asks the user to confirm with the params wx.requestMerchantTransfer takes, and reports the scene', async () => {
    const request = transferRequest();
    const state = await provider.transfer(request);
    const bill = fake.transfer(request.outBillNo);
    expect(state).toEqual({ state: 'confirming', params: { mchId: fake.mchId, appId: APP_ID, package: bill?.packageInfo } });
    expect(bill).toMatchObject({ amountFen: 500, openid: OPENID, sceneId: '1000', remark: '拼团红包提现' });
    expect(bill?.reportInfos.map((info) => info.info_type)).toEqual(['活动名称', '奖励说明']);
    expect(await provider.transfer(request)).toEqual(state);
    // A query carries no package_info: the bill is reported as under way.
    expect(await provider.queryTransfer(request.outBillNo)).toEqual({ state: 'processing' });
  });

  it('ends on the user confirming or the transfer failing, by query and by MCHTRANSFER.BILL.FINISHED', async () => {
    const succeeded = transferRequest();
    const failed = transferRequest();
    await provider.transfer(succeeded);
    await provider.transfer(failed);
    await fake.confirmTransfer(succeeded.outBillNo, 'succeeded');
    await fake.confirmTransfer(failed.outBillNo, 'failed');
    expect(await provider.queryTransfer(succeeded.outBillNo)).toEqual({ state: 'succeeded' });
    expect(await provider.queryTransfer(failed.outBillNo)).toEqual({ state: 'failed', reason: 'PAYEE_ACCOUNT_ABNORMAL' });
    expect(hook.parsed).toEqual([
      { kind: 'transfer', outBillNo: succeeded.outBillNo, transfer: { state: 'succeeded' } },
      { kind: 'transfer', outBillNo: failed.outBillNo, transfer: { state: 'failed', reason: 'PAYEE_ACCOUNT_ABNORMAL' } },
    ]);
  });

  it('refuses a scene it cannot report for', async () => {
    const other = wechatPayProvider({ ...settings, transferSceneId: '1005' }, () => clock.now());
    expect((await rejection(other.transfer(transferRequest()))).providerCode).toBe('PARAM_ERROR');
  });
});

describe('answers that do not verify, and failures', () => {
  it.each([
    ['a tampered answer', { badSignature: true }],
    ['an answer signed under another public key id', { wrongSerial: true }],
    ['a stale answer', { timestampOffsetSeconds: -301 }],
  ])('treats %s as no answer', async (_, tamper) => {
    const request = paymentRequest();
    fake.tamperNext(1, tamper);
    await expect(provider.createPayment(request)).rejects.toBeInstanceOf(ProviderUnavailable);
    // WeChat did create it; the retry gets it back.
    expect(await provider.createPayment(request)).toMatchObject({ package: `prepay_id=${fake.order(request.outTradeNo)?.prepayId}` });
  });

  it('accepts an answer within five minutes of the clock', async () => {
    fake.tamperNext(1, { timestampOffsetSeconds: 299 });
    await expect(provider.createPayment(paymentRequest())).resolves.toMatchObject({ signType: 'RSA' });
  });

  it('calls 5xx, 429, a host that is down and no answer at all unavailable', async () => {
    fake.failNext(1, 500);
    await expect(provider.queryPayment('ANYORDER01')).rejects.toBeInstanceOf(ProviderUnavailable);
    fake.failNext(1, 429);
    await expect(provider.queryPayment('ANYORDER01')).rejects.toBeInstanceOf(ProviderUnavailable);
    fake.setDown(true);
    try {
      await expect(provider.closePayment('ANYORDER01')).rejects.toBeInstanceOf(ProviderUnavailable);
    } finally {
      fake.setDown(false);
    }
    const nowhere = wechatPayProvider({ ...settings, baseUrl: 'http://127.0.0.1:1' }, () => clock.now());
    await expect(nowhere.queryPayment('ANYORDER01')).rejects.toBeInstanceOf(ProviderUnavailable);
    const timingOut = wechatPayProvider(
      settings,
      () => clock.now(),
      () => Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    );
    await expect(timingOut.queryPayment('ANYORDER01')).rejects.toThrow('timeout');
  });

  it('gives up with the code when WeChat refuses the merchant signature', async () => {
    const other = crypto.generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const wrongKey = wechatPayProvider({ ...settings, privateKeyPem: other.privateKey }, () => clock.now());
    expect((await rejection(wrongKey.queryPayment('ANYORDER01'))).providerCode).toBe('SIGN_ERROR');
  });
});

describe('notifications that do not check out', () => {
  const resource = () => ({
    mchid: fake.mchId,
    out_trade_no: 'P1',
    transaction_id: '4200001',
    trade_state: 'SUCCESS',
    amount: { total: 1 },
  });
  const parse = (notification: { headers: Record<string, string>; body: string }) => () =>
    provider.parseNotification(notification.headers, notification.body);

  it('accepts a good one, with headers in any case', () => {
    const { headers, body } = fake.buildNotification('TRANSACTION.SUCCESS', resource());
    const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    expect(provider.parseNotification(lower, body)).toMatchObject({
      kind: 'payment',
      outTradeNo: 'P1',
      trade: { state: 'paid', amountFen: 1 },
    });
    expect(provider.parseNotification(headers, body)).toMatchObject({ kind: 'payment' });
  });

  it.each([
    ['a bad signature', { badSignature: true }, 'does not verify'],
    ['another public key id', { wrongSerial: true }, 'not with the configured'],
    ['a stale timestamp', { timestampOffsetSeconds: -301 }, 'away from our clock'],
    ['a timestamp from the future', { timestampOffsetSeconds: 301 }, 'away from our clock'],
    ['a bad GCM tag', { corruptCiphertext: true }, 'does not decrypt'],
  ])('refuses %s', (_, tamper, message) => {
    const notification = fake.buildNotification('TRANSACTION.SUCCESS', resource(), tamper);
    expect(parse(notification)).toThrow(NotificationRejected);
    expect(parse(notification)).toThrow(message);
  });

  it('refuses a changed body, missing headers, another merchant and an unknown event', () => {
    const good = fake.buildNotification('TRANSACTION.SUCCESS', resource());
    expect(parse({ ...good, body: good.body.replace('支付成功', '支付失败') })).toThrow('does not verify');
    const { ['Wechatpay-Signature']: _dropped, ...unsigned } = good.headers;
    expect(parse({ ...good, headers: unsigned })).toThrow('headers are missing');
    expect(parse(fake.buildNotification('TRANSACTION.SUCCESS', { ...resource(), mchid: '1234567890' }))).toThrow('for merchant 1234567890');
    expect(parse(fake.buildNotification('TRANSACTION.CLOSED', resource()))).toThrow('unknown event_type TRANSACTION.CLOSED');
  });

  it.each([
    ['a body that is not JSON', 'not json'],
    ['a body that is not an object', '[]'],
    ['a body without a resource', JSON.stringify({ event_type: 'TRANSACTION.SUCCESS' })],
    [
      'another algorithm',
      JSON.stringify({ event_type: 'TRANSACTION.SUCCESS', resource: { algorithm: 'AEAD_AES_128_GCM', nonce: 'n', ciphertext: 'c' } }),
    ],
    [
      'a ciphertext shorter than its tag',
      JSON.stringify({ event_type: 'TRANSACTION.SUCCESS', resource: { algorithm: 'AEAD_AES_256_GCM', nonce: 'n', ciphertext: 'AAAA' } }),
    ],
  ])('refuses %s, even signed', (_, body) => {
    expect(parse({ headers: fake.sign(body), body })).toThrow(NotificationRejected);
  });

  it.each([
    [
      'a payment without out_trade_no',
      'TRANSACTION.SUCCESS',
      { mchid: '', trade_state: 'SUCCESS', transaction_id: '1', amount: { total: 1 } },
      'out_trade_no is missing',
    ],
    [
      'a payment with a fractional amount',
      'TRANSACTION.SUCCESS',
      { out_trade_no: 'P1', trade_state: 'SUCCESS', transaction_id: '1', amount: { total: 1.5 } },
      'total',
    ],
    ['an unknown trade state', 'TRANSACTION.SUCCESS', { out_trade_no: 'P1', trade_state: 'PAID' }, 'unknown trade_state'],
    ['a refund without its status', 'REFUND.SUCCESS', { out_refund_no: 'R1' }, 'refund_status is missing'],
    ['an unknown refund status', 'REFUND.SUCCESS', { out_refund_no: 'R1', refund_status: 'DONE' }, 'unknown refund status'],
    ['a transfer without out_bill_no', 'MCHTRANSFER.BILL.FINISHED', { state: 'SUCCESS' }, 'out_bill_no is missing'],
    ['an unknown transfer state', 'MCHTRANSFER.BILL.FINISHED', { out_bill_no: 'W1', state: 'DONE' }, 'unknown transfer state'],
  ])('refuses %s', (_, eventType, content, message) => {
    expect(parse(fake.buildNotification(eventType, content))).toThrow(message);
  });
});

describe('helpers', () => {
  it('writes times as WeChat does, in Beijing time', () => {
    expect(beijingTime(new Date('2025-11-05T16:30:59.999Z'))).toBe('2025-11-06T00:30:59+08:00');
  });

  it('round-trips a SHA256withRSA signature and refuses another message', () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signature = signSha256Rsa(privateKey, 'GET\n/v3/x\n1\nn\n\n');
    expect(verifySha256Rsa(publicKey, 'GET\n/v3/x\n1\nn\n\n', signature)).toBe(true);
    expect(verifySha256Rsa(publicKey, 'GET\n/v3/y\n1\nn\n\n', signature)).toBe(false);
    expect(verifySha256Rsa(publicKey, 'GET\n/v3/x\n1\nn\n\n', 'not base64 at all')).toBe(false);
  });
});
