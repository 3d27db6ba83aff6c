import { z } from 'zod';
import type { AdminPaymentJson, AdminRefundJson, AdminWithdrawalJson, PaymentDayJson } from '../../../contract/payments';
import { ADMIN_PAGE, adminPayments, adminRefunds, adminWithdrawals, paymentDays as readPaymentDays } from '../../store/paymentReports';
import { paymentJson } from '../commerce/payments';
import { defineFunction } from '../define';
import { fields } from '../validation';
import { withdrawalJson } from './json';

/** Days the reconciliation view goes back. */
export const PAYMENT_DAYS_SHOWN = 60;

function page<T extends { id: string }>(rows: T[]): { rows: T[]; nextCursor: string | null } {
  const shown = rows.slice(0, ADMIN_PAGE);
  return { rows: shown, nextCursor: rows.length > ADMIN_PAGE ? (shown.at(-1)?.id ?? null) : null };
}

/** A campaign's payments or refunds, or everyone's withdrawals, for operators. */
export const listPayments = defineFunction({
  name: 'listPayments',
  access: 'marketer',
  params: z
    .object({
      campaignId: fields.objectId('campaignId'),
      kind: z.enum(['payments', 'refunds', 'withdrawals'], { message: 'kind must be payments, refunds or withdrawals' }),
      cursor: fields.objectId('cursor').optional(),
    })
    .strict(),
  handler: async (ctx, { campaignId, kind, cursor }) => {
    if (kind === 'payments') {
      const { rows, nextCursor } = page(await adminPayments(ctx.store, campaignId, cursor));
      const payments: AdminPaymentJson[] = rows.map((r) => ({
        ...paymentJson(r),
        params: null,
        userId: r.user_id,
        nickname: r.nickname,
        providerTradeId: r.provider_trade_id,
        providerPaidFen: r.provider_paid_fen === null ? null : Number(r.provider_paid_fen),
      }));
      return { payments, nextCursor };
    }
    if (kind === 'refunds') {
      const { rows, nextCursor } = page(await adminRefunds(ctx.store, campaignId, cursor));
      const refunds: AdminRefundJson[] = rows.map((r) => ({
        refundId: r.id,
        paymentId: r.payment_id,
        provider: r.provider,
        userId: r.user_id,
        nickname: r.nickname,
        amountFen: Number(r.amount_fen),
        reason: r.reason,
        status: r.status,
        attempts: r.attempts,
        providerRefundId: r.provider_refund_id,
        failReason: r.fail_reason,
        createdAt: r.created_at.toISOString(),
        finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
      }));
      return { refunds, nextCursor };
    }
    const { rows, nextCursor } = page(await adminWithdrawals(ctx.store, cursor));
    const withdrawals: AdminWithdrawalJson[] = rows.map((r) => ({
      ...withdrawalJson(r),
      params: null,
      userId: r.user_id,
      nickname: r.nickname,
      attempts: r.attempts,
    }));
    return { withdrawals, nextCursor };
  },
});

/** The daily reconciliation: our books beside what the providers reported, per day and provider. */
export const paymentDays = defineFunction({
  name: 'paymentDays',
  access: 'marketer',
  params: z.object({ campaignId: fields.objectId('campaignId') }).strict(),
  handler: async (ctx, { campaignId }) => {
    const since = new Date(ctx.clock.now().getTime() - PAYMENT_DAYS_SHOWN * 24 * 60 * 60 * 1000);
    const rows = await readPaymentDays(ctx.store, campaignId, ctx.config.tzCampaign, since);
    const days: PaymentDayJson[] = rows.map((r) => ({
      day: r.day,
      provider: r.provider,
      paidCount: r.paid_count,
      paidFen: Number(r.paid_fen),
      providerReportedFen: Number(r.provider_reported_fen),
      mismatchCount: r.mismatch_count,
      refundedFen: Number(r.refunded_fen),
      refundsOpen: r.refunds_open,
      refundsFailed: r.refunds_failed,
      closedCount: r.closed_count,
      walletFen: Number(r.wallet_fen),
      withdrawnFen: Number(r.withdrawn_fen),
      withdrawalsFailed: r.withdrawals_failed,
    }));
    return { days };
  },
});
