/**
 * Reads that a test expects to find something: each fails with a clear message where a plain
 * index would give `undefined` and a TypeError further on (the type checker's
 * noUncheckedIndexedAccess asks for one or the other).
 */

/** The element at an index, or the value at a key, that must be there. */
export function at<T>(items: readonly T[], index: number): T;
export function at<T>(record: Readonly<Record<string, T>>, key: string): T;
export function at<T>(source: readonly T[] | Readonly<Record<string, T>>, key: number | string): T {
  const value = (source as Readonly<Record<number | string, T | undefined>>)[key];
  if (value === undefined) {
    const has = Array.isArray(source) ? `${source.length} element(s)` : `keys ${Object.keys(source).join(', ') || '(none)'}`;
    throw new Error(`expected a value at ${JSON.stringify(key)}; there are ${has}`);
  }
  return value;
}

/** The first element, which must be there. */
export function firstOf<T>(items: readonly T[]): T {
  return at(items, 0);
}

/** The first `count` elements, which must all be there (for `const [a, b] = leading(rows, 2)`). */
export function leading<T>(items: readonly T[], count: 2): [T, T];
export function leading<T>(items: readonly T[], count: 3): [T, T, T];
export function leading<T>(items: readonly T[], count: 4): [T, T, T, T];
export function leading<T>(items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => at(items, i));
}
