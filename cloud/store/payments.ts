/**
 * Payments: the only writer of the payments table. A payment moves pending → paid → (refunding →
 * refunded), or pending → closed; every change here is conditional on the state it leaves, so
 * two hosts (a notification and the reconciler, say) applying the same change cannot both win.
 */
import type { PaymentPurpose, PaymentProviderName, PaymentStatus } from '../../contract/payments';
import { firstRow, oneRow, type Queryable } from './store';

export interface PaymentRow {
  id: string;
  user_id: string;
  provider: PaymentProviderName;
  purpose: PaymentPurpose;
  target_id: string;
  campaign_id: string;
  request_id: string;
  amount_fen: number;
  wallet_fen: number;
  status: PaymentStatus;
  payer_id: string | null;
  params: Record<string, string> | null;
  provider_trade_id: string | null;
  provider_paid_fen: number | null;
  expires_at: Date;
  created_at: Date;
  paid_at: Date | null;
  closed_at: Date | null;
  checked_at: Date | null;
  refunded_fen: number;
}

export interface NewPayment {
  id: string;
  userId: string;
  provider: PaymentProviderName;
  purpose: PaymentPurpose;
  targetId: string;
  campaignId: string;
  requestId: string;
  amountFen: number;
  walletFen: number;
  payerId: string | null;
  expiresAt: Date;
}

export async function insertPayment(db: Queryable, p: NewPayment, now: Date): Promise<PaymentRow> {
  const rows = await db.query<PaymentRow>(
    `insert into payments (id, user_id, provider, purpose, target_id, campaign_id, request_id, amount_fen, wallet_fen,
       status, payer_id, expires_at, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, $11, $12) returning *`,
    [p.id, p.userId, p.provider, p.purpose, p.targetId, p.campaignId, p.requestId, p.amountFen, p.walletFen, p.payerId, p.expiresAt, now],
  );
  return oneRow(rows, 'inserted payment');
}

export async function findPayment(db: Queryable, id: string, lock = false): Promise<PaymentRow | undefined> {
  return firstRow(await db.query<PaymentRow>(`select * from payments where id = $1${lock ? ' for update' : ''}`, [id]));
}

/** The payments still holding a seat or a part of one thing (a group buy, a pooled order), oldest first. */
export async function listPendingPaymentsFor(db: Queryable, purpose: PaymentPurpose, targetId: string): Promise<PaymentRow[]> {
  return db.query<PaymentRow>(
    `select * from payments where purpose = $1 and target_id = $2 and status = 'pending' order by created_at, id`,
    [purpose, targetId],
  );
}

/** The payer's newest payment for one thing, whatever its state (a retried call answers it). */
export async function findLatestPayment(
  db: Queryable,
  userId: string,
  purpose: PaymentPurpose,
  targetId: string,
): Promise<PaymentRow | undefined> {
  return firstRow(
    await db.query<PaymentRow>(
      `select * from payments where user_id = $1 and purpose = $2 and target_id = $3 order by created_at desc, id desc limit 1`,
      [userId, purpose, targetId],
    ),
  );
}

/** The params of the provider's order, once it exists; only while the payment is still pending. */
export async function setPaymentParams(db: Queryable, id: string, params: object): Promise<void> {
  await db.query(`update payments set params = $2 where id = $1 and status = 'pending'`, [id, JSON.stringify(params)]);
}

/** pending or closed → paid; answers false when it was already paid (or refunded): a repeat. */
export async function markPaymentPaid(
  db: Queryable,
  id: string,
  trade: { providerTradeId: string | null; paidFen: number },
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `update payments set status = 'paid', provider_trade_id = $2, provider_paid_fen = $3, paid_at = $4, params = null
     where id = $1 and status in ('pending', 'closed') returning id`,
    [id, trade.providerTradeId, trade.paidFen, now],
  );
  return rows.length === 1;
}

/** pending → closed (unpaid at its deadline, or its creation refused); false when it was not pending. */
export async function markPaymentClosed(db: Queryable, id: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    `update payments set status = 'closed', closed_at = $2, params = null where id = $1 and status = 'pending' returning id`,
    [id, now],
  );
  return rows.length === 1;
}

/** Records money sent back; the status says whether a provider refund is still on its way. */
export async function markPaymentRefunding(
  db: Queryable,
  id: string,
  refundedFen: number,
  status: 'refunding' | 'refunded',
): Promise<void> {
  await db.query(`update payments set status = $3, refunded_fen = refunded_fen + $2 where id = $1`, [id, refundedFen, status]);
}

export async function setPaymentStatus(db: Queryable, id: string, from: PaymentStatus, to: PaymentStatus): Promise<boolean> {
  const rows = await db.query(`update payments set status = $3 where id = $1 and status = $2 returning id`, [id, from, to]);
  return rows.length === 1;
}

export async function touchPaymentChecked(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query(`update payments set checked_at = $2 where id = $1`, [id, now]);
}

/**
 * Pending payments the reconciler should ask about: past their deadline, or created before
 * `before` and not asked about since then; the oldest first, at most `limit`.
 */
export async function listPaymentsToReconcile(db: Queryable, before: Date, now: Date, limit: number): Promise<PaymentRow[]> {
  return db.query<PaymentRow>(
    `select * from payments where status = 'pending'
       and (expires_at <= $2 or (created_at <= $1 and (checked_at is null or checked_at <= $1)))
     order by created_at, id limit $3`,
    [before, now, limit],
  );
}

/** The payer's payments, newest first; `cursor` is the last id of the previous page. */
export async function listPaymentsOf(db: Queryable, userId: string, cursor: string | undefined, limit: number): Promise<PaymentRow[]> {
  if (!cursor) {
    return db.query<PaymentRow>(`select * from payments where user_id = $1 order by created_at desc, id desc limit $2`, [userId, limit]);
  }
  return db.query<PaymentRow>(
    `select p.* from payments p, payments c where c.id = $2 and c.user_id = $1 and p.user_id = $1
       and (p.created_at, p.id) < (c.created_at, c.id)
     order by p.created_at desc, p.id desc limit $3`,
    [userId, cursor, limit],
  );
}

/**
 * The common case of a "paid" notification in one statement (the apply_payment_paid database
 * function, migration 016): 'applied', 'duplicate', 'unknown' (not a payment of this provider),
 * or 'fallback' when the workflow must run (cloud/workflows/payments.ts applyTrade), nothing
 * having been written.
 */
export async function applyPaidInOneStatement(
  db: Queryable,
  paymentId: string,
  provider: 'wechatpay' | 'alipay',
  trade: { providerTradeId: string; paidFen: number },
  now: Date,
): Promise<'applied' | 'duplicate' | 'unknown' | 'fallback'> {
  const rows = await db.query<{ outcome: 'applied' | 'duplicate' | 'unknown' | 'fallback' }>(
    'select apply_payment_paid($1, $2, $3, $4, $5) as outcome',
    [paymentId, provider, trade.providerTradeId, trade.paidFen, now],
  );
  return oneRow(rows, 'apply_payment_paid').outcome;
}
