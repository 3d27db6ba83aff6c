/** Amounts of an order line. Integer fen throughout. */

export interface LineAmounts {
  priceFen: number;
  qty: number;
  /** What the buyer paid for the whole line after discounts; absent means the list price. */
  paidFen?: number;
}

/** What a line cost the buyer: the reported paid amount, or price × qty. */
export function linePaidFen(line: LineAmounts): number {
  return line.paidFen ?? line.priceFen * line.qty;
}

/**
 * The part of a line's paid amount that `refundedQty` of its `qty` units account for:
 * floor(paid × refundedQty / qty). Refunds of a few units at a time add up to exactly what was
 * paid once every unit is back, and never to more (a discount spread over units seldom divides
 * evenly, so each refund takes its share of the cumulative amount, not a rounded unit price).
 */
export function refundedPartFen(paidFen: number, qty: number, refundedQty: number): number {
  if (refundedQty < 0 || refundedQty > qty) throw new Error(`refunded ${refundedQty} of ${qty}`);
  return Math.floor((paidFen * refundedQty) / qty);
}

/** What refunding `qty` more units of a line returns, given `alreadyRefunded` units before. */
export function refundFen(paidFen: number, lineQty: number, alreadyRefunded: number, qty: number): number {
  return refundedPartFen(paidFen, lineQty, alreadyRefunded + qty) - refundedPartFen(paidFen, lineQty, alreadyRefunded);
}
