import type { FittedModel, ForecastModel, ModelContext } from "../types";
import { fitDampedTrend } from "./holt";
import { holtWintersForecast } from "./holt-winters-filter";
import { mstl } from "./mstl";
import type { StlOptions } from "./stl";

/** Smallest odd integer >= x. */
const oddCeil = (x: number): number => {
  const c = Math.ceil(x);
  return c % 2 === 0 ? c + 1 : c;
};

/**
 * STL settings for speed on long hourly series: R's `stl` default jumps (a tenth of each span) and
 * two inner iterations (R's default without robustness); spans are statsmodels' defaults.
 */
export function fastStlOptions(period: number, window: number): StlOptions {
  const trend = oddCeil((1.5 * period) / (1 - 1.5 / window));
  const lowPass = oddCeil(period + 1);
  return {
    trend,
    lowPass,
    inner: 2,
    seasonalJump: Math.ceil(window / 10),
    trendJump: Math.ceil(trend / 10),
    lowPassJump: Math.ceil(lowPass / 10),
  };
}

/** Options of {@link mstlModel}. */
export interface MstlModelOptions {
  /** Model name. Default `mstl`. */
  readonly name?: string;
  /** MSTL passes over the periods. Default 2 (statsmodels' default). */
  readonly iterate?: number;
  /** STL inner iterations. Default 2 (R's `stl` default without robustness). */
  readonly inner?: number;
  /** Optimiser budget of the damped-trend smoother. Default 40. */
  readonly maxEvals?: number;
}

/**
 * MSTL decomposition forecaster: the series before `fitEnd` is decomposed into one seasonal
 * component per period (day, week), a trend and a remainder (MSTL with `fastStlOptions`). Each
 * seasonal component is forecast by repeating its last fitted cycle; the series minus those frozen
 * cycles (the seasonally adjusted series, as R's `stlf` forecasts it) by damped-trend exponential
 * smoothing, whose parameters are estimated on the fit range and whose state is updated causally at
 * every origin. Forecasts below zero are clamped to zero. Periods of at least half the fit range
 * are left out, as in MSTL.
 *
 * @param opts name, iterations, optimiser budget.
 * @returns the model.
 */
export function mstlModel(opts: MstlModelOptions = {}): ForecastModel {
  const name = opts.name ?? "mstl";
  const inner = opts.inner ?? 2;
  // Two cycles of the longest period (MSTL drops a period of half the series or more).
  const minLength = (ctx: ModelContext): number =>
    ctx.periods.length > 0 ? 2 * Math.max(...ctx.periods) + 1 : Infinity;
  return {
    name,
    minLength,
    fit(values: readonly number[], fitEnd: number, ctx: ModelContext): FittedModel {
      if (fitEnd < minLength(ctx) || fitEnd > values.length) {
        throw new RangeError(`${name} needs ${minLength(ctx)} observations to fit (got ${fitEnd})`);
      }
      const n = values.length;
      const dec = mstl(values.slice(0, fitEnd), ctx.periods, {
        iterate: opts.iterate ?? 2,
        stl: (p, w) => ({ ...fastStlOptions(p, w), inner }),
      });
      // The last fitted cycle of each seasonal component, indexed by absolute phase t mod p.
      const cycles = dec.periods.map((p, s) => {
        const cycle = new Float64Array(p);
        for (let t = fitEnd - p; t < fitEnd; t++) cycle[t % p] = dec.seasonals[s][t];
        return cycle;
      });
      const seasonAt = (t: number): number => {
        let s = 0;
        for (let i = 0; i < cycles.length; i++) s += cycles[i][t % cycles[i].length];
        return s;
      };
      // Deseasonalised series: the observations minus the frozen last cycles, everywhere. Inside the
      // fit range this is what the level model will see after it, so its smoothing parameters are
      // estimated on the errors it will actually make (not on the decomposition's smooth trend).
      const deseason = new Float64Array(n);
      for (let t = 0; t < n; t++) deseason[t] = values[t] - seasonAt(t);
      const { states } = fitDampedTrend(deseason, fitEnd, opts.maxEvals ?? 40);
      return {
        forecastFrom(origin: number, h: number): number[] {
          if (!(origin >= 1 && origin <= n))
            throw new RangeError(`${name}: origin ${origin} outside [1, ${n}]`);
          const level = holtWintersForecast(states, origin, h);
          return level.map((v, k) => Math.max(0, v + seasonAt(origin + k)));
        },
      };
    },
  };
}
