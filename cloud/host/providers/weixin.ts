import { ErrorCode } from '../../../contract/errors';
import { CloudError } from '../../errors';
import { PROVIDER_TIMEOUT_MS, type LoginProvider } from './provider';

interface Code2SessionReply {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

/**
 * WeChat mini-program login: `wx.login()` gives the client a code; the server exchanges it at
 * `GET sns/jscode2session?appid&secret&js_code&grant_type=authorization_code` for the openid
 * (and the unionid, when the mini-program is bound to an open platform account).
 */
export function weixinProvider(settings: { appId: string; secret: string; code2SessionUrl: string }): LoginProvider {
  return {
    name: 'lc_weapp',
    defaultNickname: '微信用户',
    async exchangeCode(code) {
      const url = new URL(settings.code2SessionUrl);
      url.searchParams.set('appid', settings.appId);
      url.searchParams.set('secret', settings.secret);
      url.searchParams.set('js_code', code);
      url.searchParams.set('grant_type', 'authorization_code');
      let reply: Code2SessionReply;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
        reply = (await response.json()) as Code2SessionReply;
      } catch {
        throw new CloudError(ErrorCode.INTERNAL, '微信登录服务暂时不可用，请稍后重试（WeChat code2session unreachable）', 502);
      }
      if (reply.errcode || !reply.openid) {
        throw new CloudError(
          ErrorCode.INVALID_PARAMS,
          `微信登录凭证无效，请重新打开小程序（authData.lc_weapp.code rejected by WeChat: ${reply.errcode ?? 'no openid'} ${reply.errmsg ?? ''}）`.trim(),
        );
      }
      return { providerUid: reply.openid, ...(reply.unionid ? { unionId: reply.unionid } : {}) };
    },
  };
}
