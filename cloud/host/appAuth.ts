import crypto from 'node:crypto';
import { unauthorized } from '../errors';

export interface AppKeys {
  appId: string;
  appKey: string;
  masterKey: string;
}

export interface AppAuthHeaders {
  id?: string;
  sign?: string;
  key?: string;
}

/** How far a signature's timestamp may stray from the server clock (LeanCloud does not bound it; we do). */
export const SIGNATURE_MAX_SKEW_MS = 24 * 60 * 60 * 1000;

function md5hex(text: string): string {
  return crypto.createHash('md5').update(text).digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/**
 * Checks LeanCloud's app authentication: `X-LC-Id` is the app id, and either
 * `X-LC-Sign: md5hex(ts + key),ts[,master]` or `X-LC-Key: key[,master]`.
 * Returns whether the caller holds the master key; throws 401 otherwise.
 */
export function authenticateApp(headers: AppAuthHeaders, keys: AppKeys, nowMs: number): { isMaster: boolean } {
  if (!headers.id || !safeEqual(headers.id, keys.appId)) throw unauthorized();
  if (headers.sign) {
    const [digest, ts, flag, extra] = headers.sign.split(',');
    if (!digest || !ts || extra !== undefined || (flag !== undefined && flag !== 'master')) throw unauthorized();
    if (!/^\d{10,16}$/.test(ts) || Math.abs(nowMs - Number(ts)) > SIGNATURE_MAX_SKEW_MS) throw unauthorized();
    const isMaster = flag === 'master';
    const key = isMaster ? keys.masterKey : keys.appKey;
    if (!safeEqual(digest.toLowerCase(), md5hex(ts + key))) throw unauthorized();
    return { isMaster };
  }
  if (headers.key) {
    const [key, flag, extra] = headers.key.split(',');
    if (extra !== undefined || (flag !== undefined && flag !== 'master')) throw unauthorized();
    const isMaster = flag === 'master';
    if (!key || !safeEqual(key, isMaster ? keys.masterKey : keys.appKey)) throw unauthorized();
    return { isMaster };
  }
  throw unauthorized();
}

/** Builds a request signature the way the SDK does (tests, benchmarks and scripts use it). */
export function signRequest(key: string, nowMs: number, master = false): string {
  return `${md5hex(nowMs + key)},${nowMs}${master ? ',master' : ''}`;
}
