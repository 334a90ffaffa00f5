import type { FittedModel, ForecastModel, ModelContext } from "../types";

/** Options of {@link seasonalProfile}. */
export interface SeasonalProfileOptions {
  /** `"daily"` uses the shortest period in the context, `"weekly"` the longest. */
  readonly which: "daily" | "weekly";
  /** Past cycles whose same-phase values are combined (>= 2). */
  readonly cycles: number;
  /**
   * Level adjustment: `"none"`, or `"ratio"` — multiply the profile by the ratio of the last
   * day's demand to the profile's forecast of that same day (with the day's own data left out).
   */
  readonly level: "none" | "ratio";
}

/** Median of a small array (sorted in place). */
function median(a: number[]): number {
  a.sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 === 1 ? a[m] : (a[m - 1] + a[m]) / 2;
}

/** Bounds of the level ratio: a day that is 3× off the profile is a regime change, not a trend. */
const MAX_RATIO = 3;

/**
 * Seasonal profile: the forecast for step t is the median of the values at the same phase in the
 * last `cycles` periods (`t − P, t − 2P, …`, each observed before the origin). Where seasonal naive
 * copies last period's noise and bursts into the forecast, the median keeps the shape the periods
 * share and drops what happened once, which is what a capacity plan should repeat.
 *
 * With `level: "ratio"` the profile is scaled by `Σ y / Σ profile` over the last day before the
 * origin, where the profile of that day is built from the periods before it (so the ratio measures
 * how today runs compared with the past cycles: growth, a level shift, a quieter week). A median
 * of `cycles` past cycles lags a trend by about `(cycles + 1) / 2` periods; the ratio takes that lag
 * out. It is clamped to [1/3, 3] and left at 1 when the profile's day sums to zero.
 *
 * @param opts period, cycles and level adjustment.
 * @returns a model named `profile-<which>-<cycles>` (with `-level` for the ratio adjustment).
 * @throws {RangeError} when `cycles` is not a whole number >= 2.
 */
export function seasonalProfile(opts: SeasonalProfileOptions): ForecastModel {
  const { which, cycles, level } = opts;
  if (!(Number.isInteger(cycles) && cycles >= 2)) {
    throw new RangeError(`seasonal profile cycles must be a whole number >= 2 (got ${cycles})`);
  }
  const periodOf = (ctx: ModelContext): number =>
    which === "daily" ? ctx.periods[0] : ctx.periods[ctx.periods.length - 1];
  const dayOf = (ctx: ModelContext): number => ctx.periods[0];
  // One period is enough to start (the profile then is seasonal naive); the level ratio looks back
  // one day, whose own profile needs a period before it.
  const need = (ctx: ModelContext): number => periodOf(ctx);
  return {
    name: `profile-${which}-${cycles}${level === "ratio" ? "-level" : ""}`,
    minLength: (ctx) => (ctx.periods.length > 0 ? need(ctx) : Infinity),
    fit(values: readonly number[], fitEnd: number, ctx: ModelContext): FittedModel {
      const period = periodOf(ctx);
      if (!(period >= 1))
        throw new RangeError(`seasonal profile needs a period >= 1 (got ${period})`);
      const first = need(ctx);
      if (fitEnd < first) {
        throw new RangeError(`seasonal profile needs ${first} observations (got ${fitEnd})`);
      }
      const day = dayOf(ctx);
      const buf: number[] = [];
      // Median of the `cycles` same-phase values of step t observed before `end`.
      const profileAt = (t: number, end: number): number => {
        buf.length = 0;
        // The most recent cycle before `end` at t's phase (horizons beyond a period reuse it).
        const lag = Math.max(1, Math.ceil((t - end + 1) / period));
        // Up to `cycles` of them: early in a history, as many as there are.
        for (let j = lag; j < lag + cycles && t - j * period >= 0; j++)
          buf.push(values[t - j * period]);
        return median(buf);
      };
      const ratios: number[] = [];
      const ratioAt = (origin: number): number => {
        // Too early for a profile of the last day: no adjustment.
        if (origin - day < period) return 1;
        ratios.length = 0;
        for (let t = origin - day; t < origin; t++) {
          // The day's profile from the periods before that day: no in-sample flattery.
          const p = profileAt(t, origin - day);
          if (p > 0) ratios.push(values[t] / p);
        }
        // The median ratio: a burst in the last day moves a few steps, not the level.
        if (ratios.length === 0) return 1;
        const r = median(ratios);
        return Math.min(MAX_RATIO, Math.max(1 / MAX_RATIO, r));
      };
      return {
        forecastFrom(origin: number, h: number): number[] {
          if (origin < first || origin > values.length) {
            throw new RangeError(`origin ${origin} outside [${first}, ${values.length}]`);
          }
          const factor = level === "ratio" ? ratioAt(origin) : 1;
          const out: number[] = [];
          for (let k = 0; k < h; k++) out.push(factor * profileAt(origin + k, origin));
          return out;
        },
      };
    },
  };
}
