/**
 * WeChat's one-time subscribe messages (订阅消息), sent from the server:
 * `POST {WEAPP_API_BASE}/cgi-bin/message/subscribe/send?access_token=…` with the template's data.
 * The access token comes from `POST /cgi-bin/stable_token` (client_credential with WEAPP_APPID and
 * WEAPP_SECRET): unlike `cgi-bin/token`, fetching it does not invalidate the token other hosts
 * hold. It is kept until five minutes before it expires, and fetched anew (force_refresh) when
 * WeChat answers that it is invalid or expired (40001, 40014, 42001).
 */

/** How long one call to WeChat may take. */
export const WEAPP_CALL_TIMEOUT_MS = 10_000;
/** A token is used until this long before WeChat says it expires. */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;
/** WeChat's answers that mean "this access token is no good": fetch a new one and try once more. */
export const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);
/**
 * Answers after which the same message must not be sent again: the user has no acceptance left
 * (43101), the template, page or data are wrong (40003 openid, 40037 template, 41030 page, 47003 data).
 */
export const FINAL_ERRCODES = new Set([40003, 40037, 41030, 43101, 47003]);

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** The mini-program page the card opens (no leading slash), with its query. */
  page: string;
  data: Record<string, { value: string }>;
}

export type SendOutcome = { kind: 'sent' } | { kind: 'final'; error: string } | { kind: 'retry'; error: string };

export interface WeappMessenger {
  send(message: SubscribeMessage): Promise<SendOutcome>;
}

interface Settings {
  appId: string;
  secret: string;
  apiBase: string;
}

interface WeixinReply {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
}

const messengers = new Map<string, WeappMessenger>();

/** One messenger (and one cached token) per app and API base in this process. */
export function weappMessenger(settings: Settings, now: () => number = Date.now): WeappMessenger {
  const key = `${settings.apiBase} ${settings.appId}`;
  let messenger = messengers.get(key);
  if (!messenger) {
    messenger = createMessenger(settings, now);
    messengers.set(key, messenger);
  }
  return messenger;
}

async function postJson(url: string, body: unknown): Promise<WeixinReply> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(WEAPP_CALL_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as WeixinReply;
}

function createMessenger(settings: Settings, now: () => number): WeappMessenger {
  let token: { value: string; expiresAt: number } | null = null;
  let fetching: Promise<string> | null = null;

  const fetchToken = async (force: boolean): Promise<string> => {
    const reply = await postJson(`${settings.apiBase}/cgi-bin/stable_token`, {
      grant_type: 'client_credential',
      appid: settings.appId,
      secret: settings.secret,
      force_refresh: force,
    });
    if (!reply.access_token) throw new Error(`stable_token: ${reply.errcode ?? 'no token'} ${reply.errmsg ?? ''}`.trim());
    token = { value: reply.access_token, expiresAt: now() + (reply.expires_in ?? 7200) * 1000 - TOKEN_MARGIN_MS };
    return token.value;
  };
  /** The cached token, or one fetched now (callers at the same moment share one fetch). */
  const accessToken = (force: boolean): Promise<string> => {
    if (!force && token && token.expiresAt > now()) return Promise.resolve(token.value);
    fetching ??= fetchToken(force).finally(() => (fetching = null));
    return fetching;
  };

  const sendWith = (value: string, message: SubscribeMessage) =>
    postJson(`${settings.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(value)}`, {
      touser: message.openid,
      template_id: message.templateId,
      page: message.page,
      data: message.data,
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    });

  return {
    async send(message) {
      try {
        let reply = await sendWith(await accessToken(false), message);
        if (reply.errcode && TOKEN_ERRCODES.has(reply.errcode)) {
          token = null;
          reply = await sendWith(await accessToken(true), message);
        }
        if (!reply.errcode) return { kind: 'sent' };
        const error = `${reply.errcode} ${reply.errmsg ?? ''}`.trim();
        return FINAL_ERRCODES.has(reply.errcode) ? { kind: 'final', error } : { kind: 'retry', error };
      } catch (error) {
        return { kind: 'retry', error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
