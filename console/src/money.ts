/**
 * Money in the console: the wire carries integer fen; people read and type yuan. Conversions use
 * integer arithmetic on the digits only (never `yuan * 100` in floating point).
 */
import { formatFen, formatYuan } from '../../contract/formatFen';

/** contract/formatFen.ts holds the one rule for printing money: `yuan` is "¥1,234.56", "-¥0.05". */
export { formatFen, formatYuan as yuan } from '../../contract/formatFen';

/** A difference, signed both ways: 50 → "+¥0.50", -50 → "-¥0.50", 0 → "¥0.00". */
export function signedYuan(fen: number): string {
  return fen > 0 ? `+${formatYuan(fen)}` : formatYuan(fen);
}

/** An amount for an input box: 100 → "1", 150 → "1.5", 105 → "1.05". */
export function fenToInput(fen: number): string {
  const text = formatFen(fen, { grouping: false });
  return text.replace(/\.00$/, '').replace(/(\.\d)0$/, '$1');
}

/**
 * "12.3" → 1230 fen. Accepts digits with at most two decimals (and thousands commas);
 * returns null for anything else, so the caller can say what is wrong.
 */
export function parseYuan(input: string): number | null {
  const text = input.trim().replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** 0.05 → "5"; 0.123 → "12.3" (a probability shown as a percentage, without float noise). */
export function ratioToPercentInput(ratio: number): string {
  return String(Math.round(ratio * 1_000_000) / 10_000);
}

/** "12.5" → 0.125; null when not a number in 0..100 with at most 4 decimals. */
export function parsePercent(input: string): number | null {
  const text = input.trim();
  const match = /^(\d{1,3})(?:\.(\d{0,4}))?$/.exec(text);
  if (!match) return null;
  const tenThousandths = Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0'));
  if (tenThousandths > 1_000_000) return null;
  return tenThousandths / 1_000_000;
}

/** 0.4123 → "41.2%". */
export function percent(ratio: number, digits = 1): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(digits)}%`;
}
