/**
 * Refunds of payments' provider parts: the only writer of payment_refunds. A row is the refund's
 * intent, written in the transaction that decides it and keyed by that decision's effect, so a
 * refund is asked of the provider once per effect whoever repeats the decision.
 */
import { firstRow, type Queryable } from './store';

export interface PaymentRefundRow {
  id: string;
  payment_id: string;
  effect_key: string;
  amount_fen: number;
  reason: string;
  status: 'pending' | 'processing' | 'succeeded' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  provider_refund_id: string | null;
  fail_reason: string | null;
  created_at: Date;
  finished_at: Date | null;
}

/** The refund's intent; answers false when the effect already has one. */
export async function insertRefund(
  db: Queryable,
  r: { id: string; paymentId: string; effectKey: string; amountFen: number; reason: string },
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `insert into payment_refunds (id, payment_id, effect_key, amount_fen, reason, status, next_attempt_at, created_at)
     values ($1, $2, $3, $4, $5, 'pending', $6, $6) on conflict (effect_key) do nothing returning id`,
    [r.id, r.paymentId, r.effectKey, r.amountFen, r.reason, now],
  );
  return rows.length === 1;
}

export async function findRefund(db: Queryable, id: string, lock = false): Promise<PaymentRefundRow | undefined> {
  return firstRow(await db.query<PaymentRefundRow>(`select * from payment_refunds where id = $1${lock ? ' for update' : ''}`, [id]));
}

export async function refundsOfPayment(db: Queryable, paymentId: string): Promise<PaymentRefundRow[]> {
  return db.query<PaymentRefundRow>(`select * from payment_refunds where payment_id = $1 order by created_at, id`, [paymentId]);
}

/** Refunds due for a call: not yet accepted and due for their next attempt, or accepted and not heard of since `before`. */
export async function listRefundsToWork(db: Queryable, before: Date, now: Date, limit: number): Promise<PaymentRefundRow[]> {
  return db.query<PaymentRefundRow>(
    `select * from payment_refunds
     where (status = 'pending' and next_attempt_at <= $2) or (status = 'processing' and next_attempt_at <= $1)
     order by next_attempt_at, id limit $3`,
    [before, now, limit],
  );
}

/** The provider accepted it (processing) or finished it; answers false when it had already finished. */
export async function recordRefundState(
  db: Queryable,
  id: string,
  state: { status: 'processing' | 'succeeded' | 'failed'; providerRefundId?: string | null; failReason?: string },
  now: Date,
): Promise<boolean> {
  const finished = state.status !== 'processing';
  const rows = await db.query(
    `update payment_refunds set status = $2, provider_refund_id = coalesce($3, provider_refund_id), fail_reason = $4,
       finished_at = case when $5 then $6::timestamptz else finished_at end, next_attempt_at = $6
     where id = $1 and status in ('pending', 'processing') returning id`,
    [id, state.status, state.providerRefundId ?? null, state.failReason ?? null, finished, now],
  );
  return rows.length === 1;
}

/** The provider did not answer: try again at `nextAttemptAt`. */
export async function deferRefund(db: Queryable, id: string, nextAttemptAt: Date): Promise<void> {
  await db.query(`update payment_refunds set attempts = attempts + 1, next_attempt_at = $2 where id = $1`, [id, nextAttemptAt]);
}
