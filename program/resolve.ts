/**
 * The pure middle of the program: from validated config, the schedule window, loaded histories,
 * claims and the previous state, compute each component's args — and, after the components have
 * resolved their plans, the state the next deployment reads. No Pulumi, no I/O, no clock: the
 * property tests drive these functions through many deployments.
 *
 * Planned overrides and events are floors on the shadow count (documented in the README):
 * - an override `{ from, to, minShadow }` holds at least `minShadow` shadow slots while
 *   `from <= now < to`;
 * - an event `{ at, duration, extra }` holds at least `extra` shadow slots from the first run whose
 *   horizon reaches `at` until `at + duration` (so the capacity is ready when the event starts);
 *   events that overlap add up. An event's `factor` is not a floor: the forecast applies it (see
 *   `forecasts/events.ts`).
 * The floor is the largest override and the sum of events; it raises the pool's `min` (and its
 * `max`, when the floor is above it: an admin's explicit floor wins over the usual cap).
 */
import type { ProfileReading } from "../components/k8s/pod-requests";
import { profilePolicy, type SlotProfileDecision } from "../components/k8s/slot-profile";
import { resolvePool, type PoolArgsBase, type ResolvedPool } from "../components/pool";
import type { SlotClaim } from "../components/slots";
import { resolveTrafficWeights, type ResolvedTrafficWeights } from "../components/weights";
import { releasesAtQuantile } from "../forecasts/releases";
import { inferStep, resampleWithRepairs } from "../forecasts/series";
import type { PoolPolicy, Series } from "../forecasts/types";
import type { KnownEvent } from "../forecasts/events";
import type { PlannedEvent, PoolConfig, StackConfig } from "./config";
import { horizonSeconds, type ScheduleWindow } from "./schedule";
import type { LoadedHistory } from "./sources/types";
import { weightsArgs } from "./resolve-weights";
import { slotProfileFor } from "./resolve-profile";

export { weightsArgs };
import { previousPool, STATE_VERSION, type DeploymentState, type PoolState } from "./state";

/** A pool's history as the components take it. */
export interface PoolHistory {
  readonly history: Series | null;
  /** Why `history` is null (names the source, never its credentials). */
  readonly historyError?: string;
  /** Repairs made while loading and resampling, one line each. */
  readonly notes: readonly string[];
  /** The source, as the loader names it. */
  readonly source: string;
}

/** What was loaded for one pool before any component is built. */
export interface PoolInputs {
  readonly history: PoolHistory;
  readonly claims: readonly SlotClaim[];
  /** The claims could not be read (they are the previous ones): remove no slot this run. */
  readonly claimsUnknown?: boolean;
  /** Kubernetes placeholder pools with a workload: the profile learned from its pods, or why not. */
  readonly profileReading?: ProfileReading;
}

/** Seconds in a week: the longest seasonal period used to fill long gaps. */
const WEEK = 604_800;

/**
 * Turn a loaded history into the regular series the planner takes (history at or after `now` is
 * ignored). A failed source, or one that resampling rejects, gives `history: null` with the reason.
 *
 * @param loaded what the source loader returned.
 * @param stepSeconds configured step, or undefined to infer it from the points.
 * @param now start of the interval being planned.
 * @returns the series or the reason there is none.
 */
export function toPoolHistory(
  loaded: LoadedHistory,
  stepSeconds: number | undefined,
  now: number,
): PoolHistory {
  if (!loaded.ok)
    return { history: null, historyError: loaded.error, notes: [], source: loaded.source };
  const points = loaded.history.points.filter((p) => p.t < now);
  try {
    const step = stepSeconds ?? inferStep(points);
    const period = WEEK % step === 0 ? WEEK / step : undefined;
    const { series, repairs } = resampleWithRepairs(points, { step, end: now, period });
    return {
      history: series,
      notes: [...loaded.history.repairs, ...repairs],
      source: loaded.source,
    };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      history: null,
      historyError: `${loaded.source}: ${why}`,
      notes: [...loaded.history.repairs],
      source: loaded.source,
    };
  }
}

/**
 * The floor that overrides and events put on a pool's shadow count at `now`.
 *
 * @param pool the pool's config.
 * @param window the run's window.
 * @returns the floor (0 when nothing applies) and one note per override/event that applies.
 */
export function plannedFloor(
  pool: PoolConfig,
  window: ScheduleWindow,
): { floor: number; notes: string[] } {
  const notes: string[] = [];
  const horizonEnd = window.now + horizonSeconds(window, pool.readinessSeconds);
  let override = 0;
  for (const o of pool.overrides) {
    if (o.from <= window.now && window.now < o.to) {
      override = Math.max(override, o.minShadow);
      const why = o.reason === undefined ? "" : ` (${o.reason})`;
      notes.push(`override until ${iso(o.to)}${why}: at least ${o.minShadow} shadow`);
    }
  }
  let events = 0;
  for (const e of pool.events) {
    // In view from the first run whose horizon reaches the start until the event ends.
    if (e.extra > 0 && e.at <= horizonEnd && window.now < e.at + e.durationSeconds) {
      events += e.extra;
      notes.push(`event ${e.name ?? "(unnamed)"} at ${iso(e.at)}: +${e.extra} shadow held`);
    }
  }
  return { floor: Math.max(override, events), notes };
}

/**
 * The planner policy of a pool for this run (horizon from the schedule, floors applied).
 *
 * @param pool the pool's config.
 * @param window the run's window.
 * @returns the policy and the notes explaining any floor.
 */
export function policyFor(
  pool: PoolConfig,
  window: ScheduleWindow,
): { policy: PoolPolicy; notes: string[] } {
  const { floor, notes } = plannedFloor(pool, window);
  const min = Math.max(pool.min, floor);
  const max = Math.max(pool.max, floor);
  if (max > pool.max) notes.push(`the floor ${floor} is above bounds.max ${pool.max}: max raised`);
  const policy: PoolPolicy = {
    quantile: pool.quantile,
    horizonSeconds: horizonSeconds(window, pool.readinessSeconds),
    min,
    max,
    maxStepDown: pool.maxStepDown,
    cooldownSeconds: pool.cooldownSeconds,
    ...(pool.models === undefined ? {} : { models: pool.models }),
    ...(pool.selectBy === undefined ? {} : { selectBy: pool.selectBy }),
    ...(pool.timeZone === undefined ? {} : { timeZone: pool.timeZone }),
    ...(pool.pricePerSlotHour === undefined ? {} : { pricePerSlotHour: pool.pricePerSlotHour }),
    ...(pool.events.length === 0 ? {} : { events: pool.events.map(knownEvent) }),
  };
  return { policy, notes };
}

/**
 * A pool's event as the forecast takes it. Every event goes to the forecast, with or without a
 * factor: a past one's windows are then left out of the calibration, because its demand (or the
 * extra slots held for it) is not the pool's usual error.
 *
 * @param e the planned event.
 * @returns the known event.
 */
export function knownEvent(e: PlannedEvent): KnownEvent {
  return {
    ...(e.name === undefined ? {} : { name: e.name }),
    start: e.at,
    end: e.at + e.durationSeconds,
    ...(e.factor === undefined ? {} : { factor: e.factor }),
  };
}

/**
 * The args of a slot pool's component: the provider block plus the shared fields.
 *
 * @param pool the pool's config.
 * @param window the run's window.
 * @param inputs history and claims loaded for it.
 * @param previous the previous deployment's state (any pool).
 * @returns the args, the notes about floors, and (placeholder pools) the slot profile in force.
 */
export function slotPoolArgs(
  pool: PoolConfig,
  window: ScheduleWindow,
  inputs: PoolInputs,
  previous: DeploymentState | undefined,
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
  };
  return { args, notes, ...(profile === undefined ? {} : { profile }) };
}

/**
 * How many releasing slots a plan may count on (see `releasesAtQuantile`): all of them when every
 * holder was certain; with doubtful ones, the number that happen with probability `quantile`,
 * explained in a note.
 *
 * @param claims the pool's claims.
 * @param quantile the pool's quantile.
 * @param notes where the explanation goes.
 * @returns the releases to count.
 */
export function countedReleases(
  claims: readonly SlotClaim[],
  quantile: number,
  notes: string[],
): number {
  const confidences = claims
    .filter((c) => c.releasing === true)
    .map((c) => c.releaseConfidence ?? 1);
  const counted = releasesAtQuantile(confidences, quantile);
  if (confidences.some((p) => p < 1)) {
    notes.push(
      `releases: ${confidences.length} slot(s) releasing (confidence ${confidences.map((p) => `${Math.round(100 * p)} %`).join(", ")}); ` +
        `${counted} counted, the number that happen with probability ${quantile}`,
    );
  }
  return counted;
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
    const { args, profile } = slotPoolArgs(pool, window, inputsOf(inputs, pool.name), previous);
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

function iso(t: number): string {
  return `${new Date(t * 1000).toISOString().slice(0, 16)}Z`;
}
