/**
 * Traffic weights from ready capacity: the stable import path of the weights API. The code lives in
 * files of one job each:
 *
 * - `weights-types.ts`: the data (backends, inputs, plan, changes)
 * - `weights-plan.ts`: `planWeights` (the rules: share ∝ ready capacity, caps, step limit, integers)
 * - `weights-affinity.ts`: migration by affinity and rollback (who serves the demand first)
 * - `weights-projection.ts`: the closest step-limited point to the target
 * - `weights-rounding.ts`: largest-remainder rounding
 * - `weights-validate.ts`: validation of the inputs
 * - `weights-capacity.ts`: ready/warming capacity of a referenced slot pool
 * - `weights-args.ts`: the args the traffic-weight components share, with defaults
 * - `weights-mode.ts`: observe vs enforce (what to declare)
 * - `weights-summary.ts`: the one-line summary
 */
export type { PlanWeightsInput, WeightBackend, WeightChange, WeightPlan } from "./weights-types";
export { planWeights } from "./weights-plan";
export { largestRemainder } from "./weights-rounding";
export { validateWeightsInput } from "./weights-validate";
export { poolCapacity, type PoolCapacitySource } from "./weights-capacity";
export {
  DEFAULT_MAX_STEP,
  DEFAULT_TOTAL,
  DEFAULT_WEIGHTS_MODE,
  validateTrafficWeightsArgsBase,
  weightsInputOf,
  type TrafficWeightsArgsBase,
} from "./weights-args";
export { resolveTrafficWeights, type ResolvedTrafficWeights } from "./weights-mode";
export { summarizeWeights } from "./weights-summary";
