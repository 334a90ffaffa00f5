import { quickselect } from "simple-statistics";

/**
 * How a model is scored when the selector compares calibrated bounds.
 *
 * - `capacity` (the default): mean capacity held above the window maximum, at equal window
 *   coverage (see {@link excessAtCoverage}). Every candidate's bound is calibrated to the same
 *   quantile, so this ranks them by the capacity that coverage costs: the idle a pool pays for.
 * - `pinball`: mean pinball loss of the window maximum at the quantile. A miss costs q per unit
 *   short and idle capacity 1 − q per unit over, so it also ranks by how far a miss falls short
 *   (twenty times the weight of idle at q = 0.95), which favours models that idle more.
 *
 * Over six draws of the five synthetic traces (`scripts/evaluate.ts --seeds …`), selecting by
 * capacity idled less than selecting by pinball on every trace, at the same window coverage.
 */
export type SelectionScore = "pinball" | "capacity";

/** Every selection score (in the order error messages list them). */
export const SELECTION_SCORES: readonly SelectionScore[] = ["pinball", "capacity"];

/** What each score measures, in the words the plan's why, the CLI help and its output use. */
export const SELECTION_SCORE_MEANING: Readonly<Record<SelectionScore, string>> = {
  pinball: "mean pinball loss of the window maximum",
  capacity: "mean capacity above the window maximum at equal coverage",
};

/** The score model selection minimises unless a pool or command asks for another. */
export const DEFAULT_SELECTION_SCORE: SelectionScore = "capacity";

/**
 * Mean excess of the bounds over the realised window maxima (negative where a bound misses) once
 * the bounds are shifted (by one
 * constant, up or down) so that exactly the `quantile` share of windows is covered: the capacity a
 * candidate needs for that coverage. The shift removes the small coverage differences the online
 * calibration leaves between candidates, so one that under-covers cannot look cheap.
 *
 * @param bounds the bound held at each origin (NaN before any calibration score).
 * @param actual the realised window maximum at each origin.
 * @param from index of the first origin scored.
 * @param quantile share of windows to cover, in (0, 1).
 * @returns the mean excess, or Infinity when no origin from `from` on has a bound.
 * @throws {RangeError} when `bounds` and `actual` differ in length.
 */
export function excessAtCoverage(
  bounds: readonly number[],
  actual: readonly number[],
  from: number,
  quantile: number,
): number {
  if (bounds.length !== actual.length) {
    throw new RangeError(
      `bounds and actual must have the same length (got ${bounds.length} and ${actual.length})`,
    );
  }
  const shortfall: number[] = [];
  let excess = 0;
  for (let i = Math.max(0, from); i < bounds.length; i++) {
    if (Number.isNaN(bounds[i])) continue;
    shortfall.push(actual[i] - bounds[i]);
    excess += bounds[i] - actual[i];
  }
  const n = shortfall.length;
  if (n === 0) return Infinity;
  // The shift that covers ⌈q·n⌉ windows: the ⌈q·n⌉-th smallest shortfall (negative when the
  // bounds over-cover and may come down). Selection, not a sort: this runs for every candidate of
  // every pool, and Floyd–Rivest finds one rank in linear time.
  const k = Math.min(n, Math.max(1, Math.ceil(quantile * n - 1e-9))) - 1;
  quickselect(shortfall, k);
  const shift = shortfall[k];
  return excess / n + shift;
}
