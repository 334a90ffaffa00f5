/**
 * The pure middle of the program: from validated config, the schedule window, loaded histories,
 * claims and the previous state, compute each component's args — and, after the components have
 * resolved their plans, the state the next deployment reads. No Pulumi, no I/O, no clock: the
 * property tests drive these functions through many deployments. The policy a pool plans with
 * (floors, events, releases) is `resolve-policy.ts`; its history, `pool-history.ts`.
 */
import type { ProfileReading } from "../components/k8s/pod-requests";
import { profilePolicy, type SlotProfileDecision } from "../components/k8s/slot-profile";
import { resolvePool, type PoolArgsBase, type ResolvedPool } from "../components/pool";
import type { SlotClaim } from "../components/slots";
import { resolveTrafficWeights, type ResolvedTrafficWeights } from "../components/weights";
import type { PoolConfig, StackConfig } from "./config";
import type { LeakedAddress } from "./claims/leaks";
import type { PoolHistory } from "./pool-history";
import type { ScheduleWindow } from "./schedule";
import { countedReleases, policyFor } from "./resolve-policy";
import { slotProfileFor } from "./resolve-profile";
import { weightsArgs } from "./resolve-weights";
import { previousPool, STATE_VERSION, type DeploymentState, type PoolState } from "./state";

/** What was loaded for one pool before any component is built. */
export interface PoolInputs {
  readonly history: PoolHistory;
  readonly claims: readonly SlotClaim[];
  /** The claims could not be read (they are the previous ones): remove no slot this run. */
  readonly claimsUnknown?: boolean;
  /** Kubernetes placeholder pools with a workload: the profile learned from its pods, or why not. */
  readonly profileReading?: ProfileReading;
  /** Address pools: objects of the pool the last deployment did not record (`claims/leaks.ts`). */
  readonly leaks?: readonly LeakedAddress[];
}

/**
 * The args of a slot pool's component: the provider block plus the shared fields.
 *
 * @param pool the pool's config.
 * @param window the run's window.
 * @param inputs history and claims loaded for it.
 * @param previous the previous deployment's state (any pool).
 * @param sibling the history loaded for the pool's `forecast.sibling`, when it has one.
 * @returns the args, the notes about floors, and (placeholder pools) the slot profile in force.
 */
export function slotPoolArgs(
  pool: PoolConfig,
  window: ScheduleWindow,
  inputs: PoolInputs,
  previous: DeploymentState | undefined,
  sibling?: PoolHistory,
): {
  args: PoolArgsBase & Record<string, unknown>;
  notes: string[];
  profile?: SlotProfileDecision;
} {
  const planned = policyFor(pool, window);
  const { notes } = planned;
  const before = previousPool(previous, pool.name, pool.kind, pool.cloud);
  const profile = slotProfileFor(pool, inputs, before);
  // Unknown claims: a slot claimed since the last run may look free, so none may be removed.
  const guarded =
    inputs.claimsUnknown === true ? { ...planned.policy, maxStepDown: 0 } : planned.policy;
  // Without a profile a placeholder pool is held (it exists) or cold (the component agrees).
  const policy =
    profile === undefined ? guarded : profilePolicy(guarded, profile, before?.plan.shadow);
  const args: PoolArgsBase & Record<string, unknown> = {
    ...pool.provider,
    mode: pool.mode,
    history: inputs.history.history,
    ...(inputs.history.historyError === undefined
      ? {}
      : { historyError: inputs.history.historyError }),
    now: window.now,
    policy,
    claims: inputs.claims,
    // Announced releases come back within the horizon: the planner counts as capacity the number
    // that happen with the pool's quantile, given each holder's confidence.
    expectedReleases: countedReleases(inputs.claims, pool.quantile, notes),
    ...(before === undefined ? {} : { previous: { slots: before.slots, plan: before.plan } }),
    ...(profile === undefined ? {} : { profile }),
    ...siblingArg(pool, sibling, notes),
  };
  return { args, notes, ...(profile === undefined ? {} : { profile }) };
}

/**
 * The component's `sibling`: the sibling pool's loaded history, or nothing (with a note when the
 * sibling's source failed: the fallback is then the recent maximum + margin).
 */
function siblingArg(
  pool: PoolConfig,
  sibling: PoolHistory | undefined,
  notes: string[],
): Pick<PoolArgsBase, "sibling"> {
  if (pool.sibling === undefined) return {};
  if (sibling?.history == null) {
    notes.push(
      `forecast.sibling ${pool.sibling}: no history (${sibling?.historyError ?? "not loaded"}); a young pool falls back on its recent maximum + margin`,
    );
    return {};
  }
  return { sibling: { name: pool.sibling, history: sibling.history } };
}

/** What one pool resolved to in this run (plain data). */
export type PoolOutcome =
  | {
      readonly kind: "slots";
      readonly pool: PoolConfig;
      readonly resolved: ResolvedPool;
      /** Kubernetes placeholder pools: the slot profile in force (none: cold provisioning). */
      readonly profile?: SlotProfileDecision;
    }
  | {
      readonly kind: "weights";
      readonly pool: PoolConfig;
      readonly resolved: ResolvedTrafficWeights;
    };

/**
 * The state the next deployment reads.
 *
 * @param now the `now` this run planned for.
 * @param outcomes every pool's result.
 * @param resources the resources declared (type and name).
 * @returns the `shadowpool` stack output.
 */
export function nextState(
  now: number,
  outcomes: readonly PoolOutcome[],
  resources: DeploymentState["resources"],
): DeploymentState {
  const pools: Record<string, PoolState> = {};
  for (const o of outcomes) {
    const base = { kind: o.pool.kind, cloud: o.pool.cloud, mode: o.pool.mode };
    if (o.kind === "slots") {
      const declared = o.resolved.declared;
      pools[o.pool.name] = {
        ...base,
        slots: declared,
        plan: {
          // What the pool holds now (observe mode holds the previous table).
          shadow: declared.filter((s) => s.state === "shadow").length,
          surplusSince: o.resolved.plan.surplusSince,
        },
        ...(o.profile?.profile === undefined ? {} : { profile: o.profile.profile }),
      };
    } else {
      pools[o.pool.name] = {
        ...base,
        slots: [],
        plan: { shadow: 0, surplusSince: null },
        weights: o.resolved.weights,
      };
    }
  }
  return { version: STATE_VERSION, now, pools, resources };
}

/**
 * Resolve a whole deployment without Pulumi (the components run the same functions): for tests
 * and for reasoning about sequences of deployments.
 *
 * @param config the validated stack config.
 * @param window the run's window.
 * @param inputs loaded history and claims, by pool name.
 * @param previous the previous deployment's state.
 * @returns every pool's outcome and the next state (without a resource list).
 */
export function resolveDeployment(
  config: StackConfig,
  window: ScheduleWindow,
  inputs: ReadonlyMap<string, PoolInputs>,
  previous: DeploymentState | undefined,
): { outcomes: PoolOutcome[]; state: DeploymentState } {
  const outcomes: PoolOutcome[] = [];
  const slotPools = new Map<string, ResolvedPool>();
  for (const pool of config.pools) {
    if (pool.kind === "weights") continue;
    const sibling = pool.sibling === undefined ? undefined : inputsOf(inputs, pool.sibling).history;
    const { args, profile } = slotPoolArgs(
      pool,
      window,
      inputsOf(inputs, pool.name),
      previous,
      sibling,
    );
    const resolved = resolvePool(pool.name, args);
    slotPools.set(pool.name, resolved);
    outcomes.push({ kind: "slots", pool, resolved, ...(profile === undefined ? {} : { profile }) });
  }
  for (const pool of config.pools) {
    if (pool.kind !== "weights") continue;
    const resolved = resolveTrafficWeights(weightsArgs(pool, slotPools, previous));
    outcomes.push({ kind: "weights", pool, resolved });
  }
  return { outcomes, state: nextState(window.now, outcomes, []) };
}

/** Inputs of a pool, or an explicit "nothing loaded" (never silently empty history). */
export function inputsOf(inputs: ReadonlyMap<string, PoolInputs>, name: string): PoolInputs {
  return (
    inputs.get(name) ?? {
      history: {
        history: null,
        historyError: `${name}: no history loaded`,
        notes: [],
        source: name,
      },
      claims: [],
    }
  );
}
