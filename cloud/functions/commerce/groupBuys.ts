import { z } from 'zod';
import { ErrorCode } from '../../../contract/errors';
import { isRunning } from '../../domain/campaign';
import { checkJoin, checkLeave, expiresAtFor, nextLeader, type JoinRefusal } from '../../domain/commerce/groupBuy';
import { openerPriceFen } from '../../domain/merchandising';
import type { Queryable } from '../../store/store';
import { CloudError, forbidden, notFound } from '../../errors';
import { newObjectId } from '../../ids';
import { findCampaign, findCampaignAt } from '../../store/campaigns';
import {
  countOpenLed,
  countSeatsInSeries,
  takeOpening,
  type DealRow,
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
} from '../../store/groupBuys';
import { lockUser } from '../../store/groups';
import { refundFromEscrow } from '../../workflows/escrow';
import { endGroupBuy } from '../../workflows/groupFeedEvents';
import { openIntent, refundPayment } from '../../workflows/payments';
import { paymentCallDeps, runRefundsOf } from '../../workflows/paymentCalls';
import { findLatestPayment, findPayment } from '../../store/payments';
import { appendEvent } from '../../store/feed';
import { assertNotDissolved, memberGroup } from '../groups/access';
import { defineFunction } from '../define';
import { fields } from '../validation';
import { commerceErrors } from './errors';
import { dealJson, groupBuyJson, groupBuysJson } from './json';
import { choosePayment, payParams, paymentDeadline, readyPayment } from './payments';

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

/** The deal's per-user limit: seats (paying or paid) in group buys of any of its versions. The caller holds the user's row. */
async function checkDealLimit(tx: Queryable, deal: DealRow, userId: string): Promise<void> {
  if (deal.per_user_limit === null) return;
  if ((await countSeatsInSeries(tx, deal.series_id, userId)) >= deal.per_user_limit)
    throw new CloudError(ErrorCode.USER_LIMIT, `这个拼团每人最多参加 ${deal.per_user_limit} 个团，等已有的团结束后再来吧`);
}

/** Why no opening could be taken: the deal was edited since the shopper looked, stopped, or has no openings left. */
async function openingRefusal(tx: Queryable, dealId: string): Promise<CloudError> {
  const now = await findDeal(tx, dealId);
  if (now?.status === 'superseded')
    return new CloudError(ErrorCode.GROUP_BUY_CLOSED, '这个拼团活动刚刚更新了价格或规则，请刷新后按新的规则开团');
  if (now?.status === 'stopped') return new CloudError(ErrorCode.GROUP_BUY_CLOSED, '这个拼团活动已经停止开团了，看看其他拼团吧');
  return new CloudError(ErrorCode.GROUP_BUY_CLOSED, '这个拼团活动的开团名额已经用完了，可以加入别人开的团');
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

/** The leader opens a buy and pays first; the same requestId answers the same buy (and payment). */
export const openGroupBuy = defineFunction({
  name: 'openGroupBuy',
  access: 'user',
  params: z
    .object({
      dealId: fields.objectId('dealId'),
      requestId: fields.requestId,
      groupId: fields.objectId('groupId').optional(),
      ...payParams,
    })
    .strict(),
  handler: async (ctx, { dealId, requestId, groupId, provider, walletFen = 0 }) => {
    const now = ctx.clock.now();
    const userId = ctx.user.id;
    const deal = await findDeal(ctx.store, dealId);
    if (!deal) throw notFound('找不到这个拼团活动（deal not found）');
    // The deal row's terms never change (an edit makes a new version), so the price read here is the one charged.
    const priceFen = openerPriceFen({ groupPriceFen: deal.group_price_fen, leaderPriceFen: deal.leader_price_fen });
    const choice = await choosePayment(ctx, ctx.store, userId, provider, walletFen >= priceFen);
    const { buyId, payment } = await ctx.store.transaction(async (tx) => {
      // The leader's row lock makes the requestId check and the open-buys count one step.
      await lockUser(tx, userId);
      const earlier = await findGroupBuyByRequest(tx, userId, requestId);
      if (earlier) return { buyId: earlier.id, payment: await findLatestPayment(tx, userId, 'group_buy', earlier.id) };
      if (groupId) assertNotDissolved((await memberGroup(tx, groupId, userId)).group);
      const campaign = await findCampaign(tx, deal.campaign_id);
      if (!campaign || !isRunning(campaign, now)) throw commerceErrors.campaignNotRunning();
      if ((await countOpenLed(tx, userId)) >= MAX_OPEN_GROUP_BUYS_PER_USER) {
        throw new CloudError(ErrorCode.USER_LIMIT, `你同时最多发起 ${MAX_OPEN_GROUP_BUYS_PER_USER} 个拼团，等已有的团拼成或截止后再开吧`);
      }
      await checkDealLimit(tx, deal, userId);
      // Last, since it holds the deal's row until the commit: openings never exceed the total.
      if (!(await takeOpening(tx, dealId))) throw await openingRefusal(tx, dealId);
      const id = newObjectId();
      const expiresAt = expiresAtFor(now, deal.time_limit_hours);
      await insertGroupBuy(tx, { id, dealId, leaderId: userId, requestId, size: deal.size, expiresAt, groupId: groupId ?? null }, now);
      if (groupId) {
        await appendEvent(tx, {
          groupId,
          type: 'group_buy_opened',
          actorId: userId,
          data: {
            groupBuyId: id,
            title: deal.title,
            size: deal.size,
            groupPriceFen: deal.group_price_fen,
            expiresAt: expiresAt.toISOString(),
          },
          now,
        });
      }
      if (!(await takeSeat(tx, id, now))) throw new Error(`a new group buy ${id} had no seat for its leader`);
      const paymentId = newObjectId();
      await insertGroupBuyMember(tx, { groupBuyId: id, userId, requestId, amountFen: priceFen, paymentId }, now);
      const { payment } = await openIntent(
        tx,
        {
          id: paymentId,
          userId,
          ...choice,
          purpose: 'group_buy',
          targetId: id,
          campaignId: deal.campaign_id,
          requestId,
          totalFen: priceFen,
          walletFen,
          expiresAt: paymentDeadline(ctx, now, expiresAt),
        },
        now,
      );
      return { buyId: id, payment };
    });
    if (!payment) throw new Error(`group buy ${buyId} has no payment`);
    const paymentAnswer = await readyPayment(ctx, payment, `小黑群拼团 · ${deal.title}`);
    return { groupBuy: await groupBuyJson(ctx.store, (await findGroupBuy(ctx.store, buyId))!), payment: paymentAnswer };
  },
});

/**
 * Joins through a share and pays. The buy's row is locked and the seat taken by a conditional
 * update (`seats_taken < size`), so concurrent joiners of the last seat get exactly one winner.
 * The seat is held while the payment is on its way; it is the member's once the money arrives.
 */
export const joinGroupBuy = defineFunction({
  name: 'joinGroupBuy',
  access: 'user',
  params: z.object({ groupBuyId: fields.objectId('groupBuyId'), requestId: fields.requestId, ...payParams }).strict(),
  handler: async (ctx, { groupBuyId, requestId, provider, walletFen = 0 }) => {
    const now = ctx.clock.now();
    const userId = ctx.user.id;
    const existing = await findGroupBuy(ctx.store, groupBuyId);
    if (!existing) throw notFound('找不到这个团（group buy not found）');
    const deal = (await findDeal(ctx.store, existing.deal_id))!;
    const choice = await choosePayment(ctx, ctx.store, userId, provider, walletFen >= deal.group_price_fen);
    const payment = await ctx.store.transaction(async (tx) => {
      // A deal with a per-user limit counts the joiner's seats: her row first (user, then buy, as opening does).
      if (deal.per_user_limit !== null) await lockUser(tx, userId);
      const buy = (await findGroupBuy(tx, groupBuyId, true))!;
      const member = await findGroupBuyMember(tx, groupBuyId, userId);
      // Already holding a seat, paid or on its way: a retry (any requestId) answers it as it is.
      if (member?.status === 'paid' || member?.status === 'pending') return findLatestPayment(tx, userId, 'group_buy', groupBuyId);
      const refusal = checkJoin(
        { status: buy.status, outcome: buy.outcome, size: buy.size, seatsTaken: buy.seats_taken, expiresAt: buy.expires_at },
        now,
        member?.status ?? null,
      );
      if (refusal) throw joinError(refusal);
      await checkDealLimit(tx, deal, userId);
      const seated = await takeSeat(tx, groupBuyId, now);
      if (!seated) throw commerceErrors.groupBuyFull();
      const paymentId = newObjectId();
      await insertGroupBuyMember(tx, { groupBuyId, userId, requestId, amountFen: deal.group_price_fen, paymentId }, now);
      const opened = await openIntent(
        tx,
        {
          id: paymentId,
          userId,
          ...choice,
          purpose: 'group_buy',
          targetId: groupBuyId,
          campaignId: deal.campaign_id,
          requestId,
          totalFen: deal.group_price_fen,
          walletFen,
          expiresAt: paymentDeadline(ctx, now, buy.expires_at),
        },
        now,
      );
      return opened.payment;
    });
    if (!payment) throw new Error(`group buy ${groupBuyId} member ${userId} has no payment`);
    const paymentAnswer = await readyPayment(ctx, payment, `小黑群拼团 · ${deal.title}`);
    return { groupBuy: await groupBuyJson(ctx.store, (await findGroupBuy(ctx.store, groupBuyId))!), payment: paymentAnswer };
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
    const refundedPaymentIds: string[] = [];
    const answer = await ctx.store.transaction(async (tx) => {
      refundedPaymentIds.length = 0;
      const buy = await findGroupBuy(tx, groupBuyId, true);
      if (!buy) throw notFound('找不到这个团（group buy not found）');
      const member = await findGroupBuyMember(tx, groupBuyId, userId);
      if (member?.status === 'pending') throw forbidden('你的付款还在确认中，确认后才能退出（或等它超时自动取消）');
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
      const effectKey = `gb-refund:${groupBuyId}:${userId}`;
      const payment = member!.payment_id ? await findPayment(tx, member!.payment_id, true) : undefined;
      if (payment) {
        await refundPayment(tx, payment, effectKey, '退出拼团，款项原路退回', now, { walletPart: true });
        refundedPaymentIds.push(payment.id);
      } else {
        // Seats paid before payments had their own rows (demo payments straight into the escrow).
        await refundFromEscrow(tx, effectKey, userId, groupBuyId, member!.amount_fen, now);
      }
      const remaining = (await listGroupBuyMembers(tx, groupBuyId))
        .filter((m) => m.status === 'paid')
        .map((m) => ({ userId: m.user_id, joinedAt: m.joined_at }));
      if (remaining.length === 0) {
        await endGroupBuy(tx, groupBuyId, 'failed', 'abandoned', now);
      } else if (buy.leader_id === userId) {
        await setGroupBuyLeader(tx, groupBuyId, nextLeader(remaining)!.userId);
      }
      return { groupBuy: await groupBuyJson(tx, (await findGroupBuy(tx, groupBuyId))!), refundedFen: member!.amount_fen };
    });
    // The provider part goes back through the provider now; if it does not answer, the reconciler retries.
    await runRefundsOf(paymentCallDeps(ctx), refundedPaymentIds, now);
    return answer;
  },
});
