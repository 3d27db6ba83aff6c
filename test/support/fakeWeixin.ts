import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for WeChat's `sns/jscode2session` on loopback, speaking its real request and reply
 * format. Codes are one-time, as at WeChat: a code used twice answers errcode 40163.
 */
export interface FakeWeixin {
  url: string;
  /** A one-time code for `openid`; with `unionid`, the reply carries it, as for apps bound to an open platform account. */
  register(code: string, openid: string, unionid?: string): void;
  requests: URLSearchParams[];
  close(): Promise<void>;
}

export async function startFakeWeixin(expected: { appId: string; secret: string }): Promise<FakeWeixin> {
  const codes = new Map<string, { openid: string; unionid?: string }>();
  const used = new Set<string>();
  const requests: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.searchParams);
    const reply = (body: object) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
