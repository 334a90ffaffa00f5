/** Autocorrelation at or above this, at a day or a week, counts as a detectable pattern. */
export const PATTERN_THRESHOLD = 0.2;

/** Days of history needed before a model is trusted (two of each weekday). */
export const MIN_HISTORY_DAYS = 14;

/** The evidence for a daily or weekly pattern. */
export interface PatternEvidence {
  /** Rank autocorrelation at a lag of one day, or null when the history is too short for it. */
  readonly acfDay: number | null;
  /** Rank autocorrelation at a lag of one week, or null when the history is too short for it. */
  readonly acfWeek: number | null;
  /** Whether either reaches {@link PATTERN_THRESHOLD} (or the series is constant). */
  readonly detected: boolean;
}

/**
 * Is there a daily or weekly pattern a model can use? The autocorrelation of the series' ranks at
 * a lag of one day and one week (over at most the last four weeks). Ranks, not values, so that the
 * heavy-tailed bursts of CI runners or incident spikes do not drown the pattern, and the answer does
 * not depend on the unit. Under i.i.d. noise the coefficient is about ±2/√n (±0.08 for two weeks of
 * hours), so 0.2 is clear evidence; a pattern that has it also shows in the backtest. A constant
 * series is perfectly predictable and counts as detected.
 *
 * @param values history on the model grid, oldest first.
 * @param periods seasonal periods in steps, `[day, week]` (either may be missing).
 * @returns the autocorrelations and the verdict.
 */
export function detectPattern(
  values: readonly number[],
  periods: readonly number[],
): PatternEvidence {
  const longest = periods.length > 0 ? periods[periods.length - 1] : 0;
  const window = values.slice(-Math.max(4 * longest, 1));
  const ranks = averageRanks(window);
  const day = periods.length >= 2 ? periods[0] : null;
  const acfDay = day !== null ? autocorrelation(ranks, day) : null;
  const acfWeek = longest > 0 && longest !== day ? autocorrelation(ranks, longest) : null;
  const constant = window.every((v) => v === window[0]);
  const detected = constant || [acfDay, acfWeek].some((r) => r !== null && r >= PATTERN_THRESHOLD);
  return { acfDay, acfWeek, detected };
}

/**
 * Sample autocorrelation at `lag`: `Σ (x_t − x̄)(x_{t+lag} − x̄) / Σ (x_t − x̄)²`, the estimator of
 * R's `acf()` (Box & Jenkins), so its values can be checked against R.
 *
 * @param x series.
 * @param lag lag in steps (>= 1).
 * @returns the coefficient, or null when the series is shorter than two lags or constant.
 */
export function autocorrelation(x: readonly number[], lag: number): number | null {
  const n = x.length;
  if (!(lag >= 1) || n < 2 * lag) return null;
  let mean = 0;
  for (const v of x) mean += v;
  mean /= n;
  let den = 0;
  for (const v of x) den += (v - mean) * (v - mean);
  if (den === 0) return null;
  let num = 0;
  for (let t = 0; t + lag < n; t++) num += (x[t] - mean) * (x[t + lag] - mean);
  return num / den;
}

/**
 * Ranks 1..n with ties given their average rank (R's `rank(ties.method = "average")`).
 *
 * @param x values.
 * @returns ranks in the order of `x`.
 */
export function averageRanks(x: readonly number[]): number[] {
  const order = x.map((_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  const ranks = new Array<number>(x.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && x[order[j + 1]] === x[order[i]]) j++;
    // Positions i..j (0-based) share ranks i+1..j+1: each gets their mean.
    const r = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    i = j + 1;
  }
  return ranks;
}
