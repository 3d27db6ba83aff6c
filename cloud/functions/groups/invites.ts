import { z } from 'zod';
import { ErrorCode } from '../../../contract/errors';
import { checkJoin } from '../../domain/groups';
import { DEFAULT_GROUP_RULES } from '../../domain/groupRules';
import { CloudError, forbidden } from '../../errors';
import { INVITE_CODE_PATTERN, newInviteCode } from '../../ids';
import {
  countLiveInvites,
  findGroup,
  findInvite,
  findMembership,
  insertInvite,
  ownerNickname,
  revokeInvite as revoke,
} from '../../store/groups';
import { defineFunction } from '../define';
import { assertNotDissolved, groupIdParam, memberGroup } from './access';
import { groupRulesAt } from './rules';

/** Live invitations one group may hold at once (each member may make several). */
export const MAX_LIVE_INVITES_PER_GROUP = 100;

/** The join page of the app; the invitation's `path` opens it with the code. */
export const JOIN_PAGE = '/packages/group/join/index';

export const inviteCodeParam = z
  .object({
    inviteCode: z
      .string({ required_error: 'inviteCode is required' })
      .trim()
      .toUpperCase()
      .regex(INVITE_CODE_PATTERN, 'inviteCode must be the 10-character code from the invitation'),
  })
  .strict();

export const createInvite = defineFunction({
  name: 'createInvite',
  access: 'user',
  params: groupIdParam,
  handler: async (ctx, { groupId }) => {
    const now = ctx.clock.now();
    const { group } = await memberGroup(ctx.store, groupId, ctx.user.id);
    assertNotDissolved(group);
    if ((await countLiveInvites(ctx.store, groupId, now)) >= MAX_LIVE_INVITES_PER_GROUP) {
      throw new CloudError(ErrorCode.USER_LIMIT, `这个群已有 ${MAX_LIVE_INVITES_PER_GROUP} 个有效邀请，请先使用或撤销旧的邀请`);
    }
    const code = newInviteCode();
    const expiresAt = new Date(now.getTime() + DEFAULT_GROUP_RULES.inviteTtlDays * 86_400_000);
    await insertInvite(ctx.store, { code, group_id: groupId, created_by: ctx.user.id, created_at: now, expires_at: expiresAt });
    return { inviteCode: code, expiresAt: expiresAt.toISOString(), path: `${JOIN_PAGE}?code=${code}` };
  },
});

/** The member who made an invitation, or the owner, may revoke it. */
export const revokeInvite = defineFunction({
  name: 'revokeInvite',
  access: 'user',
  params: inviteCodeParam,
  handler: async (ctx, { inviteCode }) => {
    const invite = await findInvite(ctx.store, inviteCode);
    if (!invite) throw new CloudError(ErrorCode.INVITE_INVALID, '邀请不存在');
    const group = await findGroup(ctx.store, invite.group_id);
    if (invite.created_by !== ctx.user.id && group?.owner_id !== ctx.user.id) {
      throw forbidden('只有邀请人或群主可以撤销这个邀请');
    }
    await revoke(ctx.store, inviteCode, ctx.clock.now());
    return { revoked: true };
  },
});

/** What a friend sees before joining. Anyone with the code may look; nothing changes. */
export const previewInvite = defineFunction({
  name: 'previewInvite',
  access: 'public',
  params: inviteCodeParam,
  handler: async (ctx, { inviteCode }) => {
    const now = ctx.clock.now();
    const invite = await findInvite(ctx.store, inviteCode);
    const group = invite ? await findGroup(ctx.store, invite.group_id) : undefined;
    const alreadyMember = Boolean(ctx.user && group && (await findMembership(ctx.store, group.id, ctx.user.id)));
    const refusal = checkJoin(
      {
        now,
        invite: invite && { createdAt: invite.created_at, expiresAt: invite.expires_at, revokedAt: invite.revoked_at },
        group: group && { memberCount: group.member_count, maxMembers: group.max_members, dissolved: group.status === 'dissolved' },
        alreadyMember,
        removedAt: null,
        membershipCount: 0,
      },
      await groupRulesAt(ctx.store, now),
    );
    if (refusal?.kind === 'invite_invalid' || !group)
      throw new CloudError(ErrorCode.INVITE_INVALID, refusal?.kind === 'invite_invalid' ? refusal.reason : '邀请不存在');
    return {
      group: {
        groupId: group.id,
        name: group.name,
        memberCount: group.member_count,
        maxMembers: group.max_members,
        ownerNickname: await ownerNickname(ctx.store, group.id),
        status: group.status,
      },
      alreadyMember,
    };
  },
});
