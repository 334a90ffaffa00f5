import type { PlanInput, PoolPlan } from "../../forecasts/types";

/** A plan with the given peak and nothing else of interest. */
export function planWithPeak(input: PlanInput, peak: number): PoolPlan {
  return {
    now: input.now,
    horizonSeconds: input.policy.horizonSeconds,
    quantile: input.policy.quantile,
    verdict: "predictable",
    model: "stub",
    backtestPinball: null,
    backtestCapacity: null,
    selectBy: "capacity",
    pointMax: null,
    peak,
    inUse: 0,
    expectedReleases: 0,
    rawShadow: Math.ceil(peak),
    shadow: Math.ceil(peak),
    bounds: ["none"],
    surplusSince: null,
    shadowCostPerDay: null,
    why: [],
  };
}
