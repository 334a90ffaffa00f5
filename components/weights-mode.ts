/**
 * Observe vs enforce for traffic weights: plan the weights, then decide what to declare.
 * Pure: no Pulumi. The three traffic-weight components and the program call the same function.
 */
import type { PoolMode } from "./pool";
import { DEFAULT_WEIGHTS_MODE, weightsInputOf, type TrafficWeightsArgsBase } from "./weights-args";
import { planWeights } from "./weights-plan";
import type { WeightPlan } from "./weights-types";

/**
 * The plain-data result of {@link resolveTrafficWeights}: the plan, with `weights` meaning what is
 * DECLARED. Everything else (`target`, `changes`, `deploymentsToTarget`, `why`) describes the plan,
 * i.e. what enforce mode does (would do, in observe mode). Structurally a `WeightPlan`, so a
 * consumer that stores `weights` as the next deployment's `previous` stores what the cloud holds.
 */
export interface ResolvedTrafficWeights extends WeightPlan {
  /** The mode applied (default resolved). */
  readonly mode: PoolMode;
  /**
   * Weights declared, by backend name: the planned weights in enforce mode; in observe mode the
   * previous weights of the current backends as they are (0 for a backend without one), or `{}`
   * when there are no previous weights and nothing is declared.
   */
  readonly weights: Record<string, number>;
  /** What enforce mode declares: integer weights summing to `total`, by backend name. */
  readonly plannedWeights: Record<string, number>;
  /** Whether the weighted resources are declared: false only in observe mode without previous weights. */
  readonly declared: boolean;
}

/**
 * Pure: the weight plan and what to declare for the component's mode.
 *
 * In `enforce` mode the planned weights are declared. In `observe` mode (the default) traffic is
 * left as it is: the previous weights are declared unchanged, and without previous weights (or
 * with none > 0 for the current backends) no weighted resource is declared, since creating one
 * would itself route traffic. `why` then starts with a line saying which case applied.
 *
 * @param args the component's args (mode, backends, demand, total, step, previous weights)
 * @param maxTotal the provider's largest total, for validation (default unlimited)
 * @returns the plan with the declared weights
 * @throws Error listing every invalid field (with the fix)
 */
export function resolveTrafficWeights(
  args: TrafficWeightsArgsBase,
  maxTotal?: number,
): ResolvedTrafficWeights {
  const mode = args.mode ?? DEFAULT_WEIGHTS_MODE;
  if (mode !== "observe" && mode !== "enforce") {
    throw new Error(
      `invalid weight inputs:\n  weights.mode must be one of observe, enforce (got ${JSON.stringify(mode)})`,
    );
  }
  const plan = planWeights(weightsInputOf(args), maxTotal);
  if (mode === "enforce") {
    return { ...plan, mode, plannedWeights: plan.weights, declared: true };
  }
  const held = heldWeights(args.previous, Object.keys(plan.weights));
  const line =
    held === null
      ? "observe mode: no previous weights, so no weighted resource is declared (traffic left as it is); the planned weights are what enforce would declare"
      : "observe mode: the previous weights are declared as they are (traffic left as it is); the planned weights are what enforce would declare";
  return {
    ...plan,
    mode,
    weights: held ?? {},
    plannedWeights: plan.weights,
    declared: held !== null,
    why: [line, ...plan.why],
  };
}

/**
 * The previous weights of the current backends exactly as declared before (0 for a new backend),
 * keyed in the plan's order; null when there is nothing to hold (no previous weights, or none > 0
 * for the current backends: declaring all-zero weights would drop the traffic).
 */
function heldWeights(
  previous: Readonly<Record<string, number>> | undefined,
  names: readonly string[],
): Record<string, number> | null {
  if (previous === undefined) return null;
  const held = names.map((name): [string, number] => [name, previous[name] ?? 0]);
  return held.some(([, w]) => w > 0) ? Object.fromEntries(held) : null;
}
