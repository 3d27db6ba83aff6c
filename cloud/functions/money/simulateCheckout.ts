import { z } from 'zod';
import { forbidden, notFound } from '../../errors';
import { defineFunction } from '../define';
import { fields } from '../validation';
import { catalogPricesFen, findOrderTotal, lockCheckoutRequest } from '../../store/orders';
import { purchasePacketsOf, recordPaidOrderIn } from '../../workflows/orders';
import { MAX_LINE_QTY, MAX_LINES_PER_ORDER } from './orderEvents';

/**
 * Demo mode's checkout: prices come from the catalog and the order goes through the same path
 * as a paid event from the host's order system, purchase packets included: they unlock when the
 * refund window is over, or when the order webhook's `completed` event names the demo order
 * (`demo-<userId>-<requestId>`). Off unless DEMO=1.
 */
export const simulateCheckout = defineFunction({
  name: 'simulateCheckout',
  access: 'user',
  params: z
    .object({
      lines: z
        .array(
          z
            .object({
              productId: z.string().regex(/^[1-9][0-9]{5,18}$/, 'productId must be a catalog product id'),
              qty: z.number().int().min(1, `qty must be 1-${MAX_LINE_QTY}`).max(MAX_LINE_QTY, `qty must be 1-${MAX_LINE_QTY}`),
              shareId: fields.objectId('shareId').optional(),
            })
            .strict(),
        )
        .min(1, 'lines must hold 1-100 products')
        .max(MAX_LINES_PER_ORDER, 'lines must hold 1-100 products'),
      requestId: fields.requestId,
    })
    .strict(),
  handler: async (ctx, { lines, requestId }) => {
    if (!ctx.config.demo) throw forbidden('simulateCheckout is only available in demo mode (DEMO=1).');
    const ids = [...new Set(lines.map((l) => l.productId))];
    const price = await catalogPricesFen(ctx.store, ids);
    const missing = ids.filter((id) => !price.has(id));
    if (missing.length > 0) throw notFound(`商品不在目录中：${missing.join(', ')}`);
    // The requestId names the order, so a retried checkout is the same order. Retries that arrive
    // together queue on the request's lock: the first records the order, each later one finds it
    // and answers what the first answered (instead of colliding on the order's key).
    const orderId = `demo-${ctx.user.id}-${requestId}`;
    const now = ctx.clock.now();
    const result = await ctx.store.transaction(async (tx) => {
      await lockCheckoutRequest(tx, orderId);
      const totalFen = await findOrderTotal(tx, orderId);
      if (totalFen !== undefined) return { orderId, totalFen, redPackets: await purchasePacketsOf(tx, orderId, ctx.user.id) };
      return recordPaidOrderIn(
        tx,
        {
          type: 'paid',
          orderId,
          userId: ctx.user.id,
          timestamp: now.getTime(),
          lines: lines.map((l) => ({
            productId: l.productId,
            priceFen: price.get(l.productId)!,
            qty: l.qty,
            ...(l.shareId ? { shareId: l.shareId } : {}),
          })),
        },
        'demo',
        now,
      );
    });
    return { order: { orderId: result.orderId, totalFen: result.totalFen }, redPackets: result.redPackets };
  },
});
