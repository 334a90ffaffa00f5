/**
 * The part every pool component shares: validate the shared args, ask the planner for a plan,
 * turn it into a slot table, and decide what to declare (observe vs enforce). Pure: no Pulumi.
 *
 * The code lives in files of one job each (this file keeps the import path stable):
 *
 * - `pool.ts` (here): the shared args and result, `resolvePool` and `nextPrevious`
 * - `pool-validate.ts`: validation of the shared args and of the sizing policy
 * - `pool-summary.ts`: the one-line summary and what a shadow slot is expected for
 */
import { planPool } from "../forecasts/plan";
import type { SiblingHistory } from "../forecasts/sibling";
import type { PoolPlan, PoolPolicy, PreviousPlanState, Series } from "../forecasts/types";
import { describeExpectation, summarize } from "./pool-summary";
import { validatePoolArgs } from "./pool-validate";
import { planSlots } from "./slots";
import type { Slot, SlotChanges, SlotClaim } from "./slots";

export { describeExpectation, summarize } from "./pool-summary";
export { validatePolicy, validatePoolArgs } from "./pool-validate";

export type PoolMode = "observe" | "enforce";

/** What the previous deployment left, per pool (read by the program from the stack's previous outputs or a state file). */
export interface PreviousPool {
  /** The slot table the previous deployment computed (in observe mode: what it declared). */
  readonly slots: readonly Slot[];
  /** The planner state the previous deployment left. */
  readonly plan: PreviousPlanState;
}

/** Fields every pool component's args share. All plain data (never Inputs): they decide which resources exist. */
export interface PoolArgsBase {
  /** `observe` (plan and report only, capacity left as it is) or `enforce`. Default `"observe"`. */
  readonly mode?: PoolMode;
  /** Demand history in slots, loaded by the program; null = the source failed or was empty. */
  readonly history: Series | null;
  /** Why `history` is null (the source's error, without credentials). Default: none. */
  readonly historyError?: string;
  /** Epoch seconds, start of the schedule interval; history at or after it is ignored. */
  readonly now: number;
  /** Sizing policy (quantile, horizon, min/max, step-down, cooldown). */
  readonly policy: PoolPolicy;
  /** Claims read from the cloud by the program. Default `[]`. */
  readonly claims?: readonly SlotClaim[];
  /** Slots expected back from predicted or announced releases within the horizon. Default 0. */
  readonly expectedReleases?: number;
  /** What the previous deployment left. Default: none (first deployment). */
  readonly previous?: PreviousPool;
  /**
   * A sibling pool's history (loaded by the program): while this pool has under two weeks of its
   * own, the fallback holds the sibling's calibrated peak scaled to this pool's level instead of
   * the recent maximum + margin (see `forecasts/sibling.ts`). Default: none.
   */
  readonly sibling?: SiblingHistory;
}

/** The plain-data result of {@link resolvePool}. */
export interface ResolvedPool {
  /** The planner's plan (with its why). */
  readonly plan: PoolPlan;
  /** The slot table enforce mode holds (in observe mode: what enforce WOULD hold). */
  readonly slots: Slot[];
  /** The slots to declare: `slots` in enforce mode, the previous table (with claims applied) in observe mode. */
  readonly declared: Slot[];
  /** What changes from the previous table to `slots` (would-be changes in observe mode). */
  readonly changes: SlotChanges;
  /** One line for humans, e.g. `api-warm: 14 → 17 shadow (+3), peak q95 = 41 by mstl, bound: none`. */
  readonly summary: string;
  /** The mode applied (default resolved). */
  readonly mode: PoolMode;
}

/**
 * What the next deployment should receive as `previous` for this pool: the slots actually declared
 * (in observe mode the previous table, NOT the would-be one) and the shadow count they hold, with
 * the planner's surplus clock. The program persists this (stack output or state file).
 *
 * @param resolved the result of {@link resolvePool}
 * @returns the next deployment's `previous`
 */
export function nextPrevious(resolved: ResolvedPool): PreviousPool {
  return {
    slots: resolved.declared,
    plan: {
      shadow: resolved.declared.filter((s) => s.state === "shadow").length,
      surplusSince: resolved.plan.surplusSince,
    },
  };
}

/**
 * Pure: plan + slot table + what to declare.
 *
 * `inUse` for the planner is the number of claims (claimed and releasing: both are in use now);
 * releasing claims are NOT added to `expectedReleases` automatically (pass it explicitly).
 * In `observe` mode the declared slots are exactly the previous ones (claims applied to their
 * states, nothing added or removed: capacity is left as it is; nothing on a first deployment),
 * while `slots`/`changes` report what enforce would do.
 *
 * @param pool the pool's name (slot names are `${pool}-${index}`)
 * @param args shared args
 * @returns plan, slots, declared slots, changes, summary
 * @throws Error listing every invalid field
 */
export function resolvePool(pool: string, args: PoolArgsBase): ResolvedPool {
  const problems = validatePoolArgs(args, "args");
  if (problems.length > 0)
    throw new Error(`${pool}: invalid pool args:\n  ${problems.join("\n  ")}`);
  const mode = args.mode ?? "observe";
  const claims = args.claims ?? [];
  const previousSlots = args.previous?.slots ?? [];

  const plan = planPool({
    history: args.history,
    historyError: args.historyError,
    now: args.now,
    inUse: claims.length,
    expectedReleases: args.expectedReleases ?? 0,
    previous: args.previous?.plan,
    policy: args.policy,
    ...(args.sibling === undefined ? {} : { sibling: args.sibling }),
  });
  const expectedFor = describeExpectation(plan);
  const { slots, changes } = planSlots({
    pool,
    previous: previousSlots,
    claims,
    targetShadow: plan.shadow,
    now: args.now,
    expectedFor,
  });

  let declared = slots;
  if (mode === "observe") {
    // Keep exactly the previous indices: claims only change states, adopted claims are not declared.
    const prevIndices = new Set(previousSlots.map((s) => s.index));
    const kept = claims.filter((c) => prevIndices.has(c.index));
    declared = planSlots({
      pool,
      previous: previousSlots,
      claims: kept,
      targetShadow: previousSlots.length - kept.length,
      now: args.now,
    }).slots;
  }

  const prevShadow = previousSlots.filter((s) => s.state === "shadow").length;
  const nextShadow = slots.filter((s) => s.state === "shadow").length;
  const summary = summarize(pool, mode, prevShadow, nextShadow, plan);
  return { plan, slots, declared, changes, summary, mode };
}
