/**
 * Alipay mini-program subscribe messages (消息订阅), sent from the server through the open
 * platform's gateway: `alipay.open.app.mini.templatemessage.send` with `to_user_id` (a 2088… user
 * id; `to_open_id` for apps on Alipay's open-id scheme), `user_template_id`, `page` and `data` (the
 * template's keywords as JSON text). The call is signed RSA2 with the app's key and the answer is
 * verified with Alipay's public key by the same gateway code as the login and the payments
 * (cloud/payments/alipaySign.ts); there is no access token to keep.
 *
 * Outcomes: 10000 is sent. No verified answer (unreachable, slow, non-2xx, a bad signature), 20000
 * (service unavailable) or an `isp.*` / unknown-error sub-code is a passing failure: tried again
 * later. Any other refusal — 40004 with the business reason (she holds no acceptance of the
 * template, the template or user is not this app's, a keyword does not match), 40001/40002 (a
 * parameter missing or invalid), 40006 or 20001 (the app lacks the message permission) — would be
 * refused again unchanged: the message is given up.
 */
import { callAlipayGateway, type AlipayGatewaySettings } from '../payments/alipaySign';
import type { SendOutcome } from './weappSubscribe';

export const ALIPAY_SUBSCRIBE_METHOD = 'alipay.open.app.mini.templatemessage.send';
const SUCCESS = '10000';
/** Alipay's "service unavailable": nothing was done, the same call may be made again. */
const SERVICE_UNAVAILABLE = '20000';
/** Sub-codes of a passing system error at Alipay (besides every `isp.` one). */
const RETRY_SUB_CODES = new Set(['SYSTEM_ERROR', 'aop.unknow-error']);
/** Alipay user ids are 16 digits starting 2088; apps on the newer scheme see an open id instead. */
const ALIPAY_USER_ID = /^2088\d{12}$/;

export interface AlipaySubscribeMessage {
  /** Her Alipay user id (or open id), as the login stored it (lc_alipay). */
  userId: string;
  templateId: string;
  /** The mini-program page the message opens (no leading slash), with its query. */
  page: string;
  /** The template's keywords: `{keyword1: {value}, …}`. */
  data: Record<string, { value: string }>;
}

export interface AlipayMessenger {
  send(message: AlipaySubscribeMessage): Promise<SendOutcome>;
}

/** Sends through the gateway named by the settings (ALIPAY_GATEWAY_URL, ALIPAY_APPID and the two keys). */
export function alipayMessenger(settings: AlipayGatewaySettings, now: () => Date, fetchImpl: typeof fetch = fetch): AlipayMessenger {
  return {
    async send(message) {
      const recipient = ALIPAY_USER_ID.test(message.userId) ? { to_user_id: message.userId } : { to_open_id: message.userId };
      const result = await callAlipayGateway(
        settings,
        {
          method: ALIPAY_SUBSCRIBE_METHOD,
          bizContent: {
            ...recipient,
            user_template_id: message.templateId,
            page: message.page,
            data: JSON.stringify(message.data),
          },
        },
        now,
        fetchImpl,
      );
      if (!result.ok) return { kind: 'retry', error: result.reason };
      const { code, msg, subCode, subMsg } = result.answer;
      if (code === SUCCESS) return { kind: 'sent' };
      const error = `${code} ${msg} ${subCode ?? ''} ${subMsg ?? ''}`.replace(/\s+/g, ' ').trim();
      const passing =
        code === SERVICE_UNAVAILABLE || (subCode !== undefined && (subCode.startsWith('isp.') || RETRY_SUB_CODES.has(subCode)));
      return passing ? { kind: 'retry', error } : { kind: 'final', error };
    },
  };
}
