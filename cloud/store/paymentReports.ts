/**
 * What operators read about payments, refunds and withdrawals: lists and the daily
 * reconciliation. Read-only; the tables' writers are payments.ts, paymentRefunds.ts and
 * withdrawals.ts.
 */
import type { PaymentRow } from './payments';
import type { PaymentRefundRow } from './paymentRefunds';
import type { Queryable } from './store';
import type { WithdrawalRow } from './withdrawals';

/** Rows per page of the operators' lists. */
export const ADMIN_PAGE = 50;

function pageAfter(table: string, alias: string, cursor: string | undefined, scope: string, first: number): string {
  // Newest first, by (created_at, id); the cursor is the last id of the previous page.
  return cursor ? `and (${alias}.created_at, ${alias}.id) < (select created_at, id from ${table} where id = $${first})` : scope;
}

export async function adminPayments(
  db: Queryable,
  campaignId: string,
  cursor: string | undefined,
): Promise<Array<PaymentRow & { nickname: string }>> {
  return db.query<PaymentRow & { nickname: string }>(
    `select p.*, u.nickname from payments p join users u on u.id = p.user_id
     where p.campaign_id = $1 ${pageAfter('payments', 'p', cursor, '', 2)}
     order by p.created_at desc, p.id desc limit ${ADMIN_PAGE + 1}`,
    cursor ? [campaignId, cursor] : [campaignId],
  );
}

export async function adminRefunds(
  db: Queryable,
  campaignId: string,
  cursor: string | undefined,
): Promise<Array<PaymentRefundRow & { nickname: string; user_id: string; provider: PaymentRow['provider'] }>> {
  return db.query<PaymentRefundRow & { nickname: string; user_id: string; provider: PaymentRow['provider'] }>(
    `select r.*, p.user_id, p.provider, u.nickname from payment_refunds r
       join payments p on p.id = r.payment_id join users u on u.id = p.user_id
     where p.campaign_id = $1 ${pageAfter('payment_refunds', 'r', cursor, '', 2)}
     order by r.created_at desc, r.id desc limit ${ADMIN_PAGE + 1}`,
    cursor ? [campaignId, cursor] : [campaignId],
  );
}

export async function adminWithdrawals(db: Queryable, cursor: string | undefined): Promise<Array<WithdrawalRow & { nickname: string }>> {
  return db.query<WithdrawalRow & { nickname: string }>(
    `select w.*, u.nickname from withdrawals w join users u on u.id = w.user_id
     where true ${pageAfter('withdrawals', 'w', cursor, '', 1)}
     order by w.created_at desc, w.id desc limit ${ADMIN_PAGE + 1}`,
    cursor ? [cursor] : [],
  );
}

export interface PaymentDayRow {
  day: string;
  provider: PaymentRow['provider'];
  paid_count: number;
  paid_fen: number;
  provider_reported_fen: number;
  mismatch_count: number;
  refunded_fen: number;
  refunds_open: number;
  refunds_failed: number;
  closed_count: number;
  wallet_fen: number;
  withdrawn_fen: number;
  withdrawals_failed: number;
}

/**
 * Per day (in `timeZone`) and provider, since `since`: payments paid, what the provider reported,
 * refunds, closings and wallet money; withdrawals (which belong to no campaign) for every user.
 */
export async function paymentDays(db: Queryable, campaignId: string, timeZone: string, since: Date): Promise<PaymentDayRow[]> {
  return db.query<PaymentDayRow>(
    `with facts as (
       select to_char(p.paid_at at time zone $2, 'YYYY-MM-DD') as day, p.provider,
              1 as paid_count, p.amount_fen as paid_fen, coalesce(p.provider_paid_fen, 0) as provider_reported_fen,
              case when p.provider_paid_fen is not null and p.provider_paid_fen <> p.amount_fen then 1 else 0 end as mismatch_count,
              0 as refunded_fen, 0 as refunds_open, 0 as refunds_failed, 0 as closed_count, p.wallet_fen, 0 as withdrawn_fen, 0 as withdrawals_failed
         from payments p where p.campaign_id = $1 and p.paid_at >= $3
       union all
       select to_char(p.closed_at at time zone $2, 'YYYY-MM-DD'), p.provider, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0
         from payments p where p.campaign_id = $1 and p.closed_at >= $3
       union all
       select to_char(coalesce(r.finished_at, r.created_at) at time zone $2, 'YYYY-MM-DD'), p.provider, 0, 0, 0, 0,
              case when r.status = 'succeeded' then r.amount_fen else 0 end,
              case when r.status in ('pending', 'processing') then 1 else 0 end,
              case when r.status = 'failed' then 1 else 0 end, 0, 0, 0, 0
         from payment_refunds r join payments p on p.id = r.payment_id
         where p.campaign_id = $1 and r.created_at >= $3
       union all
       select to_char(coalesce(w.finished_at, w.created_at) at time zone $2, 'YYYY-MM-DD'), w.provider, 0, 0, 0, 0, 0, 0, 0, 0, 0,
              case when w.status = 'succeeded' then w.amount_fen else 0 end,
              case when w.status = 'failed' then 1 else 0 end
         from withdrawals w where w.created_at >= $3
     )
     select day, provider, sum(paid_count)::int as paid_count, sum(paid_fen)::bigint as paid_fen,
            sum(provider_reported_fen)::bigint as provider_reported_fen, sum(mismatch_count)::int as mismatch_count,
            sum(refunded_fen)::bigint as refunded_fen, sum(refunds_open)::int as refunds_open, sum(refunds_failed)::int as refunds_failed,
            sum(closed_count)::int as closed_count, sum(wallet_fen)::bigint as wallet_fen,
            sum(withdrawn_fen)::bigint as withdrawn_fen, sum(withdrawals_failed)::int as withdrawals_failed
     from facts group by day, provider order by day desc, provider`,
    [campaignId, timeZone, since],
  );
}
