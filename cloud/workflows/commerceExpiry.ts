import { expiryOutcome } from '../domain/commerce/groupBuy';
import { releaseCoupons } from '../store/coupons';
import { countPaidMembers, listDueGroupBuyIds, lockGroupBuyForExpiry, refundPaidMembers, releasePendingMembers } from '../store/groupBuys';
import {
  listDuePooledOrderIds,
  lockPooledOrderForExpiry,
  refundPaidPayments,
  setPooledStatus,
  voidDuePayments,
} from '../store/pooledOrders';
import type { PaymentPurpose } from '../../contract/payments';
import { notify, type NewNotification } from '../store/notifications';
import { ProviderRejected, ProviderUnavailable } from '../payments/provider';
import { findPayment, listPendingPaymentsFor } from '../store/payments';
import type { Queryable } from '../store/store';
import { refundFromEscrow } from './escrow';
import { succeedGroupBuy } from './groupBuySuccess';
import { endGroupBuy, reportPooledExpired } from './groupFeedEvents';
import { reconcilePayment, runRefundsOf, type PaymentCallDeps } from './paymentCalls';
import { closeIntent, refundPayment } from './payments';

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
export async function runCommerceExpiry(deps: PaymentCallDeps, now: Date): Promise<ExpiryResult> {
  const { store } = deps;
  const result: ExpiryResult = {
    groupBuysFailed: 0,
    groupBuysSucceeded: 0,
    pooledOrdersExpired: 0,
    refunds: 0,
    refundedFen: 0,
  };
  const refunded: string[] = [];
  for (const id of await listDueGroupBuyIds(store, now, MAX_EXPIRIES_PER_CHECK)) {
    if (!(await askProvidersAboutHeld(deps, 'group_buy', id, now))) continue;
    await store.transaction((tx) => expireGroupBuy(tx, id, now, result, refunded));
  }
  for (const id of await listDuePooledOrderIds(store, now, MAX_EXPIRIES_PER_CHECK)) {
    if (!(await askProvidersAboutHeld(deps, 'pooled_order', id, now))) continue;
    await store.transaction((tx) => expirePooledOrder(tx, id, now, result, refunded));
  }
  // The refunds' provider parts go out now that their decisions are committed; one the provider
  // does not take now is retried by the reconciler.
  await runRefundsOf(deps, refunded, now);
  return result;
}

/**
 * Before a buy or an order is settled, each payment still holding a seat or a part of it is asked
 * about at its provider, outside any transaction, and closed there when unpaid (its deadline is
 * the thing's own at the latest, so it has passed): money paid in time counts, and no payment is
 * let go on our side alone while the provider could still have taken it, where neither a lost
 * notification nor the reconciler (which asks about pending payments only) would bring it back.
 * False when a provider did not answer (or refused the question): the thing is settled at a later run.
 */
async function askProvidersAboutHeld(deps: PaymentCallDeps, purpose: PaymentPurpose, targetId: string, now: Date): Promise<boolean> {
  for (const payment of await listPendingPaymentsFor(deps.store, purpose, targetId)) {
    // A demo payment, or one never created at its provider, cannot be paid there: closed below.
    if (payment.provider === 'demo' || !payment.params) continue;
    try {
      await reconcilePayment(deps, payment, now);
    } catch (error) {
      // Not answered, or this question refused: this one waits, the others are settled.
      if (error instanceof ProviderUnavailable || error instanceof ProviderRejected) return false;
      throw error;
    }
  }
  return true;
}

/**
 * Sends back what one member paid: through her payment (its wallet and provider parts), or, for
 * a seat paid before payments had rows of their own, straight from the escrow. Answers the fen.
 */
async function refundMember(
  tx: Queryable,
  member: { user_id: string; payment_id: string | null; amountFen: number },
  escrowOf: string,
  effectKey: string,
  reason: string,
  now: Date,
  refunded: string[],
): Promise<number> {
  const payment = member.payment_id ? await findPayment(tx, member.payment_id, true) : undefined;
  if (!payment) {
    return (await refundFromEscrow(tx, effectKey, member.user_id, escrowOf, member.amountFen, now)) === 'posted' ? member.amountFen : 0;
  }
  const fen = await refundPayment(tx, payment, effectKey, reason, now, { walletPart: true });
  if (fen > 0) refunded.push(payment.id);
  return fen;
}

/** Lets go of the holds of payments still on their way when the thing they pay for closes. */
async function closeHeldPayments(tx: Queryable, paymentIds: readonly string[], now: Date): Promise<void> {
  for (const id of paymentIds) {
    const payment = await findPayment(tx, id, true);
    if (payment?.status === 'pending') await closeIntent(tx, payment, now);
  }
}

async function expireGroupBuy(tx: Queryable, groupBuyId: string, now: Date, result: ExpiryResult, refunded: string[]): Promise<void> {
  const buy = await lockGroupBuyForExpiry(tx, groupBuyId);
  if (!buy || buy.status !== 'open' || buy.expires_at > now) return;
  // Seats still waiting for their money at the deadline are let go; money arriving later goes back.
  await closeHeldPayments(tx, await releasePendingMembers(tx, groupBuyId, now), now);
  const outcome = expiryOutcome(await countPaidMembers(tx, groupBuyId), buy.virtual_completion);
  if (outcome.status === 'succeeded') {
    await succeedGroupBuy(tx, groupBuyId, buy.campaign_id, outcome.outcome, now);
    result.groupBuysSucceeded++;
    return;
  }
  await endGroupBuy(tx, groupBuyId, outcome.status, outcome.outcome, now);
  const notices: NewNotification[] = [];
  for (const member of await refundPaidMembers(tx, groupBuyId, now)) {
    notices.push({
      userId: member.user_id,
      kind: 'group_buy_failed',
      effectKey: `gb-failed:${groupBuyId}:${member.user_id}`,
      payload: { groupBuyId, refundedFen: member.amount_fen },
      groupBuyId,
    });
    const effectKey = `gb-refund:${groupBuyId}:${member.user_id}`;
    const fen = await refundMember(
      tx,
      { ...member, amountFen: member.amount_fen },
      groupBuyId,
      effectKey,
      '拼团未成团，款项原路退回',
      now,
      refunded,
    );
    if (fen > 0) {
      result.refunds++;
      result.refundedFen += fen;
    }
  }
  await notify(tx, notices, now);
  result.groupBuysFailed++;
}

async function expirePooledOrder(tx: Queryable, pooledOrderId: string, now: Date, result: ExpiryResult, refunded: string[]): Promise<void> {
  const order = await lockPooledOrderForExpiry(tx, pooledOrderId);
  if (!order || (order.status !== 'open' && order.status !== 'confirming') || order.deadline > now) return;
  await setPooledStatus(tx, pooledOrderId, 'expired', now);
  await reportPooledExpired(tx, pooledOrderId, now);
  await releaseCoupons(tx, pooledOrderId);
  await closeHeldPayments(tx, await voidDuePayments(tx, pooledOrderId), now);
  const notices: NewNotification[] = [];
  for (const member of await refundPaidPayments(tx, pooledOrderId, now)) {
    notices.push({
      userId: member.user_id,
      kind: 'pooled_order_expired',
      effectKey: `po-expired:${pooledOrderId}:${member.user_id}`,
      payload: { pooledOrderId, groupId: order.group_id, refundedFen: member.due_fen },
      groupId: order.group_id,
    });
    const effectKey = `po-refund:${pooledOrderId}:${member.user_id}`;
    const fen = await refundMember(
      tx,
      { ...member, amountFen: member.due_fen },
      pooledOrderId,
      effectKey,
      '拼单到期未成，款项原路退回',
      now,
      refunded,
    );
    if (fen > 0) {
      result.refunds++;
      result.refundedFen += fen;
    }
  }
  await notify(tx, notices, now);
  result.pooledOrdersExpired++;
}
