/** Largest-remainder rounding: real weights to integers with an exact sum. Pure. */

/**
 * Integer weights summing exactly to `total` by largest remainder: floors first, then +1 to the
 * largest fractional parts (ties by position, i.e. by name since callers sort by name).
 *
 * @param x real weights, non-negative, summing to `total` up to float error
 * @param total the exact integer sum wanted
 * @returns integers with `Σ = total`, each `floor(x_i)` or `floor(x_i) + 1`
 */
export function largestRemainder(x: readonly number[], total: number): number[] {
  // A tiny epsilon so that 33.9999999999 (float error) floors to 34, not 33.
  const floors = x.map((v) => Math.max(0, Math.floor(v + 1e-9)));
  let rest = total - floors.reduce((a, b) => a + b, 0);
  const order = x
    // Remainders are compared to 1e-9 so that float noise (5/9 computed two ways) never breaks a
    // true tie: ties always go to the earlier name.
    .map((v, i) => ({ i, frac: Math.round((v - floors[i]) * 1e9) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) floors[order[k].i]++;
  // Float error the other way (Σ floors > total): take back from the smallest remainders.
  for (let k = order.length - 1; rest < 0; k = (k - 1 + order.length) % order.length) {
    if (floors[order[k].i] > 0) {
      floors[order[k].i]--;
      rest++;
    }
  }
  return floors;
}
