import { expiryOutcome } from '../domain/commerce/groupBuy';
import { recordGroupBuyOrders } from '../functions/commerce/placedOrders';
import { refundFromEscrow, settleEscrow } from '../store/commerce';
import { releaseCoupons, setPooledStatus } from '../store/commercePooled';
import type { Queryable, Store } from '../store/store';

/** Group buys and pooled orders settled per check at most; the next check takes the rest. */
export const MAX_EXPIRIES_PER_CHECK = 500;

export interface ExpiryResult {
  groupBuysFailed: number;
  groupBuysSucceeded: number;
  pooledOrdersExpired: number;
  refunds: number;
  refundedFen: number;
}

/**
 * Settles every group buy and pooled order whose deadline has passed, exactly once, however many
 * hosts run it and however often: each one is settled in its own transaction under a lock on its
 * row, only while still open (a second runner finds it settled and does nothing), and every
 * refund is a ledger posting keyed by its effect (`gb-refund:<groupBuyId>:<userId>`,
 * `po-refund:<pooledOrderId>:<userId>`), so a runner killed midway and run again cannot pay twice.
 */
export async function runCommerceExpiry(store: Store, now: Date): Promise<ExpiryResult> {
  const result: ExpiryResult = { groupBuysFailed: 0, groupBuysSucceeded: 0, pooledOrdersExpired: 0, refunds: 0, refundedFen: 0 };
  const buys = await store.query<{ id: string }>(
    `select id from group_buys where status = 'open' and expires_at <= $1 order by expires_at, id limit $2`,
    [now, MAX_EXPIRIES_PER_CHECK],
  );
  for (const { id } of buys) await store.transaction((tx) => expireGroupBuy(tx, id, now, result));
  const orders = await store.query<{ id: string }>(
    `select id from pooled_orders where status in ('open', 'confirming') and deadline <= $1 order by deadline, id limit $2`,
    [now, MAX_EXPIRIES_PER_CHECK],
  );
  for (const { id } of orders) await store.transaction((tx) => expirePooledOrder(tx, id, now, result));
  return result;
}

async function expireGroupBuy(tx: Queryable, groupBuyId: string, now: Date, result: ExpiryResult): Promise<void> {
  const [buy] = await tx.query<{ status: string; seats_taken: number; expires_at: Date; virtual_completion: boolean; campaign_id: string }>(
    `select g.status, g.seats_taken, g.expires_at, d.virtual_completion, d.campaign_id
     from group_buys g join deals d on d.id = g.deal_id where g.id = $1 for update of g`,
    [groupBuyId],
  );
  if (!buy || buy.status !== 'open' || buy.expires_at > now) return;
  const outcome = expiryOutcome({ seatsTaken: buy.seats_taken }, buy.virtual_completion);
  await tx.query('update group_buys set status = $2, outcome = $3, settled_at = $4 where id = $1', [groupBuyId, outcome.status, outcome.outcome, now]);
  if (outcome.status === 'succeeded') {
    await settleEscrow(tx, `gb-settle:${groupBuyId}`, groupBuyId, buy.campaign_id, now);
    await recordGroupBuyOrders(tx, groupBuyId, now);
    result.groupBuysSucceeded++;
    return;
  }
  const paid = await tx.query<{ user_id: string; amount_fen: number }>(
    `update group_buy_members set status = 'refunded', refunded_at = $2 where group_buy_id = $1 and status = 'paid' returning user_id, amount_fen`,
    [groupBuyId, now],
  );
  for (const member of paid) {
    if ((await refundFromEscrow(tx, `gb-refund:${groupBuyId}:${member.user_id}`, member.user_id, groupBuyId, member.amount_fen, now)) === 'posted') {
      result.refunds++;
      result.refundedFen += member.amount_fen;
    }
  }
  result.groupBuysFailed++;
}

async function expirePooledOrder(tx: Queryable, pooledOrderId: string, now: Date, result: ExpiryResult): Promise<void> {
  const [order] = await tx.query<{ status: string; deadline: Date }>('select status, deadline from pooled_orders where id = $1 for update', [pooledOrderId]);
  if (!order || (order.status !== 'open' && order.status !== 'confirming') || order.deadline > now) return;
  await setPooledStatus(tx, pooledOrderId, 'expired', now);
  await releaseCoupons(tx, pooledOrderId);
  await tx.query(`update pooled_order_payments set status = 'void' where pooled_order_id = $1 and status = 'due'`, [pooledOrderId]);
  const paid = await tx.query<{ user_id: string; due_fen: number }>(
    `update pooled_order_payments set status = 'refunded', refunded_at = $2 where pooled_order_id = $1 and status = 'paid' returning user_id, due_fen`,
    [pooledOrderId, now],
  );
  for (const member of paid) {
    if ((await refundFromEscrow(tx, `po-refund:${pooledOrderId}:${member.user_id}`, member.user_id, pooledOrderId, member.due_fen, now)) === 'posted') {
      result.refunds++;
      result.refundedFen += member.due_fen;
    }
  }
  result.pooledOrdersExpired++;
}
