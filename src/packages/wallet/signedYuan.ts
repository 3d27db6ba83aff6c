import { formatYuan } from '../../utils/money';

/** A movement of money with its direction: "+¥1.20" in, "-¥1.20" out. */
export function signedYuan(amountFen: number): string {
  return amountFen > 0 ? `+${formatYuan(amountFen)}` : formatYuan(amountFen);
}
