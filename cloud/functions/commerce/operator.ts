import { runCommerceExpiry } from '../../workflows/commerceExpiry';
import { paymentCallDeps } from '../../workflows/paymentCalls';
import { appendAudit } from '../../store/audit';
import { defineFunction } from '../define';
import { fields } from '../validation';

/** An operator settles what is due now; the scheduler runs the same workflow every half minute. */
export const runCommerceExpiryFunction = defineFunction({
  name: 'runCommerceExpiry',
  access: 'master',
  params: fields.none,
  handler: async (ctx) => {
    const now = ctx.clock.now();
    const result = await runCommerceExpiry(paymentCallDeps(ctx), now);
    await appendAudit(ctx.store, {
      campaignId: null,
      ...ctx.actor,
      action: 'commerce.expiry',
      detail: { before: null, after: result },
      now,
    });
    return result;
  },
});
