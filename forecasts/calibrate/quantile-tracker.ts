/**
 * The tracker's rate: its step is this share of the scores' upper spread (see {@link trackerStep}).
 * Chosen before it was measured, not tuned: a run of twenty misses moves the bound by about one
 * spread, while in a steady state the offset wanders by a fraction of one.
 */
export const TRACKER_RATE = 0.05;

/**
 * One step of quantile tracking (Angelopoulos, Candès & Tibshirani 2023, "Conformal PID Control for
 * Time Series Prediction", the proportional part): `q_{t+1} = q_t + η (err_t − α)`, where `q_t` is
 * the tracked offset in score units, `α` the target miss rate (1 − quantile) and `err_t` 1 when the
 * bound at t was exceeded. A miss raises the offset by η(1 − α), a covered window lowers it by ηα,
 * so the long-run miss rate tracks α, as with ACI.
 *
 * ACI moves the level of the conformal quantile instead. Where the scores have a heavy upper tail,
 * a small rise of the level reaches a much larger score, so a run of misses from one burst widens
 * the bound far, and only after the burst is over. The tracker moves the bound by at most η(1 − α)
 * per miss, in the scores' own units.
 *
 * @param offset the current offset `q_t` (score units; starts at 0).
 * @param target target miss rate α, in (0, 1).
 * @param miss whether the latest resolved bound was exceeded.
 * @param eta step η (>= 0; see {@link trackerStep}).
 * @returns the next offset.
 * @throws {RangeError} for a target outside (0, 1) or a negative or non-finite step.
 */
export function trackerUpdate(offset: number, target: number, miss: boolean, eta: number): number {
  if (!(target > 0 && target < 1)) {
    throw new RangeError(`quantile tracking needs a miss-rate target in (0, 1) (got ${target})`);
  }
  if (!(eta >= 0 && Number.isFinite(eta))) {
    throw new RangeError(`quantile tracking needs a finite step >= 0 (got ${eta})`);
  }
  return offset + eta * ((miss ? 1 : 0) - target);
}

/**
 * The tracker's step η for scores whose conformal quantile at the configured level is `upper` and
 * whose median is `median`: {@link TRACKER_RATE} × (upper − median). Scaling by the scores' own
 * spread gives the step their units (a normalised score of a count and of a request rate differ by
 * orders of magnitude); the distance from the median to the upper quantile is what the bound
 * already adds, and a single burst, far above it, does not move it.
 *
 * @param upper conformal quantile of the scores at the configured level.
 * @param median median of the same scores.
 * @param rate share of the spread per step. Default {@link TRACKER_RATE}.
 * @returns η >= 0 (0 when the scores do not spread).
 */
export function trackerStep(upper: number, median: number, rate: number = TRACKER_RATE): number {
  const spread = upper - median;
  return Number.isFinite(spread) && spread > 0 ? rate * spread : 0;
}
