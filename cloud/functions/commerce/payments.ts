/**
 * How a money-taking call pays: which provider (the one the caller logged in with, unless she
 * names one), her id there, and how much red-packet money she spends. The payment itself is the
 * state machine's (cloud/workflows/payments.ts).
 */
import { z } from 'zod';
import type { PaymentJson, PaymentProviderName } from '../../../contract/payments';
import { forbidden } from '../../errors';
import { ensureProviderOrder, paymentCallDeps } from '../../workflows/paymentCalls';
import type { PaymentRow } from '../../store/payments';
import type { Queryable } from '../../store/store';
import { platformIdsOf } from '../../store/users';
import type { CallContext } from '../define';
import { fields } from '../validation';

/** The optional params every money-taking call accepts. */
export const payParams = {
  provider: z
    .enum(['demo', 'wechatpay', 'alipay'], {
      invalid_type_error: 'provider must be wechatpay, alipay or demo',
      message: 'provider must be wechatpay, alipay or demo',
    })
    .optional(),
  walletFen: z
    .number({ invalid_type_error: 'walletFen must be a number of fen' })
    .int('walletFen must be a whole number of fen')
    .min(0, 'walletFen must be 0 or more')
    .max(100_000_000, 'walletFen is too large')
    .optional(),
};

export interface PaymentChoice {
  provider: PaymentProviderName;
  payerId: string | null;
}

const PLATFORM_OF = { wechatpay: 'lc_weapp', alipay: 'lc_alipay' } as const;
const PLATFORM_NAME = { wechatpay: '微信', alipay: '支付宝' } as const;

/**
 * The provider a call pays with: the one asked for, else the platform of the caller's login
 * (WeChat → WeChat Pay, Alipay → Alipay), else demo where it is enabled. 119 when none can take
 * the money — unless the wallet covers all of it, which needs no provider.
 */
export async function choosePayment(
  ctx: Pick<CallContext, 'config'>,
  db: Queryable,
  userId: string,
  requested: PaymentProviderName | undefined,
  walletCoversAll: boolean,
): Promise<PaymentChoice> {
  const enabled = ctx.config.payments.enabled;
  const ids = await platformIdsOf(db, userId);
  const usable = (name: PaymentProviderName): PaymentChoice | null => {
    if (!enabled.includes(name)) return null;
    if (name === 'demo') return { provider: 'demo', payerId: null };
    const payerId = ids[PLATFORM_OF[name]];
    return payerId ? { provider: name, payerId } : null;
  };
  if (requested) {
    const choice = usable(requested);
    if (choice) return choice;
    if (walletCoversAll) return { provider: requested, payerId: null };
    if (!enabled.includes(requested))
      throw forbidden(
        `这里没有开通${requested === 'demo' ? '演示' : PLATFORM_NAME[requested]}支付（provider ${requested} is not enabled）`,
      );
    throw forbidden(
      `请在${PLATFORM_NAME[requested as 'wechatpay' | 'alipay']}小程序里登录后再用${PLATFORM_NAME[requested as 'wechatpay' | 'alipay']}支付`,
    );
  }
  const choice = usable('wechatpay') ?? usable('alipay') ?? usable('demo');
  if (choice) return choice;
  if (walletCoversAll) return { provider: ids.lc_alipay && !ids.lc_weapp ? 'alipay' : ids.lc_weapp ? 'wechatpay' : 'demo', payerId: null };
  throw forbidden(
    enabled.length === 0
      ? '付款暂未开通：服务器没有配置支付方式（PAYMENTS），请联系运营'
      : '请在微信或支付宝小程序里登录后再付款（no payment provider for this login）',
  );
}

/** How long the seat or part is held for an unpaid payment: the setting, but never past the thing's own deadline. */
export function paymentDeadline(ctx: Pick<CallContext, 'config'>, now: Date, targetDeadline: Date): Date {
  return new Date(Math.min(now.getTime() + ctx.config.payments.timeoutMinutes * 60 * 1000, targetDeadline.getTime()));
}

/** After the intent commits: the provider's order (if it has none yet), then the answer's JSON. */
export async function readyPayment(
  ctx: Pick<CallContext, 'store' | 'payments' | 'config' | 'clock'>,
  payment: PaymentRow,
  description: string,
): Promise<PaymentJson> {
  return paymentJson(await ensureProviderOrder(paymentCallDeps(ctx), payment, description, ctx.clock.now()));
}

export function paymentJson(row: PaymentRow): PaymentJson {
  return {
    paymentId: row.id,
    provider: row.provider,
    status: row.status,
    amountFen: Number(row.amount_fen),
    walletFen: Number(row.wallet_fen),
    expiresAt: row.expires_at.toISOString(),
    params: row.status === 'pending' && row.params ? (row.params as unknown as PaymentJson['params']) : null,
    purpose: row.purpose,
    targetId: row.target_id,
    createdAt: row.created_at.toISOString(),
    paidAt: row.paid_at ? row.paid_at.toISOString() : null,
    refundedFen: Number(row.refunded_fen),
  };
}

export const paymentIdParam = z.object({ paymentId: fields.objectId('paymentId') }).strict();
