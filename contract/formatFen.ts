/**
 * Money as people read it. The wire carries integer fen; the app, the console and the product
 * pictures all print yuan through these two functions, so an amount reads the same everywhere.
 * Integer arithmetic only: dividing in floating point would print 0.1 + 0.2 style surprises.
 * Imported at run time by the app and the console, so it stays small and imports nothing.
 */

const FEN_PER_YUAN = 100;

export interface FenFormat {
  /**
   * Thousands separators in the yuan ("50,000.00"); the default. Off for text a machine reads
   * (CSV, an input box) and for views that have always printed plain digits.
   */
  grouping?: boolean;
}

/**
 * 123456 → "1,234.56"; -5 → "-0.05"; 5 → "0.05". An amount that is not a safe integer of fen is a
 * bug upstream, not something to print: it throws a RangeError.
 */
export function formatFen(amountFen: number, options: FenFormat = {}): string {
  if (!Number.isSafeInteger(amountFen)) throw new RangeError(`amountFen must be a safe integer, got ${amountFen}`);
  const sign = amountFen < 0 ? '-' : '';
  const absoluteFen = Math.abs(amountFen);
  const yuan = String(Math.floor(absoluteFen / FEN_PER_YUAN));
  const fen = String(absoluteFen % FEN_PER_YUAN).padStart(2, '0');
  const yuanText = options.grouping === false ? yuan : yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuanText}.${fen}`;
}

/** The same amount with the currency sign, the minus before it: "¥50,000.00", "-¥0.05". */
export function formatYuan(amountFen: number, options: FenFormat = {}): string {
  const text = formatFen(amountFen, options);
  return text.startsWith('-') ? `-¥${text.slice(1)}` : `¥${text}`;
}
