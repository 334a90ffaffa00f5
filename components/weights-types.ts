/**
 * The data of traffic-weight planning: the backends and inputs `planWeights` takes and the
 * plan it returns. Plain data, exported as stack outputs as is.
 */

/** One weighted backend (a target group, a record, a backend service, a Service). */
export interface WeightBackend {
  /** Unique name: the key of the weights. */
  readonly name: string;
  /** Capacity ready now (slots in use + shadow slots ready), in pool units. */
  readonly ready: number;
  /** Capacity still warming (not ready yet): reported, never weighted. Default 0. */
  readonly warming?: number;
  /**
   * How well the backend suits the traffic, a score in [0, 1]: the demand is served by the
   * highest scores first, each up to its ready capacity, so a migration onto a pre-warmed shadow is
   * that shadow with a higher score. Only the order of the scores matters. Default 1 (all alike:
   * shares follow ready capacity).
   */
  readonly affinity?: number;
  /**
   * `false` rolls traffic back off this backend: its weight drops to 0 on this deployment, without
   * the step limit, and the healthy backends take it over by affinity. Default true.
   */
  readonly healthy?: boolean;
}

/** Arguments of `planWeights`. */
export interface PlanWeightsInput {
  readonly backends: readonly WeightBackend[];
  /** Forecast demand (the plan's peak), in pool units. 0 disables the caps. */
  readonly demand: number;
  /** Sum of the weights, an integer ≥ 1 (the provider decides the maximum). */
  readonly total: number;
  /** Most a weight moves per deployment, in percent points of `total` (1..100). */
  readonly maxStep: number;
  /** Weights of the previous deployment, by backend name. Default: none (no step limit). */
  readonly previous?: Readonly<Record<string, number>>;
}

/** How one backend's weight changes. */
export interface WeightChange {
  readonly name: string;
  /** Previous weight (after mapping to the current total), or null without previous weights. */
  readonly previous: number | null;
  readonly next: number;
  /** `next - previous` (or `next` without previous weights). */
  readonly delta: number;
}

/** The result of `planWeights`: plain data, exported as a stack output as is. */
export interface WeightPlan {
  readonly total: number;
  /** The step limit in weight units: `floor(maxStep × total / 100)`. */
  readonly stepUnits: number;
  /** Integer weights summing exactly to `total`, keyed by backend name (sorted by name). */
  readonly weights: Record<string, number>;
  /** Integer weights the plan heads to without the step limit. */
  readonly target: Record<string, number>;
  /** Deployments still needed to reach `target` at this step (0 when `weights` equals it). */
  readonly deploymentsToTarget: number;
  /** Per backend: previous → next. */
  readonly changes: WeightChange[];
  /** The why, one sentence per line. */
  readonly why: string[];
}
