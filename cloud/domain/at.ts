/**
 * The element at `index`, for lookups where its presence is an invariant of the caller (an index
 * built from the same array, a position found a moment ago). A broken invariant fails here with
 * an Error naming what was missing, instead of travelling on as undefined or NaN.
 */
export function at<T>(items: ArrayLike<T>, index: number, what: string): T {
  const item = items[index];
  if (item === undefined) throw new Error(`${what} missing at index ${index}`);
  return item;
}
