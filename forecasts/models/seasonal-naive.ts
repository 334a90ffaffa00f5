import type { FittedModel, ForecastModel, ModelContext } from "../types";

/**
 * Seasonal naive: the forecast for step t is the observation one period earlier (repeated for
 * horizons longer than a period). On hourly demand this is hard to beat, so it is the bar every
 * other model must clear in the backtest.
 *
 * @param which `"daily"` uses the shortest period in the context, `"weekly"` the longest.
 * @returns a model named `snaive-daily` or `snaive-weekly`.
 */
export function seasonalNaive(which: "daily" | "weekly"): ForecastModel {
  const periodOf = (ctx: ModelContext): number =>
    which === "daily" ? ctx.periods[0] : ctx.periods[ctx.periods.length - 1];
  return {
    name: `snaive-${which}`,
    // No seasonal period (a grid that divides neither a day nor a week): never eligible.
    minLength: (ctx) => (ctx.periods.length > 0 ? periodOf(ctx) : Infinity),
    fit(values: readonly number[], fitEnd: number, ctx: ModelContext): FittedModel {
      const period = periodOf(ctx);
      if (!(period >= 1))
        throw new RangeError(`seasonal naive needs a period >= 1 (got ${period})`);
      if (fitEnd < period) {
        throw new RangeError(`seasonal naive needs ${period} observations (got ${fitEnd})`);
      }
      return {
        forecastFrom(origin: number, h: number): number[] {
          if (origin < period || origin > values.length) {
            throw new RangeError(`origin ${origin} outside [${period}, ${values.length}]`);
          }
          const out: number[] = [];
          // Step origin+k repeats the value at the same phase in the last observed period.
          for (let k = 0; k < h; k++) out.push(values[origin - period + (k % period)]);
          return out;
        },
      };
    },
  };
}
