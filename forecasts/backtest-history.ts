import { resample } from "./series";
import type { RawPoint, Series } from "./types";

/**
 * What the planner sees at each deployment: the rows before T, resampled to `step` exactly as
 * `resample(rowsBefore, { step, end: T })` would. Resampling a prefix at each of a thousand
 * deployments dominates the backtest's own cost, so when T falls on a bucket boundary the prefix is
 * cut from one resampling of the whole trace instead. That is exact: a bucket before T is filled
 * from its own rows, or (in a gap) from observed buckets on both sides, which all lie before the
 * last row before T; a gap that straddles T is never part of the prefix, since the prefix ends at
 * the bucket of the last row before T.
 *
 * @param points the trace, sorted with distinct timestamps.
 * @param step bucket width in seconds (buckets start on multiples of it, as `resample` does).
 * @returns `seriesBefore(seen, T)`: the series of `points[0 .. seen)`, all of which are before T,
 *   or null when `seen` is 0.
 */
export function pastSeriesOf(
  points: readonly RawPoint[],
  step: number,
): (seen: number, T: number) => Series | null {
  let full: Series | null = null;
  return (seen, T) => {
    if (seen === 0) return null;
    // Only whole-second steps that divide T give bucket boundaries at T with no rounding doubt.
    if (!(Number.isInteger(step) && T % step === 0)) {
      return resample(points.slice(0, seen), { step, end: T });
    }
    full ??= resample(points, { step });
    const kMin = Math.round(full.start / step);
    const kLast = Math.floor(points[seen - 1].t / step);
    const count = kLast - kMin + 1;
    const values = full.values.slice(0, count);
    const filled = full.filled?.slice(0, count);
    // A prefix with no filled bucket says so by having no `filled`, as its own resampling would.
    return filled === undefined || filled.every((f) => f === 0)
      ? { start: full.start, step, values }
      : { start: full.start, step, values, filled };
  };
}
