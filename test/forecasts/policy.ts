import type { PoolPolicy } from "../../forecasts/types";

/**
 * A planner policy for tests: q = 0.95, a one-hour horizon, bounds 0 … 100, no step or cooldown
 * limit, and the given models; `over` replaces any field.
 *
 * @param models the models allowed.
 * @param over fields to replace.
 * @returns the policy.
 */
export function testPolicy(models: readonly string[], over: Partial<PoolPolicy> = {}): PoolPolicy {
  return {
    quantile: 0.95,
    horizonSeconds: 3600,
    min: 0,
    max: 100,
    maxStepDown: Infinity,
    cooldownSeconds: 0,
    models,
    ...over,
  };
}
