import { z } from 'zod';
import { ErrorCode } from '../../../contract/errors';
import { isRunning } from '../../domain/campaign';
import { checkJoin, checkLeave, expiresAtFor, isComplete, nextLeader, type JoinRefusal } from '../../domain/commerce/groupBuy';
import { CloudError, forbidden, notFound } from '../../errors';
import { newObjectId } from '../../ids';
import { findCampaign, findCampaignAt } from '../../store/campaigns';
import {
  closeGroupBuy,
  countOpenLed,
  findDeal,
  findGroupBuy,
  findGroupBuyByRequest,
  findGroupBuyMember,
  insertGroupBuy,
  insertGroupBuyMember,
  listDealsOf,
  listGroupBuysOf,
  listGroupBuyMembers,
  markMemberLeft,
  releaseSeat,
  setGroupBuyLeader,
  takeSeat,
  type GroupBuyRow,
} from '../../store/groupBuys';
import { lockUser } from '../../store/groups';
import type { Queryable } from '../../store/store';
import { refundFromEscrow } from '../../workflows/escrow';
import { succeedGroupBuy } from '../../workflows/groupBuySuccess';
import { defineFunction } from '../define';
import { fields } from '../validation';
import { commerceErrors } from './errors';
import { dealJson, groupBuyJson, groupBuysJson } from './json';
import { assertPaymentsAvailable, collectPayment } from './payments';

/** Group buys one shopper may lead at once: opening is free of risk for her, so bound the spam. */
export const MAX_OPEN_GROUP_BUYS_PER_USER = 5;

const groupBuyIdParam = z.object({ groupBuyId: fields.objectId('groupBuyId') }).strict();

function joinError(refusal: JoinRefusal): CloudError {
  switch (refusal.kind) {
    case 'expired':
      return commerceErrors.groupBuyExpired();
    case 'full':
      return commerceErrors.groupBuyFull();
    case 'left_before':
      return commerceErrors.groupBuyLeftBefore();
    case 'closed':
      return commerceErrors.groupBuyClosed(refusal.status);
  }
}

/** At N paid members the buy succeeds: the escrow goes to the merchant, once. */
async function succeedIfComplete(tx: Queryable, buy: GroupBuyRow, campaignId: string, now: Date): Promise<void> {
  if (!isComplete({ size: buy.size, seatsTaken: buy.seats_taken })) return;
  await succeedGroupBuy(tx, buy.id, campaignId, 'full', now);
}

export const listDeals = defineFunction({
  name: 'listDeals',
  access: 'user',
  params: fields.none,
  handler: async (ctx) => {
    const campaign = await findCampaignAt(ctx.store, ctx.clock.now());
    if (!campaign) return { campaignId: null, deals: [] };
    return { campaignId: campaign.id, deals: (await listDealsOf(ctx.store, campaign.id)).map(dealJson) };
  },
});

/** The leader opens a buy and pays first; the same requestId answers the same buy. */
export const openGroupBuy = defineFunction({
  name: 'openGroupBuy',
  access: 'user',
  params: z.object({ dealId: fields.objectId('dealId'), requestId: fields.requestId }).strict(),
  handler: async (ctx, { dealId, requestId }) => {
    const now = ctx.clock.now();
    const userId = ctx.user.id;
    const groupBuy = await ctx.store.transaction(async (tx) => {
      // The leader's row lock makes the requestId check and the open-buys count one step.
      await lockUser(tx, userId);
      const earlier = await findGroupBuyByRequest(tx, userId, requestId);
      if (earlier) return groupBuyJson(tx, earlier);
      const deal = await findDeal(tx, dealId);
      if (!deal) throw notFound('找不到这个拼团活动（deal not found）');
      const campaign = await findCampaign(tx, deal.campaign_id);
      if (!campaign || !isRunning(campaign, now)) throw commerceErrors.campaignNotRunning();
      if ((await countOpenLed(tx, userId)) >= MAX_OPEN_GROUP_BUYS_PER_USER) {
        throw new CloudError(ErrorCode.USER_LIMIT, `你同时最多发起 ${MAX_OPEN_GROUP_BUYS_PER_USER} 个拼团，等已有的团拼成或截止后再开吧`);
      }
      assertPaymentsAvailable(ctx);
      const id = newObjectId();
      await insertGroupBuy(
        tx,
        { id, dealId, leaderId: userId, requestId, size: deal.size, expiresAt: expiresAtFor(now, deal.time_limit_hours) },
        now,
      );
      const seated = await takeSeat(tx, id, now);
      if (!seated) throw new Error(`a new group buy ${id} had no seat for its leader`);
      await insertGroupBuyMember(tx, { groupBuyId: id, userId, requestId, amountFen: deal.group_price_fen }, now);
      await collectPayment(ctx, tx, { effectKey: `gb-pay:${id}:${userId}`, userId, escrowOf: id, amountFen: deal.group_price_fen }, now);
      return groupBuyJson(tx, seated);
    });
    return { groupBuy };
  },
});

/**
 * Joins through a share and pays. The buy's row is locked and the seat taken by a conditional
 * update (`seats_taken < size`), so concurrent joiners of the last seat get exactly one winner.
 */
export const joinGroupBuy = defineFunction({
  name: 'joinGroupBuy',
  access: 'user',
  params: z.object({ groupBuyId: fields.objectId('groupBuyId'), requestId: fields.requestId }).strict(),
  handler: async (ctx, { groupBuyId, requestId }) => {
    const now = ctx.clock.now();
    const userId = ctx.user.id;
    const groupBuy = await ctx.store.transaction(async (tx) => {
      const buy = await findGroupBuy(tx, groupBuyId, true);
      if (!buy) throw notFound('找不到这个团（group buy not found）');
      const member = await findGroupBuyMember(tx, groupBuyId, userId);
      // Already holding a paid seat: a retry (any requestId) answers the buy as it is.
      if (member?.status === 'paid') return groupBuyJson(tx, buy);
      const refusal = checkJoin(
        { status: buy.status, outcome: buy.outcome, size: buy.size, seatsTaken: buy.seats_taken, expiresAt: buy.expires_at },
        now,
        member?.status ?? null,
      );
      if (refusal) throw joinError(refusal);
      assertPaymentsAvailable(ctx);
      const seated = await takeSeat(tx, groupBuyId, now);
      if (!seated) throw commerceErrors.groupBuyFull();
      const deal = (await findDeal(tx, buy.deal_id))!;
      await insertGroupBuyMember(tx, { groupBuyId, userId, requestId, amountFen: deal.group_price_fen }, now);
      await collectPayment(
        ctx,
        tx,
        { effectKey: `gb-pay:${groupBuyId}:${userId}`, userId, escrowOf: groupBuyId, amountFen: deal.group_price_fen },
        now,
      );
      await succeedIfComplete(tx, seated, deal.campaign_id, now);
      return groupBuyJson(tx, (await findGroupBuy(tx, groupBuyId))!);
    });
    return { groupBuy };
  },
});

/** Anyone logged in who has the id (a share link) may look: that is how friends decide to join. */
export const getGroupBuy = defineFunction({
  name: 'getGroupBuy',
  access: 'user',
  params: groupBuyIdParam,
  handler: async (ctx, { groupBuyId }) => {
    const buy = await findGroupBuy(ctx.store, groupBuyId);
    if (!buy) throw notFound('找不到这个团（group buy not found）');
    return { groupBuy: await groupBuyJson(ctx.store, buy) };
  },
});

/** The shopper's own group buys: what she is waiting for, and how the closed ones ended. */
export const myGroupBuys = defineFunction({
  name: 'myGroupBuys',
  access: 'user',
  params: fields.none,
  handler: async (ctx) => {
    const rows = await listGroupBuysOf(ctx.store, ctx.user.id);
    return { groupBuys: await groupBuysJson(ctx.store, rows) };
  },
});

/**
 * Gives a seat back before the buy succeeds, refunded in full (the same refund key as the expiry,
 * so a member is refunded once whatever happens). A leaving leader hands the lead to the member
 * who joined next; when nobody is left, the buy closes as abandoned.
 */
export const leaveGroupBuy = defineFunction({
  name: 'leaveGroupBuy',
  access: 'user',
  params: groupBuyIdParam,
  handler: async (ctx, { groupBuyId }) => {
    const now = ctx.clock.now();
    const userId = ctx.user.id;
    return ctx.store.transaction(async (tx) => {
      const buy = await findGroupBuy(tx, groupBuyId, true);
      if (!buy) throw notFound('找不到这个团（group buy not found）');
      const member = await findGroupBuyMember(tx, groupBuyId, userId);
      const refusal = checkLeave(
        { status: buy.status, size: buy.size, seatsTaken: buy.seats_taken, expiresAt: buy.expires_at },
        now,
        member?.status ?? null,
      );
      if (refusal?.kind === 'not_member') throw forbidden('你不在这个团里（或已经退出），无需退出');
      if (refusal?.kind === 'expired') throw commerceErrors.groupBuyExpired();
      if (refusal?.kind === 'closed') throw commerceErrors.groupBuyClosed(refusal.status);
      await markMemberLeft(tx, groupBuyId, userId, now);
      await releaseSeat(tx, groupBuyId);
      await refundFromEscrow(tx, `gb-refund:${groupBuyId}:${userId}`, userId, groupBuyId, member!.amount_fen, now);
      const remaining = (await listGroupBuyMembers(tx, groupBuyId))
        .filter((m) => m.status === 'paid')
        .map((m) => ({ userId: m.user_id, joinedAt: m.joined_at }));
      if (remaining.length === 0) {
        await closeGroupBuy(tx, groupBuyId, 'failed', 'abandoned', now);
      } else if (buy.leader_id === userId) {
        await setGroupBuyLeader(tx, groupBuyId, nextLeader(remaining)!.userId);
      }
      return { groupBuy: await groupBuyJson(tx, (await findGroupBuy(tx, groupBuyId))!), refundedFen: member!.amount_fen };
    });
  },
});
