/**
 * The escrow of a pooled order or a group buy: a shopper's payment goes in, and all of it leaves
 * either to the merchant (the order is placed, the buy succeeds) or back to each payer (a refund).
 * Every movement is one ledger posting keyed by its effect, so it happens once whoever repeats it.
 */
import { accountIds, transfer } from '../domain/money/posting';
import { balanceOf, ensureAccounts, post } from '../store/ledger';
import type { Queryable } from '../store/store';

/**
 * A shopper's payment for a pooled order or group buy, once per effect: from her payment account
 * (money from outside the ledger) into the order's escrow.
 */
export async function payIntoEscrow(
  db: Queryable,
  effectKey: string,
  userId: string,
  escrowOf: string,
  amountFen: number,
  now: Date,
): Promise<'posted' | 'duplicate'> {
  const from = accountIds.payment(userId);
  const to = accountIds.escrow(escrowOf);
  await ensureAccounts(db, [from, to]);
  return post(db, transfer(effectKey, 'escrow_pay', from, to, amountFen), now);
}

/** A refund, once per effect: from the escrow back to the shopper's payment account. */
export async function refundFromEscrow(
  db: Queryable,
  effectKey: string,
  userId: string,
  escrowOf: string,
  amountFen: number,
  now: Date,
): Promise<'posted' | 'duplicate'> {
  const from = accountIds.escrow(escrowOf);
  const to = accountIds.payment(userId);
  return post(db, transfer(effectKey, 'escrow_refund', from, to, amountFen), now);
}

/** Releases everything held in the escrow to the merchant, once per effect; answers the amount. */
export async function settleEscrow(db: Queryable, effectKey: string, escrowOf: string, campaignId: string, now: Date): Promise<number> {
  const escrow = accountIds.escrow(escrowOf);
  const amountFen = await balanceOf(db, escrow);
  if (amountFen === 0) return 0;
  const merchant = accountIds.merchant(campaignId);
  await ensureAccounts(db, [merchant]);
  const outcome = await post(db, transfer(effectKey, 'escrow_settle', escrow, merchant, amountFen), now);
  return outcome === 'posted' ? amountFen : 0;
}
