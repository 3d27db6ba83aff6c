const FEN_PER_YUAN = 100;

/**
 * Formats an integer amount of fen as a yuan string with two decimals ("1234" → "12.34").
 * Integer arithmetic only: a float would print 0.1 + 0.2 style surprises into balances.
 */
export function formatFen(amountFen: number): string {
  if (!Number.isSafeInteger(amountFen)) throw new RangeError(`amountFen must be a safe integer, got ${amountFen}`);
  const sign = amountFen < 0 ? '-' : '';
  const absoluteFen = Math.abs(amountFen);
  const yuan = Math.floor(absoluteFen / FEN_PER_YUAN);
  const fen = absoluteFen % FEN_PER_YUAN;
  return `${sign}${yuan}.${String(fen).padStart(2, '0')}`;
}

/** The same amount with the currency sign, for display: "¥12.34". */
export function formatYuan(amountFen: number): string {
  const text = formatFen(amountFen);
  return text.startsWith('-') ? `-¥${text.slice(1)}` : `¥${text}`;
}
