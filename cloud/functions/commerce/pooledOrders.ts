import { z } from 'zod';
import type { PooledMemberJson, PooledOrderView } from '../../../contract/commerce';
import { ErrorCode } from '../../../contract/errors';
import { isRunning } from '../../domain/campaign';
import {
  checkChange,
  checkDeadline,
  duesOf,
  MAX_OPEN_POOLED_ORDERS_PER_GROUP,
  MAX_POOLED_LINES,
  planCouponIds,
  plannerInput,
  withShapley,
  type ChangeRefusal,
} from '../../domain/commerce/pooledOrder';
import { PLANNER_LIMITS, type PooledPlan } from '../../domain/coupons';
import { CloudError, forbidden, invalidParams, notFound } from '../../errors';
import { newObjectId } from '../../ids';
import { findCampaignAt } from '../../store/campaigns';
import { couponTitles, couponsHeldInGroup, useCoupons } from '../../store/coupons';
import { listMembers } from '../../store/groups';
import {
  countOpenPooledOrders,
  countPooledLines,
  deletePooledLine,
  findPoolableItem,
  findPooledLine,
  findPooledOrder,
  findPooledOrderByRequest,
  freezePlan,
  hasPooledLine,
  insertPooledOrder,
  listGroupPooledOrders,
  listPooledLines,
  listPooledPayments,
  markPooledPending,
  nicknamesOf,
  upsertPooledLine,
  type PooledOrderRow,
} from '../../store/pooledOrders';
import type { Queryable } from '../../store/store';
import { reportPooledStarted } from '../../workflows/groupFeedEvents';
import { defineFunction } from '../define';
import { assertNotDissolved, groupIdParam, memberGroup } from '../groups/access';
import { purchasePacketsOf } from '../../workflows/orders';
import { fields, isoDateTime } from '../validation';
import { commerceErrors } from './errors';
import { pooledOrderJson, pooledOrderSummaryJson } from './json';
import { choosePayment, payParams, paymentDeadline, readyPayment, type PaymentChoice } from './payments';
import { openIntent } from '../../workflows/payments';
import { findLatestPayment } from '../../store/payments';
import { pooledOrderIdOf, purchasePacketFenByBuyer } from '../../workflows/placedOrders';
import { cachedPlan } from './planCache';

/**
 * The adapter between the store and the planner (cloud/domain/coupons, planPooledOrders): the
 * pooled lines and the coupons the group's members hold go in, the plan (or the input rule that
 * failed) comes out.
 */
export async function planPooledOrder(
  db: Queryable,
  order: PooledOrderRow,
  now: Date,
): Promise<{ plan: PooledPlan | null; planError: { code: string; message: string } | null }> {
  const lines = await listPooledLines(db, order.id);
  if (lines.length === 0) return { plan: null, planError: null };
  const input = plannerInput(lines, await couponsHeldInGroup(db, order.group_id, order.campaign_id, now));
  const result = cachedPlan(input, { withShapley: withShapley(input) });
  return result.ok
    ? { plan: result.plan, planError: null }
    : { plan: null, planError: { code: result.error.code, message: `${result.error.path}: ${result.error.message}` } };
}

async function pooledView(db: Queryable, order: PooledOrderRow, now: Date): Promise<PooledOrderView> {
  const lines = await listPooledLines(db, order.id);
  const payments = await listPooledPayments(db, order.id);
  const groupMembers = await listMembers(db, order.group_id);
  // Everyone in the group, plus anyone who left but still has lines or a payment here.
  const userIds = [...new Set([...groupMembers.map((m) => m.userId), ...lines.map((l) => l.userId), ...payments.map((p) => p.user_id)])];
  const nicknames = await nicknamesOf(db, userIds);
  const packets = order.status === 'placed' ? await purchasePacketFenByBuyer(db, order.id, userIds) : null;
  const members: PooledMemberJson[] = userIds.map((userId) => {
    const payment = payments.find((p) => p.user_id === userId);
    return {
      userId,
      nickname: nicknames.get(userId) ?? '',
      lines: lines
        .filter((l) => l.userId === userId)
        .map((l) => ({
          lineId: l.lineId,
          itemId: l.itemId,
          productId: l.productId,
          title: l.title,
          shopName: l.shopName,
          unitPriceFen: l.unitPriceFen,
          qty: l.qty,
          amountFen: l.unitPriceFen * l.qty,
        })),
      dueFen: payment?.due_fen ?? null,
      payment: payment?.status ?? null,
      redPacketFen: packets && payment ? (packets.get(userId) ?? 0) : null,
    };
  });
  // A frozen plan is what members pay by; an open order shows the live plan of its current lines.
  const planned = order.status === 'open' ? await planPooledOrder(db, order, now) : { plan: order.plan, planError: null };
  const couponIds = planned.plan ? planCouponIds(planned.plan) : [];
  const planCoupons = (await couponTitles(db, couponIds)).map((c) => ({ ...c, holderNickname: nicknames.get(c.holderId) ?? '' }));
  return { pooledOrder: pooledOrderJson(order), members, plan: planned.plan, planError: planned.planError, planCoupons };
}

function changeError(refusal: ChangeRefusal): CloudError {
  return refusal.kind === 'expired' ? commerceErrors.pooledExpired() : commerceErrors.pooledClosed(refusal.status);
}

/** Loads a pooled order for a member of its group: 101 when unknown, 119 for outsiders. */
async function memberOrder(db: Queryable, pooledOrderId: string, userId: string, lock = false): Promise<PooledOrderRow> {
  const order = await findPooledOrder(db, pooledOrderId, lock);
  if (!order) throw notFound('找不到这个拼单（pooled order not found）');
  await memberGroup(db, order.group_id, userId);
  return order;
}

const deadlineMessages = {
  invalid: 'deadline: 请给出带时区的 ISO 时间，例如 2026-11-11T20:00:00+08:00',
  too_soon: 'deadline: 截止时间至少要在 10 分钟之后，给朋友们留出加购和付款的时间',
  too_far: 'deadline: 截止时间最多在 7 天之内',
};

export const startPooledOrder = defineFunction({
  name: 'startPooledOrder',
  access: 'user',
  params: z
    .object({
      groupId: fields.objectId('groupId'),
      deadline: isoDateTime('deadline', '请给出带时区的 ISO 时间，例如 2026-11-11T20:00:00+08:00'),
      requestId: fields.requestId,
    })
    .strict(),
  handler: async (ctx, { groupId, deadline, requestId }) => {
    const now = ctx.clock.now();
    const userId = ctx.user.id;
    return ctx.store.transaction(async (tx) => {
      // The group's row lock makes the open-orders count and the insert one step.
      const { group } = await memberGroup(tx, groupId, userId, { lock: true });
      const earlier = await findPooledOrderByRequest(tx, userId, requestId);
      if (earlier) return pooledView(tx, earlier, now);
      assertNotDissolved(group);
      const at = /^\d{4}-\d{2}-\d{2}T/.test(deadline) ? new Date(deadline) : new Date(NaN);
      const problem = checkDeadline(now, at);
      if (problem) throw invalidParams(deadlineMessages[problem]);
      const campaign = await findCampaignAt(tx, now);
      if (!campaign || !isRunning(campaign, now)) throw commerceErrors.campaignNotRunning();
      if ((await countOpenPooledOrders(tx, groupId)) >= MAX_OPEN_POOLED_ORDERS_PER_GROUP) {
        throw new CloudError(
          ErrorCode.USER_LIMIT,
          `一个小黑群同时最多进行 ${MAX_OPEN_POOLED_ORDERS_PER_GROUP} 个拼单，请先完成或等待已有的拼单截止`,
        );
      }
      const order = await insertPooledOrder(
        tx,
        { id: newObjectId(), groupId, campaignId: campaign.id, createdBy: userId, requestId, deadline: at },
        now,
      );
      await reportPooledStarted(tx, order, now);
      return pooledView(tx, order, now);
    });
  },
});

export const addPooledLine = defineFunction({
  name: 'addPooledLine',
  access: 'user',
  params: z
    .object({
      pooledOrderId: fields.objectId('pooledOrderId'),
      itemId: fields.objectId('itemId'),
      qty: z
        .number({ required_error: 'qty is required', invalid_type_error: 'qty must be a number' })
        .int('qty must be a whole number')
        .min(1, `qty must be 1-${PLANNER_LIMITS.maxQty}`)
        .max(PLANNER_LIMITS.maxQty, `qty must be 1-${PLANNER_LIMITS.maxQty}`),
    })
    .strict(),
  handler: async (ctx, { pooledOrderId, itemId, qty }) => {
    const now = ctx.clock.now();
    const userId = ctx.user.id;
    return ctx.store.transaction(async (tx) => {
      const order = await memberOrder(tx, pooledOrderId, userId, true);
      const refusal = checkChange(order, now, 'lines');
      if (refusal) throw changeError(refusal);
      const item = await findPoolableItem(tx, itemId, order.group_id);
      if (!item) throw notFound('共享清单里找不到这个商品（item not found in this group）');
      if (!item.product_id || !item.price_fen)
        throw invalidParams('itemId: 这个商品还不在商品目录里，暂时不能加入拼单，请选一个目录里的商品');
      const existing = await hasPooledLine(tx, pooledOrderId, userId, itemId);
      if (!existing && (await countPooledLines(tx, pooledOrderId)) >= MAX_POOLED_LINES) {
        throw new CloudError(ErrorCode.USER_LIMIT, `一个拼单最多 ${MAX_POOLED_LINES} 件商品，请另外发起一个拼单`);
      }
      await upsertPooledLine(
        tx,
        {
          id: newObjectId(),
          pooledOrderId,
          userId,
          itemId,
          productId: item.product_id,
          shopName: item.shop_name!,
          title: item.title!,
          unitPriceFen: item.price_fen,
          qty,
        },
        now,
      );
      return pooledView(tx, order, now);
    });
  },
});

export const removePooledLine = defineFunction({
  name: 'removePooledLine',
  access: 'user',
  params: z.object({ pooledOrderId: fields.objectId('pooledOrderId'), lineId: fields.objectId('lineId') }).strict(),
  handler: async (ctx, { pooledOrderId, lineId }) => {
    const now = ctx.clock.now();
    return ctx.store.transaction(async (tx) => {
      const order = await memberOrder(tx, pooledOrderId, ctx.user.id, true);
      const refusal = checkChange(order, now, 'lines');
      if (refusal) throw changeError(refusal);
      const line = await findPooledLine(tx, pooledOrderId, lineId);
      if (!line) throw notFound('拼单里找不到这件商品（line not found）');
      if (line.user_id !== ctx.user.id) throw forbidden('只能移除你自己加入拼单的商品');
      await deletePooledLine(tx, lineId);
      return pooledView(tx, order, now);
    });
  },
});

/** The group's pooled orders, so members find the one to join. */
export const listPooledOrders = defineFunction({
  name: 'listPooledOrders',
  access: 'user',
  params: groupIdParam,
  handler: async (ctx, { groupId }) => {
    await memberGroup(ctx.store, groupId, ctx.user.id);
    return { pooledOrders: (await listGroupPooledOrders(ctx.store, groupId)).map(pooledOrderSummaryJson) };
  },
});

export const getPooledOrder = defineFunction({
  name: 'getPooledOrder',
  access: 'user',
  params: z.object({ pooledOrderId: fields.objectId('pooledOrderId') }).strict(),
  handler: async (ctx, { pooledOrderId }) =>
    pooledView(ctx.store, await memberOrder(ctx.store, pooledOrderId, ctx.user.id), ctx.clock.now()),
});

/**
 * A member pays her part. The first confirmation freezes the plan (lines can no longer change)
 * and reserves its coupons; each member then pays her part into the order's escrow, once. When
 * the last part is paid the orders are placed and the escrow goes to the merchant; if the deadline
 * comes first, the expiry refunds every part paid (cloud/workflows/commerceExpiry.ts).
 */
export const confirmPooledOrder = defineFunction({
  name: 'confirmPooledOrder',
  access: 'user',
  params: z.object({ pooledOrderId: fields.objectId('pooledOrderId'), requestId: fields.requestId, ...payParams }).strict(),
  handler: async (ctx, { pooledOrderId, requestId, provider, walletFen = 0 }) => {
    const now = ctx.clock.now();
    const userId = ctx.user.id;
    const { payment, redPackets, title } = await ctx.store.transaction(async (tx) => {
      let order = await memberOrder(tx, pooledOrderId, userId, true);
      let mine = (await listPooledPayments(tx, pooledOrderId)).find((p) => p.user_id === userId);
      // A retry (or a second tap) after paying, or while the payment is on its way, answers the
      // same, whatever has happened since.
      if (mine?.status === 'paid' || mine?.status === 'refunded' || mine?.status === 'pending') {
        return {
          payment: await findLatestPayment(tx, userId, 'pooled_order', pooledOrderId),
          redPackets: mine.status === 'pending' ? [] : await purchasePacketsOf(tx, pooledOrderIdOf(pooledOrderId, userId), userId),
          title: '',
        };
      }
      const refusal = checkChange(order, now, 'confirm');
      if (refusal) throw changeError(refusal);
      let choice: PaymentChoice | undefined;
      if (order.status === 'open') {
        const lines = await listPooledLines(tx, pooledOrderId);
        if (!lines.some((l) => l.userId === userId)) throw invalidParams('pooledOrderId: 你还没有往这个拼单里加商品，先加商品再确认');
        const { plan, planError } = await planPooledOrder(tx, order, now);
        if (!plan) throw invalidParams(`拼单暂时无法计算（${planError?.message ?? 'no plan'}），请调整商品后重试`);
        if (plan.totalDiscountFen === 0) throw commerceErrors.thresholdNotMet();
        const { dues, couponIds } = duesOf(plan);
        // The provider is chosen before anything is frozen, so a caller who cannot pay changes nothing.
        const dueFen = dues.find((d) => d.userId === userId)?.dueFen ?? 0;
        choice = await choosePayment(ctx, tx, userId, provider, walletFen >= dueFen);
        if ((await useCoupons(tx, couponIds, pooledOrderId, now)) !== couponIds.length) throw commerceErrors.planStale();
        await freezePlan(tx, pooledOrderId, plan, dues);
        order = (await findPooledOrder(tx, pooledOrderId))!;
        mine = (await listPooledPayments(tx, pooledOrderId)).find((p) => p.user_id === userId);
      }
      if (!mine || mine.status !== 'due') throw invalidParams('pooledOrderId: 你在这个拼单里没有商品，无需付款');
      choice ??= await choosePayment(ctx, tx, userId, provider, walletFen >= mine.due_fen);
      const paymentId = newObjectId();
      await markPooledPending(tx, pooledOrderId, userId, requestId, paymentId);
      const opened = await openIntent(
        tx,
        {
          id: paymentId,
          userId,
          ...choice,
          purpose: 'pooled_order',
          targetId: pooledOrderId,
          campaignId: order.campaign_id,
          requestId,
          totalFen: mine.due_fen,
          walletFen,
          expiresAt: paymentDeadline(ctx, now, order.deadline),
        },
        now,
      );
      // Packets come when the orders are placed: the last payer gets hers in this reply, everyone
      // sees each payer's under her row of the view.
      return { payment: opened.payment, redPackets: opened.paid?.redPackets ?? [], title: '小黑群拼单' };
    });
    if (!payment) throw new Error(`pooled order ${pooledOrderId} member ${userId} has no payment`);
    const answer = await readyPayment(ctx, payment, title || '小黑群拼单');
    const view = await pooledView(ctx.store, (await findPooledOrder(ctx.store, pooledOrderId))!, now);
    const paidFen = answer.status === 'pending' || answer.status === 'closed' ? 0 : answer.amountFen + answer.walletFen;
    return { ...view, paidFen, redPackets, payment: answer };
  },
});
