import { loessEstimate, loessSmooth } from "./loess";

/** Options of {@link stl}; names and defaults follow statsmodels' `STL`. */
export interface StlOptions {
  /** Seasonal smoother span (odd, >= 3). Default 7. */
  readonly seasonal?: number;
  /** Trend span (odd, > period). Default: smallest odd >= 1.5·period / (1 − 1.5/seasonal). */
  readonly trend?: number;
  /** Low-pass span (odd, > period). Default: smallest odd > period. */
  readonly lowPass?: number;
  /** Degrees of the local fits (0 or 1). Default 1 each. */
  readonly seasonalDeg?: number;
  readonly trendDeg?: number;
  readonly lowPassDeg?: number;
  /** Robustness iterations with bisquare weights. Default false. */
  readonly robust?: boolean;
  /** Evaluate each smoother every `jump` points and interpolate. Default 1 each. */
  readonly seasonalJump?: number;
  readonly trendJump?: number;
  readonly lowPassJump?: number;
  /** Inner loop count. Default 2 when robust, else 5. */
  readonly inner?: number;
  /** Outer (robustness) loop count. Default 15 when robust, else 0. */
  readonly outer?: number;
}

/** An STL decomposition: `values = seasonal + trend + remainder`. */
export interface StlResult {
  readonly seasonal: Float64Array;
  readonly trend: Float64Array;
  readonly remainder: Float64Array;
  /** Final robustness weights (all 1 without robustness). */
  readonly weights: Float64Array;
}

/** Smallest odd integer >= x. */
function oddCeil(x: number): number {
  const c = Math.ceil(x);
  return c % 2 === 0 ? c + 1 : c;
}

/**
 * Seasonal-trend decomposition by LOESS (Cleveland, Cleveland, McRae & Terpenning 1990), a port of
 * the netlib `stl` routine as statsmodels' `STL` implements it (including its fixed median in the
 * robustness weights), so results agree with `STL(y, period, ...).fit()` to rounding.
 *
 * @param values the series (no gaps).
 * @param period seasonal period in steps (integer >= 2).
 * @param opts spans, degrees, jumps and iteration counts (statsmodels' defaults).
 * @returns seasonal, trend, remainder and robustness weights.
 * @throws {RangeError} for a bad period or span, or fewer than two periods of data.
 */
export function stl(values: ArrayLike<number>, period: number, opts: StlOptions = {}): StlResult {
  const n = values.length;
  if (!Number.isInteger(period) || period < 2) {
    throw new RangeError(`STL period must be an integer >= 2 (got ${period})`);
  }
  if (n < 2 * period) {
    throw new RangeError(`STL needs two periods of data (${2 * period} values, got ${n})`);
  }
  const ns = opts.seasonal ?? 7;
  const nt = opts.trend ?? oddCeil((1.5 * period) / (1 - 1.5 / ns));
  const nl = opts.lowPass ?? oddCeil(period + 1);
  for (const [name, span, min] of [
    ["seasonal", ns, 3],
    ["trend", nt, period + 1],
    ["lowPass", nl, period + 1],
  ] as const) {
    if (!Number.isInteger(span) || span % 2 !== 1 || span < Math.max(3, min)) {
      throw new RangeError(
        `STL ${name} span must be an odd integer >= ${Math.max(3, min)} (got ${span})`,
      );
    }
  }
  const robust = opts.robust ?? false;
  const inner = opts.inner ?? (robust ? 2 : 5);
  const outer = opts.outer ?? (robust ? 15 : 0);
  const cfg: Config = {
    n,
    np: period,
    ns,
    nt,
    nl,
    isdeg: opts.seasonalDeg ?? 1,
    itdeg: opts.trendDeg ?? 1,
    ildeg: opts.lowPassDeg ?? 1,
    nsjump: opts.seasonalJump ?? 1,
    ntjump: opts.trendJump ?? 1,
    nljump: opts.lowPassJump ?? 1,
  };
  const y = Float64Array.from(values);
  const season = new Float64Array(n);
  const trend = new Float64Array(n);
  const rw = new Float64Array(n).fill(1);
  const m = n + 2 * period;
  const work = [0, 1, 2, 3, 4].map(() => new Float64Array(m));
  let useRw = false;
  for (let k = 0; ;) {
    innerLoop(cfg, y, inner, useRw ? rw : null, season, trend, work);
    k++;
    if (k > outer) break;
    for (let i = 0; i < n; i++) work[0][i] = trend[i] + season[i];
    robustnessWeights(y, work[0], rw);
    useRw = true;
  }
  const remainder = new Float64Array(n);
  for (let i = 0; i < n; i++) remainder[i] = y[i] - season[i] - trend[i];
  return { seasonal: season, trend, remainder, weights: rw };
}

interface Config {
  n: number;
  np: number;
  ns: number;
  nt: number;
  nl: number;
  isdeg: number;
  itdeg: number;
  ildeg: number;
  nsjump: number;
  ntjump: number;
  nljump: number;
}

/** STL's inner loop (`onestp`): detrend, smooth cycle-subseries, low-pass, deseasonalise, smooth trend. */
function innerLoop(
  c: Config,
  y: Float64Array,
  inner: number,
  rw: Float64Array | null,
  season: Float64Array,
  trend: Float64Array,
  work: Float64Array[],
): void {
  const { n, np } = c;
  for (let j = 0; j < inner; j++) {
    for (let i = 0; i < n; i++) work[0][i] = y[i] - trend[i];
    cycleSubseries(c, work[0], rw, work[1], work[2], work[3], work[4], season);
    // Low-pass filter of the extended seasonal: moving averages np, np, 3, then LOESS.
    movingAverage(work[1], n + 2 * np, np, work[2]);
    movingAverage(work[2], n + np + 1, np, work[0]);
    movingAverage(work[0], n + 2, 3, work[2]);
    loessSmooth(work[2], n, c.nl, c.ildeg, c.nljump, null, work[0], work[4]);
    for (let i = 0; i < n; i++) {
      season[i] = work[1][np + i] - work[0][i];
      work[0][i] = y[i] - season[i];
    }
    loessSmooth(work[0], n, c.nt, c.itdeg, c.ntjump, rw, trend, work[2]);
  }
}

/**
 * Smooth each cycle-subseries (all Januaries, …) by LOESS and extend it one cycle at each end
 * (`ss`): the output has n + 2·np values, position np + i matching input i.
 */
function cycleSubseries(
  c: Config,
  y: Float64Array,
  rw: Float64Array | null,
  season: Float64Array,
  work1: Float64Array,
  work2: Float64Array,
  work3: Float64Array,
  work4: Float64Array,
): void {
  const { n, np, ns, isdeg, nsjump } = c;
  for (let j = 0; j < np; j++) {
    const k = Math.floor((n - (j + 1)) / np) + 1;
    for (let i = 0; i < k; i++) work1[i] = y[i * np + j];
    if (rw !== null) for (let i = 0; i < k; i++) work3[i] = rw[i * np + j];
    const w = rw === null ? null : work3;
    loessSmooth(work1, k, ns, isdeg, nsjump, w, work2, work4, 1);
    const first = loessEstimate(work1, k, ns, isdeg, 0, 1, Math.min(ns, k), work4, w);
    work2[0] = Number.isNaN(first) ? work2[1] : first;
    const last = loessEstimate(work1, k, ns, isdeg, k + 1, Math.max(1, k - ns + 1), k, work4, w);
    work2[k + 1] = Number.isNaN(last) ? work2[k] : last;
    for (let m = 0; m < k + 2; m++) season[m * np + j] = work2[m];
  }
}

/** Moving average of span `len` over x[0..n): n − len + 1 outputs (`ma`). */
function movingAverage(x: Float64Array, n: number, len: number, ave: Float64Array): void {
  let v = 0;
  for (let i = 0; i < len; i++) v += x[i];
  ave[0] = v / len;
  for (let j = 1, k = len, m = 0; j < n - len + 1; j++, k++, m++) {
    v += x[k] - x[m];
    ave[j] = v / len;
  }
}

/** Bisquare robustness weights from residuals scaled by 6 × their median absolute value (`rwts`). */
function robustnessWeights(y: Float64Array, fit: Float64Array, rw: Float64Array): void {
  const n = y.length;
  for (let i = 0; i < n; i++) rw[i] = Math.abs(y[i] - fit[i]);
  const sorted = Float64Array.from(rw).sort();
  const mid0 = Math.floor(n / 2);
  const mid1 = n - mid0 - 1;
  const cmad = 3 * (sorted[mid0] + sorted[mid1]);
  if (cmad === 0) {
    rw.fill(1);
    return;
  }
  const c9 = 0.999 * cmad;
  const c1 = 0.001 * cmad;
  for (let i = 0; i < n; i++) {
    const r = rw[i];
    if (r <= c1) rw[i] = 1;
    else if (r <= c9) {
      const u = r / cmad;
      rw[i] = (1 - u * u) * (1 - u * u);
    } else rw[i] = 0;
  }
}
