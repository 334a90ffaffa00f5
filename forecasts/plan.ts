import type { PlanInput, PoolPlan } from "./types";

/**
 * PLACEHOLDER (owned by the planner work): sizes a pool from its history. The real planner selects a
 * model by rolling-origin backtest and calibrates the window maximum; this stub holds the recent
 * maximum so that components and the program can be built against the final signature.
 *
 * @param input history, claims, previous state and policy
 * @returns the pool's plan with its why
 */
export function planPool(input: PlanInput): PoolPlan {
  const { policy } = input;
  const values = input.history?.values ?? [];
  const peak = values.length > 0 ? Math.max(...values.slice(-168)) : (input.previous?.shadow ?? 0);
  const expectedReleases = input.expectedReleases ?? 0;
  const rawShadow = Math.ceil(peak) - input.inUse - expectedReleases;
  const shadow = Math.min(policy.max, Math.max(policy.min, rawShadow));
  return {
    now: input.now,
    horizonSeconds: policy.horizonSeconds,
    quantile: policy.quantile,
    verdict: "not predictable: placeholder planner",
    model: null,
    backtestPinball: null,
    pointMax: null,
    peak,
    inUse: input.inUse,
    expectedReleases,
    rawShadow,
    shadow,
    bounds: ["fallback"],
    surplusSince: null,
    shadowCostPerDay: null,
    why: ["placeholder planner: recent maximum"],
  };
}
