/**
 * What the three traffic-weight components (AWS, GCP, Kubernetes) share in their args: the fields,
 * their defaults, and their validation. Pure: no Pulumi.
 */
import type { PoolMode } from "./pool";
import { checkOneOf } from "./validate";
import type { PlanWeightsInput, WeightBackend } from "./weights-types";
import { validateWeightsInput } from "./weights-validate";

/** Default step limit of the traffic-weight components: 20 percent points per deployment. */
export const DEFAULT_MAX_STEP = 20;
/** Default total of the traffic-weight components (fits Route 53, ALB, URL maps and HTTPRoute). */
export const DEFAULT_TOTAL = 100;
/** Default mode of the traffic-weight components, as for every new pool: look, don't touch. */
export const DEFAULT_WEIGHTS_MODE: PoolMode = "observe";

/** Fields every traffic-weight component's args share. Plain data: they decide the weights. */
export interface TrafficWeightsArgsBase<B extends WeightBackend = WeightBackend> {
  /**
   * `observe` or `enforce`. Default `"observe"`.
   *
   * - `enforce`: the planned weights are declared (traffic moves, at most `maxStep` per deployment).
   * - `observe`: traffic is left as it is. The declared weights are `previous` as they are (a
   *   backend without a previous weight gets 0); without previous weights (a first deployment) NO
   *   weighted resource is declared at all, since creating a record, rule, URL map or route would
   *   itself move traffic. The planned weights, the would-be changes and the why are still exported.
   *
   * Switching to enforce is this one field.
   */
  readonly mode?: PoolMode;
  /** The weighted backends with their ready capacity (in use + ready shadow slots). Required, ≥ 1. */
  readonly backends: readonly B[];
  /** Forecast demand (a pool plan's `peak`), in the same units as `ready`. 0 disables the caps. */
  readonly demand: number;
  /** Sum of the weights. Default {@link DEFAULT_TOTAL} (100); at most the provider's limit. */
  readonly total?: number;
  /** Most a weight moves per deployment, in percent points of `total` (1..100). Default 20. */
  readonly maxStep?: number;
  /**
   * Weights the previous deployment declared, by backend name. Default: none (no step limit in
   * enforce mode; nothing declared in observe mode).
   */
  readonly previous?: Readonly<Record<string, number>>;
}

/** The pure weight inputs of a component's args, defaults applied (the mode plays no part). */
export function weightsInputOf(args: TrafficWeightsArgsBase): PlanWeightsInput {
  return {
    backends: args.backends,
    demand: args.demand,
    total: args.total ?? DEFAULT_TOTAL,
    maxStep: args.maxStep ?? DEFAULT_MAX_STEP,
    previous: args.previous,
  };
}

/**
 * Problems with the shared args (mode, backends, demand, total, step, previous weights), as
 * `${path}.field must … (got …)` messages with the fix.
 *
 * @param args a traffic-weight component's args
 * @param path prefix for messages, e.g. `args` or `pools[3]`
 * @param maxTotal largest total the provider allows (default unlimited)
 * @returns every problem found (empty when valid)
 */
export function validateTrafficWeightsArgsBase(
  args: TrafficWeightsArgsBase,
  path: string,
  maxTotal?: number,
): string[] {
  const p: string[] = [];
  if (args.mode !== undefined) checkOneOf(p, `${path}.mode`, args.mode, ["observe", "enforce"]);
  p.push(...validateWeightsInput(weightsInputOf(args), path, maxTotal));
  return p;
}
