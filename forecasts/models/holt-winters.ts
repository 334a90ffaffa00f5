import type { FittedModel, ForecastModel, ModelContext } from "../types";
import {
  holtWintersFilter,
  holtWintersForecast,
  holtWintersSse,
  type HwParams,
  type HwSeasonal,
} from "./holt-winters-filter";
import { holtWintersInitR } from "./holt-winters-init";
import { nelderMead } from "./nelder-mead";

export {
  holtWintersFilter,
  holtWintersForecast,
  holtWintersCoefficients,
} from "./holt-winters-filter";
export { holtWintersInitR } from "./holt-winters-init";

/** Options of {@link holtWinters}. */
export interface HoltWintersOptions {
  /** Model name, e.g. `hw-damped-daily`. */
  readonly name: string;
  readonly seasonal: HwSeasonal;
  /** Which context period is the season: the shortest (day) or the longest (week). */
  readonly period: "shortest" | "longest";
  /** No trend term, R's linear trend, or a damped trend (φ estimated in [0.8, 0.98]). */
  readonly trend: "none" | "linear" | "damped";
  /** Optimiser budget (objective evaluations). Default 60: more changes the fit by less than noise. */
  readonly maxEvals?: number;
}

/** Parameter bounds: the usual admissible ranges (φ as Hyndman et al. 2008 recommend). */
const BOUNDS = {
  alpha: [0.001, 0.999],
  beta: [0.0001, 0.3],
  gamma: [0.001, 1],
  phi: [0.8, 0.98],
} as const;

/** Map an unbounded coordinate into [lo, hi] by a logistic, so the optimiser needs no constraints. */
function squash(u: number, [lo, hi]: readonly [number, number]): number {
  return lo + (hi - lo) / (1 + Math.exp(-u));
}
function unsquash(p: number, [lo, hi]: readonly [number, number]): number {
  const z = (p - lo) / (hi - lo);
  return Math.log(z / (1 - z));
}

/**
 * Holt-Winters exponential smoothing with R's initialisation and an optionally damped trend,
 * parameters chosen by Nelder–Mead on the one-step SSE over the fit range (from fixed starts, so
 * deterministic). After fitting, the states are filtered once over the whole series with the frozen
 * parameters, so `forecastFrom` is O(h) for any origin. Forecasts below zero are clamped to zero
 * (demand cannot be negative).
 *
 * @param opts name, seasonal form, which period, trend.
 * @returns the model.
 */
export function holtWinters(opts: HoltWintersOptions): ForecastModel {
  const periodOf = (ctx: ModelContext): number =>
    opts.period === "shortest" ? ctx.periods[0] : ctx.periods[ctx.periods.length - 1];
  // Two periods to initialise and one more to estimate the parameters on.
  const minLength = (ctx: ModelContext): number =>
    ctx.periods.length > 0 ? 3 * periodOf(ctx) : Infinity;
  return {
    name: opts.name,
    minLength,
    fit(values: readonly number[], fitEnd: number, ctx: ModelContext): FittedModel {
      const m = periodOf(ctx);
      if (!(Number.isInteger(m) && m >= 2)) {
        throw new RangeError(`${opts.name} needs a seasonal period >= 2 steps (got ${m})`);
      }
      if (fitEnd < minLength(ctx) || fitEnd > values.length) {
        throw new RangeError(
          `${opts.name} needs ${minLength(ctx)} observations to fit (got ${fitEnd})`,
        );
      }
      if (opts.seasonal === "multiplicative" && values.some((v) => !(v > 0))) {
        throw new RangeError(
          `${opts.name} (multiplicative) needs every value > 0; use an additive model`,
        );
      }
      const init = holtWintersInitR(values, m, opts.seasonal);
      const toParams = (u: readonly number[]): HwParams => ({
        alpha: squash(u[0], BOUNDS.alpha),
        gamma: squash(u[1], BOUNDS.gamma),
        beta: opts.trend === "none" ? null : squash(u[2], BOUNDS.beta),
        phi: opts.trend === "damped" ? squash(u[3], BOUNDS.phi) : 1,
      });
      const ring = new Float64Array(m);
      const start = [unsquash(0.3, BOUNDS.alpha), unsquash(0.1, BOUNDS.gamma)];
      if (opts.trend !== "none") start.push(unsquash(0.01, BOUNDS.beta));
      if (opts.trend === "damped") start.push(unsquash(0.95, BOUNDS.phi));
      const best = nelderMead(
        (u) => holtWintersSse(values, m, fitEnd, m, opts.seasonal, toParams(u), init, ring),
        start,
        { maxEvals: opts.maxEvals ?? 60, step: 1, tolerance: 1e-6 },
      );
      const params = toParams(best.x);
      // Causal pass over every value with frozen parameters: the state at origin i uses values[0..i).
      const states = holtWintersFilter(values, m, m, opts.seasonal, params, init, fitEnd);
      return {
        forecastFrom(origin: number, h: number): number[] {
          if (!(origin >= m && origin <= values.length)) {
            throw new RangeError(`${opts.name}: origin ${origin} outside [${m}, ${values.length}]`);
          }
          // Clamp below zero; NaN stays NaN, so a broken fit shows instead of reading as 0.
          return holtWintersForecast(states, origin, h).map((v) => (v < 0 ? 0 : v));
        },
      };
    },
  };
}
