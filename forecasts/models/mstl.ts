import { stl, type StlOptions } from "./stl";

/** Options of {@link mstl}; defaults follow statsmodels' `MSTL`. */
export interface MstlOptions {
  /** Seasonal spans per period (odd). Default 7 + 4·i for the i-th period (11, 15, …). */
  readonly windows?: readonly number[];
  /** Passes over all periods. Default 2 (1 when there is a single period). */
  readonly iterate?: number;
  /**
   * STL options shared by every period, or a function of the period and its window (to scale
   * jumps with the spans). `seasonal` is always the period's window.
   */
  readonly stl?: StlOptions | ((period: number, window: number) => StlOptions);
}

/** A multiple-seasonal decomposition: `values = Σ seasonals + trend + remainder`. */
export interface MstlResult {
  /** The periods kept (sorted, those shorter than half the series). */
  readonly periods: readonly number[];
  /** One seasonal component per kept period, in the order of `periods`. */
  readonly seasonals: readonly Float64Array[];
  readonly trend: Float64Array;
  readonly remainder: Float64Array;
}

/**
 * MSTL (Bandara, Hyndman & Bergmeir 2021) as statsmodels implements it: STL is applied to each
 * period in turn, shortest first, on the series with the other seasonal components removed, and the
 * pass is repeated `iterate` times; the trend is the last STL's trend. Periods of at least half the
 * series length are dropped, as statsmodels does (they cannot be estimated).
 *
 * @param values the series (no gaps).
 * @param periods seasonal periods in steps (any order).
 * @param opts windows, iterations and STL options.
 * @returns the components.
 * @throws {RangeError} when no period is short enough or windows do not match periods.
 */
export function mstl(
  values: ArrayLike<number>,
  periods: readonly number[],
  opts: MstlOptions = {},
): MstlResult {
  const n = values.length;
  if (opts.windows !== undefined && opts.windows.length !== periods.length) {
    throw new RangeError(
      `MSTL needs one window per period (${periods.length}, got ${opts.windows.length})`,
    );
  }
  // Pair windows with periods before sorting, as statsmodels does; default windows follow the sort.
  const pairs = periods.map((p, i) => [p, opts.windows?.[i]] as const).sort((a, b) => a[0] - b[0]);
  const kept = pairs.filter(([p]) => p < n / 2);
  if (kept.length === 0) {
    throw new RangeError(
      `MSTL: every period (${periods.join(", ")}) is at least half the series (${n})`,
    );
  }
  const windows = kept.map(([, w], i) => w ?? 7 + 4 * (i + 1));
  const iterate = kept.length === 1 ? 1 : (opts.iterate ?? 2);
  const seasonals = kept.map(() => new Float64Array(n));
  const deseas = Float64Array.from(values);
  let trend: Float64Array = new Float64Array(n);
  for (let it = 0; it < iterate; it++) {
    for (let s = 0; s < kept.length; s++) {
      const period = kept[s][0];
      const season = seasonals[s];
      // Put this period's current estimate back, re-estimate it, take it out again.
      for (let i = 0; i < n; i++) deseas[i] += season[i];
      const extra =
        typeof opts.stl === "function" ? opts.stl(period, windows[s]) : (opts.stl ?? {});
      const res = stl(deseas, period, { ...extra, seasonal: windows[s] });
      season.set(res.seasonal);
      for (let i = 0; i < n; i++) deseas[i] -= season[i];
      trend = res.trend;
    }
  }
  const remainder = new Float64Array(n);
  for (let i = 0; i < n; i++) remainder[i] = deseas[i] - trend[i];
  return { periods: kept.map(([p]) => p), seasonals, trend, remainder };
}
