import { expiryOutcome } from '../domain/commerce/groupBuy';
import { releaseCoupons } from '../store/coupons';
import { closeGroupBuy, listDueGroupBuyIds, lockGroupBuyForExpiry, refundPaidMembers } from '../store/groupBuys';
import {
  listDuePooledOrderIds,
  lockPooledOrderForExpiry,
  refundPaidPayments,
  setPooledStatus,
  voidDuePayments,
} from '../store/pooledOrders';
import type { Queryable, Store } from '../store/store';
import { refundFromEscrow } from './escrow';
import { succeedGroupBuy } from './groupBuySuccess';

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
 * The scheduler runs it every half minute (cloud/jobs/groupBuyExpiry.ts); an operator can run it
 * at once (the runCommerceExpiry function).
 */
export async function runCommerceExpiry(store: Store, now: Date): Promise<ExpiryResult> {
  const result: ExpiryResult = {
    groupBuysFailed: 0,
    groupBuysSucceeded: 0,
    pooledOrdersExpired: 0,
    refunds: 0,
    refundedFen: 0,
  };
  for (const id of await listDueGroupBuyIds(store, now, MAX_EXPIRIES_PER_CHECK)) {
    await store.transaction((tx) => expireGroupBuy(tx, id, now, result));
  }
  for (const id of await listDuePooledOrderIds(store, now, MAX_EXPIRIES_PER_CHECK)) {
    await store.transaction((tx) => expirePooledOrder(tx, id, now, result));
  }
  return result;
}

async function expireGroupBuy(tx: Queryable, groupBuyId: string, now: Date, result: ExpiryResult): Promise<void> {
  const buy = await lockGroupBuyForExpiry(tx, groupBuyId);
  if (!buy || buy.status !== 'open' || buy.expires_at > now) return;
  const outcome = expiryOutcome({ seatsTaken: buy.seats_taken }, buy.virtual_completion);
  if (outcome.status === 'succeeded') {
    await succeedGroupBuy(tx, groupBuyId, buy.campaign_id, outcome.outcome, now);
    result.groupBuysSucceeded++;
    return;
  }
  await closeGroupBuy(tx, groupBuyId, outcome.status, outcome.outcome, now);
  for (const member of await refundPaidMembers(tx, groupBuyId, now)) {
    const effectKey = `gb-refund:${groupBuyId}:${member.user_id}`;
    const refund = await refundFromEscrow(tx, effectKey, member.user_id, groupBuyId, member.amount_fen, now);
    if (refund === 'posted') {
      result.refunds++;
      result.refundedFen += member.amount_fen;
    }
  }
  result.groupBuysFailed++;
}

async function expirePooledOrder(tx: Queryable, pooledOrderId: string, now: Date, result: ExpiryResult): Promise<void> {
  const order = await lockPooledOrderForExpiry(tx, pooledOrderId);
  if (!order || (order.status !== 'open' && order.status !== 'confirming') || order.deadline > now) return;
  await setPooledStatus(tx, pooledOrderId, 'expired', now);
  await releaseCoupons(tx, pooledOrderId);
  await voidDuePayments(tx, pooledOrderId);
  for (const member of await refundPaidPayments(tx, pooledOrderId, now)) {
    const effectKey = `po-refund:${pooledOrderId}:${member.user_id}`;
    const refund = await refundFromEscrow(tx, effectKey, member.user_id, pooledOrderId, member.due_fen, now);
    if (refund === 'posted') {
      result.refunds++;
      result.refundedFen += member.due_fen;
    }
  }
  result.pooledOrdersExpired++;
}
