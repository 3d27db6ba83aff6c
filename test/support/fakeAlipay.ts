import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { formatAlipayTimestamp, parseAlipayTimestamp } from '../../cloud/payments/alipaySign';

/**
 * A stand-in for Alipay's open-platform gateway on loopback. It checks the RSA2 signature of
 * every request with the app's public key and signs every answer node with its own private
 * key, as Alipay does (and escapes `/` in its JSON as Alipay does, so an answer only verifies
 * when its node is cut out byte for byte).
 *
 * Login: `alipay.system.oauth.token` exchanges codes given to `register`, once each.
 *
 * Payments, in memory: orders (`alipay.trade.create` with JSAPI_PAY, `query`, `close`), refunds
 * (`alipay.trade.refund`, synchronous, `alipay.trade.fastpay.refund.query`) and transfers
 * (`alipay.fund.trans.uni.transfer`, `alipay.fund.trans.common.query`), deduplicated by
 * out_trade_no, out_request_no and out_biz_no as Alipay does. An unpaid order closes at its
 * time_expire by the fake's clock (`now`).
 *
 * Subscribe messages: `alipay.open.app.mini.templatemessage.send` records each message it takes
 * (`messages`); `failMessages` makes the next ones answer a signed refusal instead — a final one
 * (40004, e.g. she holds no acceptance) or a passing one (20000, service unavailable).
 *
 * Notifications go to the order's notify_url as signed forms (`trade_status_sync`): when the
 * buyer pays (`pay`), after a refund (TRADE_SUCCESS for a partial one, TRADE_CLOSED with
 * refund_fee for a full one) and after a close. `notifications.mode` delivers them, drops them
 * or holds them for `deliverHeld`; those set off by a gateway call go out after its answer,
 * as Alipay's do, and `settle()` waits for them. Every delivery is logged with the host's answer
 * (`success` when it took it).
 */
export type FakeTradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED' | 'TRADE_FINISHED';
export type FakeTransferOutcome = 'succeeded' | 'failed' | 'processing';

export interface FakeAlipayOrder {
  outTradeNo: string;
  tradeNo: string;
  totalFen: number;
  subject: string;
  buyerId: string | null;
  buyerOpenId: string | null;
  timeExpire: string | null;
  notifyUrl: string | null;
  status: FakeTradeStatus;
  refundedFen: number;
  createdAt: Date;
  paidAt: Date | null;
  closedAt: Date | null;
}

export interface FakeAlipayRefund {
  outTradeNo: string;
  outRequestNo: string;
  tradeNo: string;
  refundFen: number;
  reason: string;
  refundedAt: Date;
}

export interface FakeAlipayTransfer {
  outBizNo: string;
  orderId: string;
  payFundOrderId: string;
  amountFen: number;
  identity: string;
  identityType: string;
  title: string;
  status: 'SUCCESS' | 'DEALING' | 'FAIL';
  failReason: string | null;
  createdAt: Date;
}

export interface FakeAlipayNotification {
  url: string;
  headers: Record<string, string>;
  body: string;
  params: Record<string, string>;
}

export interface FakeAlipayDelivery extends FakeAlipayNotification {
  /** The host's HTTP status, or null when it did not answer. */
  status: number | null;
  /** The host's answer text: `success` when it took the notification. */
  answer: string;
}

export interface FakeAlipayMessage {
  toUserId: string | null;
  toOpenId: string | null;
  userTemplateId: string;
  page: string;
  /** `data`, parsed from its JSON text: `{keyword1: {value}, …}`. */
  data: Record<string, { value: string }>;
  sentAt: Date;
}

export interface FakeAlipayRequest {
  method: string;
  /** Every parameter, from the query string and the form body. */
  params: Record<string, string>;
  /** `biz_content`, parsed. */
  biz: Record<string, unknown> | null;
  signatureOk: boolean;
  /** The answer's code (10000, 40004…), or `HTTP 500`, or empty while unanswered. */
  answer: string;
}

export interface FakeAlipay {
  url: string;
  appPrivateKeyPem: string;
  alipayPublicKeyPem: string;
  /** Login: a one-time code for this Alipay user id. */
  register(code: string, userId: string): void;
  /** The buyer pays the order (TRADE_SUCCESS) and Alipay notifies its notify_url. */
  pay(outTradeNo: string): Promise<void>;
  notifications: { mode: 'deliver' | 'drop' | 'hold' };
  held: FakeAlipayNotification[];
  /** Delivers what was held (and stops holding it), in order or reversed, each `repeat` times. */
  deliverHeld(options?: { reverse?: boolean; repeat?: number }): Promise<void>;
  deliveries: FakeAlipayDelivery[];
  /** A signed trade notification carrying `params`, as Alipay would send it now (or forged, or old). */
  buildNotification(
    params: Record<string, string>,
    tamper?: { badSignature?: boolean; staleHours?: number; alter?: Record<string, string> },
  ): { headers: Record<string, string>; body: string };
  /** The next `n` gateway requests fail: HTTP 500, or a signed code 20000 answer. */
  failNext(n: number, as?: 'http500' | 'code20000'): void;
  /** Down: every connection is cut at once (the caller sees a network error). */
  setDown(flag: boolean): void;
  /** How new transfers end: SUCCESS, FAIL or DEALING (then `settleTransfer` ends them). */
  transferOutcome: FakeTransferOutcome;
  settleTransfer(outBizNo: string, outcome: 'succeeded' | 'failed'): void;
  order(outTradeNo: string): FakeAlipayOrder | undefined;
  refund(outRequestNo: string): FakeAlipayRefund | undefined;
  transfer(outBizNo: string): FakeAlipayTransfer | undefined;
  requests: FakeAlipayRequest[];
  /** Subscribe messages taken by `alipay.open.app.mini.templatemessage.send`, in order. */
  messages: FakeAlipayMessage[];
  /**
   * The next `n` subscribe messages are refused with a signed answer: `final` is 40004 with
   * `subCode` (default USER_TEMPLATE_ILLEGAL); `transient` is 20000 isp.unknow-error.
   */
  failMessages(n: number, as: 'final' | 'transient', subCode?: string): void;
  /** Waits for the notifications under way. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface FakeAlipayOptions {
  /** The fake's clock: notify_time, payment and refund times, order expiry. The host's clock, in tests. */
  now?: () => Date;
}

type Node = Record<string, unknown>;

const SELLER_ID = '2088000000000001';
const ALIPAY_USER_ID = /^2088\d{12}$/;
const NOTIFY_HEADERS = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
/** TRANS_ACCOUNT_NO_PWD takes 0.10 yuan at least. */
const TRANSFER_MIN_FEN = 10;
const ORDER_MAX_FEN = 100_000_000 * 100;

/*
 * The signing rules are written out here again rather than imported from the host's code, so
 * that a mistake there shows up as a signature failure instead of being agreed with.
 */
function signContent(params: Record<string, string>, excluded: readonly string[]): string {
  const keys = Object.keys(params).filter((key) => !excluded.includes(key) && params[key] !== '');
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((key) => `${key}=${params[key]}`).join('&');
}

function sign(content: string, privateKeyPem: string): string {
  return crypto.createSign('RSA-SHA256').update(content, 'utf8').sign(privateKeyPem, 'base64');
}

function verify(content: string, signature: string, publicKeyPem: string): boolean {
  try {
    return crypto.createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKeyPem, signature, 'base64');
  } catch {
    return false;
  }
}

/** Fen to yuan text, by string surgery (independent of the provider's arithmetic). */
function yuan(fen: number): string {
  const digits = String(fen).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function fenOf(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d+(\.\d{1,2})?$/.test(value)) return null;
  const [whole = '0', fraction = ''] = value.split('.');
  return Number.parseInt(`${whole}${fraction.padEnd(2, '0')}`, 10);
}

const ok = (node: Node): Node => ({ code: '10000', msg: 'Success', ...node });
const refused = (subCode: string, subMsg: string, node: Node = {}): Node => ({
  code: '40004',
  msg: 'Business Failed',
  sub_code: subCode,
  sub_msg: subMsg,
  ...node,
});
const invalid = (subMsg: string): Node => ({ code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-parameter', sub_msg: subMsg });

export async function startFakeAlipay(appId: string, options: FakeAlipayOptions = {}): Promise<FakeAlipay> {
  const now = options.now ?? (() => new Date());
  const app = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const alipay = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const appPublicKeyPem = app.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const alipayPrivateKeyPem = alipay.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let forgerPrivateKeyPem: string | undefined;
  const codes = new Map<string, string>();
  const orders = new Map<string, FakeAlipayOrder>();
  const refunds: FakeAlipayRefund[] = [];
  const transfers = new Map<string, FakeAlipayTransfer>();
  const inFlight = new Set<Promise<unknown>>();
  const sockets = new Set<Socket>();
  let sequence = 0;
  let failures = 0;
  let failAs: 'http500' | 'code20000' = 'http500';
  let down = false;

  const serial = (prefix: string) =>
    `${formatAlipayTimestamp(now()).slice(0, 10).replace(/-/g, '')}${prefix}${String(++sequence).padStart(12, '0')}`;

  /** An unpaid order past its time_expire is closed by then, as at Alipay. */
  function current(order: FakeAlipayOrder | undefined): FakeAlipayOrder | undefined {
    const expiresAt = order?.timeExpire ? parseAlipayTimestamp(order.timeExpire) : null;
    if (order && expiresAt && order.status === 'WAIT_BUYER_PAY' && now().getTime() >= expiresAt.getTime()) {
      order.status = 'TRADE_CLOSED';
      order.closedAt = expiresAt;
    }
    return order;
  }

  function buyerFields(order: FakeAlipayOrder): Node {
    return order.buyerId ? { buyer_id: order.buyerId } : { buyer_open_id: order.buyerOpenId ?? '' };
  }

  function buildSigned(
    params: Record<string, string>,
    tamper: { badSignature?: boolean; staleHours?: number; alter?: Record<string, string> } = {},
  ) {
    const sentAt = new Date(now().getTime() - (tamper.staleHours ?? 0) * 3600 * 1000);
    const all: Record<string, string> = {
      notify_time: formatAlipayTimestamp(sentAt),
      notify_type: 'trade_status_sync',
      notify_id: `${serial('N')}${crypto.randomBytes(4).toString('hex')}`,
      app_id: appId,
      auth_app_id: appId,
      charset: 'utf-8',
      version: '1.0',
      sign_type: 'RSA2',
      ...params,
    };
    delete all.sign;
    let key = alipayPrivateKeyPem;
    if (tamper.badSignature) {
      forgerPrivateKeyPem ??= crypto
        .generateKeyPairSync('rsa', { modulusLength: 2048 })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      key = forgerPrivateKeyPem;
    }
    // A notification's signature leaves out sign_type as well as sign.
    all.sign = sign(signContent(all, ['sign', 'sign_type']), key);
    Object.assign(all, tamper.alter);
    return { params: all, headers: { ...NOTIFY_HEADERS }, body: new URLSearchParams(all).toString() };
  }

  function tradeNotification(order: FakeAlipayOrder, extra: Record<string, string> = {}): FakeAlipayNotification | null {
    if (!order.notifyUrl) return null;
    const params: Record<string, string> = {
      gmt_create: formatAlipayTimestamp(order.createdAt),
      trade_no: order.tradeNo,
      out_trade_no: order.outTradeNo,
      seller_id: SELLER_ID,
      trade_status: order.status,
      total_amount: yuan(order.totalFen),
      subject: order.subject,
      ...(order.buyerId ? { buyer_id: order.buyerId } : { buyer_open_id: order.buyerOpenId ?? '' }),
      ...extra,
    };
    if (order.paidAt) {
      Object.assign(params, {
        gmt_payment: formatAlipayTimestamp(order.paidAt),
        receipt_amount: yuan(order.totalFen),
        buyer_pay_amount: yuan(order.totalFen),
        invoice_amount: yuan(order.totalFen),
        point_amount: '0.00',
        fund_bill_list: JSON.stringify([{ amount: yuan(order.totalFen), fundChannel: 'ALIPAYACCOUNT' }]),
      });
    }
    if (order.closedAt) params.gmt_close = formatAlipayTimestamp(order.closedAt);
    const built = buildSigned(params);
    return { url: order.notifyUrl, headers: built.headers, body: built.body, params: built.params };
  }

  async function deliver(notification: FakeAlipayNotification): Promise<void> {
    let status: number | null = null;
    let answer: string;
    try {
      const response = await fetch(notification.url, {
        method: 'POST',
        headers: notification.headers,
        body: notification.body,
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      answer = await response.text();
    } catch (error) {
      answer = `(no answer: ${(error as Error).message})`;
    }
    fake.deliveries.push({ ...notification, status, answer });
  }

  async function emit(notification: FakeAlipayNotification | null): Promise<void> {
    if (!notification || fake.notifications.mode === 'drop') return;
    if (fake.notifications.mode === 'hold') {
      fake.held.push(notification);
      return;
    }
    await deliver(notification);
  }

  function track(promise: Promise<unknown>): void {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
  }

  // Each payment method answers a node and may set off notifications once the answer is out.
  type Handled = { node: Node; after?: FakeAlipayNotification | null };

  function create(biz: Node, params: Record<string, string>): Handled {
    const outTradeNo = biz.out_trade_no;
    if (typeof outTradeNo !== 'string' || !/^[A-Za-z0-9_]{1,64}$/.test(outTradeNo)) {
      return { node: invalid('out_trade_no: 64 letters, digits or underscores at most') };
    }
    const totalFen = fenOf(biz.total_amount);
    if (totalFen === null || totalFen < 1 || totalFen > ORDER_MAX_FEN)
      return { node: invalid('total_amount must be in [0.01, 100000000]') };
    const subject = biz.subject;
    if (typeof subject !== 'string' || !subject || Array.from(subject).length > 256 || /[/=&]/.test(subject)) {
      return { node: invalid('subject: 256 characters at most, without / = &') };
    }
    if (biz.product_code !== 'JSAPI_PAY') return { node: invalid('product_code must be JSAPI_PAY for a mini-program payment') };
    const buyerId = typeof biz.buyer_id === 'string' ? biz.buyer_id : null;
    const buyerOpenId = typeof biz.buyer_open_id === 'string' ? biz.buyer_open_id : null;
    if (!buyerId === !buyerOpenId) return { node: invalid('one of buyer_id or buyer_open_id is required') };
    if (buyerId && !ALIPAY_USER_ID.test(buyerId)) return { node: invalid('buyer_id is 2088 and 12 digits') };
    const timeExpire = typeof biz.time_expire === 'string' ? biz.time_expire : null;
    if (biz.time_expire !== undefined && (timeExpire === null || !parseAlipayTimestamp(timeExpire))) {
      return { node: invalid('time_expire is yyyy-MM-dd HH:mm:ss') };
    }
    const existing = current(orders.get(outTradeNo));
    if (existing) {
      if (existing.status === 'TRADE_SUCCESS' || existing.status === 'TRADE_FINISHED') {
        return { node: refused('ACQ.TRADE_HAS_SUCCESS', '交易已被支付', { out_trade_no: outTradeNo, trade_no: existing.tradeNo }) };
      }
      if (existing.status === 'TRADE_CLOSED') return { node: refused('ACQ.TRADE_HAS_CLOSE', '交易已经关闭', { out_trade_no: outTradeNo }) };
      if (existing.totalFen !== totalFen || existing.buyerId !== buyerId || existing.buyerOpenId !== buyerOpenId) {
        return { node: refused('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改', { out_trade_no: outTradeNo }) };
      }
      return { node: ok({ out_trade_no: outTradeNo, trade_no: existing.tradeNo }) };
    }
    const order: FakeAlipayOrder = {
      outTradeNo,
      tradeNo: serial('2200141'),
      totalFen,
      subject,
      buyerId,
      buyerOpenId,
      timeExpire,
      notifyUrl: params.notify_url || null,
      status: 'WAIT_BUYER_PAY',
      refundedFen: 0,
      createdAt: now(),
      paidAt: null,
      closedAt: null,
    };
    orders.set(outTradeNo, order);
    return { node: ok({ out_trade_no: outTradeNo, trade_no: order.tradeNo }) };
  }

  function orderOf(biz: Node): FakeAlipayOrder | undefined {
    return typeof biz.out_trade_no === 'string' ? current(orders.get(biz.out_trade_no)) : undefined;
  }
  const notExist = (biz: Node): Handled => ({ node: refused('ACQ.TRADE_NOT_EXIST', '交易不存在', { out_trade_no: biz.out_trade_no }) });

  function query(biz: Node): Handled {
    const order = orderOf(biz);
    if (!order) return notExist(biz);
    const paid = order.paidAt !== null;
    return {
      node: ok({
        trade_no: order.tradeNo,
        out_trade_no: order.outTradeNo,
        ...(order.buyerId ? { buyer_user_id: order.buyerId } : { buyer_open_id: order.buyerOpenId }),
        trade_status: order.status,
        total_amount: yuan(order.totalFen),
        receipt_amount: yuan(paid ? order.totalFen : 0),
        buyer_pay_amount: yuan(paid ? order.totalFen : 0),
        point_amount: '0.00',
        invoice_amount: yuan(paid ? order.totalFen : 0),
        ...(order.paidAt ? { send_pay_date: formatAlipayTimestamp(order.paidAt) } : {}),
      }),
    };
  }

  function closeTrade(biz: Node): Handled {
    const order = orderOf(biz);
    if (!order) return notExist(biz);
    if (order.status !== 'WAIT_BUYER_PAY')
      return { node: refused('ACQ.TRADE_STATUS_ERROR', '交易状态不合法', { out_trade_no: order.outTradeNo }) };
    order.status = 'TRADE_CLOSED';
    order.closedAt = now();
    return { node: ok({ trade_no: order.tradeNo, out_trade_no: order.outTradeNo }), after: tradeNotification(order) };
  }

  function refundTrade(biz: Node): Handled {
    const order = orderOf(biz);
    if (!order) return notExist(biz);
    const refundFen = fenOf(biz.refund_amount);
    if (refundFen === null || refundFen < 1) return { node: invalid('refund_amount is yuan with at most two decimals, at least 0.01') };
    // Without out_request_no Alipay takes the order's own number (a full refund).
    const outRequestNo = typeof biz.out_request_no === 'string' && biz.out_request_no ? biz.out_request_no : order.outTradeNo;
    const common = { trade_no: order.tradeNo, out_trade_no: order.outTradeNo, ...buyerFields(order) };
    if (refunds.some((r) => r.outTradeNo === order.outTradeNo && r.outRequestNo === outRequestNo)) {
      return { node: ok({ ...common, fund_change: 'N', refund_fee: yuan(order.refundedFen) }) };
    }
    if (order.status !== 'TRADE_SUCCESS') return { node: refused('ACQ.TRADE_STATUS_ERROR', '交易状态不合法', common) };
    if (order.refundedFen + refundFen > order.totalFen) return { node: refused('ACQ.REASON_TRADE_REFUND_FEE_ERR', '退款金额无效', common) };
    const refundedAt = now();
    refunds.push({
      outTradeNo: order.outTradeNo,
      outRequestNo,
      tradeNo: order.tradeNo,
      refundFen,
      reason: typeof biz.refund_reason === 'string' ? biz.refund_reason : '',
      refundedAt,
    });
    order.refundedFen += refundFen;
    if (order.refundedFen === order.totalFen) {
      order.status = 'TRADE_CLOSED';
      order.closedAt = refundedAt;
    }
    const after = tradeNotification(order, {
      out_biz_no: outRequestNo,
      refund_fee: yuan(order.refundedFen),
      gmt_refund: formatAlipayTimestamp(refundedAt),
    });
    return {
      node: ok({ ...common, fund_change: 'Y', refund_fee: yuan(order.refundedFen), gmt_refund_pay: formatAlipayTimestamp(refundedAt) }),
      after,
    };
  }

  function refundQuery(biz: Node): Handled {
    const order = orderOf(biz);
    if (!order) return notExist(biz);
    const found = refunds.find((r) => r.outTradeNo === order.outTradeNo && r.outRequestNo === biz.out_request_no);
    // Alipay answers 10000 either way; only a refund it did carries the refund's facts.
    if (!found) return { node: ok({}) };
    return {
      node: ok({
        trade_no: order.tradeNo,
        out_trade_no: order.outTradeNo,
        out_request_no: found.outRequestNo,
        total_amount: yuan(order.totalFen),
        refund_amount: yuan(found.refundFen),
        refund_status: 'REFUND_SUCCESS',
        gmt_refund_pay: formatAlipayTimestamp(found.refundedAt),
      }),
    };
  }

  function transferFields(t: FakeAlipayTransfer): Node {
    return { out_biz_no: t.outBizNo, order_id: t.orderId, pay_fund_order_id: t.payFundOrderId, status: t.status };
  }

  function uniTransfer(biz: Node): Handled {
    const outBizNo = biz.out_biz_no;
    if (typeof outBizNo !== 'string' || !outBizNo) return { node: invalid('out_biz_no is required') };
    if (biz.product_code !== 'TRANS_ACCOUNT_NO_PWD' || biz.biz_scene !== 'DIRECT_TRANSFER') {
      return { node: invalid('product_code TRANS_ACCOUNT_NO_PWD with biz_scene DIRECT_TRANSFER') };
    }
    const existing = transfers.get(outBizNo);
    if (existing) return { node: ok({ ...transferFields(existing), trans_date: formatAlipayTimestamp(existing.createdAt) }) };
    const amountFen = fenOf(biz.trans_amount);
    if (amountFen === null) return { node: invalid('trans_amount is yuan with at most two decimals') };
    if (amountFen < TRANSFER_MIN_FEN) return { node: refused('EXCEED_LIMIT_SM_MIN_AMOUNT', '单笔最低转账金额0.1元') };
    const payee = (biz.payee_info ?? {}) as Node;
    const identity = typeof payee.identity === 'string' ? payee.identity : '';
    const identityType = typeof payee.identity_type === 'string' ? payee.identity_type : '';
    if (!identity || !['ALIPAY_USER_ID', 'ALIPAY_OPEN_ID'].includes(identityType))
      return { node: invalid('payee_info needs identity and identity_type') };
    if (identityType === 'ALIPAY_USER_ID' && !ALIPAY_USER_ID.test(identity)) return { node: refused('PAYEE_NOT_EXIST', '收款账号不存在') };
    const outcome = fake.transferOutcome;
    const transfer: FakeAlipayTransfer = {
      outBizNo,
      orderId: serial('1100700'),
      payFundOrderId: serial('1100701'),
      amountFen,
      identity,
      identityType,
      title: typeof biz.order_title === 'string' ? biz.order_title : '',
      status: outcome === 'succeeded' ? 'SUCCESS' : outcome === 'failed' ? 'FAIL' : 'DEALING',
      failReason: outcome === 'failed' ? '收款账户状态异常' : null,
      createdAt: now(),
    };
    transfers.set(outBizNo, transfer);
    return { node: ok({ ...transferFields(transfer), trans_date: formatAlipayTimestamp(transfer.createdAt) }) };
  }

  function transferQuery(biz: Node): Handled {
    if (typeof biz.out_biz_no === 'string' && (biz.product_code !== 'TRANS_ACCOUNT_NO_PWD' || biz.biz_scene !== 'DIRECT_TRANSFER')) {
      return { node: invalid('with out_biz_no, product_code and biz_scene are required') };
    }
    const transfer = typeof biz.out_biz_no === 'string' ? transfers.get(biz.out_biz_no) : undefined;
    if (!transfer) return { node: refused('ORDER_NOT_EXIST', '转账订单不存在') };
    return {
      node: ok({
        ...transferFields(transfer),
        trans_amount: yuan(transfer.amountFen),
        ...(transfer.status === 'SUCCESS' ? { pay_date: formatAlipayTimestamp(transfer.createdAt) } : {}),
        ...(transfer.status === 'FAIL' ? { error_code: 'PAYEE_ACCOUNT_STATUS_ERROR', fail_reason: transfer.failReason } : {}),
      }),
    };
  }

  let messageFailures = 0;
  let messageFailure: { as: 'final' | 'transient'; subCode: string } = { as: 'final', subCode: 'USER_TEMPLATE_ILLEGAL' };

  function sendTemplateMessage(biz: Node): Handled {
    const toUserId = typeof biz.to_user_id === 'string' && biz.to_user_id ? biz.to_user_id : null;
    const toOpenId = typeof biz.to_open_id === 'string' && biz.to_open_id ? biz.to_open_id : null;
    if (!toUserId === !toOpenId) return { node: invalid('one of to_user_id or to_open_id is required') };
    if (toUserId && !ALIPAY_USER_ID.test(toUserId)) return { node: invalid('to_user_id is 2088 and 12 digits') };
    const templateId = biz.user_template_id;
    if (typeof templateId !== 'string' || !templateId || templateId.length > 64)
      return { node: invalid('user_template_id: 64 characters at most') };
    const page = biz.page;
    if (typeof page !== 'string' || !page || page.length > 128 || page.startsWith('/')) {
      return { node: invalid('page: a page path of 128 characters at most, without a leading /') };
    }
    if (typeof biz.data !== 'string' || biz.data.length > 2048) return { node: invalid('data is JSON text of 2048 characters at most') };
    let data: Record<string, { value: string }>;
    try {
      data = JSON.parse(biz.data) as Record<string, { value: string }>;
    } catch {
      return { node: invalid('data is not JSON') };
    }
    const keywordsOk =
      typeof data === 'object' &&
      data !== null &&
      Object.entries(data).every(([key, entry]) => /^keyword\d+$/.test(key) && typeof entry?.value === 'string');
    if (!keywordsOk) return { node: invalid('data maps keywordN to {value}') };
    if (messageFailures > 0) {
      messageFailures--;
      if (messageFailure.as === 'transient') {
        return { node: { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' } };
      }
      return { node: refused(messageFailure.subCode, '消息发送失败') };
    }
    fake.messages.push({ toUserId, toOpenId, userTemplateId: templateId, page, data, sentAt: now() });
    return { node: ok({}) };
  }

  const methods: Record<string, (biz: Node, params: Record<string, string>) => Handled> = {
    'alipay.open.app.mini.templatemessage.send': sendTemplateMessage,
    'alipay.trade.create': create,
    'alipay.trade.query': query,
    'alipay.trade.close': closeTrade,
    'alipay.trade.refund': refundTrade,
    'alipay.trade.fastpay.refund.query': refundQuery,
    'alipay.fund.trans.uni.transfer': uniTransfer,
    'alipay.fund.trans.common.query': transferQuery,
  };

  function handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params: Record<string, string> = {};
    for (const [key, value] of url.searchParams) params[key] = value;
    for (const [key, value] of new URLSearchParams(body)) params[key] = value;
    let biz: Node | null = null;
    try {
      biz = params.biz_content ? (JSON.parse(params.biz_content) as Node) : null;
    } catch {
      biz = null;
    }
    const signatureOk = typeof params.sign === 'string' && verify(signContent(params, ['sign']), params.sign, appPublicKeyPem);
    const entry: FakeAlipayRequest = { method: params.method ?? '', params, biz, signatureOk, answer: '' };
    fake.requests.push(entry);
    const send = (key: string, node: Node) => {
      // Alipay's JSON escapes `/`; a verifier that re-serialises the node would fail on it.
      const nodeText = JSON.stringify(node).replace(/\//g, '\\/');
      entry.answer = String(node.code ?? '');
      res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
      res.end(`{"${key}":${nodeText},"sign":"${sign(nodeText, alipayPrivateKeyPem)}"}`);
    };
    const methodKey = `${entry.method.split('.').join('_')}_response`;
    if (failures > 0) {
      failures--;
      if (failAs === 'http500') {
        entry.answer = 'HTTP 500';
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal Server Error');
        return;
      }
      return send(methodKey, { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' });
    }
    const fail = (subCode: string, subMsg: string) =>
      send('error_response', { code: '40002', msg: 'Invalid Arguments', sub_code: subCode, sub_msg: subMsg });
    if (!signatureOk) return fail('isv.invalid-signature', '验签出错');
    if (params.app_id !== appId) return fail('isv.invalid-app-id', '无效的AppID参数');
    if (entry.method === 'alipay.system.oauth.token') {
      if (params.grant_type !== 'authorization_code') return fail('isv.invalid-method', '不存在的方法名');
      const userId = codes.get(params.code ?? '');
      if (!userId) return fail('isv.code-invalid', '授权码code无效');
      codes.delete(params.code ?? '');
      return send('alipay_system_oauth_token_response', {
        user_id: userId,
        access_token: `token-${userId}`,
        expires_in: 1296000,
        refresh_token: `refresh-${userId}`,
        re_expires_in: 2592000,
      });
    }
    const handler = methods[entry.method];
    if (!handler) return fail('isv.invalid-method', '不存在的方法名');
    if (params.sign_type !== 'RSA2') return fail('isv.invalid-signature-type', '无效的签名类型');
    if ((params.charset ?? '').toLowerCase() !== 'utf-8' || params.version !== '1.0' || (params.format && params.format !== 'JSON')) {
      return fail('isv.invalid-parameter', 'charset utf-8, version 1.0 and format JSON are expected');
    }
    if (!parseAlipayTimestamp(params.timestamp ?? '')) return fail('isv.invalid-timestamp', '非法的时间戳参数');
    if (!biz) return send(methodKey, invalid('biz_content is not a JSON object'));
    const { node, after } = handler(biz, params);
    send(methodKey, node);
    if (after) track(emit(after));
  }

  const server = http.createServer((req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handle(req, res, body));
  });
  server.on('connection', (socket: Socket) => {
    if (down) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const fake: FakeAlipay = {
    url: '',
    appPrivateKeyPem: app.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    alipayPublicKeyPem: alipay.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    register: (code, userId) => void codes.set(code, userId),
    async pay(outTradeNo) {
      const order = current(orders.get(outTradeNo));
      if (!order) throw new Error(`fake Alipay: no order ${outTradeNo}`);
      if (order.status !== 'WAIT_BUYER_PAY') {
        throw new Error(
          `fake Alipay: order ${outTradeNo} is ${order.status}` +
            (order.status === 'TRADE_CLOSED' && order.timeExpire
              ? ` (time_expire ${order.timeExpire}; the fake's clock says ${formatAlipayTimestamp(now())} — pass the host's clock as startFakeAlipay's now)`
              : ''),
        );
      }
      order.status = 'TRADE_SUCCESS';
      order.paidAt = now();
      await emit(tradeNotification(order));
    },
    notifications: { mode: 'deliver' },
    held: [],
    async deliverHeld(options = {}) {
      const batch = fake.held.splice(0, fake.held.length);
      if (options.reverse) batch.reverse();
      for (const notification of batch) {
        for (let i = 0; i < (options.repeat ?? 1); i++) await deliver(notification);
      }
    },
    deliveries: [],
    buildNotification(params, tamper) {
      const { headers, body } = buildSigned(params, tamper);
      return { headers, body };
    },
    failNext(n, as = 'http500') {
      failures = n;
      failAs = as;
    },
    setDown(flag) {
      down = flag;
      if (flag) for (const socket of sockets) socket.destroy();
    },
    transferOutcome: 'succeeded',
    settleTransfer(outBizNo, outcome) {
      const transfer = transfers.get(outBizNo);
      if (!transfer) throw new Error(`fake Alipay: no transfer ${outBizNo}`);
      transfer.status = outcome === 'succeeded' ? 'SUCCESS' : 'FAIL';
      transfer.failReason = outcome === 'failed' ? '收款账户状态异常' : null;
    },
    order: (outTradeNo) => current(orders.get(outTradeNo)),
    refund: (outRequestNo) => refunds.find((r) => r.outRequestNo === outRequestNo),
    transfer: (outBizNo) => transfers.get(outBizNo),
    requests: [],
    messages: [],
    failMessages(n, as, subCode = 'USER_TEMPLATE_ILLEGAL') {
      messageFailures = n;
      messageFailure = { as, subCode };
    },
    async settle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async close() {
      await fake.settle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}/gateway.do`;
  return fake;
}
