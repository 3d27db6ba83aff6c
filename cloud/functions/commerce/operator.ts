import { runCommerceExpiry } from '../../workflows/commerceExpiry';
import { paymentCallDeps } from '../../workflows/paymentCalls';
import { defineFunction } from '../define';
import { fields } from '../validation';

/** An operator settles what is due now; the scheduler runs the same workflow every half minute. */
export const runCommerceExpiryFunction = defineFunction({
  name: 'runCommerceExpiry',
  access: 'master',
  params: fields.none,
  handler: async (ctx) => runCommerceExpiry(paymentCallDeps(ctx), ctx.clock.now()),
});
