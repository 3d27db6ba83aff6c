import { z } from 'zod';

/*
 * The shape of the events the host's order system sends to POST /hooks/orders, and the limits
 * demo mode's checkout shares with it. Recording them is workflows/orders.ts.
 */

export const MAX_LINES_PER_ORDER = 100;
export const MAX_LINE_QTY = 999;
export const MAX_PRICE_FEN = 100_000_000; // one million yuan per unit

const line = z
  .object({
    productId: z.string().min(1).max(32),
    priceFen: z.number().int('priceFen must be whole fen').min(0).max(MAX_PRICE_FEN),
    qty: z.number().int().min(1).max(MAX_LINE_QTY),
    shareId: z
      .string()
      .regex(/^[0-9a-f]{24}$/, 'shareId must be a 24-character id')
      .optional(),
    /** What the buyer paid for the whole line after the order's discounts; default priceFen × qty. */
    paidFen: z.number().int('paidFen must be whole fen').min(0).optional(),
  })
  .strict()
  .refine((l) => l.paidFen === undefined || l.paidFen <= l.priceFen * l.qty, {
    message: 'paidFen must be at most priceFen × qty',
    path: ['paidFen'],
  });

export const orderEventSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('paid'),
      orderId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'orderId must be 1-64 of A-Z a-z 0-9 _ -'),
      userId: z.string().regex(/^[0-9a-f]{24}$/, 'userId must be a 24-character user id'),
      timestamp: z.number().int(),
      lines: z.array(line).min(1).max(MAX_LINES_PER_ORDER),
    })
    .strict(),
  z
    .object({
      type: z.literal('refunded'),
      orderId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
      userId: z.string().regex(/^[0-9a-f]{24}$/),
      timestamp: z.number().int(),
      refundId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/)
        .optional(),
      /** Lines by their 1-based position in the paid event, with the quantity refunded. */
      lines: z
        .array(
          z.object({ lineNo: z.number().int().min(1).max(MAX_LINES_PER_ORDER), qty: z.number().int().min(1).max(MAX_LINE_QTY) }).strict(),
        )
        .min(1)
        .max(MAX_LINES_PER_ORDER)
        // Each line once: its quantity is checked against what is left of the line, once.
        .refine(
          (lines) => new Set(lines.map((l) => l.lineNo)).size === lines.length,
          'each lineNo may appear once in a refund; give its whole quantity in one entry',
        ),
    })
    .strict(),
  // The order can no longer be refunded (delivered and the return period over, or closed by the
  // order system): its purchase packets unlock for the next split.
  z
    .object({
      type: z.literal('completed'),
      orderId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'orderId must be 1-64 of A-Z a-z 0-9 _ -'),
      userId: z.string().regex(/^[0-9a-f]{24}$/, 'userId must be a 24-character user id'),
      timestamp: z.number().int(),
    })
    .strict(),
]);

export type OrderEvent = z.infer<typeof orderEventSchema>;
