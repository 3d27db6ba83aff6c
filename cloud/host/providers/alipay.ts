import crypto from 'node:crypto';
import { ErrorCode } from '../../../contract/errors';
import { CloudError, forbidden } from '../../errors';
import { alipaySignContent, extractResponseNode, formatAlipayTimestamp } from '../../payments/alipaySign';
import { PROVIDER_TIMEOUT_MS, type LoginProvider } from './provider';

const METHOD = 'alipay.system.oauth.token';
const RESPONSE_KEY = 'alipay_system_oauth_token_response';

/**
 * Alipay mini-program login: `my.getAuthCode()` gives the client a code; the server exchanges it
 * through the open-platform gateway (`alipay.system.oauth.token`) for the user id, signing the
 * request with the app's private key and verifying the reply with Alipay's public key.
 */
export function alipayProvider(
  settings: { appId: string; gatewayUrl: string; privateKeyPem: string; alipayPublicKeyPem: string },
  now: () => Date,
): LoginProvider {
  return {
    name: 'lc_alipay',
    defaultNickname: '支付宝用户',
    async exchangeCode(code) {
      if (!settings.privateKeyPem || !settings.alipayPublicKeyPem) {
        throw forbidden('Alipay login is not configured on this server: set ALIPAY_APPID, ALIPAY_PRIVATE_KEY and ALIPAY_PUBLIC_KEY.');
      }
      const params: Record<string, string> = {
        app_id: settings.appId,
        method: METHOD,
        format: 'JSON',
        charset: 'utf-8',
        sign_type: 'RSA2',
        timestamp: formatAlipayTimestamp(now()),
        version: '1.0',
        grant_type: 'authorization_code',
        code,
      };
      params.sign = crypto.sign('sha256', Buffer.from(alipaySignContent(params)), settings.privateKeyPem).toString('base64');
      let body: string;
      try {
        const response = await fetch(settings.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
          body: new URLSearchParams(params).toString(),
          signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
        });
        body = await response.text();
      } catch {
        throw new CloudError(ErrorCode.INTERNAL, '支付宝登录服务暂时不可用，请稍后重试（Alipay gateway unreachable）', 502);
      }
      const parsed = JSON.parse(body) as {
        sign?: string;
        [RESPONSE_KEY]?: { user_id?: string; open_id?: string };
        error_response?: { code?: string; msg?: string; sub_code?: string; sub_msg?: string };
      };
      if (parsed.error_response) {
        const e = parsed.error_response;
        throw new CloudError(
          ErrorCode.INVALID_PARAMS,
          `支付宝登录凭证无效，请重新打开小程序（authData.lc_alipay.code rejected: ${e.sub_code ?? e.code} ${e.sub_msg ?? e.msg ?? ''}）`.trim(),
        );
      }
      const node = extractResponseNode(body, RESPONSE_KEY);
      const verified =
        node !== undefined &&
        parsed.sign !== undefined &&
        crypto.verify('sha256', Buffer.from(node), settings.alipayPublicKeyPem, Buffer.from(parsed.sign, 'base64'));
      if (!verified) throw new CloudError(ErrorCode.INTERNAL, 'Alipay reply failed signature verification', 502);
      const uid = parsed[RESPONSE_KEY]?.user_id ?? parsed[RESPONSE_KEY]?.open_id;
      if (!uid) throw new CloudError(ErrorCode.INTERNAL, 'Alipay reply carried no user id', 502);
      return { providerUid: uid };
    },
  };
}
