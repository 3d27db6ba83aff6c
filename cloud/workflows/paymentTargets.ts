/**
 * What a payment pays for, and what its arrival or its closing does there: a seat in a group buy
 * (pending → paid, and the buy succeeds at N paid seats) or a member's part of a pooled order
 * (pending → paid, and the orders are placed when every part is paid). Callers hold the target's
 * row lock (lockPaymentTarget) before the payment's, the one order every path locks them in.
 */
import { isComplete } from '../domain/commerce/groupBuy';
import { findDeal, findGroupBuy, markMemberPaid, releaseMember, releaseSeat, type GroupBuyRow } from '../store/groupBuys';
import {
  findPooledOrder,
  listPooledLines,
  listPooledPayments,
  markPooledPaid,
  releasePooledPart,
  setPooledStatus,
  type PooledOrderRow,
} from '../store/pooledOrders';
import { notify } from '../store/notifications';
import type { PaymentRow } from '../store/payments';
import type { Queryable } from '../store/store';
import { settleEscrow } from './escrow';
import { succeedGroupBuy } from './groupBuySuccess';
import { reportPooledPlaced } from './groupFeedEvents';
import type { PurchasePacket } from './orders';
import { recordPooledOrders } from './placedOrders';

export type LockedTarget =
  { kind: 'group_buy'; buy: GroupBuyRow | undefined } | { kind: 'pooled_order'; order: PooledOrderRow | undefined };

/** Locks the row of what the payment pays for (the group buy or the pooled order) and answers it. */
export async function lockPaymentTarget(tx: Queryable, payment: Pick<PaymentRow, 'purpose' | 'target_id'>): Promise<LockedTarget> {
  if (payment.purpose === 'group_buy') return { kind: 'group_buy', buy: await findGroupBuy(tx, payment.target_id, true) };
  return { kind: 'pooled_order', order: await findPooledOrder(tx, payment.target_id, true) };
}

export interface PaidOutcome {
  /** false: the seat or part was no longer waiting for this payment; its money must go back. */
  accepted: boolean;
  /** The purchase red packets the payer's placed order earned, when this payment placed it. */
  redPackets: PurchasePacket[];
}

/** The payment's money is in the escrow: the seat or part it held becomes paid. */
export async function acceptPaid(tx: Queryable, payment: PaymentRow, now: Date, locked?: LockedTarget): Promise<PaidOutcome> {
  if (payment.purpose === 'group_buy') {
    // The caller's locked read of the buy, when it made one, is still current: it holds the lock.
    const buy = locked?.kind === 'group_buy' ? locked.buy : await findGroupBuy(tx, payment.target_id);
    if (!buy || buy.status !== 'open') return { accepted: false, redPackets: [] };
    const paidCount = await markMemberPaid(tx, buy.id, payment.user_id, payment.id);
    if (paidCount === null) return { accepted: false, redPackets: [] };
    if (isComplete(buy, paidCount)) {
      const deal = await findDeal(tx, buy.deal_id);
      if (!deal) throw new Error(`group buy ${buy.id} has no deal`);
      await succeedGroupBuy(tx, buy.id, deal.campaign_id, 'full', now);
    }
    return { accepted: true, redPackets: [] };
  }
  const order = locked?.kind === 'pooled_order' ? locked.order : await findPooledOrder(tx, payment.target_id);
  if (!order || order.status !== 'confirming') return { accepted: false, redPackets: [] };
  if (!(await markPooledPaid(tx, order.id, payment.user_id, payment.id, now))) return { accepted: false, redPackets: [] };
  const parts = await listPooledPayments(tx, order.id);
  if (parts.some((p) => p.status === 'due' || p.status === 'pending')) return { accepted: true, redPackets: [] };
  // The last part is in: the orders go out and the escrow to the merchant, once.
  await setPooledStatus(tx, order.id, 'placed', now);
  await settleEscrow(tx, `po-settle:${order.id}`, order.id, order.campaign_id, now);
  if (!order.plan) throw new Error(`pooled order ${order.id} was placed without a frozen plan`);
  const placed = await recordPooledOrders(tx, order, order.plan, await listPooledLines(tx, order.id), now);
  await notify(
    tx,
    parts.map((part) => ({
      userId: part.user_id,
      kind: 'pooled_order_placed' as const,
      effectKey: `po-placed:${order.id}:${part.user_id}`,
      payload: { pooledOrderId: order.id, groupId: order.group_id },
      groupId: order.group_id,
    })),
    now,
  );
  await reportPooledPlaced(tx, order, order.plan, now);
  return { accepted: true, redPackets: placed.get(payment.user_id) ?? [] };
}

/** The payment closed unpaid: the seat goes back to the buy, or the part is due again. */
export async function releaseHeld(tx: Queryable, payment: PaymentRow, now: Date): Promise<void> {
  if (payment.purpose === 'group_buy') {
    if (await releaseMember(tx, payment.target_id, payment.user_id, payment.id, now)) await releaseSeat(tx, payment.target_id);
    return;
  }
  await releasePooledPart(tx, payment.target_id, payment.user_id, payment.id);
}
