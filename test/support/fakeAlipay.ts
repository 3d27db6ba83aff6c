import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { alipaySignContent } from '../../cloud/host/providers/alipay';

/**
 * A stand-in for Alipay's open-platform gateway on loopback: it checks the RSA2 signature of
 * `alipay.system.oauth.token` requests with the app's public key, and signs its replies with
 * its own private key, as Alipay does.
 */
export interface FakeAlipay {
  url: string;
  appPrivateKeyPem: string;
  alipayPublicKeyPem: string;
  register(code: string, userId: string): void;
  close(): Promise<void>;
}

export async function startFakeAlipay(appId: string): Promise<FakeAlipay> {
  const app = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const alipay = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const codes = new Map<string, string>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const send = (key: string, node: object) => {
        const nodeText = JSON.stringify(node);
        const sign = crypto.sign('sha256', Buffer.from(nodeText), alipay.privateKey).toString('base64');
        res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
        res.end(`{"${key}":${nodeText},"sign":"${sign}"}`);
      };
      const fail = (subCode: string, subMsg: string) =>
        send('error_response', { code: '40002', msg: 'Invalid Arguments', sub_code: subCode, sub_msg: subMsg });
      const signatureOk =
        typeof params.sign === 'string' &&
        crypto.verify('sha256', Buffer.from(alipaySignContent(params)), app.publicKey, Buffer.from(params.sign, 'base64'));
      if (!signatureOk) return fail('isv.invalid-signature', '验签出错');
      if (params.app_id !== appId) return fail('isv.invalid-app-id', '无效的AppID参数');
      if (params.method !== 'alipay.system.oauth.token' || params.grant_type !== 'authorization_code') {
        return fail('isv.invalid-method', '不存在的方法名');
      }
      const userId = codes.get(params.code ?? '');
      if (!userId) return fail('isv.code-invalid', '授权码code无效');
      codes.delete(params.code ?? '');
      send('alipay_system_oauth_token_response', {
        user_id: userId,
        access_token: `token-${userId}`,
        expires_in: 1296000,
        refresh_token: `refresh-${userId}`,
        re_expires_in: 2592000,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/gateway.do`,
    appPrivateKeyPem: app.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    alipayPublicKeyPem: alipay.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    register: (code, userId) => void codes.set(code, userId),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
