/**
 * First index `i < n` with `sorted[i] >= x` (`n` when there is none): binary search over the
 * ascending first `n` entries, for the rows of a deployment window and for a score's rank alike.
 *
 * @param sorted values in ascending order in their first `n` entries.
 * @param x the value to place.
 * @param n how many leading entries to search (default: all).
 * @returns the index, in [0, n].
 */
export function lowerBound(
  sorted: ArrayLike<number>,
  x: number,
  n: number = sorted.length,
): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
