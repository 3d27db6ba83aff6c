/**
 * Alipay (open platform, mini-program payment) behind the PaymentProvider interface:
 * `alipay.trade.create` with product JSAPI_PAY gives the `tradeNO` that `my.tradePay` takes;
 * `alipay.trade.query` / `close` / `refund` / `fastpay.refund.query` follow the order;
 * `alipay.fund.trans.uni.transfer` / `common.query` pay a withdrawal out to an Alipay account.
 * Every call is signed RSA2 with the app's key and every answer and notification is verified
 * with Alipay's public key (cloud/payments/alipaySign.ts).
 */
import type { AlipayPayParams } from '../../contract/payments';
import type { Config } from '../config';
import {
  alipayNotificationSignContent,
  callAlipayGateway,
  formatAlipayTimestamp,
  parseAlipayTimestamp,
  rsa2Verify,
  type AlipayAnswer,
} from './alipaySign';
import {
  NotificationRejected,
  ProviderRejected,
  ProviderUnavailable,
  type PaymentProvider,
  type ProviderNotification,
  type RefundState,
  type TradeState,
  type TransferState,
} from './provider';

const SUCCESS = '10000';
/** Alipay's "service unavailable": nothing was done, call again later with the same parameters. */
const SERVICE_UNAVAILABLE = '20000';
/** Sub-codes Alipay documents as a passing system error, to be retried unchanged. */
const RETRY_SUB_CODES = new Set(['ACQ.SYSTEM_ERROR', 'SYSTEM_ERROR', 'isp.unknow-error', 'aop.unknow-error']);

/** A notification older (or further ahead) than this is a replay, not Alipay's retry schedule. */
export const ALIPAY_NOTIFICATION_MAX_AGE_MS = 24 * 3600 * 1000;
/** Alipay's bounds on an order's `total_amount`: 0.01 to 100,000,000 yuan. */
export const ALIPAY_MAX_AMOUNT_FEN = 100_000_000 * 100;
/** `subject` is at most 256 characters and may not contain `/`, `=` or `&`. */
const SUBJECT_MAX_CHARS = 256;
/** Alipay user ids are 16 digits starting 2088; apps on the newer scheme see an open id instead. */
const ALIPAY_USER_ID = /^2088\d{12}$/;

/** Fen to Alipay's yuan text with two decimals, in integer arithmetic: 1 → "0.01", 12345 → "123.45". */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new Error(`fenToYuan: ${fen} is not a whole number of fen`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** Alipay's yuan text ("88.88", "88.8", "88") to fen, or null when it is not an amount. */
export function yuanToFen(text: string): number | null {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

function subjectOf(description: string): string {
  const cleaned = description.replace(/[/=&]/g, ' ').trim() || '订单';
  return Array.from(cleaned).slice(0, SUBJECT_MAX_CHARS).join('');
}

function text(node: Record<string, unknown>, name: string): string | undefined {
  const value = node[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function alipayPaymentProvider(settings: Config['alipay'], now: () => Date, fetchImpl: typeof fetch = fetch): PaymentProvider {
  /**
   * One call; a verified answer with code 10000 comes back, as does a business refusal whose
   * sub-code the caller `accepts` (the idempotent and not-found cases each method allows).
   * Anything unverified, 20000 or a documented passing error is ProviderUnavailable; any other
   * refusal is ProviderRejected with Alipay's sub-code.
   */
  async function call(
    method: string,
    bizContent: Record<string, unknown>,
    accepts: readonly string[] = [],
    notifyUrl?: string,
  ): Promise<AlipayAnswer> {
    if (!settings.privateKeyPem || !settings.alipayPublicKeyPem) {
      throw new ProviderUnavailable('Alipay payments are not configured: set ALIPAY_APPID, ALIPAY_PRIVATE_KEY and ALIPAY_PUBLIC_KEY');
    }
    const result = await callAlipayGateway(settings, { method, bizContent, notifyUrl }, now, fetchImpl);
    if (!result.ok) throw new ProviderUnavailable(`Alipay ${result.reason}`);
    const { answer } = result;
    if (answer.code === SUCCESS) return answer;
    const subCode = answer.subCode ?? answer.code;
    const described = `Alipay ${method}: ${answer.code} ${answer.msg} ${answer.subCode ?? ''} ${answer.subMsg ?? ''}`
      .replace(/\s+/g, ' ')
      .trim();
    if (answer.code === SERVICE_UNAVAILABLE || RETRY_SUB_CODES.has(subCode)) throw new ProviderUnavailable(described);
    if (accepts.includes(subCode)) return answer;
    throw new ProviderRejected(subCode, described);
  }

  function amountOf(node: Record<string, unknown>, field: string, method: string): number {
    const fen = yuanToFen(text(node, field) ?? '');
    if (fen === null) throw new ProviderUnavailable(`Alipay ${method}: the answer has no valid ${field}`);
    return fen;
  }

  async function queryPayment(outTradeNo: string): Promise<TradeState> {
    const method = 'alipay.trade.query';
    const { code, node } = await call(method, { out_trade_no: outTradeNo }, ['ACQ.TRADE_NOT_EXIST']);
    if (code !== SUCCESS) return { state: 'closed' };
    const status = text(node, 'trade_status');
    switch (status) {
      case 'WAIT_BUYER_PAY':
        return { state: 'pending' };
      case 'TRADE_SUCCESS':
      case 'TRADE_FINISHED': {
        const tradeNo = text(node, 'trade_no');
        if (!tradeNo) throw new ProviderUnavailable(`Alipay ${method}: a paid order without trade_no`);
        const paidAt = parseAlipayTimestamp(text(node, 'send_pay_date') ?? '');
        return { state: 'paid', providerTradeId: tradeNo, amountFen: amountOf(node, 'total_amount', method), paidAt };
      }
      case 'TRADE_CLOSED': {
        // A trade closes after payment only by being refunded in full; the payment date shows it was paid.
        const tradeNo = text(node, 'trade_no');
        if (tradeNo && text(node, 'send_pay_date')) {
          return { state: 'refunded', providerTradeId: tradeNo, amountFen: amountOf(node, 'total_amount', method) };
        }
        return { state: 'closed' };
      }
      default:
        throw new ProviderUnavailable(`Alipay ${method}: unknown trade_status ${status ?? '(none)'}`);
    }
  }

  async function queryRefund(outRefundNo: string, outTradeNo: string): Promise<RefundState> {
    const { node } = await call('alipay.trade.fastpay.refund.query', { out_trade_no: outTradeNo, out_request_no: outRefundNo });
    // Without REFUND_SUCCESS Alipay has not done (or not received) this refund yet; calling
    // alipay.trade.refund again with the same out_request_no is safe and refunds at most once.
    return text(node, 'refund_status') === 'REFUND_SUCCESS'
      ? { state: 'succeeded', providerRefundId: null }
      : { state: 'processing', providerRefundId: null };
  }

  function transferState(node: Record<string, unknown>, method: string): TransferState {
    const status = text(node, 'status');
    switch (status) {
      case 'SUCCESS':
        return { state: 'succeeded' };
      case 'FAIL':
      case 'REFUND':
      case 'CLOSED':
        return { state: 'failed', reason: text(node, 'fail_reason') ?? text(node, 'error_code') ?? status };
      case 'DEALING':
      case 'INIT':
      case 'WAIT_PAY':
      case 'UNKNOWN':
        return { state: 'processing' };
      default:
        throw new ProviderUnavailable(`Alipay ${method}: unknown transfer status ${status ?? '(none)'}`);
    }
  }

  return {
    name: 'alipay',

    async createPayment(request): Promise<AlipayPayParams> {
      const method = 'alipay.trade.create';
      const buyer = ALIPAY_USER_ID.test(request.payerId) ? { buyer_id: request.payerId } : { buyer_open_id: request.payerId };
      const { node } = await call(
        method,
        {
          out_trade_no: request.outTradeNo,
          total_amount: fenToYuan(request.amountFen),
          subject: subjectOf(request.description),
          product_code: 'JSAPI_PAY',
          ...buyer,
          // Beijing wall-clock time to the second, like the request timestamp.
          time_expire: formatAlipayTimestamp(request.expiresAt),
        },
        [],
        request.notifyUrl,
      );
      const tradeNo = text(node, 'trade_no');
      if (!tradeNo) throw new ProviderUnavailable(`Alipay ${method}: the answer carries no trade_no`);
      return { tradeNO: tradeNo };
    },

    queryPayment,

    async closePayment(outTradeNo) {
      const { code, subCode } = await call('alipay.trade.close', { out_trade_no: outTradeNo }, [
        'ACQ.TRADE_NOT_EXIST',
        'ACQ.TRADE_HAS_CLOSE',
        'ACQ.TRADE_STATUS_ERROR',
      ]);
      if (code === SUCCESS || subCode !== 'ACQ.TRADE_STATUS_ERROR') return;
      // Alipay answers the same code for a closed order and for a paid one: ask which it is.
      const trade = await queryPayment(outTradeNo);
      if (trade.state === 'paid' || trade.state === 'pending') {
        throw new ProviderRejected('ACQ.TRADE_STATUS_ERROR', `Alipay alipay.trade.close: the order is ${trade.state} and cannot be closed`);
      }
    },

    async refund(request) {
      const { node } = await call('alipay.trade.refund', {
        out_trade_no: request.outTradeNo,
        out_request_no: request.outRefundNo,
        refund_amount: fenToYuan(request.refundFen),
        refund_reason: request.reason,
      });
      // Alipay refunds synchronously: fund_change Y is this refund done now; N (or none) is a repeat
      // of one done before, or one still to confirm, which the refund query tells apart.
      if (text(node, 'fund_change') === 'Y') return { state: 'succeeded', providerRefundId: null };
      return queryRefund(request.outRefundNo, request.outTradeNo);
    },

    queryRefund,

    async transfer(request) {
      const method = 'alipay.fund.trans.uni.transfer';
      const { node } = await call(method, {
        out_biz_no: request.outBillNo,
        trans_amount: fenToYuan(request.amountFen),
        product_code: 'TRANS_ACCOUNT_NO_PWD',
        biz_scene: 'DIRECT_TRANSFER',
        order_title: request.remark,
        payee_info: {
          identity: request.payeeId,
          identity_type: ALIPAY_USER_ID.test(request.payeeId) ? 'ALIPAY_USER_ID' : 'ALIPAY_OPEN_ID',
        },
      });
      return transferState(node, method);
    },

    async queryTransfer(outBillNo) {
      const method = 'alipay.fund.trans.common.query';
      const { node } = await call(method, { out_biz_no: outBillNo, product_code: 'TRANS_ACCOUNT_NO_PWD', biz_scene: 'DIRECT_TRANSFER' });
      return transferState(node, method);
    },

    parseNotification(headers, rawBody): ProviderNotification {
      return parseAlipayNotification(settings, now(), headers, rawBody);
    },
  };
}

/**
 * Alipay's asynchronous trade notification (`notify_type=trade_status_sync`), as POSTed to the
 * order's notify_url: a form whose `sign` covers every other non-empty parameter but
 * `sign_type`, sorted, with decoded values. It also comes for refunds (TRADE_SUCCESS after a
 * partial one, TRADE_CLOSED with refund_fee after a full one) and for closed orders.
 */
function parseAlipayNotification(
  settings: Config['alipay'],
  now: Date,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
): ProviderNotification {
  const reject = (why: string): never => {
    throw new NotificationRejected(`Alipay notification: ${why}`);
  };
  const contentType = headers['content-type'];
  const type = (Array.isArray(contentType) ? contentType[0] : contentType) ?? '';
  if (type && !type.toLowerCase().startsWith('application/x-www-form-urlencoded')) reject(`unexpected content-type ${type}`);
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawBody)) {
    // A repeated parameter could mean one thing to the signature and another to us.
    if (key in params) reject(`parameter ${key} appears twice`);
    params[key] = value;
  }
  if (!settings.alipayPublicKeyPem) reject('ALIPAY_PUBLIC_KEY is not set');
  if (params.sign_type !== 'RSA2') reject(`sign_type ${params.sign_type ?? '(none)'} is not RSA2`);
  if (params.charset !== undefined && params.charset.toLowerCase() !== 'utf-8') reject(`charset ${params.charset} is not utf-8`);
  if (!params.sign || !rsa2Verify(alipayNotificationSignContent(params), params.sign, settings.alipayPublicKeyPem)) {
    reject('the signature does not verify with ALIPAY_PUBLIC_KEY');
  }
  if (params.app_id !== settings.appId) reject(`app_id ${params.app_id ?? '(none)'} is not this app's`);
  const sentAt = parseAlipayTimestamp(params.notify_time ?? '');
  if (!sentAt) reject(`notify_time ${params.notify_time ?? '(none)'} is not a time`);
  if (Math.abs(now.getTime() - (sentAt as Date).getTime()) > ALIPAY_NOTIFICATION_MAX_AGE_MS) {
    reject(`notify_time ${params.notify_time} is more than 24 hours from now (stale or replayed)`);
  }
  if (params.notify_type !== 'trade_status_sync') reject(`notify_type ${params.notify_type ?? '(none)'} is not a trade notification`);
  const outTradeNo = params.out_trade_no || reject('no out_trade_no');
  const amount = (field: string): number =>
    yuanToFen(params[field] ?? '') ?? reject(`${field} ${params[field] ?? '(none)'} is not an amount`);
  const tradeNo = () => params.trade_no || reject('no trade_no');
  switch (params.trade_status) {
    case 'WAIT_BUYER_PAY':
      return { kind: 'payment', outTradeNo, trade: { state: 'pending' } };
    case 'TRADE_SUCCESS':
    case 'TRADE_FINISHED':
      return {
        kind: 'payment',
        outTradeNo,
        trade: {
          state: 'paid',
          providerTradeId: tradeNo(),
          amountFen: amount('total_amount'),
          paidAt: parseAlipayTimestamp(params.gmt_payment ?? ''),
        },
      };
    case 'TRADE_CLOSED': {
      if (params.refund_fee && amount('refund_fee') > 0 && amount('refund_fee') === amount('total_amount')) {
        return { kind: 'payment', outTradeNo, trade: { state: 'refunded', providerTradeId: tradeNo(), amountFen: amount('total_amount') } };
      }
      return { kind: 'payment', outTradeNo, trade: { state: 'closed' } };
    }
    default:
      return reject(`unknown trade_status ${params.trade_status ?? '(none)'}`);
  }
}
