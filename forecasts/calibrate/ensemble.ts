import type { WindowMaxTrace } from "./window-max";

/** Name of the combined candidate in the selector (and in the plan's why). */
export const ENSEMBLE_NAME = "median-ensemble";
/** Fewest scored models the combination needs: the median of two is just their mean. */
export const ENSEMBLE_MIN_MODELS = 3;

/**
 * Combine several models' window-max traces into one: at each origin (and at now) the median of
 * their predicted maxima. Forecast combinations are hard to beat (the M4 competition's lesson) and
 * the median ignores the one model that goes astray after a burst or a shift. It is an honest
 * candidate: every member's prediction at an origin used data before that origin only, so the
 * median does too, and it is calibrated and scored like any model.
 *
 * @param traces the members' traces over the same origins (at least one).
 * @returns the median trace.
 * @throws {RangeError} when there is no trace.
 */
export function medianTrace(traces: readonly WindowMaxTrace[]): WindowMaxTrace {
  if (traces.length === 0) throw new RangeError("median of traces needs at least one trace");
  const first = traces[0];
  return {
    origins: first.origins,
    actual: first.actual,
    predicted: first.predicted.map((_, i) => median(traces.map((t) => t.predicted[i]))),
    predictedNow: median(traces.map((t) => t.predictedNow)),
  };
}

/** Median of a small array (sorted in place). */
function median(xs: number[]): number {
  xs.sort((a, b) => a - b);
  const m = xs.length >> 1;
  return xs.length % 2 === 1 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
}
