/**
 * When a purchase packet may leave the campaign reserve. A packet paid into a pool and split
 * into wallets cannot be taken back, so it waits until its order can no longer be refunded: the
 * order system says the order is completed, or the refund window (七天无理由退货) has passed
 * since payment. Until then a refund voids it.
 */

export const DEFAULT_REFUND_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;

/** The window a campaign's money settings give (campaigns saved before the setting: the default). */
export function refundWindowDaysOf(money: { refundWindowDays?: number | null }): number {
  const days = money.refundWindowDays;
  return typeof days === 'number' && Number.isInteger(days) && days >= 0 ? days : DEFAULT_REFUND_WINDOW_DAYS;
}

/** A packet reserved for an order paid at `paidAt` unlocks once the window is over. */
export function purchaseUnlocksAt(paidAt: Date, refundWindowDays: number): Date {
  return new Date(paidAt.getTime() + refundWindowDays * DAY_MS);
}

/**
 * The last moment a campaign's purchase packets can unlock by their window: the close plus the
 * window. A split at that instant (the settlement split) pays what the last days' buyers earned.
 */
export function settlementSlotOf(campaign: { endsAt: Date; config: { refundWindowDays?: number | null } }): Date {
  return purchaseUnlocksAt(campaign.endsAt, refundWindowDaysOf(campaign.config));
}

/**
 * Whether a slot may be split on an operator's request: it has come (a future slot would settle
 * packets before their time), and it lies in the campaign's window or its settlement period
 * (from the close to the settlement split). Null when allowed, else the rule it breaks.
 */
export function splitSlotRefusal(
  slot: Date,
  now: Date,
  campaign: { startsAt: Date; endsAt: Date; config: { refundWindowDays?: number | null } } | null,
): string | null {
  if (slot.getTime() > now.getTime())
    return `slot ${slot.toISOString()} is in the future (now is ${now.toISOString()}): a split may only settle a slot that has come`;
  if (!campaign) return `slot ${slot.toISOString()} is before any campaign started: a slot must lie within a campaign's window`;
  const settlement = settlementSlotOf(campaign);
  if (slot < campaign.startsAt || slot > settlement) {
    return `slot ${slot.toISOString()} is outside the campaign window (${campaign.startsAt.toISOString()} – ${campaign.endsAt.toISOString()}, settlement split ${settlement.toISOString()})`;
  }
  return null;
}
