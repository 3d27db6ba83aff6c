import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';

/**
 * A stand-in for WeChat Pay API v3 on loopback that speaks the protocol for real, written apart
 * from the host's client (cloud/payments/wechatpay.ts) so that each checks the other: it verifies
 * the merchant's `WECHATPAY2-SHA256-RSA2048` signature on every request (401 SIGN_ERROR
 * otherwise), signs every answer with its own WeChat Pay key, and sends notifications as signed
 * POSTs whose resource is sealed with AES-256-GCM under the APIv3 key.
 *
 * It keeps JSAPI orders, refunds and 商家转账 bills in memory and deduplicates by out_trade_no,
 * out_refund_no and out_bill_no as WeChat does. The test drives what users and WeChat do
 * (`pay`, `confirmTransfer`, `finishRefunds`), which notifications arrive and when
 * (`notifications`), and what goes wrong (`failNext`, `setDown`, `tamperNext`, `delayMs`).
 * Time is the test's (`options.now`): it stamps signatures, checks request freshness and
 * ends orders at their time_expire.
 */

export type FakeTradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
export type FakeRefundStatus = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';
export type FakeTransferState = 'WAIT_USER_CONFIRM' | 'SUCCESS' | 'FAIL' | 'CANCELLED';

export interface FakeWechatPayOrder {
  outTradeNo: string;
  state: FakeTradeState;
  amountFen: number;
  openid: string;
  description: string;
  notifyUrl: string;
  timeExpire: string | null;
  prepayId: string;
  transactionId: string | null;
  successTime: string | null;
}

export interface FakeWechatPayRefund {
  outRefundNo: string;
  outTradeNo: string;
  refundId: string;
  status: FakeRefundStatus;
  refundFen: number;
  totalFen: number;
  reason: string;
  notifyUrl: string;
  createTime: string;
  successTime: string | null;
}

export interface FakeWechatPayTransfer {
  outBillNo: string;
  transferBillNo: string;
  state: FakeTransferState;
  amountFen: number;
  openid: string;
  remark: string;
  sceneId: string;
  reportInfos: { info_type: string; info_content: string }[];
  notifyUrl: string;
  packageInfo: string;
  failReason: string | null;
  createTime: string;
  updateTime: string;
}

export type FakeNotificationEvent =
  'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED' | 'MCHTRANSFER.BILL.FINISHED';

/** A notification not yet acknowledged: held by the test, or refused by the host and due again. */
export interface HeldNotification {
  eventType: FakeNotificationEvent;
  notifyUrl: string;
  /** The decrypted resource; it is sealed and signed afresh at each delivery, as of the clock then. */
  resource: Record<string, unknown>;
}

export interface Delivery {
  eventType: FakeNotificationEvent;
  notifyUrl: string;
  /** The host's HTTP status; null when it did not answer. */
  status: number | null;
  error: string | null;
}

/** Ways to spoil a signed message, for tests that must see it refused. */
export interface Tamper {
  /** Signed over something else than what is sent. */
  badSignature?: boolean;
  /** Signed this many seconds away from the clock (still a good signature). */
  timestampOffsetSeconds?: number;
  /** Names a WeChat Pay public key id the host was not given. */
  wrongSerial?: boolean;
  /** Notifications only: one bit of the GCM tag flipped. */
  corruptCiphertext?: boolean;
}

export interface FakeWechatPayCounters {
  create: number;
  query: number;
  close: number;
  refund: number;
  queryRefund: number;
  transfer: number;
  queryTransfer: number;
  /** Requests refused with 401 SIGN_ERROR. */
  signatureRejected: number;
  /** Answers replaced by failNext or setDown. */
  failed: number;
  /** Notifications dropped by `notifications.mode = 'drop'`. */
  dropped: number;
}

export interface FakeWechatPay {
  url: string;
  /** The host's settings for this fake, as readConfig reads them. */
  env: Record<string, string>;
  mchId: string;
  appId: string;
  apiV3Key: string;
  merchantPrivateKeyPem: string;
  merchantPublicKeyPem: string;
  merchantCertSerial: string;
  wechatPayPublicKeyPem: string;
  publicKeyId: string;
  order(outTradeNo: string): FakeWechatPayOrder | undefined;
  refund(outRefundNo: string): FakeWechatPayRefund | undefined;
  transfer(outBillNo: string): FakeWechatPayTransfer | undefined;
  requests: { method: string; path: string; status: number }[];
  counters: FakeWechatPayCounters;
  /** The user pays in the cashier: SUCCESS, then a TRANSACTION.SUCCESS notification. Refused after time_expire unless told. */
  pay(outTradeNo: string, options?: { ignoreExpiry?: boolean }): Promise<void>;
  /** The user confirms (or the transfer fails): SUCCESS or FAIL, then MCHTRANSFER.BILL.FINISHED. */
  confirmTransfer(outBillNo: string, outcome: 'succeeded' | 'failed'): Promise<void>;
  /** Every refund still PROCESSING ends so (SUCCESS by default), each with its REFUND.* notification. */
  finishRefunds(outcome?: 'SUCCESS' | 'ABNORMAL' | 'CLOSED'): Promise<void>;
  notifications: {
    /** deliver: POST at once; drop: never; hold: keep in `held` until deliverHeld. */
    mode: 'deliver' | 'drop' | 'hold';
    /** Held notifications, and delivered ones the host did not acknowledge with 2xx (WeChat tries those again). */
    held: HeldNotification[];
    /** How many times each delivery is POSTed (WeChat may repeat a notification). */
    repeatEach: number;
  };
  /** Delivers what is held (oldest first unless reversed, each `repeat` times); answers the statuses. */
  deliverHeld(options?: { reverse?: boolean; repeat?: number }): Promise<(number | null)[]>;
  deliveries: Delivery[];
  /** A notification as WeChat would POST it, for tests that post it (or a forgery) themselves; any event type goes. */
  buildNotification(
    eventType: string,
    resource: Record<string, unknown>,
    tamper?: Tamper,
  ): { headers: Record<string, string>; body: string };
  /** The signature headers WeChat would send with this body (for bodies WeChat would never send). */
  sign(body: string, tamper?: Tamper): Record<string, string>;
  /** The next `n` requests answer `status` with SYSTEM_ERROR: before doing anything, or after doing it (the answer is lost). */
  failNext(n: number, status?: number, when?: 'before' | 'after'): void;
  /** While down, every request answers 500 without effect. */
  setDown(down: boolean): void;
  /** The next `n` answers are signed badly in the given way. */
  tamperNext(n: number, tamper: Tamper): void;
  /** Milliseconds every request waits before it is handled. */
  delayMs: number;
  /** Resolves when no notification is being delivered. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface FakeWechatPayOptions {
  now: () => Date;
  appId: string;
  mchId?: string;
  /** Refunds end SUCCESS (with their notification) as soon as they are asked for. */
  refundsSettleAtOnce?: boolean;
}

const SCHEME = 'WECHATPAY2-SHA256-RSA2048';
const MAX_SKEW_SECONDS = 300;
const NOTIFY_TIMEOUT_MS = 5_000;
const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const OUT_BILL_NO = /^[0-9A-Za-z]{1,32}$/;

const generateKeyPair = promisify(crypto.generateKeyPair);

async function rsaKeyPair(): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const { privateKey, publicKey } = await generateKeyPair('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

function rfc3339Beijing(date: Date): string {
  return `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function randomText(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(crypto.randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requiredText(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') throw new Refusal(400, 'PARAM_ERROR', `${key} is required`);
  return value;
}

function requiredFen(body: Record<string, unknown>, key: string): number {
  const value = body[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)
    throw new Refusal(400, 'PARAM_ERROR', `${key} must be a positive whole number of fen`);
  return value;
}

function requiredObject(body: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = body[key];
  if (!isRecord(value)) throw new Refusal(400, 'PARAM_ERROR', `${key} is required`);
  return value;
}

export async function startFakeWechatPay(options: FakeWechatPayOptions): Promise<FakeWechatPay> {
  const { now, appId } = options;
  const mchId = options.mchId ?? '1900000109';
  const [merchant, wechatPay] = await Promise.all([rsaKeyPair(), rsaKeyPair()]);
  const merchantPublicKey = crypto.createPublicKey(merchant.publicKeyPem);
  const wechatPayPrivateKey = crypto.createPrivateKey(wechatPay.privateKeyPem);
  // A merchant certificate serial is 40 hex digits; a WeChat Pay public key id looks like PUB_KEY_ID_0114…
  const merchantCertSerial = crypto.createHash('sha1').update(merchant.publicKeyPem).digest('hex').toUpperCase();
  const publicKeyId = `PUB_KEY_ID_0114${mchId.padStart(10, '0')}00000000000000`;
  const apiV3Key = randomText(32);

  const orders = new Map<string, FakeWechatPayOrder>();
  const refunds = new Map<string, FakeWechatPayRefund>();
  const transfers = new Map<string, FakeWechatPayTransfer>();
  const requests: FakeWechatPay['requests'] = [];
  const counters: FakeWechatPayCounters = {
    create: 0,
    query: 0,
    close: 0,
    refund: 0,
    queryRefund: 0,
    transfer: 0,
    queryTransfer: 0,
    signatureRejected: 0,
    failed: 0,
    dropped: 0,
  };
  const deliveries: Delivery[] = [];
  const notifications: FakeWechatPay['notifications'] = { mode: 'deliver', held: [], repeatEach: 1 };
  const inFlight = new Set<Promise<unknown>>();
  const failures: { status: number; when: 'before' | 'after' }[] = [];
  const tampers: Tamper[] = [];
  let down = false;
  let sequence = 0;
  const next = () => String(++sequence).padStart(10, '0');

  /** Signature headers for a body, as WeChat signs its answers and notifications. */
  function signatureHeaders(body: string, tamper: Tamper = {}): Record<string, string> {
    const timestamp = String(unixSeconds(now()) + (tamper.timestampOffsetSeconds ?? 0));
    const nonce = randomText(32);
    const signed = tamper.badSignature ? `${body} ` : body;
    const message = Buffer.from(`${timestamp}\n${nonce}\n${signed}\n`, 'utf8');
    return {
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Signature': crypto.sign('sha256', message, wechatPayPrivateKey).toString('base64'),
      'Wechatpay-Serial': tamper.wrongSerial ? 'PUB_KEY_ID_0114999999999900000000000000' : publicKeyId,
      'Wechatpay-Signature-Type': SCHEME,
      'Request-ID': `fake-${next()}`,
    };
  }

  /** Why a request's Authorization does not check out, or null when it does. */
  function authorizationProblem(req: http.IncomingMessage, rawBody: Buffer): string | null {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith(`${SCHEME} `)) return `Authorization must use ${SCHEME}`;
    const params = new Map<string, string>();
    for (const match of header.slice(SCHEME.length + 1).matchAll(/(\w+)="([^"]*)"/g)) params.set(match[1] ?? '', match[2] ?? '');
    const [mchid, nonce, signature, timestamp, serial] = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'].map((key) =>
      params.get(key),
    );
    if (!mchid || !nonce || !signature || !timestamp || !serial)
      return 'Authorization lacks mchid, nonce_str, signature, timestamp or serial_no';
    if (mchid !== mchId) return `mchid ${mchid} is not this merchant`;
    if (serial !== merchantCertSerial) return `serial_no ${serial} is not the merchant certificate's`;
    if (Math.abs(unixSeconds(now()) - Number(timestamp)) > MAX_SKEW_SECONDS) return 'timestamp is too far from the clock';
    const message = Buffer.concat([
      Buffer.from(`${req.method}\n${req.url}\n${timestamp}\n${nonce}\n`, 'utf8'),
      rawBody,
      Buffer.from('\n', 'utf8'),
    ]);
    if (!crypto.verify('sha256', message, merchantPublicKey, Buffer.from(signature, 'base64'))) return 'the signature does not verify';
    return null;
  }

  function transactionOf(order: FakeWechatPayOrder): Record<string, unknown> {
    const descriptions: Record<FakeTradeState, string> = {
      NOTPAY: '订单未支付',
      SUCCESS: '支付成功',
      CLOSED: '订单已关闭',
      REFUND: '订单发生过退款',
    };
    const paid = order.state === 'SUCCESS' || order.state === 'REFUND';
    return {
      appid: appId,
      mchid: mchId,
      out_trade_no: order.outTradeNo,
      ...(order.transactionId ? { transaction_id: order.transactionId } : {}),
      trade_type: 'JSAPI',
      trade_state: order.state,
      trade_state_desc: descriptions[order.state],
      ...(paid ? { bank_type: 'OTHERS', success_time: order.successTime } : {}),
      attach: '',
      payer: { openid: order.openid },
      amount: { total: order.amountFen, ...(paid ? { payer_total: order.amountFen } : {}), currency: 'CNY', payer_currency: 'CNY' },
    };
  }

  function refundOf(refund: FakeWechatPayRefund): Record<string, unknown> {
    const order = orders.get(refund.outTradeNo);
    return {
      refund_id: refund.refundId,
      out_refund_no: refund.outRefundNo,
      transaction_id: order?.transactionId ?? '',
      out_trade_no: refund.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      ...(refund.successTime ? { success_time: refund.successTime } : {}),
      create_time: refund.createTime,
      status: refund.status,
      funds_account: 'AVAILABLE',
      amount: {
        total: refund.totalFen,
        refund: refund.refundFen,
        payer_total: refund.totalFen,
        payer_refund: refund.refundFen,
        settlement_refund: refund.refundFen,
        settlement_total: refund.totalFen,
        discount_refund: 0,
        currency: 'CNY',
        refund_fee: 0,
      },
    };
  }

  function refundResourceOf(refund: FakeWechatPayRefund): Record<string, unknown> {
    return {
      mchid: mchId,
      out_trade_no: refund.outTradeNo,
      transaction_id: orders.get(refund.outTradeNo)?.transactionId ?? '',
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_status: refund.status,
      ...(refund.successTime ? { success_time: refund.successTime } : {}),
      user_received_account: '支付用户零钱',
      amount: { total: refund.totalFen, refund: refund.refundFen, payer_total: refund.totalFen, payer_refund: refund.refundFen },
    };
  }

  function transferResourceOf(transfer: FakeWechatPayTransfer): Record<string, unknown> {
    return {
      mchid: mchId,
      out_bill_no: transfer.outBillNo,
      transfer_bill_no: transfer.transferBillNo,
      state: transfer.state,
      transfer_amount: transfer.amountFen,
      ...(transfer.failReason ? { fail_reason: transfer.failReason } : {}),
      openid: transfer.openid,
      create_time: transfer.createTime,
      update_time: transfer.updateTime,
    };
  }

  const SUMMARIES: Record<FakeNotificationEvent, { summary: string; originalType: string }> = {
    'TRANSACTION.SUCCESS': { summary: '支付成功', originalType: 'transaction' },
    'REFUND.SUCCESS': { summary: '退款成功', originalType: 'refund' },
    'REFUND.ABNORMAL': { summary: '退款异常', originalType: 'refund' },
    'REFUND.CLOSED': { summary: '退款关闭', originalType: 'refund' },
    'MCHTRANSFER.BILL.FINISHED': { summary: '商家转账单据终态通知', originalType: 'mch_payment' },
  };

  function buildNotification(eventType: string, resource: Record<string, unknown>, tamper: Tamper = {}) {
    const { summary, originalType } = SUMMARIES[eventType as FakeNotificationEvent] ?? { summary: eventType, originalType: 'transaction' };
    const nonce = randomText(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
    cipher.setAAD(Buffer.from(originalType, 'utf8'));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(resource), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    if (tamper.corruptCiphertext) sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 0x01;
    const body = JSON.stringify({
      id: `EV-${next()}`,
      create_time: rfc3339Beijing(now()),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: {
        original_type: originalType,
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: sealed.toString('base64'),
        associated_data: originalType,
        nonce,
      },
    });
    return { headers: { 'Content-Type': 'application/json', ...signatureHeaders(body, tamper) }, body };
  }

  /** One POST of a notification to the host, logged; the host's status, or null without an answer. */
  async function post(notification: HeldNotification): Promise<number | null> {
    const { headers, body } = buildNotification(notification.eventType, notification.resource);
    const delivery: Delivery = { eventType: notification.eventType, notifyUrl: notification.notifyUrl, status: null, error: null };
    deliveries.push(delivery);
    try {
      const response = await fetch(notification.notifyUrl, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(NOTIFY_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      delivery.status = response.status;
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
    return delivery.status;
  }

  /** Posts a notification `repeat` times; one not acknowledged at all is due again (WeChat retries), so it goes to `held`. */
  async function deliver(notification: HeldNotification, repeat: number): Promise<(number | null)[]> {
    const statuses: (number | null)[] = [];
    for (let i = 0; i < repeat; i++) statuses.push(await post(notification));
    if (!statuses.some((status) => status !== null && status >= 200 && status < 300)) notifications.held.push(notification);
    return statuses;
  }

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    return work;
  }

  /** What WeChat does with a new notification, as the test set it. */
  async function notify(eventType: FakeNotificationEvent, notifyUrl: string, resource: Record<string, unknown>): Promise<void> {
    const notification: HeldNotification = { eventType, notifyUrl, resource };
    if (notifications.mode === 'drop') {
      counters.dropped++;
      return;
    }
    if (notifications.mode === 'hold') {
      notifications.held.push(notification);
      return;
    }
    await track(deliver(notification, Math.max(1, notifications.repeatEach)));
  }

  function settleRefund(refund: FakeWechatPayRefund, outcome: 'SUCCESS' | 'ABNORMAL' | 'CLOSED'): HeldNotification {
    refund.status = outcome;
    if (outcome === 'SUCCESS') refund.successTime = rfc3339Beijing(now());
    return { eventType: `REFUND.${outcome}`, notifyUrl: refund.notifyUrl, resource: refundResourceOf(refund) };
  }

  // --- the API -------------------------------------------------------------------------------

  type Handled = { status: number; body?: Record<string, unknown>; after?: () => void };

  function createOrder(body: Record<string, unknown>): Handled {
    counters.create++;
    if (requiredText(body, 'appid') !== appId || requiredText(body, 'mchid') !== mchId)
      throw new Refusal(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    const description = requiredText(body, 'description');
    if (Buffer.byteLength(description, 'utf8') > 127) throw new Refusal(400, 'PARAM_ERROR', 'description is longer than 127 bytes');
    const outTradeNo = requiredText(body, 'out_trade_no');
    if (!OUT_TRADE_NO.test(outTradeNo)) throw new Refusal(400, 'PARAM_ERROR', 'out_trade_no must be 6-32 of 0-9 A-Z a-z _ - | *');
    const notifyUrl = requiredText(body, 'notify_url');
    const timeExpire = typeof body.time_expire === 'string' ? body.time_expire : null;
    if (timeExpire !== null && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d)$/.test(timeExpire)) {
      throw new Refusal(400, 'PARAM_ERROR', 'time_expire must be RFC 3339 with an offset');
    }
    const amount = requiredObject(body, 'amount');
    const amountFen = requiredFen(amount, 'total');
    if ((amount.currency ?? 'CNY') !== 'CNY') throw new Refusal(400, 'PARAM_ERROR', 'currency must be CNY');
    const openid = requiredText(requiredObject(body, 'payer'), 'openid');
    const existing = orders.get(outTradeNo);
    if (existing) {
      // The same out_trade_no with the same order gets the same prepay_id back; anything else is a reuse.
      if (existing.description !== description || existing.amountFen !== amountFen || existing.openid !== openid) {
        throw new Refusal(403, 'OUT_TRADE_NO_USED', '商户订单号重复');
      }
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') throw new Refusal(400, 'ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') throw new Refusal(400, 'ORDER_CLOSED', '当前订单已关闭，请重新下单');
      return { status: 200, body: { prepay_id: existing.prepayId } };
    }
    const order: FakeWechatPayOrder = {
      outTradeNo,
      state: 'NOTPAY',
      amountFen,
      openid,
      description,
      notifyUrl,
      timeExpire,
      prepayId: `wx${next()}fake${randomText(8)}`,
      transactionId: null,
      successTime: null,
    };
    orders.set(outTradeNo, order);
    return { status: 200, body: { prepay_id: order.prepayId } };
  }

  function orderOrRefuse(outTradeNo: string): FakeWechatPayOrder {
    const order = orders.get(outTradeNo);
    if (!order) throw new Refusal(404, 'ORDER_NOT_EXIST', '订单不存在');
    return order;
  }

  function createRefund(body: Record<string, unknown>): Handled {
    counters.refund++;
    const outTradeNo = requiredText(body, 'out_trade_no');
    const outRefundNo = requiredText(body, 'out_refund_no');
    if (!OUT_REFUND_NO.test(outRefundNo)) throw new Refusal(400, 'PARAM_ERROR', 'out_refund_no must be 1-64 of 0-9 A-Z a-z _ - | * @');
    const notifyUrl = requiredText(body, 'notify_url');
    const amount = requiredObject(body, 'amount');
    const refundFen = requiredFen(amount, 'refund');
    const totalFen = requiredFen(amount, 'total');
    if (amount.currency !== 'CNY') throw new Refusal(400, 'PARAM_ERROR', 'currency must be CNY');
    const existing = refunds.get(outRefundNo);
    if (existing) {
      if (existing.outTradeNo !== outTradeNo || existing.refundFen !== refundFen || existing.totalFen !== totalFen) {
        throw new Refusal(400, 'INVALID_REQUEST', '订单金额或退款金额与之前请求不一致，请核实后再试');
      }
      return { status: 200, body: refundOf(existing) };
    }
    const order = orders.get(outTradeNo);
    if (!order) throw new Refusal(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    if (order.state !== 'SUCCESS' && order.state !== 'REFUND') throw new Refusal(400, 'INVALID_REQUEST', '订单未支付，不能退款');
    if (totalFen !== order.amountFen) throw new Refusal(400, 'INVALID_REQUEST', '订单金额与支付金额不一致');
    const refunded = [...refunds.values()]
      .filter((refund) => refund.outTradeNo === outTradeNo && refund.status !== 'CLOSED' && refund.status !== 'ABNORMAL')
      .reduce((sum, refund) => sum + refund.refundFen, 0);
    if (refunded + refundFen > order.amountFen) throw new Refusal(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    const refund: FakeWechatPayRefund = {
      outRefundNo,
      outTradeNo,
      refundId: `50300${next()}`,
      status: 'PROCESSING',
      refundFen,
      totalFen,
      reason: typeof body.reason === 'string' ? body.reason : '',
      notifyUrl,
      createTime: rfc3339Beijing(now()),
      successTime: null,
    };
    refunds.set(outRefundNo, refund);
    order.state = 'REFUND';
    if (!options.refundsSettleAtOnce) return { status: 200, body: refundOf(refund) };
    const notification = settleRefund(refund, 'SUCCESS');
    return {
      status: 200,
      body: refundOf(refund),
      after: () => void track(notify(notification.eventType, notification.notifyUrl, notification.resource)),
    };
  }

  function createTransfer(body: Record<string, unknown>): Handled {
    counters.transfer++;
    if (requiredText(body, 'appid') !== appId) throw new Refusal(400, 'INVALID_REQUEST', 'appid与商户号不匹配');
    const outBillNo = requiredText(body, 'out_bill_no');
    if (!OUT_BILL_NO.test(outBillNo)) throw new Refusal(400, 'PARAM_ERROR', 'out_bill_no must be 1-32 digits and letters');
    const sceneId = requiredText(body, 'transfer_scene_id');
    const openid = requiredText(body, 'openid');
    const amountFen = requiredFen(body, 'transfer_amount');
    const remark = requiredText(body, 'transfer_remark');
    if (Array.from(remark).length > 32) throw new Refusal(400, 'PARAM_ERROR', 'transfer_remark is longer than 32 characters');
    const reportInfos = body.transfer_scene_report_infos;
    if (
      !Array.isArray(reportInfos) ||
      !reportInfos.every((info) => isRecord(info) && typeof info.info_type === 'string' && typeof info.info_content === 'string')
    ) {
      throw new Refusal(400, 'PARAM_ERROR', 'transfer_scene_report_infos is required');
    }
    const types = reportInfos.map((info) => (info as { info_type: string }).info_type);
    if (sceneId === '1000' && !(types.includes('活动名称') && types.includes('奖励说明'))) {
      throw new Refusal(400, 'PARAM_ERROR', '现金营销场景需报备活动名称和奖励说明');
    }
    const existing = transfers.get(outBillNo);
    if (existing) {
      if (existing.amountFen !== amountFen || existing.openid !== openid) throw new Refusal(400, 'INVALID_REQUEST', '商户单号重复');
      return { status: 200, body: createdTransferOf(existing) };
    }
    const time = rfc3339Beijing(now());
    const transfer: FakeWechatPayTransfer = {
      outBillNo,
      transferBillNo: `13300000${next()}`,
      state: 'WAIT_USER_CONFIRM',
      amountFen,
      openid,
      remark,
      sceneId,
      reportInfos: reportInfos as FakeWechatPayTransfer['reportInfos'],
      notifyUrl: typeof body.notify_url === 'string' ? body.notify_url : '',
      packageInfo: `ABBQO+oYAAABAAAAAAAk${randomText(24)}`,
      failReason: null,
      createTime: time,
      updateTime: time,
    };
    transfers.set(outBillNo, transfer);
    return { status: 200, body: createdTransferOf(transfer) };
  }

  function createdTransferOf(transfer: FakeWechatPayTransfer): Record<string, unknown> {
    return {
      out_bill_no: transfer.outBillNo,
      transfer_bill_no: transfer.transferBillNo,
      create_time: transfer.createTime,
      state: transfer.state,
      ...(transfer.state === 'WAIT_USER_CONFIRM' ? { package_info: transfer.packageInfo } : {}),
      ...(transfer.failReason ? { fail_reason: transfer.failReason } : {}),
    };
  }

  function queriedTransferOf(transfer: FakeWechatPayTransfer): Record<string, unknown> {
    // The query answer carries no package_info: only the create answer does.
    return {
      mch_id: mchId,
      out_bill_no: transfer.outBillNo,
      transfer_bill_no: transfer.transferBillNo,
      appid: appId,
      state: transfer.state,
      transfer_amount: transfer.amountFen,
      transfer_remark: transfer.remark,
      ...(transfer.failReason ? { fail_reason: transfer.failReason } : {}),
      openid: transfer.openid,
      create_time: transfer.createTime,
      update_time: transfer.updateTime,
    };
  }

  function route(method: string, url: URL, body: Record<string, unknown>): Handled {
    const path = url.pathname;
    let match: RegExpMatchArray | null;
    if (method === 'POST' && path === '/v3/pay/transactions/jsapi') return createOrder(body);
    if (method === 'GET' && (match = path.match(/^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/))) {
      counters.query++;
      if (url.searchParams.get('mchid') !== mchId) throw new Refusal(400, 'PARAM_ERROR', 'mchid is required');
      return { status: 200, body: transactionOf(orderOrRefuse(decodeURIComponent(match[1] ?? ''))) };
    }
    if (method === 'POST' && (match = path.match(/^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/))) {
      counters.close++;
      if (body.mchid !== mchId) throw new Refusal(400, 'PARAM_ERROR', 'mchid is required');
      const order = orderOrRefuse(decodeURIComponent(match[1] ?? ''));
      if (order.state === 'SUCCESS' || order.state === 'REFUND') throw new Refusal(400, 'ORDERPAID', '订单已支付，不能关闭');
      order.state = 'CLOSED';
      return { status: 204 };
    }
    if (method === 'POST' && path === '/v3/refund/domestic/refunds') return createRefund(body);
    if (method === 'GET' && (match = path.match(/^\/v3\/refund\/domestic\/refunds\/([^/]+)$/))) {
      counters.queryRefund++;
      const refund = refunds.get(decodeURIComponent(match[1] ?? ''));
      if (!refund) throw new Refusal(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
      return { status: 200, body: refundOf(refund) };
    }
    if (method === 'POST' && path === '/v3/fund-app/mch-transfer/transfer-bills') return createTransfer(body);
    if (method === 'GET' && (match = path.match(/^\/v3\/fund-app\/mch-transfer\/transfer-bills\/out-bill-no\/([^/]+)$/))) {
      counters.queryTransfer++;
      const transfer = transfers.get(decodeURIComponent(match[1] ?? ''));
      if (!transfer) throw new Refusal(404, 'NOT_FOUND', '记录不存在');
      return { status: 200, body: queriedTransferOf(transfer) };
    }
    throw new Refusal(404, 'NOT_FOUND', `no API at ${method} ${path}`);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks);
    const entry = { method: req.method ?? '', path: req.url ?? '', status: 0 };
    requests.push(entry);
    const answer = (status: number, body?: Record<string, unknown>) => {
      entry.status = status;
      const text = body === undefined ? '' : JSON.stringify(body);
      const tamper = tampers.shift();
      res.writeHead(status, { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...signatureHeaders(text, tamper) });
      res.end(text);
    };
    if (fake.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
    if (down) {
      counters.failed++;
      return answer(500, { code: 'SYSTEM_ERROR', message: '系统错误' });
    }
    const failure = failures[0]?.when === 'before' ? failures.shift() : undefined;
    if (failure) {
      counters.failed++;
      return answer(failure.status, { code: 'SYSTEM_ERROR', message: '系统错误' });
    }
    const problem = authorizationProblem(req, rawBody);
    if (problem) {
      counters.signatureRejected++;
      return answer(401, { code: 'SIGN_ERROR', message: problem });
    }
    let body: Record<string, unknown> = {};
    if (rawBody.length > 0) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return answer(400, { code: 'PARAM_ERROR', message: 'the body is not JSON' });
      }
      if (!isRecord(parsed)) return answer(400, { code: 'PARAM_ERROR', message: 'the body is not a JSON object' });
      body = parsed;
    }
    let handled: Handled;
    try {
      handled = route(req.method ?? '', new URL(req.url ?? '/', 'http://127.0.0.1'), body);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return answer(error.status, { code: error.code, message: error.message });
    }
    // The request took effect; a failure now loses only its answer, as a dropped connection would.
    const lost = failures[0]?.when === 'after' ? failures.shift() : undefined;
    if (lost) {
      counters.failed++;
      answer(lost.status, { code: 'SYSTEM_ERROR', message: '系统错误' });
    } else {
      answer(handled.status, handled.body);
    }
    if (handled.after) res.once('finish', handled.after);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 'SYSTEM_ERROR', message: error instanceof Error ? error.message : String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const fake: FakeWechatPay = {
    url,
    env: {
      WECHATPAY_MCHID: mchId,
      WECHATPAY_APPID: appId,
      WECHATPAY_APIV3_KEY: apiV3Key,
      WECHATPAY_PRIVATE_KEY: merchant.privateKeyPem,
      WECHATPAY_CERT_SERIAL: merchantCertSerial,
      WECHATPAY_PUBLIC_KEY: wechatPay.publicKeyPem,
      WECHATPAY_PUBLIC_KEY_ID: publicKeyId,
      WECHATPAY_BASE_URL: url,
    },
    mchId,
    appId,
    apiV3Key,
    merchantPrivateKeyPem: merchant.privateKeyPem,
    merchantPublicKeyPem: merchant.publicKeyPem,
    merchantCertSerial,
    wechatPayPublicKeyPem: wechatPay.publicKeyPem,
    publicKeyId,
    order: (outTradeNo) => orders.get(outTradeNo),
    refund: (outRefundNo) => refunds.get(outRefundNo),
    transfer: (outBillNo) => transfers.get(outBillNo),
    requests,
    counters,

    async pay(outTradeNo, payOptions = {}) {
      const order = orders.get(outTradeNo);
      if (!order) throw new Error(`fake WeChat Pay: no order ${outTradeNo}`);
      if (order.state !== 'NOTPAY') throw new Error(`fake WeChat Pay: order ${outTradeNo} is ${order.state}, it cannot be paid`);
      if (!payOptions.ignoreExpiry && order.timeExpire !== null && now().getTime() > Date.parse(order.timeExpire)) {
        throw new Error(`fake WeChat Pay: order ${outTradeNo} expired at ${order.timeExpire}`);
      }
      order.state = 'SUCCESS';
      order.transactionId = `42000${next()}${String(unixSeconds(now())).slice(-8)}`;
      order.successTime = rfc3339Beijing(now());
      await notify('TRANSACTION.SUCCESS', order.notifyUrl, transactionOf(order));
    },

    async confirmTransfer(outBillNo, outcome) {
      const transfer = transfers.get(outBillNo);
      if (!transfer) throw new Error(`fake WeChat Pay: no transfer ${outBillNo}`);
      if (transfer.state !== 'WAIT_USER_CONFIRM') throw new Error(`fake WeChat Pay: transfer ${outBillNo} is ${transfer.state}`);
      transfer.state = outcome === 'succeeded' ? 'SUCCESS' : 'FAIL';
      transfer.failReason = outcome === 'succeeded' ? null : 'PAYEE_ACCOUNT_ABNORMAL';
      transfer.updateTime = rfc3339Beijing(now());
      if (transfer.notifyUrl) await notify('MCHTRANSFER.BILL.FINISHED', transfer.notifyUrl, transferResourceOf(transfer));
    },

    async finishRefunds(outcome = 'SUCCESS') {
      const due = [...refunds.values()].filter((refund) => refund.status === 'PROCESSING').map((refund) => settleRefund(refund, outcome));
      for (const notification of due) await notify(notification.eventType, notification.notifyUrl, notification.resource);
    },

    notifications,

    async deliverHeld(deliverOptions = {}) {
      const batch = notifications.held.splice(0, notifications.held.length);
      if (deliverOptions.reverse) batch.reverse();
      const statuses: (number | null)[] = [];
      for (const notification of batch) statuses.push(...(await track(deliver(notification, Math.max(1, deliverOptions.repeat ?? 1)))));
      return statuses;
    },

    deliveries,
    buildNotification,
    sign: (body, tamper) => signatureHeaders(body, tamper),

    failNext(n, status = 500, when = 'before') {
      for (let i = 0; i < n; i++) failures.push({ status, when });
    },
    setDown(value) {
      down = value;
    },
    tamperNext(n, tamper) {
      for (let i = 0; i < n; i++) tampers.push(tamper);
    },
    delayMs: 0,

    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },

    async close() {
      await fake.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
