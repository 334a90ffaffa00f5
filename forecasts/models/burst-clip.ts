import type { ModelContext } from "../types";

/** Options of {@link clipBursts}. */
export interface BurstClipOptions {
  /** A value further than `k` robust standard deviations from its reference is an outlier. Default 5. */
  readonly k?: number;
  /**
   * Longest run of consecutive outliers that is clipped; a longer run is a real change.
   * Default: a sixth of the shortest period, at least 2 (4 hours on hourly data).
   */
  readonly maxRun?: number;
  /** Smallest clip distance in demand units, so small counts are never clipped for noise. Default 1. */
  readonly minDistance?: number;
}

/** The cleaned series and what was clipped. */
export interface BurstClipResult {
  readonly values: Float64Array;
  /** Indices whose value was clipped. */
  readonly clipped: readonly number[];
  /** The robust standard deviation of deviations from the reference (estimated on the fit range). */
  readonly scale: number;
}

/** Cycles of the longest period whose same-phase values form the seasonal median. */
const CYCLES = 3;

/** Median of an array, sorted in place by insertion (the windows here hold a few values). */
function median(a: number[]): number {
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > x) a[j + 1] = a[j--];
    a[j + 1] = x;
  }
  const m = a.length >> 1;
  return a.length % 2 === 1 ? a[m] : (a[m - 1] + a[m]) / 2;
}

/**
 * One causal pass: each value's reference is the median of the same phase in the last three cycles
 * of the longest period (fewer at the start) plus the mean deviation from that median over the last
 * shortest period, so the reference follows the weekly shape and the current level. With `limit`
 * finite, outliers in runs of at most `maxRun` are replaced by their reference in `out` (which the references read).
 */
function pass(
  values: readonly number[],
  out: Float64Array,
  period: number,
  window: number,
  limit: number,
  maxRun: number,
  deviations: number[] | null,
  devEnd: number,
): number[] {
  const n = values.length;
  const recent = new Float64Array(window);
  let recentSum = 0;
  let recentCount = 0;
  const buf: number[] = [];
  const clipped: number[] = [];
  let run = 0;
  for (let t = period; t < n; t++) {
    buf.length = 0;
    for (let c = 1; c <= CYCLES && t - c * period >= 0; c++) buf.push(out[t - c * period]);
    const seasonal = median(buf);
    const ref = seasonal + (recentCount > 0 ? recentSum / recentCount : 0);
    const d = values[t] - ref;
    if (deviations !== null && t < devEnd) deviations.push(Math.abs(d));
    if (Math.abs(d) > limit) {
      run++;
      if (run <= maxRun) {
        out[t] = ref;
        clipped.push(t);
      }
    } else run = 0;
    // Ring buffer of the last `window` deviations of the cleaned value from its seasonal median.
    const slot = t % window;
    if (recentCount === window) recentSum -= recent[slot];
    else recentCount++;
    recent[slot] = out[t] - seasonal;
    recentSum += recent[slot];
  }
  return clipped;
}

/**
 * Causal Hampel-style clipping of bursts against a seasonal median. Each value is compared with a
 * reference: the median of the same phase one, two and three cycles of the longest period earlier
 * (e.g. t−168, t−336, t−504 on hourly data), corrected by the mean deviation over the last day. A
 * value further than max(k·σ, minDistance) from its reference is replaced by the reference (the
 * Hampel identifier's rule; clipping to the limit instead would still lift a seasonal profile) — but only while the run of consecutive outliers is at most `maxRun` long: an
 * isolated spike is a burst, a run that persists is a level shift and passes unchanged.
 * σ is 1.4826 × the median absolute deviation from the reference over [0, fitEnd) (a first pass on
 * the raw values). Each cleaned value depends on values up to its own index only (causal).
 *
 * @param values the series.
 * @param fitEnd the scale is estimated on values[0..fitEnd).
 * @param ctx seasonal periods in steps, shortest first.
 * @param opts threshold, run length, minimum distance.
 * @returns cleaned values, the clipped indices and σ.
 */
export function clipBursts(
  values: readonly number[],
  fitEnd: number,
  ctx: ModelContext,
  opts: BurstClipOptions = {},
): BurstClipResult {
  const period = Math.max(...ctx.periods);
  const window = Math.max(1, ctx.periods[0]);
  const k = opts.k ?? 5;
  const maxRun = opts.maxRun ?? Math.max(2, Math.round(ctx.periods[0] / 6));
  const minDistance = opts.minDistance ?? 1;
  const out = Float64Array.from(values);
  if (!(period >= 1) || values.length <= period) return { values: out, clipped: [], scale: 0 };
  const deviations: number[] = [];
  pass(values, Float64Array.from(values), period, window, Infinity, 0, deviations, fitEnd);
  deviations.sort((a, b) => a - b);
  const mid = deviations.length >> 1;
  const mad =
    deviations.length === 0
      ? 0
      : deviations.length % 2
        ? deviations[mid]
        : (deviations[mid - 1] + deviations[mid]) / 2;
  const scale = 1.4826 * mad;
  const clipped = pass(
    values,
    out,
    period,
    window,
    Math.max(k * scale, minDistance),
    maxRun,
    null,
    0,
  );
  return { values: out, clipped, scale };
}
