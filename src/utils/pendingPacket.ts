import { formatYuan } from './money';

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * A pending purchase packet as a shopper reads it: "待解锁 ¥20.00 · 11月18日解锁". The date is the
 * Beijing calendar day (the campaign's time zone), whatever the device's zone, and without Intl,
 * which mini-program runtimes do not all have.
 */
export function pendingPacketText(amountFen: number, unlocksAtIso: string): string {
  const beijing = new Date(new Date(unlocksAtIso).getTime() + BEIJING_OFFSET_MS);
  return `待解锁 ${formatYuan(amountFen)} · ${beijing.getUTCMonth() + 1}月${beijing.getUTCDate()}日解锁`;
}
