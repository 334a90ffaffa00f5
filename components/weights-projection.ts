/** The step-limited weights: the point of a box with a fixed sum closest to the target. Pure. */

/**
 * The point of `{lo ≤ w ≤ hi, Σw = total}` closest to `t`: `w_i = clamp(t_i + λ, lo_i, hi_i)`
 * with λ found exactly on the piecewise-linear, non-decreasing `g(λ) = Σ clamp(t_i + λ)`.
 * Requires `Σlo ≤ total ≤ Σhi`.
 */
export function projectOntoBox(
  t: readonly number[],
  lo: readonly number[],
  hi: readonly number[],
  total: number,
): number[] {
  // The target itself when it is inside the box: exact, no float noise from a search.
  if (t.every((ti, i) => ti >= lo[i] && ti <= hi[i])) return [...t];
  const at = (lam: number): number[] =>
    t.map((ti, i) => Math.min(hi[i], Math.max(lo[i], ti + lam)));
  const g = (lam: number): number => at(lam).reduce((a, b) => a + b, 0);
  const breaks = [...new Set(t.flatMap((ti, i) => [lo[i] - ti, hi[i] - ti]))].sort((a, b) => a - b);
  if (g(breaks[0]) >= total) return at(breaks[0]);
  for (let k = 1; k < breaks.length; k++) {
    const gk = g(breaks[k]);
    if (gk >= total) {
      // g is linear between consecutive breakpoints: interpolate.
      const g0 = g(breaks[k - 1]);
      const lam = breaks[k - 1] + ((total - g0) * (breaks[k] - breaks[k - 1])) / (gk - g0);
      return at(lam);
    }
  }
  return at(breaks[breaks.length - 1]);
}
