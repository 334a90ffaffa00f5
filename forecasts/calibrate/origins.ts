/** Where the calibration starts and which origins it replays. */
export interface CalibrationOrigins {
  /** Models are fitted on `values[0 .. fitEnd)`; `fitEnd` is the first origin. */
  readonly fitEnd: number;
  /** Origins, ascending, each with its whole window before the end of the history. */
  readonly origins: number[];
  /** Origins skipped between two calibration origins (1 = every step). */
  readonly stride: number;
  /** Origins left out because their window held demand the resampler invented. */
  readonly unobserved: number;
  /** Origins left out because a known event touched their window. */
  readonly events: number;
}

/**
 * Days of trailing windows the calibration scores: four weeks. Over six draws of the five
 * evaluation traces this idled less than two weeks on every trace (mean ratios to the best
 * hindsight-tuned baseline 0.01–0.03 lower, the worst draws up to 0.15 lower) at the same window
 * coverage: twice the scores give a steadier 0.95 quantile, and at higher quantiles (0.99) the
 * difference is larger still. The adaptive correction, not a short window, follows drift.
 */
export const CALIBRATION_DAYS = 28;

/**
 * At most this many calibration origins: every hourly window of the calibration days (672). On an
 * hourly grid that is every origin: halving them (stride 2) left the 0.95 quantile resting on the
 * few windows with a burst, and idled more on every evaluation trace (0–4 % of the baseline's
 * idle). Finer grids are thinned to the same count, which keeps 1,000 pools within seconds.
 */
export const MAX_ORIGINS = CALIBRATION_DAYS * 24;
/** At least this many, or the conformal quantile is too coarse to trust. */
export const MIN_ORIGINS = 50;

/**
 * On a coarse grid the calibration looks back past {@link CALIBRATION_DAYS} until it holds this
 * many origins, where the history has them. A daily series has one origin a day, so four weeks
 * would hold 28 windows (fewer than {@link MIN_ORIGINS}: every plan would fall back), and a
 * 0.95 quantile of 50 scores rests on its three largest. Hourly and finer grids already hold
 * more in four weeks, so this changes nothing for them.
 */
export const MIN_CALIBRATION_WINDOWS = 200;

/**
 * Trailing calibration origins: the last {@link CALIBRATION_DAYS} days, or on a coarse grid the
 * last {@link MIN_CALIBRATION_WINDOWS} origins (either way at most what remains after one week
 * kept for fitting), at most {@link MAX_ORIGINS} of them evenly spaced and ending at the
 * latest origin whose window is fully observed. Even the two weeks of a young history hold two of
 * each weekday, so weekend errors are in the calibration; a week for fitting is the least a daily
 * model needs to settle.
 *
 * An origin whose window holds an unobserved step (demand the resampler invented for a long gap
 * in the rows) is left out: its "realised" maximum was invented, and scoring it would widen (or
 * narrow) every bound for weeks after an exporter outage. So is one whose window a known event
 * touches (a holiday, a launch): its error is the event's, not the pool's usual.
 *
 * @param n history length in steps.
 * @param delay steps from an origin until its window is observed (gap + horizon).
 * @param daySteps steps in a day.
 * @param unobserved per step, whether it was invented by the resampler (default: none).
 * @param eventSteps per step, whether a known event touches it (default: none).
 * @returns the origins, or null when fewer than {@link MIN_ORIGINS} fit.
 */
export function calibrationOrigins(
  n: number,
  delay: number,
  daySteps: number,
  unobserved: readonly boolean[] = [],
  eventSteps: readonly boolean[] = [],
): CalibrationOrigins | null {
  const lastOrigin = n - delay;
  const span = Math.max(CALIBRATION_DAYS * daySteps, MIN_CALIBRATION_WINDOWS);
  const firstOrigin = Math.max(7 * daySteps, lastOrigin - span + 1);
  const count = lastOrigin - firstOrigin + 1;
  if (count < MIN_ORIGINS) return null;
  const stride = Math.ceil(count / MAX_ORIGINS);
  // Marked steps up to each index, so "does [o, o + delay) hold one?" is O(1).
  const invented = prefixCounts(unobserved, n);
  const evented = prefixCounts(eventSteps, n);
  const origins: number[] = [];
  // Anchor at the latest origin so the most recent windows are always in the calibration.
  let left = 0;
  let events = 0;
  for (let o = lastOrigin; o >= firstOrigin; o -= stride) {
    if (invented[o + delay] !== invented[o]) left++;
    else if (evented[o + delay] !== evented[o]) events++;
    else origins.push(o);
  }
  if (origins.length < MIN_ORIGINS) return null;
  origins.reverse();
  // Models are fitted before the earliest candidate origin, whether or not its window was kept.
  const earliest = lastOrigin - Math.floor((lastOrigin - firstOrigin) / stride) * stride;
  return { fitEnd: earliest, origins, stride, unobserved: left, events };
}

/** How many of `marks[0 .. i)` are true, for i = 0 .. n. */
function prefixCounts(marks: readonly boolean[], n: number): Int32Array {
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) counts[i + 1] = counts[i] + (marks[i] === true ? 1 : 0);
  return counts;
}
