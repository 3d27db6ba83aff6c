import { appendEvent } from '../store/feed';
import type { PooledPlan } from '../domain/coupons';
import { closeGroupBuy, groupBuyFeedFacts } from '../store/groupBuys';
import { findPooledOrder } from '../store/pooledOrders';
import type { Queryable } from '../store/store';

/*
 * Feed lines of commerce events, written in the transaction of the change they report, so the
 * feed never tells of something that rolled back and never misses something that committed.
 */

/**
 * Closes an open group buy with its ending and, for a buy opened in a group, tells the group
 * (`group_buy_succeeded` / `group_buy_failed`, actor: the leader). Answers whether this call closed
 * it (false: it was closed already, nothing written). The caller holds the buy's row lock.
 */
export async function endGroupBuy(
  tx: Queryable,
  groupBuyId: string,
  status: 'succeeded' | 'failed',
  outcome: string,
  now: Date,
): Promise<boolean> {
  if (!(await closeGroupBuy(tx, groupBuyId, status, outcome, now))) return false;
  const facts = await groupBuyFeedFacts(tx, groupBuyId);
  if (facts?.group_id) {
    await appendEvent(tx, {
      groupId: facts.group_id,
      type: status === 'succeeded' ? 'group_buy_succeeded' : 'group_buy_failed',
      actorId: facts.leader_id,
      data: { groupBuyId, title: facts.title, outcome, size: facts.size, paidCount: facts.paid, groupPriceFen: facts.group_price_fen },
      now,
    });
  }
  return true;
}

/** A pooled order started in its group (actor: the member who started it). */
export async function reportPooledStarted(
  tx: Queryable,
  order: { id: string; group_id: string; created_by: string; deadline: Date },
  now: Date,
): Promise<void> {
  await appendEvent(tx, {
    groupId: order.group_id,
    type: 'pooled_started',
    actorId: order.created_by,
    data: { pooledOrderId: order.id, deadline: order.deadline.toISOString() },
    now,
  });
}

/** Everyone paid: the pooled order's orders went out (actor: the member who started it). */
export async function reportPooledPlaced(
  tx: Queryable,
  order: { id: string; group_id: string; created_by: string },
  plan: Pick<PooledPlan, 'members' | 'totalAmountFen' | 'totalDiscountFen'>,
  now: Date,
): Promise<void> {
  await appendEvent(tx, {
    groupId: order.group_id,
    type: 'pooled_placed',
    actorId: order.created_by,
    data: {
      pooledOrderId: order.id,
      memberCount: plan.members.length,
      totalFen: plan.totalAmountFen,
      discountFen: plan.totalDiscountFen,
    },
    now,
  });
}

/** The deadline passed before everyone paid (no actor: time did it). */
export async function reportPooledExpired(tx: Queryable, pooledOrderId: string, now: Date): Promise<void> {
  const order = await findPooledOrder(tx, pooledOrderId);
  if (!order) return;
  await appendEvent(tx, {
    groupId: order.group_id,
    type: 'pooled_expired',
    actorId: null,
    subjectId: order.created_by,
    data: { pooledOrderId },
    now,
  });
}
