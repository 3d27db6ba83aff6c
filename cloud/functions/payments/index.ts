import { z } from 'zod';
import { WITHDRAW_DAILY_MAX_FEN } from '../../../contract/payments';
import { notFound } from '../../errors';
import { findPayment, listPaymentsOf } from '../../store/payments';
import { listWithdrawalsOf } from '../../store/withdrawals';
import { listPayments, paymentDays } from './admin';
import { withdrawalJson } from './json';
import { paymentCallDeps } from '../../workflows/paymentCalls';
import { reconcilePayments as reconcile } from '../../workflows/reconcilePayments';
import { requestWithdrawal } from '../../workflows/withdrawals';
import { paymentIdParam, paymentJson, choosePayment } from '../commerce/payments';
import { appendAudit } from '../../store/audit';
import { defineFunction } from '../define';
import { fields } from '../validation';

/** Payments listed per page of myPayments. */
export const PAYMENTS_PAGE = 20;
/** Withdrawals myWithdrawals lists (the newest). */
export const WITHDRAWALS_LISTED = 50;

/** The payer watches her payment until it is paid (the app polls it after the cashier closes). */
export const getPayment = defineFunction({
  name: 'getPayment',
  access: 'user',
  params: paymentIdParam,
  handler: async (ctx, { paymentId }) => {
    const payment = await findPayment(ctx.store, paymentId);
    // Someone else's payment is answered like one that does not exist: ids are not secrets to guess at.
    if (!payment || payment.user_id !== ctx.user.id) throw notFound('找不到这笔支付（payment not found）');
    return { payment: paymentJson(payment) };
  },
});

export const myPayments = defineFunction({
  name: 'myPayments',
  access: 'user',
  params: z.object({ cursor: fields.objectId('cursor').optional() }).strict(),
  handler: async (ctx, { cursor }) => {
    const rows = await listPaymentsOf(ctx.store, ctx.user.id, cursor, PAYMENTS_PAGE + 1);
    const page = rows.slice(0, PAYMENTS_PAGE);
    return { payments: page.map(paymentJson), nextCursor: rows.length > PAYMENTS_PAGE ? (page.at(-1)?.id ?? null) : null };
  },
});

/** Operators (and the scheduler, every minute) finish what notifications did not. */
export const reconcilePayments = defineFunction({
  name: 'reconcilePayments',
  access: 'master',
  params: z
    .object({
      olderThanSeconds: z
        .number({ invalid_type_error: 'olderThanSeconds must be a number' })
        .int('olderThanSeconds must be whole seconds')
        .min(0, 'olderThanSeconds must be 0 or more')
        .max(7 * 24 * 3600, 'olderThanSeconds must be at most a week')
        .optional(),
    })
    .strict(),
  handler: async (ctx, { olderThanSeconds }) => {
    const now = ctx.clock.now();
    const result = await reconcile(paymentCallDeps(ctx), now, olderThanSeconds ?? 60);
    await appendAudit(ctx.store, {
      campaignId: null,
      ...ctx.actor,
      action: 'payment.reconcile',
      detail: { before: null, after: result },
      now,
    });
    return result;
  },
});

export const withdraw = defineFunction({
  name: 'withdraw',
  access: 'user',
  params: z
    .object({
      amountFen: z
        .number({ required_error: 'amountFen is required', invalid_type_error: 'amountFen must be a number of fen' })
        .int('amountFen must be a whole number of fen')
        .min(1, 'amountFen must be at least 1')
        .max(WITHDRAW_DAILY_MAX_FEN, `amountFen: 每天最多提现 ¥${WITHDRAW_DAILY_MAX_FEN / 100}`),
      requestId: fields.requestId,
      provider: z.enum(['demo', 'wechatpay', 'alipay'], { message: 'provider must be wechatpay, alipay or demo' }).optional(),
    })
    .strict(),
  handler: async (ctx, { amountFen, requestId, provider }) => {
    const choice = await choosePayment(ctx, ctx.store, ctx.user.id, provider, false);
    const row = await requestWithdrawal(
      paymentCallDeps(ctx),
      { userId: ctx.user.id, amountFen, requestId, provider: choice.provider, payeeId: choice.payerId },
      ctx.clock.now(),
    );
    return { withdrawal: withdrawalJson(row) };
  },
});

export const myWithdrawals = defineFunction({
  name: 'myWithdrawals',
  access: 'user',
  params: fields.none,
  handler: async (ctx) => ({ withdrawals: (await listWithdrawalsOf(ctx.store, ctx.user.id, WITHDRAWALS_LISTED)).map(withdrawalJson) }),
});

export const paymentFunctions = [getPayment, myPayments, reconcilePayments, withdraw, myWithdrawals, listPayments, paymentDays] as const;
