import {
  holtWintersFilter,
  holtWintersSse,
  type HwParams,
  type HwStates,
} from "./holt-winters-filter";
import { nelderMead } from "./nelder-mead";

const ZERO_SEASON = [0];
const BOUNDS = { alpha: [0.001, 0.999], beta: [0.0001, 0.3], phi: [0.8, 0.98] } as const;

const squash = (u: number, [lo, hi]: readonly [number, number]): number =>
  lo + (hi - lo) / (1 + Math.exp(-u));
const unsquash = (p: number, [lo, hi]: readonly [number, number]): number => {
  const z = (p - lo) / (hi - lo);
  return Math.log(z / (1 - z));
};

/**
 * Damped-trend exponential smoothing without a season (Gardner & McKenzie 1985): the Holt-Winters
 * recursion with a zero season and γ = 0. α, β, φ are chosen by Nelder–Mead on the one-step SSE over
 * [0, fitEnd) from fixed starts; the level starts at the first value and the trend at 0. The states
 * are then filtered over all of `values` with the frozen parameters (causal).
 *
 * @param values a non-seasonal series (e.g. a deseasonalised one).
 * @param fitEnd parameters are estimated on values[0..fitEnd).
 * @param maxEvals optimiser budget.
 * @returns the states (forecast with `holtWintersForecast`) and the parameters.
 * @throws {RangeError} with fewer than two values to fit.
 */
export function fitDampedTrend(
  values: ArrayLike<number>,
  fitEnd: number,
  maxEvals = 80,
): { states: HwStates; params: HwParams } {
  if (fitEnd < 2)
    throw new RangeError(`damped trend smoothing needs 2 values to fit (got ${fitEnd})`);
  const init = { level: values[0], trend: 0, season: ZERO_SEASON };
  const toParams = (u: readonly number[]): HwParams => ({
    alpha: squash(u[0], BOUNDS.alpha),
    beta: squash(u[1], BOUNDS.beta),
    gamma: 0,
    phi: squash(u[2], BOUNDS.phi),
  });
  const ring = new Float64Array(1);
  const best = nelderMead(
    (u) => holtWintersSse(values, 0, fitEnd, 1, "additive", toParams(u), init, ring),
    [unsquash(0.3, BOUNDS.alpha), unsquash(0.01, BOUNDS.beta), unsquash(0.9, BOUNDS.phi)],
    { maxEvals, step: 1, tolerance: 1e-6 },
  );
  const params = toParams(best.x);
  return { states: holtWintersFilter(values, 0, 1, "additive", params, init, fitEnd), params };
}
