import type { FittedModel, ForecastModel, ModelContext } from "../types";

/** Options of {@link similarDays}. */
export interface SimilarDaysOptions {
  /**
   * Most days back a candidate day may lie. Default 28: four weeks of alike days halve the
   * variance of two weeks' central mean, and the point error is part of every calibrated margin
   * (measured: less idle on all five evaluation traces than 14). A trend is the level-adjusted
   * variant's job, not a reason to look back less.
   */
  readonly maxDays?: number;
  /**
   * A day lag is kept when its reference error is at most this factor times the weekly lag's
   * (the same weekday a week earlier, the natural peer). Default 1.25.
   */
  readonly tolerance?: number;
  /**
   * Rescale each candidate day by the growth since it: the ratio of the median daily mean of the
   * last week before the origin to that of the week before the candidate lag. Default false.
   */
  readonly levelAdjust?: boolean;
}

/**
 * Interquartile mean of `a[0 .. n)` (sorted in place): the mean of the middle half, the median for
 * up to 3 values. Under near-normal noise it wastes less of the data than the median, and like the
 * median it ignores a burst or a holiday among the alike days. This runs for every forecast step
 * on at most `maxDays` values, where an insertion sort beats a library sort's call overhead.
 */
function centralMean(a: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const x = a[i];
    let j = i - 1;
    for (; j >= 0 && a[j] > x; j--) a[j + 1] = a[j];
    a[j + 1] = x;
  }
  if (n <= 3) return n % 2 === 1 ? a[n >> 1] : (a[(n >> 1) - 1] + a[n >> 1]) / 2;
  const cut = Math.floor(n / 4);
  let sum = 0;
  for (let i = cut; i < n - cut; i++) sum += a[i];
  return sum / (n - 2 * cut);
}

/**
 * Similar-days profile: the forecast for step t is the interquartile mean of the values at the same time of
 * day on the recent days that behave like t's day. Which days those are is learnt, not assumed:
 * a lag of m days is kept when, around the same time one and two weeks earlier, the series at
 * `s` and at `s − m days` differed (mean absolute difference over a day) by no more than
 * `tolerance` times what the weekly lag (`s − 7 days`) differed. For a weekday of a business-hours
 * service that keeps the other weekdays and drops the weekend; for a service without a weekly
 * pattern it keeps every day. The central mean over several such days cancels much of the noise that
 * seasonal naive copies from a single day, and recent days carry the current level.
 *
 * Needs a weekly period of seven days (the day is its seventh); causal: a forecast from
 * `origin` uses values before `origin` only.
 *
 * @param opts candidate range and tolerance.
 * @returns a model named `similar-days`.
 * @throws {RangeError} when `maxDays` is not a whole number >= 7 or `tolerance` is not >= 1.
 */
export function similarDays(opts: SimilarDaysOptions = {}): ForecastModel {
  const maxDays = opts.maxDays ?? 28;
  const tolerance = opts.tolerance ?? 1.25;
  const levelAdjust = opts.levelAdjust ?? false;
  if (!(Number.isInteger(maxDays) && maxDays >= 7)) {
    throw new RangeError(`similar days maxDays must be a whole number >= 7 (got ${maxDays})`);
  }
  if (!(tolerance >= 1)) {
    throw new RangeError(`similar days tolerance must be >= 1 (got ${tolerance})`);
  }
  // The week is the longest period; the day its seventh (a daily grid has only the weekly period).
  const periodsOf = (ctx: ModelContext): { day: number; week: number } | null => {
    if (ctx.periods.length === 0) return null;
    const week = ctx.periods[ctx.periods.length - 1];
    const day = ctx.periods.length >= 2 ? ctx.periods[0] : week / 7;
    return Number.isInteger(day) && day >= 1 && week === 7 * day ? { day, week } : null;
  };
  // One week: until a reference week has its own weekly peer, only the weekly lag is used.
  const need = (ctx: ModelContext): number => periodsOf(ctx)?.week ?? Infinity;
  return {
    name: levelAdjust ? "similar-days-level" : "similar-days",
    minLength: need,
    fit(values: readonly number[], fitEnd: number, ctx: ModelContext): FittedModel {
      const p = periodsOf(ctx);
      if (p === null) {
        throw new RangeError(
          `similar days needs a weekly period of 7 days (got periods [${ctx.periods.join(", ")}])`,
        );
      }
      const { day, week } = p;
      const first = need(ctx);
      if (fitEnd < first) {
        throw new RangeError(`similar days needs ${first} observations (got ${fitEnd})`);
      }
      const half = Math.max(1, day >> 1);
      // Prefix sums: a day's mean in O(1), so the growth factor stays cheap at any grid step.
      const prefix = new Float64Array(values.length + 1);
      for (let i = 0; i < values.length; i++) prefix[i + 1] = prefix[i] + values[i];
      const means = new Float64Array(7);
      // Median of the daily means of the 7 days ending at `end` (NaN when they do not fit), memoised:
      // the growth factors of nearby origins reuse the same weeks.
      const levels = new Float64Array(values.length + 1).fill(NaN);
      const weekLevel = (end: number): number => {
        if (end - week < 0) return NaN;
        if (!Number.isNaN(levels[end])) return levels[end];
        for (let d = 0; d < 7; d++) {
          means[d] = (prefix[end - d * day] - prefix[end - (d + 1) * day]) / day;
        }
        // The median day (the 4th of 7): one holiday or burst day does not move it.
        levels[end] = means.sort()[3];
        return levels[end];
      };
      // Growth from the week before `end − lag` to the week before `end` (1 when unknown or not asked).
      const growth = (end: number, lag: number): number => {
        if (!levelAdjust) return 1;
        const now = weekLevel(end);
        const then = weekLevel(end - lag);
        return now > 0 && then > 0 ? now / then : 1;
      };
      // Per lag of m days, prefix sums of |y_s − g·y_{s−lag}|, g the growth over the lag as known at
      // the start of s's day (1 without the level adjustment): a day's mean error is then O(1).
      const diffSums: (Float64Array | undefined)[] = [];
      const diffSumsOf = (m: number): Float64Array => {
        const cached = diffSums[m];
        if (cached !== undefined) return cached;
        const lag = m * day;
        const sums = new Float64Array(values.length + 1);
        let g = 1;
        for (let s = 0; s < values.length; s++) {
          if (s >= lag && (s - lag) % day === 0) g = growth(s, lag);
          sums[s + 1] = sums[s] + (s >= lag ? Math.abs(values[s] - g * values[s - lag]) : 0);
        }
        diffSums[m] = sums;
        return sums;
      };
      // Mean |y_s − g·y_{s−lag}| over a day centred on `centre`, steps before `end` only (Infinity
      // when no step qualifies). Compared after growth, a trend does not make every day look alike.
      const dayError = (centre: number, m: number, end: number): number => {
        const lo = Math.max(m * day, centre - half);
        const hi = Math.min(end, centre + half);
        if (hi <= lo) return Infinity;
        const sums = diffSumsOf(m);
        return (sums[hi] - sums[lo]) / (hi - lo);
      };
      // Which days are alike for step t (a flag per lag of m = 1..maxDays days). For a step less
      // than a day after the origin, every candidate day is observed and the reference errors lie
      // before the origin whatever the origin: the choice depends on t alone, so it is made once
      // and reused by the overlapping windows of later origins. Other steps use the scratch row.
      const rows = values.length + day + 1;
      const alike = new Uint8Array(rows * maxDays);
      const chosen = new Uint8Array(rows);
      const alikeRow = (t: number, origin: number): number => {
        const row = t - origin < day ? t : rows - 1;
        if (row !== rows - 1 && chosen[row] === 1) return row * maxDays;
        // Reference days: one and two weeks before t (their errors are fully observed).
        const c1 = t - week;
        const c2 = t - 2 * week;
        const refs = (c1 - half - week >= 0 ? 1 : 0) + (c2 - half - week >= 0 ? 1 : 0);
        const errorOf = (m: number): number => {
          if (refs === 0) return Infinity;
          let e = dayError(c1, m, origin);
          if (refs === 2) e += dayError(c2, m, origin);
          return e / refs;
        };
        const weekly = errorOf(7);
        for (let m = 1; m <= maxDays; m++) {
          const lag = m * day;
          // The weekly lags are peers by definition; other days must earn their place.
          const ok =
            t - lag < origin &&
            t - lag >= 0 &&
            (m % 7 === 0 || (Number.isFinite(weekly) && errorOf(m) <= tolerance * weekly));
          alike[row * maxDays + m - 1] = ok ? 1 : 0;
        }
        chosen[row] = 1;
        return row * maxDays;
      };
      const picked = new Float64Array(maxDays);
      // Without the level adjustment the forecast itself depends on t alone as well (see above).
      const byStep = new Float64Array(rows).fill(NaN);
      const forecastAt = (t: number, origin: number): number => {
        const reusable = !levelAdjust && t - origin < day;
        if (reusable && !Number.isNaN(byStep[t])) return byStep[t];
        const at = alikeRow(t, origin);
        let count = 0;
        for (let m = 1; m <= maxDays; m++)
          if (alike[at + m - 1] === 1)
            picked[count++] = values[t - m * day] * growth(origin, m * day);
        let f: number;
        if (count > 0) f = centralMean(picked, count);
        else {
          // Horizons beyond the candidates: the last observed value at the same weekly phase.
          let s = t - week;
          while (s >= origin) s -= week;
          f = values[s];
        }
        if (reusable) byStep[t] = f;
        return f;
      };
      return {
        forecastFrom(origin: number, h: number): number[] {
          if (origin < first || origin > values.length) {
            throw new RangeError(`origin ${origin} outside [${first}, ${values.length}]`);
          }
          const out: number[] = [];
          for (let k = 0; k < h; k++) out.push(forecastAt(origin + k, origin));
          return out;
        },
      };
    },
  };
}
