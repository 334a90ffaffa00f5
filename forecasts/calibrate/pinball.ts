/**
 * Pinball (quantile) loss of an upper bound at quantile q: `q (y − u)` when the actual `y` exceeds
 * the bound `u`, else `(1 − q)(u − y)`. Its expectation is minimised by the true q-quantile, so the
 * mean over backtest windows ranks forecasters by how well they size a pool: a miss costs q per
 * unit short, idle capacity 1 − q per unit over.
 *
 * @param actual the realised window maximum.
 * @param bound the forecast upper bound.
 * @param q quantile in (0, 1).
 * @returns the loss (>= 0).
 */
export function pinballLoss(actual: number, bound: number, q: number): number {
  return actual > bound ? q * (actual - bound) : (1 - q) * (bound - actual);
}
