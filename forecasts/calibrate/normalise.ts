/**
 * How a window's conformal score is normalised: `score = (actual max − predicted max) / scale`.
 * A single additive margin makes quiet nights pay for the error of busy afternoons; dividing by a
 * scale that grows with the predicted level lets the margin shrink when demand is low. Which growth
 * fits a pool depends on its noise (multiplicative for request rates, Poisson-like for small counts,
 * additive for flat noise), so the selector tries each and keeps the one with the lowest pinball loss
 * on the pool's own history, rather than one constant tuned to one trace.
 *
 * - `absolute`: scale 1 — the error does not depend on the level.
 * - `sqrt`: `sqrt(max(predicted, 0) + floor)` — Poisson-like counts, variance ∝ level.
 * - `proportional`: `max(predicted, 0) + floor` — multiplicative noise, sd ∝ level.
 */
export type Normalisation = "absolute" | "sqrt" | "proportional";

/** Every normalisation in a fixed order (ties in the selector go to the earlier one). */
export const NORMALISATIONS: readonly Normalisation[] = ["proportional", "sqrt", "absolute"];

/**
 * The floor added to the predicted level so a forecast of zero still gets a positive scale: one
 * unit for whole-number demand (one slot is the smallest error that matters), else a tenth of the
 * mean level (so the floor scales with the series and means "quiet", whatever the unit).
 *
 * @param values the history on the model grid.
 * @param integerValued whether every value is a whole number.
 * @returns a positive floor.
 */
export function scaleFloor(values: readonly number[], integerValued: boolean): number {
  let sum = 0;
  for (const v of values) sum += Math.abs(v);
  const tenthOfMean = values.length > 0 ? (0.1 * sum) / values.length : 0;
  const floor = Math.max(integerValued ? 1 : 0, tenthOfMean);
  return floor > 0 ? floor : 1;
}

/**
 * Scale of a window's score under a normalisation.
 *
 * @param norm the normalisation.
 * @param predicted the model's predicted window maximum.
 * @param floor positive floor from {@link scaleFloor}.
 * @returns a positive scale.
 */
export function scaleOf(norm: Normalisation, predicted: number, floor: number): number {
  const level = Math.max(predicted, 0) + floor;
  if (norm === "proportional") return level;
  if (norm === "sqrt") return Math.sqrt(level);
  return 1;
}
