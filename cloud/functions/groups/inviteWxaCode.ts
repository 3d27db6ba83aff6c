import { ErrorCode } from '../../../contract/errors';
import { CloudError } from '../../errors';
import { findInvite } from '../../store/groups';
import { unlimitedWxaCode, WeixinApiError } from '../../weixin/wxaCode';
import { defineFunction } from '../define';
import { assertNotDissolved, memberGroup } from './access';
import { inviteCodeParam, JOIN_PAGE } from './invites';

/** Codes already drawn, by invitation: a poster opened again does not ask WeChat again. */
const MAX_KEPT_CODES = 500;
const kept = new Map<string, { contentType: string; imageBase64: string }>();

/**
 * WeChat only: the mini-program code for an invitation's poster. Scanning it opens the join page
 * with the invitation code as its `scene`. Only a member of the invitation's group may have it,
 * and only while the invitation is live (4004 otherwise).
 */
export const inviteWxaCode = defineFunction({
  name: 'inviteWxaCode',
  access: 'user',
  params: inviteCodeParam,
  handler: async (ctx, { inviteCode }) => {
    const invite = await findInvite(ctx.store, inviteCode);
    if (!invite) throw new CloudError(ErrorCode.INVITE_INVALID, '邀请不存在');
    const { group } = await memberGroup(ctx.store, invite.group_id, ctx.user.id);
    assertNotDissolved(group);
    if (invite.revoked_at || invite.expires_at.getTime() <= ctx.clock.now().getTime()) {
      throw new CloudError(ErrorCode.INVITE_INVALID, '这个邀请已失效，请重新生成');
    }
    const cacheKey = `${ctx.config.weapp.appId}:${ctx.config.weapp.codeEnvVersion}:${inviteCode}`;
    const cached = kept.get(cacheKey);
    if (cached) return cached;
    let code: { contentType: string; bytes: Buffer };
    try {
      code = await unlimitedWxaCode(ctx.config.weapp, ctx.clock, { scene: inviteCode, page: JOIN_PAGE });
    } catch (error) {
      if (!(error instanceof WeixinApiError)) throw error;
      throw new CloudError(ErrorCode.INTERNAL, `小程序码暂时生成不了，请稍后再试，或先用分享卡片邀请（${error.message}）`, 502);
    }
    const result = { contentType: code.contentType, imageBase64: code.bytes.toString('base64') };
    if (kept.size >= MAX_KEPT_CODES) kept.delete(kept.keys().next().value!);
    kept.set(cacheKey, result);
    return result;
  },
});
