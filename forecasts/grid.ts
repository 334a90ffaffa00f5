import type { Series } from "./types";

/** Model steps the forecaster may work on, finest first; each divides a day and a week. */
export const MODEL_STEPS: readonly number[] = [300, 600, 900, 1800, 3600];

const DAY = 86_400;
const WEEK = 7 * DAY;

/** A history re-aggregated onto the model's grid, anchored so that the last bucket ends at `now`. */
export interface ModelGrid {
  /** Model step in seconds. */
  readonly step: number;
  /** Bucket maxima; bucket `i` covers `[end - (n - i) * step, end - (n - i - 1) * step)`. */
  readonly values: number[];
  /** Epoch seconds where the last bucket ends (a multiple of `step` before `now`, or `now`). */
  readonly end: number;
  /** Empty steps between the end of the data and `now` (stale history), forecast but not scored. */
  readonly gapSteps: number;
  /** Steps in the window `[now, now + horizon)`: `ceil(horizon / step)`. */
  readonly horizonSteps: number;
  /** Seasonal periods in steps, shortest first: `[day, week]` when they are whole numbers >= 2. */
  readonly periods: number[];
  /** True when every value is a whole number (counts of slots): bounds are then rounded up. */
  readonly integerValued: boolean;
  /** Per bucket: whether it holds demand the resampler invented for a long gap in the rows. */
  readonly unobserved: boolean[];
}

/**
 * The model step for a series step and a horizon: the largest of {@link MODEL_STEPS} that is at
 * least the series step (never invent resolution), at most the horizon and dividing it (so the
 * window `[now, now + horizon)` is a whole number of buckets and its maximum is exactly the maximum
 * of bucket maxima). Coarser steps make the models predict the quantity that sizes the pool — the
 * maximum over the window — directly, with less noise and less work. Failing a divisor, the largest
 * candidate not above the horizon; a series coarser than an hour keeps its own step.
 *
 * @param seriesStep the history's step in seconds (> 0).
 * @param horizonSeconds the planning horizon in seconds (> 0).
 * @returns the model step in seconds.
 */
export function chooseModelStep(seriesStep: number, horizonSeconds: number): number {
  const usable = MODEL_STEPS.filter((c) => c >= seriesStep);
  if (usable.length === 0) return seriesStep;
  const dividing = usable.filter((c) => c <= horizonSeconds && horizonSeconds % c === 0);
  if (dividing.length > 0) return dividing[dividing.length - 1];
  const below = usable.filter((c) => c <= horizonSeconds);
  return below.length > 0 ? below[below.length - 1] : usable[0];
}

/**
 * Seasonal periods in steps: a day and a week, each kept when it is a whole number of at least 2
 * steps (a daily series has no daily period, but still a weekly one of 7).
 *
 * @param step model step in seconds.
 * @returns periods in steps, shortest first.
 */
export function periodsFor(step: number): number[] {
  return [DAY / step, WEEK / step].filter((p) => Number.isInteger(p) && p >= 2);
}

/**
 * Re-aggregate a series onto a coarser grid by bucket MAXIMUM, anchored at `now`: model bucket
 * boundaries are `now - k * step`, so with the horizon a multiple of the step the forecast window
 * is exactly the next `horizonSteps` buckets. Only series buckets that end at or before `now` are
 * used (`now` is exclusive, so a plan made in a pull request and the one after merge agree). Empty
 * model buckets inside the data (a series step not dividing the model step) carry the last value
 * forward; buckets after the last data up to `now` are counted in `gapSteps` instead of invented.
 * Runs in O(series length).
 *
 * @param history regular series (any step).
 * @param now epoch seconds, exclusive end of usable history.
 * @param horizonSeconds window length in seconds (> 0).
 * @returns the grid; `values` is empty when no bucket ends before `now`.
 */
export function buildGrid(history: Series, now: number, horizonSeconds: number): ModelGrid {
  const step = chooseModelStep(history.step, horizonSeconds);
  const horizonSteps = Math.ceil(horizonSeconds / step - 1e-9);
  const periods = periodsFor(step);
  // Last series bucket that ends at or before now.
  const lastIdx = Math.min(
    history.values.length - 1,
    Math.floor((now - history.start) / history.step + 1e-9) - 1,
  );
  if (lastIdx < 0) {
    return {
      step,
      values: [],
      end: now,
      gapSteps: 0,
      horizonSteps,
      periods,
      integerValued: true,
      unobserved: [],
    };
  }
  // Model bucket index relative to now: -1 is [now - step, now).
  const rel = (t: number): number => Math.floor((t - now) / step + 1e-9);
  const firstRel = rel(history.start);
  const lastRel = rel(history.start + lastIdx * history.step);
  const n = lastRel - firstRel + 1;
  const values = new Array<number>(n).fill(NaN);
  // The maximum of the filled series buckets, used only where a model bucket holds no rows: an
  // interpolated bucket at the edge of a model bucket leans on the next one, and would lift this
  // bucket's maximum above any demand observed in it (irregular timestamps leave many such).
  const filledMax = new Array<number>(n).fill(NaN);
  const unobserved = new Array<boolean>(n).fill(false);
  let integerValued = true;
  for (let i = 0; i <= lastIdx; i++) {
    const v = history.values[i];
    if (!Number.isFinite(v)) continue;
    const j = rel(history.start + i * history.step) - firstRel;
    const fill = history.filled?.[i] ?? 0;
    if (fill === 2) unobserved[j] = true;
    const into = fill === 0 ? values : filledMax;
    if (!(into[j] >= v)) into[j] = v;
  }
  for (let j = 0; j < n; j++) {
    if (Number.isNaN(values[j])) values[j] = filledMax[j];
    if (integerValued && Number.isFinite(values[j]) && !Number.isInteger(values[j]))
      integerValued = false;
  }
  // Carry forward into empty buckets; a leading empty bucket takes the first finite value.
  let last = values.find((v) => Number.isFinite(v)) ?? 0;
  for (let j = 0; j < n; j++) {
    if (Number.isFinite(values[j])) last = values[j];
    else values[j] = last;
  }
  return {
    step,
    values,
    unobserved,
    end: now + (lastRel + 1) * step,
    gapSteps: -1 - lastRel,
    horizonSteps,
    periods,
    integerValued,
  };
}
