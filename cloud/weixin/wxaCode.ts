import type { Clock } from '../clock';

/**
 * The WeChat mini-program server API for mini-program codes (the round codes that open a page
 * when scanned): `POST {WEAPP_API_BASE}/wxa/getwxacodeunlimit?access_token=…`. The access token
 * comes from `POST cgi-bin/stable_token` (like the subscribe messages, cloud/messaging): fetching
 * it does not invalidate the token other hosts hold. It is kept until five minutes before it
 * expires, fetched by one call at a time however many codes are asked for at once, and fetched
 * anew (force_refresh) when WeChat answers that it is no longer valid.
 */
export interface WeappApiSettings {
  appId: string;
  secret: string;
  /** https://api.weixin.qq.com, or a stand-in on loopback in tests. */
  apiBase: string;
  /** Which version of the mini-program a scanned code opens: release, trial or develop. */
  codeEnvVersion: string;
}

export const WEIXIN_TIMEOUT_MS = 10_000;
/** A token is used until this long before WeChat's expiry. */
const TOKEN_MARGIN_MS = 5 * 60_000;
/** WeChat's answers for a token that is unknown, expired or replaced. */
const STALE_TOKEN_CODES = new Set([40001, 40014, 42001]);

export class WeixinApiError extends Error {
  constructor(
    message: string,
    readonly errcode?: number,
  ) {
    super(message);
  }
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

const tokens = new Map<string, CachedToken>();
const pending = new Map<string, Promise<CachedToken>>();

const keyOf = (s: WeappApiSettings) => `${s.apiBase}\n${s.appId}`;

async function fetchToken(settings: WeappApiSettings, clock: Clock, force: boolean): Promise<CachedToken> {
  let reply: { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
  try {
    const response = await fetch(`${settings.apiBase}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: settings.appId, secret: settings.secret, force_refresh: force }),
      signal: AbortSignal.timeout(WEIXIN_TIMEOUT_MS),
    });
    reply = (await response.json()) as typeof reply;
  } catch {
    throw new WeixinApiError('WeChat cgi-bin/stable_token unreachable');
  }
  if (!reply.access_token || reply.errcode) {
    throw new WeixinApiError(
      `WeChat cgi-bin/stable_token refused: ${reply.errcode ?? 'no token'} ${reply.errmsg ?? ''}`.trim(),
      reply.errcode,
    );
  }
  const lifetimeMs = Math.max(0, (reply.expires_in ?? 7200) * 1000 - TOKEN_MARGIN_MS);
  return { token: reply.access_token, expiresAt: clock.now().getTime() + lifetimeMs };
}

/** The app's access token: the kept one while it lasts, else one fetch shared by every caller. */
async function accessToken(settings: WeappApiSettings, clock: Clock, force: boolean): Promise<string> {
  const key = keyOf(settings);
  const kept = tokens.get(key);
  if (!force && kept && kept.expiresAt > clock.now().getTime()) return kept.token;
  let inFlight = pending.get(key);
  if (!inFlight) {
    inFlight = fetchToken(settings, clock, force).finally(() => pending.delete(key));
    pending.set(key, inFlight);
  }
  const fresh = await inFlight;
  tokens.set(key, fresh);
  return fresh.token;
}

async function requestCode(
  settings: WeappApiSettings,
  token: string,
  scene: string,
  page: string,
): Promise<{ contentType: string; bytes: Buffer }> {
  let response: Response;
  let bytes: Buffer;
  try {
    response = await fetch(`${settings.apiBase}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scene, page, check_path: false, env_version: settings.codeEnvVersion, width: 430 }),
      signal: AbortSignal.timeout(WEIXIN_TIMEOUT_MS),
    });
    bytes = Buffer.from(await response.arrayBuffer());
  } catch {
    throw new WeixinApiError('WeChat wxa/getwxacodeunlimit unreachable');
  }
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  // A picture on success; JSON with errcode on failure (with status 200 either way).
  if (response.ok && contentType.startsWith('image/')) return { contentType, bytes };
  let reply: { errcode?: number; errmsg?: string } = {};
  try {
    reply = JSON.parse(bytes.toString('utf8')) as typeof reply;
  } catch {
    // not JSON either
  }
  throw new WeixinApiError(
    `WeChat wxa/getwxacodeunlimit refused: ${reply.errcode ?? response.status} ${reply.errmsg ?? ''}`.trim(),
    reply.errcode,
  );
}

/**
 * A mini-program code that opens `page` (no leading slash, as WeChat wants it) with `scene` (at
 * most 32 visible characters; the page reads it from its `scene` option).
 */
export async function unlimitedWxaCode(
  settings: WeappApiSettings,
  clock: Clock,
  request: { scene: string; page: string },
): Promise<{ contentType: string; bytes: Buffer }> {
  const page = request.page.replace(/^\//, '');
  try {
    return await requestCode(settings, await accessToken(settings, clock, false), request.scene, page);
  } catch (error) {
    if (!(error instanceof WeixinApiError) || !STALE_TOKEN_CODES.has(error.errcode ?? 0)) throw error;
    return requestCode(settings, await accessToken(settings, clock, true), request.scene, page);
  }
}
