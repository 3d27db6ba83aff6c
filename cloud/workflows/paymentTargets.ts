/**
 * What a payment pays for, and what its arrival or its closing does there: a seat in a group buy
 * (pending → paid, and the buy succeeds at N paid seats) or a member's part of a pooled order
 * (pending → paid, and the orders are placed when every part is paid). Callers hold the target's
 * row lock (lockPaymentTarget) before the payment's, the one order every path locks them in.
 */
import { isComplete } from '../domain/commerce/groupBuy';
import { countPaidMembers, findDeal, findGroupBuy, markMemberPaid, releaseMember, releaseSeat } from '../store/groupBuys';
import {
  findPooledOrder,
  listPooledLines,
  listPooledPayments,
  markPooledPaid,
  releasePooledPart,
  setPooledStatus,
} from '../store/pooledOrders';
import type { PaymentRow } from '../store/payments';
import type { Queryable } from '../store/store';
import { settleEscrow } from './escrow';
import { succeedGroupBuy } from './groupBuySuccess';
import type { PurchasePacket } from './orders';
import { recordPooledOrders } from './placedOrders';

/** Locks the row of what the payment pays for (the group buy or the pooled order). */
export async function lockPaymentTarget(tx: Queryable, payment: Pick<PaymentRow, 'purpose' | 'target_id'>): Promise<void> {
  if (payment.purpose === 'group_buy') await findGroupBuy(tx, payment.target_id, true);
  else await findPooledOrder(tx, payment.target_id, true);
}

export interface PaidOutcome {
  /** false: the seat or part was no longer waiting for this payment; its money must go back. */
  accepted: boolean;
  /** The purchase red packets the payer's placed order earned, when this payment placed it. */
  redPackets: PurchasePacket[];
}

/** The payment's money is in the escrow: the seat or part it held becomes paid. */
export async function acceptPaid(tx: Queryable, payment: PaymentRow, now: Date): Promise<PaidOutcome> {
  if (payment.purpose === 'group_buy') {
    const buy = await findGroupBuy(tx, payment.target_id);
    if (!buy || buy.status !== 'open') return { accepted: false, redPackets: [] };
    if (!(await markMemberPaid(tx, buy.id, payment.user_id, payment.id))) return { accepted: false, redPackets: [] };
    if (isComplete(buy, await countPaidMembers(tx, buy.id))) {
      const deal = await findDeal(tx, buy.deal_id);
      if (!deal) throw new Error(`group buy ${buy.id} has no deal`);
      await succeedGroupBuy(tx, buy.id, deal.campaign_id, 'full', now);
    }
    return { accepted: true, redPackets: [] };
  }
  const order = await findPooledOrder(tx, payment.target_id);
  if (!order || order.status !== 'confirming') return { accepted: false, redPackets: [] };
  if (!(await markPooledPaid(tx, order.id, payment.user_id, payment.id, now))) return { accepted: false, redPackets: [] };
  const unpaid = (await listPooledPayments(tx, order.id)).filter((p) => p.status === 'due' || p.status === 'pending');
  if (unpaid.length > 0) return { accepted: true, redPackets: [] };
  // The last part is in: the orders go out and the escrow to the merchant, once.
  await setPooledStatus(tx, order.id, 'placed', now);
  await settleEscrow(tx, `po-settle:${order.id}`, order.id, order.campaign_id, now);
  if (!order.plan) throw new Error(`pooled order ${order.id} was placed without a frozen plan`);
  const placed = await recordPooledOrders(tx, order, order.plan, await listPooledLines(tx, order.id), now);
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
