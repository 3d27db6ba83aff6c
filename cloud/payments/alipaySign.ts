/**
 * Alipay's open-platform gateway protocol, shared by the login (`alipay.system.oauth.token`) and
 * the payment provider: request signing (RSA2, SHA256withRSA over the sorted parameters), the
 * signed call itself, and verification of Alipay's signed answers and notifications with
 * Alipay's public key.
 */
import crypto from 'node:crypto';

/** How long a call waits for Alipay's gateway, answer body included. */
export const ALIPAY_GATEWAY_TIMEOUT_MS = 5000;

/** Beijing is UTC+8 all year; Alipay's timestamps are its wall-clock time. */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

function sortedPairs(params: Record<string, string>, excluded: readonly string[]): string {
  return Object.keys(params)
    .filter((key) => !excluded.includes(key) && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

/** Alipay's request signature: sorted `k=v` pairs (empty values left out, `sign` too) joined by `&`. */
export function alipaySignContent(params: Record<string, string>): string {
  return sortedPairs(params, ['sign']);
}

/**
 * What an asynchronous notification's `sign` covers: as for requests, except that `sign_type`
 * is left out as well. Values are the decoded ones, not the form-encoded text.
 */
export function alipayNotificationSignContent(params: Record<string, string>): string {
  return sortedPairs(params, ['sign', 'sign_type']);
}

export function rsa2Sign(content: string, privateKeyPem: string): string {
  return crypto.sign('sha256', Buffer.from(content, 'utf8'), privateKeyPem).toString('base64');
}

/** False for a wrong signature, and also for a malformed signature or key (never throws). */
export function rsa2Verify(content: string, signatureBase64: string, publicKeyPem: string): boolean {
  try {
    return crypto.verify('sha256', Buffer.from(content, 'utf8'), publicKeyPem, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Alipay signs the raw JSON text of the response node, so the text must be cut out of the body
 * exactly as sent (re-serialising a parsed object would not reproduce it byte for byte).
 */
export function extractResponseNode(body: string, key: string): string | undefined {
  const start = body.indexOf(`"${key}"`);
  if (start < 0) return undefined;
  const open = body.indexOf('{', start + key.length + 2);
  if (open < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = open; i < body.length; i++) {
    const ch = body[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return body.slice(open, i + 1);
  }
  return undefined;
}

export function formatAlipayTimestamp(date: Date): string {
  // Alipay wants Beijing wall-clock time: `yyyy-MM-dd HH:mm:ss`.
  const beijing = new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString();
  return `${beijing.slice(0, 10)} ${beijing.slice(11, 19)}`;
}

/** The instant a `yyyy-MM-dd HH:mm:ss` Beijing time names, or null when the text is not one. */
export function parseAlipayTimestamp(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}+08:00`);
  // A date that does not exist (2025-02-30) would roll over; the round trip catches it.
  return Number.isNaN(date.getTime()) || formatAlipayTimestamp(date) !== text ? null : date;
}

/** The key of a method's answer node: `alipay.trade.query` answers in `alipay_trade_query_response`. */
export function alipayResponseKey(method: string): string {
  return `${method.replace(/\./g, '_')}_response`;
}

export interface AlipayGatewaySettings {
  appId: string;
  gatewayUrl: string;
  privateKeyPem: string;
  alipayPublicKeyPem: string;
}

export interface AlipayCall {
  method: string;
  /** The method's parameters, sent as the `biz_content` JSON. */
  bizContent?: Record<string, unknown>;
  /** Parameters some older methods take beside the common ones instead of `biz_content` (`grant_type`, `code`). */
  params?: Record<string, string>;
  notifyUrl?: string;
}

/** A verified answer node: Alipay's gateway code (10000 is success), its sub-code, and the whole node. */
export interface AlipayAnswer {
  code: string;
  msg: string;
  subCode?: string;
  subMsg?: string;
  node: Record<string, unknown>;
}

export type AlipayGatewayResult =
  | { ok: true; answer: AlipayAnswer }
  /** No verified answer: the gateway was unreachable, slow, answered non-2xx, or its signature failed. */
  | { ok: false; reason: string };

/**
 * One signed call to the gateway. The common parameters go in the query string (where the
 * gateway reads `charset` before decoding the body) and the method's own in the form body,
 * as Alipay's SDKs send them. The answer counts only when its node verifies with Alipay's key.
 */
export async function callAlipayGateway(
  settings: AlipayGatewaySettings,
  call: AlipayCall,
  now: () => Date,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = ALIPAY_GATEWAY_TIMEOUT_MS,
): Promise<AlipayGatewayResult> {
  const common: Record<string, string> = {
    app_id: settings.appId,
    method: call.method,
    format: 'JSON',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: formatAlipayTimestamp(now()),
    version: '1.0',
  };
  if (call.notifyUrl) common.notify_url = call.notifyUrl;
  const own: Record<string, string> = { ...call.params };
  if (call.bizContent) own.biz_content = JSON.stringify(call.bizContent);
  let sign: string;
  try {
    sign = rsa2Sign(alipaySignContent({ ...own, ...common }), settings.privateKeyPem);
  } catch (error) {
    return { ok: false, reason: `cannot sign with ALIPAY_PRIVATE_KEY (${(error as Error).message})` };
  }
  let body: string;
  try {
    const url = `${settings.gatewayUrl}?${new URLSearchParams({ ...common, sign }).toString()}`;
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(own).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = await response.text();
    if (!response.ok) return { ok: false, reason: `${call.method}: the gateway answered HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, reason: `${call.method}: the gateway did not answer (${(error as Error).message})` };
  }
  return verifyGatewayBody(body, call.method, settings.alipayPublicKeyPem);
}

/** Cuts the method's node (or `error_response`) out of an answer and checks Alipay's signature over it. */
export function verifyGatewayBody(body: string, method: string, alipayPublicKeyPem: string): AlipayGatewayResult {
  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch {
    return { ok: false, reason: `${method}: the answer is not JSON` };
  }
  if (typeof envelope !== 'object' || envelope === null) return { ok: false, reason: `${method}: the answer is not a JSON object` };
  const methodKey = alipayResponseKey(method);
  const key = methodKey in envelope ? methodKey : 'error_response';
  const sign = (envelope as { sign?: unknown }).sign;
  const nodeText = extractResponseNode(body, key);
  if (nodeText === undefined) return { ok: false, reason: `${method}: the answer has no ${methodKey}` };
  if (typeof sign !== 'string' || !rsa2Verify(nodeText, sign, alipayPublicKeyPem)) {
    return { ok: false, reason: `${method}: the answer failed signature verification with ALIPAY_PUBLIC_KEY` };
  }
  // Read the facts from the text that was verified, not from the whole body's parse.
  let node: Record<string, unknown>;
  try {
    node = JSON.parse(nodeText) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: `${method}: the signed node is not JSON` };
  }
  const text = (name: string) => (typeof node[name] === 'string' ? node[name] : undefined);
  const code = text('code');
  if (code === undefined) return { ok: false, reason: `${method}: the answer carries no code` };
  return { ok: true, answer: { code, msg: text('msg') ?? '', subCode: text('sub_code'), subMsg: text('sub_msg'), node } };
}
