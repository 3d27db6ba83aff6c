/**
 * WeChat Pay API v3 for a directly connected merchant (普通商户), paying by JSAPI inside the
 * mini-program and paying out by 商家转账 (the user confirms the transfer in WeChat).
 *
 * Requests are signed with the merchant's API key (`WECHATPAY2-SHA256-RSA2048`); every answer that
 * carries a body and every notification must be signed by the WeChat Pay public key we were given
 * (matched by its id) within five minutes of our clock, and notifications are decrypted with the
 * APIv3 key (AEAD_AES_256_GCM). An answer that does not verify is treated as no answer: the caller
 * retries, and WeChat deduplicates by our out_trade_no, out_refund_no and out_bill_no.
 */
import crypto from 'node:crypto';
import type { WechatPayParams } from '../../contract/payments';
import type { PaymentSettings } from '../config';
import {
  NotificationRejected,
  ProviderRejected,
  ProviderUnavailable,
  type CreatePaymentRequest,
  type PaymentProvider,
  type ProviderNotification,
  type RefundRequest,
  type RefundState,
  type TradeState,
  type TransferRequest,
  type TransferState,
} from './provider';

export type WechatPaySettings = PaymentSettings['wechatpay'];

/** The signature scheme of API v3: the Authorization header's scheme and the notifications' Wechatpay-Signature-Type. */
export const WECHATPAY_SIGNATURE_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
/** A call that has not been answered in this time counts as unanswered (and is retried with the same ids). */
export const WECHATPAY_TIMEOUT_MS = 5_000;
/** How far the timestamp of a signed answer or notification may be from our clock, as WeChat advises. */
export const WECHATPAY_MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/** WeChat Pay asks every caller to name itself. */
const USER_AGENT = 'besties-groups/0.1 (WeChat Pay API v3; Node.js)';
/** Field limits at WeChat: longer values would be refused with PARAM_ERROR, so they are cut instead. */
const DESCRIPTION_MAX_BYTES = 127;
const REFUND_REASON_MAX_BYTES = 80;
const TRANSFER_REMARK_MAX_CHARS = 32;
const GCM_TAG_BYTES = 16;

/** What 商家转账 scene 1000 (现金营销) must report with every transfer, and what the payee is told it is. */
const CASH_MARKETING_SCENE = '1000';
const CASH_MARKETING_ACTIVITY = '拼团红包';
const CASH_MARKETING_PERCEPTION = '现金奖励';

/** Codes meaning "no such order": a query then answers closed, a close has nothing to do. */
const UNKNOWN_ORDER_CODES = new Set(['ORDER_NOT_EXIST', 'ORDERNOTEXIST']);

/** The string WeChat signs for a request: method, path with query, timestamp, nonce and body, each line ending in \n. */
export function requestSignatureMessage(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** SHA256withRSA (PKCS#1 v1.5), base64: the one signature API v3 uses in both directions. */
export function signSha256Rsa(privateKey: crypto.KeyObject | string, message: string | Buffer): string {
  return crypto.sign('sha256', typeof message === 'string' ? Buffer.from(message, 'utf8') : message, privateKey).toString('base64');
}

export function verifySha256Rsa(publicKey: crypto.KeyObject | string, message: string | Buffer, signatureBase64: string): boolean {
  try {
    return crypto.verify(
      'sha256',
      typeof message === 'string' ? Buffer.from(message, 'utf8') : message,
      publicKey,
      Buffer.from(signatureBase64, 'base64'),
    );
  } catch {
    return false;
  }
}

/** The string WeChat signs for an answer or a notification: timestamp, nonce and body, each line ending in \n. */
export function responseSignatureMessage(timestamp: string, nonce: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`, 'utf8'), body, Buffer.from('\n', 'utf8')]);
}

export interface EncryptedResource {
  algorithm?: string;
  nonce: string;
  associated_data?: string;
  ciphertext: string;
}

/** Opens a notification's resource: AES-256-GCM under the APIv3 key, the 16-byte tag at the end of the ciphertext. Throws when it does not authenticate. */
export function decryptResource(apiV3Key: string, resource: EncryptedResource): string {
  const sealed = Buffer.from(resource.ciphertext, 'base64');
  if (sealed.length <= GCM_TAG_BYTES) throw new Error('the ciphertext is shorter than its tag');
  const decipher = crypto.createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_BYTES));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_BYTES)), decipher.final()]).toString('utf8');
}

/** RFC 3339 in Beijing time, to the second, as WeChat writes its times (`2025-11-05T10:15:00+08:00`). */
export function beijingTime(date: Date): string {
  return `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

type Fail = (why: string) => Error;
type Fields = Record<string, unknown>;

function fieldsOf(value: unknown, what: string, fail: Fail): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail(`${what} is not a JSON object`);
  return value as Fields;
}

function textOf(fields: Fields, key: string, fail: Fail): string {
  const value = fields[key];
  if (typeof value !== 'string' || value === '') throw fail(`${key} is missing`);
  return value;
}

function optionalTextOf(fields: Fields, key: string): string | undefined {
  const value = fields[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function fenOf(fields: Fields, key: string, fail: Fail): number {
  const value = fields[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw fail(`${key} is not an amount in fen`);
  return value;
}

function timeOf(value: string | undefined, fail: Fail): Date | null {
  if (value === undefined) return null;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw fail(`${value} is not a time`);
  return time;
}

function parseJson(text: string, what: string, fail: Fail): Fields {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw fail(`${what} is not JSON`);
  }
  return fieldsOf(value, what, fail);
}

/** A transaction (query answer or TRANSACTION.SUCCESS resource) as a TradeState. */
function tradeStateOf(transaction: Fields, fail: Fail): TradeState {
  const state = textOf(transaction, 'trade_state', fail);
  switch (state) {
    case 'SUCCESS':
    case 'REFUND': {
      const providerTradeId = textOf(transaction, 'transaction_id', fail);
      const amountFen = fenOf(fieldsOf(transaction.amount, 'amount', fail), 'total', fail);
      // WeChat says REFUND once any refund was asked for, partial or not; the caller keeps the sums.
      if (state === 'REFUND') return { state: 'refunded', providerTradeId, amountFen };
      return { state: 'paid', providerTradeId, amountFen, paidAt: timeOf(optionalTextOf(transaction, 'success_time'), fail) };
    }
    case 'NOTPAY':
    case 'USERPAYING':
      return { state: 'pending' };
    case 'CLOSED':
    case 'REVOKED':
    case 'PAYERROR':
      return { state: 'closed' };
    default:
      throw fail(`unknown trade_state ${state}`);
  }
}

/** A refund's status (`status` in answers, `refund_status` in notifications) as a RefundState. */
function refundStateOf(status: string, refundId: string | undefined, fail: Fail): RefundState {
  switch (status) {
    case 'SUCCESS':
      return { state: 'succeeded', providerRefundId: refundId ?? null };
    case 'PROCESSING':
      return { state: 'processing', providerRefundId: refundId ?? null };
    case 'ABNORMAL':
      return { state: 'failed', reason: 'ABNORMAL: the refund could not reach the payer (account closed or card cancelled)' };
    case 'CLOSED':
      return { state: 'failed', reason: 'CLOSED: WeChat Pay closed the refund' };
    default:
      throw fail(`unknown refund status ${status}`);
  }
}

function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let kept = '';
  let bytes = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > maxBytes) break;
    kept += char;
  }
  return kept;
}

function truncateChars(text: string, maxChars: number): string {
  return Array.from(text).slice(0, maxChars).join('');
}

function nonce(): string {
  return crypto.randomBytes(16).toString('hex').toUpperCase();
}

function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    // A signature header given twice is not something WeChat sends; refuse to pick one.
    if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
    return value;
  }
  return undefined;
}

interface Answer {
  status: number;
  /** The parsed JSON body; null for an empty body (204). */
  body: Fields | null;
}

export function wechatPayProvider(settings: WechatPaySettings, now: () => Date, fetchImpl: typeof fetch = fetch): PaymentProvider {
  let merchantKey: crypto.KeyObject;
  let wechatPayKey: crypto.KeyObject;
  try {
    merchantKey = crypto.createPrivateKey(settings.privateKeyPem);
  } catch {
    throw new Error('WECHATPAY_PRIVATE_KEY is not a PEM private key (apiclient_key.pem)');
  }
  try {
    wechatPayKey = crypto.createPublicKey(settings.publicKeyPem);
  } catch {
    throw new Error('WECHATPAY_PUBLIC_KEY is not a PEM public key (the WeChat Pay public key, pub_key.pem)');
  }

  /** Throws `fail(...)` unless the signature headers sign `body` with the configured WeChat Pay public key, recently. */
  function checkSignature(header: (name: string) => string | undefined, body: Buffer, fail: Fail): void {
    const timestamp = header('wechatpay-timestamp');
    const signedNonce = header('wechatpay-nonce');
    const signature = header('wechatpay-signature');
    const serial = header('wechatpay-serial');
    if (!timestamp || !signedNonce || !signature || !serial)
      throw fail('the Wechatpay-Timestamp/Nonce/Signature/Serial headers are missing');
    if (serial !== settings.publicKeyId)
      throw fail(`signed with ${serial}, not with the configured WeChat Pay public key ${settings.publicKeyId}`);
    if (!/^\d{1,12}$/.test(timestamp)) throw fail(`Wechatpay-Timestamp ${timestamp} is not a Unix time`);
    const skewSeconds = Math.abs(now().getTime() / 1000 - Number(timestamp));
    if (skewSeconds > WECHATPAY_MAX_CLOCK_SKEW_SECONDS)
      throw fail(`Wechatpay-Timestamp is ${Math.round(skewSeconds)} s away from our clock`);
    if (!verifySha256Rsa(wechatPayKey, responseSignatureMessage(timestamp, signedNonce, body), signature))
      throw fail('the signature does not verify');
  }

  async function call(method: 'GET' | 'POST', pathWithQuery: string, payload?: object): Promise<Answer> {
    const what = `${method} ${pathWithQuery.split('?')[0]}`;
    const unavailable: Fail = (why) => new ProviderUnavailable(`WeChat Pay ${what}: ${why}`);
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = String(Math.floor(now().getTime() / 1000));
    const requestNonce = nonce();
    const signature = signSha256Rsa(merchantKey, requestSignatureMessage(method, pathWithQuery, timestamp, requestNonce, body));
    const headers: Record<string, string> = {
      Authorization:
        `${WECHATPAY_SIGNATURE_SCHEME} mchid="${settings.mchId}",nonce_str="${requestNonce}",signature="${signature}",` +
        `timestamp="${timestamp}",serial_no="${settings.certSerial}"`,
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
    };
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    let raw: Buffer;
    try {
      response = await fetchImpl(`${settings.baseUrl}${pathWithQuery}`, {
        method,
        headers,
        body: payload === undefined ? undefined : body,
        signal: AbortSignal.timeout(WECHATPAY_TIMEOUT_MS),
      });
      raw = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      throw unavailable(`no answer (${error instanceof Error ? error.message : String(error)})`);
    }
    const { status } = response;
    // Rate limits pass; so does whatever made WeChat answer 5xx. Both are worth another try later.
    if (status >= 500 || status === 429) throw unavailable(`answered ${status} ${raw.toString('utf8').slice(0, 200)}`);
    if (status >= 400) {
      let code = `HTTP_${status}`;
      let message = raw.toString('utf8').slice(0, 200);
      try {
        const error = fieldsOf(JSON.parse(raw.toString('utf8')), 'error', unavailable);
        code = optionalTextOf(error, 'code') ?? code;
        message = optionalTextOf(error, 'message') ?? message;
      } catch {
        // Not WeChat's JSON error shape: keep the status as the code.
      }
      throw new ProviderRejected(code, `WeChat Pay ${what}: ${status} ${code} ${message}`);
    }
    if (status < 200 || status >= 300) throw unavailable(`answered ${status}`);
    if (raw.length === 0) return { status, body: null };
    checkSignature((name) => response.headers.get(name) ?? undefined, raw, unavailable);
    return { status, body: parseJson(raw.toString('utf8'), 'the answer', unavailable) };
  }

  /** The answer's body, which a 200 must have. */
  function bodyOf(answer: Answer, fail: Fail): Fields {
    if (answer.body === null) throw fail('the answer has no body');
    return answer.body;
  }

  /** What `wx.requestPayment` takes for a prepay_id, signed with the merchant key. */
  function cashierParams(prepayId: string): WechatPayParams {
    const timeStamp = String(Math.floor(now().getTime() / 1000));
    const nonceStr = nonce();
    const packageValue = `prepay_id=${prepayId}`;
    const paySign = signSha256Rsa(merchantKey, `${settings.appId}\n${timeStamp}\n${nonceStr}\n${packageValue}\n`);
    return { timeStamp, nonceStr, package: packageValue, signType: 'RSA', paySign };
  }

  /** A transfer bill (create answer, query answer or notification resource) as a TransferState. */
  function transferStateOf(bill: Fields, fail: Fail): TransferState {
    const state = textOf(bill, 'state', fail);
    switch (state) {
      case 'WAIT_USER_CONFIRM': {
        // Only the create answer carries package_info. A query of a bill still waiting has none:
        // the params given at creation still hold, so the bill is reported as under way.
        const packageInfo = optionalTextOf(bill, 'package_info');
        if (packageInfo === undefined) return { state: 'processing' };
        return { state: 'confirming', params: { mchId: settings.mchId, appId: settings.appId, package: packageInfo } };
      }
      case 'ACCEPTED':
      case 'PROCESSING':
      case 'TRANSFERING':
      case 'CANCELING':
        return { state: 'processing' };
      case 'SUCCESS':
        return { state: 'succeeded' };
      case 'FAIL':
      case 'CANCELLED':
        return { state: 'failed', reason: optionalTextOf(bill, 'fail_reason') ?? state };
      default:
        throw fail(`unknown transfer state ${state}`);
    }
  }

  function sceneReportInfos(remark: string): { info_type: string; info_content: string }[] {
    if (settings.transferSceneId !== CASH_MARKETING_SCENE) {
      // Each scene asks for its own report fields; only 现金营销 is registered for red-packet withdrawals.
      throw new ProviderRejected(
        'PARAM_ERROR',
        `WeChat Pay transfer scene ${settings.transferSceneId} is not supported (only ${CASH_MARKETING_SCENE})`,
      );
    }
    return [
      { info_type: '活动名称', info_content: CASH_MARKETING_ACTIVITY },
      { info_type: '奖励说明', info_content: remark },
    ];
  }

  const outTradeNoPath = (outTradeNo: string) => `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}`;

  return {
    name: 'wechatpay',

    async createPayment(request: CreatePaymentRequest) {
      const answer = await call('POST', '/v3/pay/transactions/jsapi', {
        appid: settings.appId,
        mchid: settings.mchId,
        description: truncateBytes(request.description, DESCRIPTION_MAX_BYTES),
        out_trade_no: request.outTradeNo,
        time_expire: beijingTime(request.expiresAt),
        notify_url: request.notifyUrl,
        amount: { total: request.amountFen, currency: 'CNY' },
        payer: { openid: request.payerId },
      });
      const fail: Fail = (why) => new ProviderUnavailable(`WeChat Pay JSAPI order: ${why}`);
      return cashierParams(textOf(bodyOf(answer, fail), 'prepay_id', fail));
    },

    async queryPayment(outTradeNo) {
      const fail: Fail = (why) => new ProviderUnavailable(`WeChat Pay order ${outTradeNo}: ${why}`);
      try {
        const answer = await call('GET', `${outTradeNoPath(outTradeNo)}?mchid=${encodeURIComponent(settings.mchId)}`);
        return tradeStateOf(bodyOf(answer, fail), fail);
      } catch (error) {
        // An order WeChat never heard of (its creation never arrived) can never be paid.
        if (error instanceof ProviderRejected && UNKNOWN_ORDER_CODES.has(error.providerCode)) return { state: 'closed' };
        throw error;
      }
    },

    async closePayment(outTradeNo) {
      try {
        await call('POST', `${outTradeNoPath(outTradeNo)}/close`, { mchid: settings.mchId });
      } catch (error) {
        // Closed already, or never created: either way it cannot be paid, which is what closing is for.
        // A paid order (ORDERPAID) is not closed and the caller must hear so.
        if (error instanceof ProviderRejected && (UNKNOWN_ORDER_CODES.has(error.providerCode) || error.providerCode === 'ORDER_CLOSED'))
          return;
        throw error;
      }
    },

    async refund(request: RefundRequest) {
      // WeChat answers a repeated out_refund_no with the refund it already has, so a retry is safe.
      const answer = await call('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: request.outTradeNo,
        out_refund_no: request.outRefundNo,
        reason: truncateBytes(request.reason, REFUND_REASON_MAX_BYTES),
        notify_url: request.notifyUrl,
        amount: { refund: request.refundFen, total: request.totalFen, currency: 'CNY' },
      });
      const fail: Fail = (why) => new ProviderUnavailable(`WeChat Pay refund ${request.outRefundNo}: ${why}`);
      const refund = bodyOf(answer, fail);
      return refundStateOf(textOf(refund, 'status', fail), optionalTextOf(refund, 'refund_id'), fail);
    },

    async queryRefund(outRefundNo) {
      const fail: Fail = (why) => new ProviderUnavailable(`WeChat Pay refund ${outRefundNo}: ${why}`);
      const answer = await call('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
      const refund = bodyOf(answer, fail);
      return refundStateOf(textOf(refund, 'status', fail), optionalTextOf(refund, 'refund_id'), fail);
    },

    async transfer(request: TransferRequest) {
      const remark = truncateChars(request.remark, TRANSFER_REMARK_MAX_CHARS);
      const answer = await call('POST', '/v3/fund-app/mch-transfer/transfer-bills', {
        appid: settings.appId,
        out_bill_no: request.outBillNo,
        transfer_scene_id: settings.transferSceneId,
        openid: request.payeeId,
        transfer_amount: request.amountFen,
        transfer_remark: remark,
        notify_url: request.notifyUrl,
        user_recv_perception: CASH_MARKETING_PERCEPTION,
        transfer_scene_report_infos: sceneReportInfos(remark),
      });
      const fail: Fail = (why) => new ProviderUnavailable(`WeChat Pay transfer ${request.outBillNo}: ${why}`);
      return transferStateOf(bodyOf(answer, fail), fail);
    },

    async queryTransfer(outBillNo) {
      const fail: Fail = (why) => new ProviderUnavailable(`WeChat Pay transfer ${outBillNo}: ${why}`);
      const answer = await call('GET', `/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${encodeURIComponent(outBillNo)}`);
      return transferStateOf(bodyOf(answer, fail), fail);
    },

    parseNotification(headers, rawBody): ProviderNotification {
      const reject: Fail = (why) => new NotificationRejected(`WeChat Pay notification: ${why}`);
      checkSignature((name) => headerOf(headers, name), Buffer.from(rawBody, 'utf8'), reject);
      const envelope = parseJson(rawBody, 'the body', reject);
      const eventType = textOf(envelope, 'event_type', reject);
      const sealed = fieldsOf(envelope.resource, 'resource', reject);
      if (textOf(sealed, 'algorithm', reject) !== 'AEAD_AES_256_GCM') throw reject(`unknown algorithm ${String(sealed.algorithm)}`);
      let plaintext: string;
      try {
        plaintext = decryptResource(settings.apiV3Key, {
          nonce: textOf(sealed, 'nonce', reject),
          associated_data: optionalTextOf(sealed, 'associated_data'),
          ciphertext: textOf(sealed, 'ciphertext', reject),
        });
      } catch (error) {
        if (error instanceof NotificationRejected) throw error;
        throw reject('the resource does not decrypt under the APIv3 key');
      }
      const resource = parseJson(plaintext, 'the resource', reject);
      const mchid = optionalTextOf(resource, 'mchid');
      if (mchid !== undefined && mchid !== settings.mchId) throw reject(`it is for merchant ${mchid}`);
      switch (eventType) {
        case 'TRANSACTION.SUCCESS':
          return { kind: 'payment', outTradeNo: textOf(resource, 'out_trade_no', reject), trade: tradeStateOf(resource, reject) };
        case 'REFUND.SUCCESS':
        case 'REFUND.ABNORMAL':
        case 'REFUND.CLOSED':
          return {
            kind: 'refund',
            outRefundNo: textOf(resource, 'out_refund_no', reject),
            refund: refundStateOf(textOf(resource, 'refund_status', reject), optionalTextOf(resource, 'refund_id'), reject),
          };
        case 'MCHTRANSFER.BILL.FINISHED':
          return { kind: 'transfer', outBillNo: textOf(resource, 'out_bill_no', reject), transfer: transferStateOf(resource, reject) };
        default:
          throw reject(`unknown event_type ${eventType}`);
      }
    },
  };
}
