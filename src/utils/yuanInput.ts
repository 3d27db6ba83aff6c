/** At most this many digits before the decimal point: far above any limit, and exact as a number of fen. */
const MAX_YUAN_DIGITS = 9;

export type YuanInput = { ok: true; amountFen: number } | { ok: false; reason: 'empty' | 'format' };

/**
 * What a shopper typed as yuan ("12", "12.5", "0.05", "¥12.30"), as integer fen. The digits are
 * read as text, whole yuan and fen apart, so no floating point ever touches the amount (12.3 * 100
 * is 1229.9999…). More than two decimals, signs, separators or other characters are refused
 * rather than guessed at.
 */
export function parseYuanToFen(text: string): YuanInput {
  const trimmed = text.trim().replace(/^[¥￥]\s*/, '');
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const match = /^(\d*)(?:\.(\d{0,2}))?$/.exec(trimmed);
  if (!match) return { ok: false, reason: 'format' };
  const yuan = match[1] ?? '';
  const fen = match[2] ?? '';
  if (yuan === '' && fen === '') return { ok: false, reason: 'format' };
  const yuanDigits = yuan.replace(/^0+(?=\d)/, '');
  if (yuanDigits.length > MAX_YUAN_DIGITS) return { ok: false, reason: 'format' };
  return { ok: true, amountFen: Number(yuanDigits || '0') * 100 + Number(fen.padEnd(2, '0')) };
}
