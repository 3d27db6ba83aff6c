import { forbidden } from '../../errors';
import type { Queryable } from '../../store/store';
import { payIntoEscrow } from '../../workflows/escrow';
import type { CallContext } from '../define';

/**
 * Takes a shopper's payment into an order's escrow. This is the seam where the host app's
 * checkout plugs in: the host has no payment API for us yet, so only demo mode records a payment,
 * as a movement from the shopper's payment account (money from outside) into the escrow, once per
 * effect key. Outside demo mode the money-moving calls are refused rather than faked.
 */
export async function collectPayment(
  ctx: Pick<CallContext, 'config'>,
  tx: Queryable,
  payment: { effectKey: string; userId: string; escrowOf: string; amountFen: number },
  now: Date,
): Promise<void> {
  assertPaymentsAvailable(ctx);
  await payIntoEscrow(tx, payment.effectKey, payment.userId, payment.escrowOf, payment.amountFen, now);
}

export function assertPaymentsAvailable(ctx: Pick<CallContext, 'config'>): void {
  if (!ctx.config.demo)
    throw forbidden(
      '付款暂未接入宿主收银台，目前只在演示模式（DEMO=1）可用（payments need demo mode until the host checkout is integrated）',
    );
}
