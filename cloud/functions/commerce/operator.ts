import { runCommerceExpiry } from '../../workflows/commerceExpiry';
import { defineFunction } from '../define';
import { fields } from '../validation';

/** An operator settles what is due now; the scheduler runs the same workflow every half minute. */
export const runCommerceExpiryFunction = defineFunction({
  name: 'runCommerceExpiry',
  access: 'master',
  params: fields.none,
  handler: async (ctx) => runCommerceExpiry(ctx.store, ctx.clock.now()),
});
