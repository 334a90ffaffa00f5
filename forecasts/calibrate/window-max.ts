import type { FittedModel } from "../types";

/** A model's predicted and realised window maxima at each calibration origin, and at now. */
export interface WindowMaxTrace {
  /** Calibration origins (indices into the grid), ascending. */
  readonly origins: readonly number[];
  /** Predicted window maximum `m̂_o`: the largest point forecast over the window. */
  readonly predicted: readonly number[];
  /** Realised window maximum `M_o`: the largest observation over the window. */
  readonly actual: readonly number[];
  /** Predicted window maximum for the window starting at `now` (origin = grid length). */
  readonly predictedNow: number;
}

/**
 * Predicted and realised maxima of the window `[o + gap, o + gap + h)` for each origin. The fitted
 * model sees `values[0 .. o)` only (its state is updated causally up to `o`), so every score built
 * from this trace is out of sample. The `gap` steps between an origin and its window mirror stale
 * history at `now`, so calibration measures the same lead time the final forecast has.
 *
 * @param values history on the model grid.
 * @param fitted model fitted on a prefix ending at or before the first origin.
 * @param origins ascending origins with `o + gap + h <= values.length`.
 * @param gapSteps steps between the origin and the window.
 * @param horizonSteps window length in steps (>= 1).
 * @returns the trace.
 * @throws {Error} when the model returns a non-finite or too short forecast.
 */
export function windowMaxTrace(
  values: readonly number[],
  fitted: FittedModel,
  origins: readonly number[],
  gapSteps: number,
  horizonSteps: number,
): WindowMaxTrace {
  const predictMax = (origin: number): number => {
    const f = fitted.forecastFrom(origin, gapSteps + horizonSteps);
    if (f.length < gapSteps + horizonSteps) {
      throw new Error(
        `forecast from ${origin} has ${f.length} steps, expected ${gapSteps + horizonSteps}`,
      );
    }
    let m = -Infinity;
    for (let k = gapSteps; k < gapSteps + horizonSteps; k++) if (f[k] > m) m = f[k];
    if (!Number.isFinite(m)) throw new Error(`forecast from ${origin} is not finite`);
    return m;
  };
  const predicted: number[] = [];
  const actual: number[] = [];
  for (const o of origins) {
    predicted.push(predictMax(o));
    let m = -Infinity;
    for (let k = o + gapSteps; k < o + gapSteps + horizonSteps; k++)
      if (values[k] > m) m = values[k];
    actual.push(m);
  }
  return { origins, predicted, actual, predictedNow: predictMax(values.length) };
}
