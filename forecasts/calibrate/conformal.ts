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
 * @returns the score and whether the rank was capped at the largest score.
 * @throws {RangeError} when there are no scores.
 */
export function conformalQuantile(
  sorted: readonly number[],
  level: number,
): { score: number; capped: boolean } {
  const n = sorted.length;
  if (n === 0) throw new RangeError("conformal quantile needs at least one score (got none)");
  const rank = conformalRank(n, Math.min(Math.max(level, 0), 1));
  if (rank > n) return { score: sorted[n - 1], capped: true };
  return { score: sorted[Math.max(rank, 1) - 1], capped: false };
}

/**
 * Insert `x` into an ascending array, keeping it sorted (binary search, then splice): O(log n)
 * comparisons and O(n) moves, which is cheap for the few hundred calibration scores used here.
 *
 * @param sorted ascending array, modified in place.
 * @param x value to insert.
 */
export function insertSorted(sorted: number[], x: number): void {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, x);
}
