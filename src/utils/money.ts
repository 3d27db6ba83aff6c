import { formatFen as formatFenWith, formatYuan as formatYuanWith, type FenFormat } from '../../contract/formatFen';

/**
 * The app has always printed amounts as plain digits ("¥50000.00"), and its texts are written
 * around that, so it formats without thousands separators; the rule itself is contract/formatFen.ts.
 */
const APP_FORMAT: FenFormat = { grouping: false };

/** An integer amount of fen as yuan with two decimals ("1234" → "12.34"); throws on a non-integer. */
export function formatFen(amountFen: number): string {
  return formatFenWith(amountFen, APP_FORMAT);
}

/** The same amount with the currency sign, for display: "¥12.34", "-¥0.05". */
export function formatYuan(amountFen: number): string {
  return formatYuanWith(amountFen, APP_FORMAT);
}
