/**
 * The stack outputs a person reads: per pool the summary line, the plan with its why, the slot table,
 * the change since the previous deployment, floors applied, the history's source and repairs, the
 * price of the shadow capacity per day when one is set, and a placeholder pool's slot profile (also
 * the last line of its plan's why). All plain data, no credentials: sources
 * name themselves without them, and secrets never enter these structures.
 */
import type { SlotProfileDecision } from "../components/k8s/slot-profile";
import type { Slot, SlotChanges } from "../components/slots";
import { summarizeWeights, type ResolvedTrafficWeights } from "../components/weights";
import type { PoolPlan } from "../forecasts/types";
import type { LeakedAddress } from "./claims/leaks";
import type { PoolInputs, PoolOutcome } from "./resolve";
import type { DeploymentState } from "./state";

/** One slot pool's outputs. */
export interface SlotPoolOutput {
  readonly kind: string;
  readonly cloud: string;
  readonly mode: "observe" | "enforce";
  readonly summary: string;
  readonly plan: PoolPlan;
  /** The slot table enforce mode holds (observe mode: what it would hold). */
  readonly slots: readonly Slot[];
  /** The slots actually declared this run. */
  readonly declared: readonly Slot[];
  readonly changes: SlotChanges;
  /** Overrides, events and claim-reading fallbacks that applied, one line each. */
  readonly notes: readonly string[];
  readonly history: {
    readonly source: string;
    readonly error?: string;
    readonly repairs: readonly string[];
  };
  /** What the shadow slots cost per day at the configured price, or null. */
  readonly shadowCostPerDay: number | null;
  /** Kubernetes placeholder pools: the slot profile in force and where it came from. */
  readonly profile?: SlotProfileDecision;
  /** Address pools: objects of the pool the last deployment did not record, with the fix. */
  readonly leaked?: readonly LeakedAddress[];
}

/** One traffic-weights pool's outputs. */
export interface WeightsPoolOutput {
  readonly kind: "weights";
  readonly cloud: string;
  readonly mode: "observe" | "enforce";
  readonly summary: string;
  /** The plan; `weights` is what is declared, `plannedWeights` what enforce declares. */
  readonly weights: ResolvedTrafficWeights;
}

/** Everything the program exports. */
export interface StackOutputs {
  /** One summary line per pool, in config order. */
  readonly summary: readonly string[];
  readonly pools: Readonly<Record<string, SlotPoolOutput | WeightsPoolOutput>>;
  /** The state the next deployment reads (stack output `shadowpool`). */
  readonly shadowpool: DeploymentState;
}

/**
 * The summary line of a pool, with the daily price of its shadow capacity when one is set.
 *
 * @param outcome the pool's result.
 * @returns e.g. `api-warm: 14 → 17 shadow (+3), peak q95 = 41 by mstl, bound: none, 12.24/day`.
 */
export function summaryLine(outcome: PoolOutcome): string {
  if (outcome.kind === "weights") return summarizeWeights(outcome.pool.name, outcome.resolved);
  const cost = outcome.resolved.plan.shadowCostPerDay;
  return cost === null
    ? outcome.resolved.summary
    : `${outcome.resolved.summary}, shadow costs ${cost.toFixed(2)}/day`;
}

/**
 * Build the stack outputs.
 *
 * @param outcomes every pool's result, in config order.
 * @param inputs what was loaded per pool.
 * @param notes floor and fallback notes per pool.
 * @param state the next state.
 * @returns the outputs.
 */
export function buildOutputs(
  outcomes: readonly PoolOutcome[],
  inputs: ReadonlyMap<string, PoolInputs>,
  notes: ReadonlyMap<string, readonly string[]>,
  state: DeploymentState,
): StackOutputs {
  const pools: Record<string, SlotPoolOutput | WeightsPoolOutput> = {};
  for (const o of outcomes) {
    const base = { cloud: o.pool.cloud, mode: o.pool.mode, summary: summaryLine(o) };
    if (o.kind === "weights") {
      pools[o.pool.name] = { kind: "weights", ...base, weights: o.resolved };
      continue;
    }
    const loaded = inputs.get(o.pool.name);
    pools[o.pool.name] = {
      kind: o.pool.kind,
      ...base,
      // A placeholder pool's why ends with its slot profile (or why it has none: cold provisioning).
      plan:
        o.profile === undefined
          ? o.resolved.plan
          : { ...o.resolved.plan, why: [...o.resolved.plan.why, o.profile.why] },
      slots: o.resolved.slots,
      declared: o.resolved.declared,
      changes: o.resolved.changes,
      notes: notes.get(o.pool.name) ?? [],
      history: {
        source: loaded?.history.source ?? o.pool.name,
        ...(loaded?.history.historyError === undefined
          ? {}
          : { error: loaded.history.historyError }),
        repairs: loaded?.history.notes ?? [],
      },
      shadowCostPerDay: o.resolved.plan.shadowCostPerDay,
      ...(o.profile === undefined ? {} : { profile: o.profile }),
      ...(loaded?.leaks === undefined ? {} : { leaked: loaded.leaks }),
    };
  }
  return { summary: outcomes.map(summaryLine), pools, shadowpool: state };
}
