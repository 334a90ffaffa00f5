/**
 * The split-conformal rank: a bound at level `level` (e.g. 0.95) from `n` exchangeable scores is
 * the `⌈(n + 1) · level⌉`-th smallest score (Vovk et al.; Angelopoulos & Bates 2021, §1). The
 * `+ 1` accounts for the new point itself and is what makes the coverage guarantee hold for any n.
 *
 * @param n number of calibration scores (>= 0).
 * @param level target coverage in (0, 1).
 * @returns the 1-based rank; it may exceed `n` (no finite bound exists) or be below 1.
 * @throws {RangeError} for a negative or fractional `n`.
 */
export function conformalRank(n: number, level: number): number {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`conformal rank needs a whole number of scores >= 0 (got ${n})`);
  }
  // The tiny slack keeps (n + 1) * level that is whole in exact arithmetic (e.g. 19 * 0.95 = 18.05
  // is not, 20 * 0.95 = 19 is) from rounding up one rank through floating-point error.
  return Math.ceil((n + 1) * level - 1e-9);
}

/**
 * Split-conformal quantile of sorted scores at `level`. When the rank exceeds `n` the exact bound
 * is infinite; capacity cannot be infinite, so the largest score is returned and `capped` says so
 * (the adaptive correction is what pushes the level that high, and it comes back down by itself).
 *
 * @param sorted calibration scores in ascending order (at least one).
 * @param level target coverage; values outside (0, 1) select the smallest or largest score.
 * @param n how many leading entries of `sorted` are scores (default: all of them).
 * @returns the score and whether the rank was capped at the largest score.
 * @throws {RangeError} when there are no scores.
 */
export function conformalQuantile(
  sorted: ArrayLike<number>,
  level: number,
  n: number = sorted.length,
): { score: number; capped: boolean } {
  if (n === 0) throw new RangeError("conformal quantile needs at least one score (got none)");
  const rank = conformalRank(n, Math.min(Math.max(level, 0), 1));
  if (rank > n) return { score: sorted[n - 1], capped: true };
  return { score: sorted[Math.max(rank, 1) - 1], capped: false };
}

/**
 * The lower counterpart of {@link conformalQuantile}: a bound the next score stays at or above
 * with probability at least `level` is the `⌊(n + 1)(1 − level)⌋`-th smallest score. When that
 * rank is 0 no finite bound exists: the smallest score is returned and `capped` says so.
 *
 * @param sorted calibration scores in ascending order (at least one).
 * @param level probability of staying at or above the bound, in [0, 1].
 * @param n how many leading entries of `sorted` are scores (default: all of them).
 * @returns the score and whether the rank was capped at the smallest score.
 * @throws {RangeError} when there are no scores.
 */
export function conformalLowerQuantile(
  sorted: ArrayLike<number>,
  level: number,
  n: number = sorted.length,
): { score: number; capped: boolean } {
  if (n === 0) throw new RangeError("conformal quantile needs at least one score (got none)");
  // The same slack as conformalRank: (n + 1)(1 − level) that is whole must not round down.
  const rank = Math.floor((n + 1) * (1 - Math.min(Math.max(level, 0), 1)) + 1e-9);
  if (rank < 1) return { score: sorted[0], capped: true };
  return { score: sorted[Math.min(rank, n) - 1], capped: false };
}

/**
 * Insert `x` into the ascending scores `sorted[0 .. count)`, keeping them sorted (binary search,
 * then one `copyWithin`): O(log n) comparisons and one memory move, with no allocation, which
 * matters because every candidate of every pool inserts a few hundred calibration scores.
 *
 * @param sorted ascending scores in its first `count` entries; needs room for one more.
 * @param count scores held before the insertion.
 * @param x value to insert (after any equal values).
 * @returns the new count.
 * @throws {RangeError} when `sorted` has no room left.
 */
export function insertSorted(sorted: Float64Array, count: number, x: number): number {
  if (count >= sorted.length) {
    throw new RangeError(`no room to insert a score (${count} of ${sorted.length} used)`);
  }
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  sorted.copyWithin(lo + 1, lo, count);
  sorted[lo] = x;
  return count + 1;
}
