/**
 * The payment state machine in the ledger's terms (docs/PAYMENTS.md):
 *
 *   intent (pending, the seat or part held until expiresAt; any wallet part moved into the escrow)
 *     → paid (the provider's part moved into the escrow; the seat or part paid)
 *       → refunding → refunded (a failed or left group buy, an expired pooled order, money that
 *         arrived for something no longer waiting for it)
 *     → closed (unpaid at expiresAt, or refused by the provider: the hold released, the wallet
 *       part back in the wallet)
 *
 * Every transition is a conditional update of the payment's row plus ledger postings keyed by it
 * (`pay:<id>`, `pay-wallet:<id>`, `pay-wallet-back:<id>`, the refund's effect key), so repeating
 * one (a repeated notification, the reconciler racing a notification) changes nothing. Nothing
 * here calls a provider: the calls happen outside transactions (paymentCalls.ts), and their
 * answers come back through applyTrade.
 */
import { ErrorCode } from '../../contract/errors';
import type { PaymentPurpose, PaymentProviderName } from '../../contract/payments';
import { accountIds, transfer } from '../domain/money/posting';
import { CloudError } from '../errors';
import { newObjectId } from '../ids';
import type { TradeState } from '../payments/provider';
import { ensureAccounts, InsufficientFunds, post } from '../store/ledger';
import { insertRefund } from '../store/paymentRefunds';
import { findPayment, insertPayment, markPaymentClosed, markPaymentPaid, markPaymentRefunding, type PaymentRow } from '../store/payments';
import type { Queryable } from '../store/store';
import { acceptPaid, lockPaymentTarget, releaseHeld, type LockedTarget, type PaidOutcome } from './paymentTargets';

export const walletTooLow = () => new CloudError(ErrorCode.WALLET_TOO_LOW, '红包余额不足，请少用一些红包抵扣（wallet balance too low）');

export interface NewIntent {
  /** The payment's id (our out_trade_no), chosen by the caller so that the hold can name it. */
  id: string;
  userId: string;
  provider: PaymentProviderName;
  payerId: string | null;
  purpose: PaymentPurpose;
  targetId: string;
  campaignId: string;
  requestId: string;
  totalFen: number;
  walletFen: number;
  expiresAt: Date;
}

/**
 * Writes a payment's intent inside the caller's transaction (which has already put the seat or
 * part on hold for it, pending). A demo payment, or one the wallet covers in full, needs no
 * outside service: it is paid at once, in the same transaction, and `paid` says what that did.
 */
export async function openIntent(tx: Queryable, intent: NewIntent, now: Date): Promise<{ payment: PaymentRow; paid: PaidOutcome | null }> {
  if (intent.walletFen > intent.totalFen) {
    throw new CloudError(ErrorCode.INVALID_PARAMS, `walletFen: 最多抵扣 ${intent.totalFen} 分（这笔只需要这么多）`);
  }
  const payment = await insertPayment(
    tx,
    {
      id: intent.id,
      userId: intent.userId,
      provider: intent.provider,
      purpose: intent.purpose,
      targetId: intent.targetId,
      campaignId: intent.campaignId,
      requestId: intent.requestId,
      amountFen: intent.totalFen - intent.walletFen,
      walletFen: intent.walletFen,
      payerId: intent.payerId,
      expiresAt: intent.expiresAt,
    },
    now,
  );
  const escrow = accountIds.escrow(intent.targetId);
  // Both accounts the payment will move money between exist from its intent on.
  await ensureAccounts(tx, [escrow, accountIds.payment(intent.userId)]);
  if (intent.walletFen > 0) {
    try {
      await post(tx, transfer(`pay-wallet:${payment.id}`, 'wallet_spend', accountIds.wallet(intent.userId), escrow, intent.walletFen), now);
    } catch (error) {
      if (error instanceof InsufficientFunds) throw walletTooLow();
      throw error;
    }
  }
  if (payment.amount_fen > 0 && payment.provider !== 'demo') return { payment, paid: null };
  const paid = await recordPaid(tx, payment, { providerTradeId: null, paidFen: payment.amount_fen }, now);
  return { payment: (await findPayment(tx, payment.id))!, paid };
}

/** The money arrived: into the escrow, then the seat or part; money nothing waits for any more goes back. */
async function recordPaid(
  tx: Queryable,
  payment: PaymentRow,
  trade: { providerTradeId: string | null; paidFen: number },
  now: Date,
  locked?: LockedTarget,
): Promise<PaidOutcome | null> {
  const wasClosed = payment.status === 'closed';
  if (!(await markPaymentPaid(tx, payment.id, trade, now))) return null;
  const escrow = accountIds.escrow(payment.target_id);
  if (trade.paidFen > 0) {
    await post(tx, transfer(`pay:${payment.id}`, 'escrow_pay', accountIds.payment(payment.user_id), escrow, trade.paidFen), now);
  }
  const paidRow = { ...payment, status: 'paid' as const, provider_paid_fen: trade.paidFen };
  if (wasClosed) {
    // Paid after it closed (the hold is gone, the wallet part already back): the money goes back.
    await refundPayment(tx, paidRow, `late-refund:${payment.id}`, '订单已关闭，款项原路退回', now, { walletPart: false });
    return { accepted: false, redPackets: [] };
  }
  if (trade.paidFen !== payment.amount_fen) {
    // A provider reporting another amount than we asked for: never accept it as payment.
    await releaseHeld(tx, payment, now);
    await refundPayment(tx, paidRow, `mismatch-refund:${payment.id}`, '支付金额与订单不符，款项原路退回', now, { walletPart: true });
    return { accepted: false, redPackets: [] };
  }
  const outcome = await acceptPaid(tx, paidRow, now, locked);
  if (!outcome.accepted) {
    await refundPayment(tx, paidRow, `late-refund:${payment.id}`, '拼团或拼单已结束，款项原路退回', now, { walletPart: true });
  }
  return outcome;
}

/**
 * What the provider says of a payment (a notification or a query), applied once: paid moves the
 * money and the seat; closed (or pending past its deadline, after closing it at the provider)
 * releases the hold. Locks the target's row, then the payment's.
 */
export async function applyTrade(
  tx: Queryable,
  target: Pick<PaymentRow, 'id' | 'purpose' | 'target_id'>,
  trade: TradeState,
  now: Date,
): Promise<{ changed: 'paid' | 'closed' | null }> {
  const locked = await lockPaymentTarget(tx, target);
  const payment = await findPayment(tx, target.id, true);
  if (!payment) throw new Error(`payment ${target.id} not found`);
  let changed: 'paid' | 'closed' | null = null;
  if (trade.state === 'paid' || trade.state === 'refunded') {
    // A refunded trade was paid first: record the payment (its refund is the provider's own doing).
    if ((await recordPaid(tx, payment, { providerTradeId: trade.providerTradeId, paidFen: trade.amountFen }, now, locked)) !== null)
      changed = 'paid';
  } else if (trade.state === 'closed' && payment.status === 'pending') {
    await closeIntent(tx, payment, now);
    changed = 'closed';
  }
  return { changed };
}

/** pending → closed: the hold released and the wallet part back in the wallet. The caller holds the target's lock. */
export async function closeIntent(tx: Queryable, payment: PaymentRow, now: Date): Promise<boolean> {
  if (!(await markPaymentClosed(tx, payment.id, now))) return false;
  if (payment.wallet_fen > 0) {
    await post(
      tx,
      transfer(
        `pay-wallet-back:${payment.id}`,
        'wallet_spend_back',
        accountIds.escrow(payment.target_id),
        accountIds.wallet(payment.user_id),
        payment.wallet_fen,
      ),
      now,
    );
  }
  await releaseHeld(tx, payment, now);
  return true;
}

/**
 * Sends a paid payment's money back, once per effect key: the wallet part to the wallet at once,
 * the provider part out of the escrow with a refund intent that paymentCalls.ts takes to the
 * provider (a demo payment's is done at once). Answers the amount sent back.
 */
export async function refundPayment(
  tx: Queryable,
  payment: PaymentRow,
  effectKey: string,
  reason: string,
  now: Date,
  parts: { walletPart: boolean },
): Promise<number> {
  const escrow = accountIds.escrow(payment.target_id);
  const providerFen = payment.provider_paid_fen ?? payment.amount_fen;
  let refundedFen = 0;
  let waiting = false;
  if (parts.walletPart && payment.wallet_fen > 0) {
    const wallet = accountIds.wallet(payment.user_id);
    if ((await post(tx, transfer(`${effectKey}:wallet`, 'wallet_refund', escrow, wallet, payment.wallet_fen), now)) === 'posted') {
      refundedFen += payment.wallet_fen;
    }
  }
  if (providerFen > 0) {
    const outcome = await post(tx, transfer(effectKey, 'escrow_refund', escrow, accountIds.payment(payment.user_id), providerFen), now);
    if (outcome === 'posted') {
      refundedFen += providerFen;
      if (payment.provider !== 'demo') {
        await insertRefund(tx, { id: newObjectId(), paymentId: payment.id, effectKey, amountFen: providerFen, reason }, now);
        waiting = true;
      }
    }
  }
  if (refundedFen > 0) await markPaymentRefunding(tx, payment.id, refundedFen, waiting ? 'refunding' : 'refunded');
  return refundedFen;
}
