/**
 * Withdrawals of red-packet money: the only writer of withdrawals. The wallet is debited in the
 * transaction that writes the row (cloud/workflows/withdrawals.ts); a failure credits it back.
 */
import type { WithdrawalStatus } from '../../contract/payments';
import { firstRow, oneRow, type Queryable } from './store';

export interface WithdrawalRow {
  id: string;
  user_id: string;
  request_id: string;
  provider: 'demo' | 'wechatpay' | 'alipay';
  amount_fen: number;
  payee_id: string | null;
  status: WithdrawalStatus;
  submitted: boolean;
  params: { mchId: string; appId: string; package: string } | null;
  fail_reason: string | null;
  attempts: number;
  next_attempt_at: Date;
  created_at: Date;
  finished_at: Date | null;
}

export async function insertWithdrawal(
  db: Queryable,
  w: { id: string; userId: string; requestId: string; provider: WithdrawalRow['provider']; amountFen: number; payeeId: string | null },
  now: Date,
): Promise<WithdrawalRow> {
  const rows = await db.query<WithdrawalRow>(
    `insert into withdrawals (id, user_id, request_id, provider, amount_fen, payee_id, status, next_attempt_at, created_at)
     values ($1, $2, $3, $4, $5, $6, 'pending', $7, $7) returning *`,
    [w.id, w.userId, w.requestId, w.provider, w.amountFen, w.payeeId, now],
  );
  return oneRow(rows, 'inserted withdrawal');
}

export async function findWithdrawal(db: Queryable, id: string, lock = false): Promise<WithdrawalRow | undefined> {
  return firstRow(await db.query<WithdrawalRow>(`select * from withdrawals where id = $1${lock ? ' for update' : ''}`, [id]));
}

export async function findWithdrawalByRequest(db: Queryable, userId: string, requestId: string): Promise<WithdrawalRow | undefined> {
  return firstRow(await db.query<WithdrawalRow>(`select * from withdrawals where user_id = $1 and request_id = $2`, [userId, requestId]));
}

export async function listWithdrawalsOf(db: Queryable, userId: string, limit: number): Promise<WithdrawalRow[]> {
  return db.query<WithdrawalRow>(`select * from withdrawals where user_id = $1 order by created_at desc, id desc limit $2`, [
    userId,
    limit,
  ]);
}

/** What the user has withdrawn (or is withdrawing) since `since`: failed ones gave the money back. */
export async function withdrawnSince(db: Queryable, userId: string, since: Date): Promise<number> {
  const rows = await db.query<{ fen: number }>(
    `select coalesce(sum(amount_fen), 0)::bigint as fen from withdrawals where user_id = $1 and created_at >= $2 and status <> 'failed'`,
    [userId, since],
  );
  return Number(oneRow(rows, 'withdrawn total').fen);
}

export async function listWithdrawalsToWork(db: Queryable, before: Date, now: Date, limit: number): Promise<WithdrawalRow[]> {
  return db.query<WithdrawalRow>(
    `select * from withdrawals
     where (status = 'pending' and not submitted and next_attempt_at <= $2)
        or (status in ('pending', 'confirming') and submitted and next_attempt_at <= $1)
     order by next_attempt_at, id limit $3`,
    [before, now, limit],
  );
}

/** Records what the provider said; answers false when the withdrawal had already finished. */
export async function recordWithdrawalState(
  db: Queryable,
  id: string,
  state: { status: WithdrawalStatus; params?: WithdrawalRow['params']; failReason?: string },
  now: Date,
): Promise<boolean> {
  const finished = state.status === 'succeeded' || state.status === 'failed';
  const rows = await db.query(
    `update withdrawals set status = $2, submitted = true, params = coalesce($3::jsonb, params), fail_reason = $4,
       finished_at = case when $5 then $6::timestamptz else finished_at end, next_attempt_at = $6
     where id = $1 and status in ('pending', 'confirming') returning id`,
    [id, state.status, state.params ? JSON.stringify(state.params) : null, state.failReason ?? null, finished, now],
  );
  return rows.length === 1;
}

export async function deferWithdrawal(db: Queryable, id: string, nextAttemptAt: Date): Promise<void> {
  await db.query(`update withdrawals set attempts = attempts + 1, next_attempt_at = $2 where id = $1`, [id, nextAttemptAt]);
}
