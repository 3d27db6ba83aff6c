import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for WeChat's server API on loopback, speaking its real request and reply formats:
 * `sns/jscode2session` (codes are one-time, as at WeChat: a code used twice answers errcode
 * 40163), `cgi-bin/stable_token` (JSON body; a token lasts 7200 s; force_refresh issues a new one)
 * and `cgi-bin/message/subscribe/send?access_token=…` (JSON body; an unknown or revoked token
 * answers 40001, as WeChat does), and `wxa/getwxacodeunlimit?access_token=…` (JSON body
 * `{scene, page, check_path, env_version, width}` → the picture as image/jpeg; 41030 for a page with
 * a leading slash, 40169 for a bad scene). Replies are JSON with errcode/errmsg.
 */
export interface FakeWeixin {
  /** The jscode2session URL (its origin is the API base of the other endpoints). */
  url: string;
  /** A one-time code for `openid`; with `unionid`, the reply carries it, as for apps bound to an open platform account. */
  register(code: string, openid: string, unionid?: string): void;
  requests: URLSearchParams[];
  /** Subscribe messages WeChat accepted, in order. */
  sent: Array<{ touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }>;
  /** Access tokens handed out so far (force_refresh included). */
  tokensIssued: number;
  /** Every token issued so far stops working (as when another caller refreshed it): sends answer 40001. */
  revokeTokens(): void;
  /** The next `count` sends answer this errcode (e.g. -1 system busy, 43101 no acceptance); 0 stops. */
  failSends(count: number, errcode: number, errmsg?: string): void;
  /** The next `count` sends get HTTP 503 with no JSON (a proxy in front of WeChat failing). */
  breakSends(count: number): void;
  /** Calls to cgi-bin/stable_token so far (a token handed out again counts too). */
  readonly tokenRequests: number;
  /** The bodies of every mini-program code request that carried a valid token. */
  codeRequests: Array<{ scene: string; page: string; env_version?: string; check_path?: boolean }>;
  /** While set, every mini-program code request fails with this errcode (e.g. a WeChat outage). */
  failCodesWith(errcode: number | null): void;
  close(): Promise<void>;
}

/** The picture the fake draws for a scene: a JPEG's first and last markers around the scene, so tests can read it back. */
export function fakeWxaCodePicture(scene: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`wxacode:${scene}`), Buffer.from([0xff, 0xd9])]);
}

export async function startFakeWeixin(expected: { appId: string; secret: string }): Promise<FakeWeixin> {
  const codes = new Map<string, { openid: string; unionid?: string }>();
  const used = new Set<string>();
  const requests: URLSearchParams[] = [];
  const sent: FakeWeixin['sent'] = [];
  const validTokens = new Set<string>();
  let tokensIssued = 0;
  let stableToken: string | null = null;
  const failing = { count: 0, errcode: 0, errmsg: '' };
  let broken = 0;
  const codeRequests: FakeWeixin['codeRequests'] = [];
  let failCodes: number | null = null;
  let tokenRequests = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.searchParams);
    const reply = (body: object) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/wxa/getwxacodeunlimit') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.method !== 'POST') return reply({ errcode: 43002, errmsg: 'require POST method' });
        if (!validTokens.has(url.searchParams.get('access_token') ?? '')) {
          return reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        }
        let body: { scene?: unknown; page?: unknown; env_version?: string; check_path?: boolean };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
        } catch {
          return reply({ errcode: 47001, errmsg: 'data format error' });
        }
        const scene = typeof body.scene === 'string' ? body.scene : '';
        const page = typeof body.page === 'string' ? body.page : '';
        if (!scene || scene.length > 32 || !/^[\x21-\x7e]+$/.test(scene))
          return reply({ errcode: 40169, errmsg: 'invalid length for scene' });
        if (page.startsWith('/')) return reply({ errcode: 41030, errmsg: 'invalid page' });
        codeRequests.push({ scene, page, env_version: body.env_version, check_path: body.check_path });
        if (failCodes !== null) return reply({ errcode: failCodes, errmsg: 'system error' });
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.end(fakeWxaCodePicture(scene));
      });
      return;
    }
    if (url.pathname.startsWith('/cgi-bin/')) {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        } catch {
          return reply({ errcode: 47001, errmsg: 'data format error' });
        }
        if (req.method !== 'POST') return reply({ errcode: 43002, errmsg: 'require POST method' });
        if (url.pathname === '/cgi-bin/stable_token') {
          tokenRequests++;
          if (body.grant_type !== 'client_credential') return reply({ errcode: 40002, errmsg: 'invalid grant_type' });
          if (body.appid !== expected.appId) return reply({ errcode: 40013, errmsg: 'invalid appid' });
          if (body.secret !== expected.secret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
          // Like WeChat's stable token: the same token until it expires, unless a refresh is forced.
          if (!stableToken || body.force_refresh === true || !validTokens.has(stableToken)) {
            stableToken = `fake-token-${++tokensIssued}`;
            validTokens.add(stableToken);
          }
          return reply({ access_token: stableToken, expires_in: 7200 });
        }
        if (url.pathname === '/cgi-bin/message/subscribe/send') {
          const token = url.searchParams.get('access_token') ?? '';
          if (!validTokens.has(token))
            return reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
          if (broken > 0) {
            broken--;
            res.writeHead(503, { 'content-type': 'text/html' });
            return res.end('<html>503 Service Unavailable</html>');
          }
          if (failing.count > 0) {
            failing.count--;
            return reply({ errcode: failing.errcode, errmsg: failing.errmsg });
          }
          if (typeof body.touser !== 'string' || typeof body.template_id !== 'string' || typeof body.data !== 'object') {
            return reply({ errcode: 47003, errmsg: 'argument invalid!' });
          }
          sent.push(body as unknown as FakeWeixin['sent'][number]);
          return reply({ errcode: 0, errmsg: 'ok' });
        }
        return reply({ errcode: 40066, errmsg: 'invalid url' });
      });
      return;
    }
    if (url.pathname !== '/sns/jscode2session') return reply({ errcode: 40066, errmsg: 'invalid url' });
    const q = url.searchParams;
    if (q.get('appid') !== expected.appId || q.get('secret') !== expected.secret) {
      return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
    }
    if (q.get('grant_type') !== 'authorization_code') return reply({ errcode: 40002, errmsg: 'invalid grant_type' });
    const code = q.get('js_code') ?? '';
    if (used.has(code)) return reply({ errcode: 40163, errmsg: 'code been used' });
    const registered = codes.get(code);
    if (!registered) return reply({ errcode: 40029, errmsg: 'invalid code' });
    used.add(code);
    const { openid, unionid } = registered;
    return reply({ openid, session_key: Buffer.from(`sk-${openid}`).toString('base64'), ...(unionid ? { unionid } : {}) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sns/jscode2session`,
    register: (code, openid, unionid) => void codes.set(code, { openid, unionid }),
    requests,
    sent,
    get tokensIssued() {
      return tokensIssued;
    },
    revokeTokens: () => validTokens.clear(),
    failSends: (count, errcode, errmsg = 'system error') => Object.assign(failing, { count, errcode, errmsg }),
    breakSends: (count) => void (broken = count),
    get tokenRequests() {
      return tokenRequests;
    },
    codeRequests,
    failCodesWith: (errcode) => void (failCodes = errcode),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
