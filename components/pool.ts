/**
 * The part every pool component shares: validate the shared args, ask the planner for a plan,
 * turn it into a slot table, and decide what to declare (observe vs enforce). Pure: no Pulumi.
 */
import { ALL_MODELS } from "../forecasts/models";
import { planPool } from "../forecasts/plan";
import type { PoolPlan, PoolPolicy, PreviousPlanState, Series } from "../forecasts/types";
import { planSlots, validateClaims, validateSlots } from "./slots";
import type { Slot, SlotChanges, SlotClaim } from "./slots";
import { checkInteger, checkNumber, checkObject, checkOneOf } from "./validate";

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
 * Pure validation of the shared fields.
 *
 * @param args the shared pool args
 * @param path prefix for messages, e.g. `pools[2]`
 * @returns every problem as `${path}.field must … (got …)`
 */
export function validatePoolArgs(args: PoolArgsBase, path: string): string[] {
  const p: string[] = [];
  if (args.mode !== undefined) checkOneOf(p, `${path}.mode`, args.mode, ["observe", "enforce"]);
  checkNumber(p, `${path}.now`, args.now, { min: 0 });
  if (args.history !== null) {
    const h = args.history;
    if (h === undefined || typeof h !== "object") {
      p.push(
        `${path}.history must be a series or null (got ${String(h)}); load it before building the pool`,
      );
    } else {
      checkNumber(p, `${path}.history.start`, h.start, {});
      checkNumber(p, `${path}.history.step`, h.step, { min: 1 });
      if (!Array.isArray(h.values)) {
        p.push(`${path}.history.values must be an array of numbers`);
      } else {
        const bad = h.values.findIndex((v) => typeof v !== "number" || !Number.isFinite(v));
        if (bad >= 0) {
          p.push(
            `${path}.history.values[${bad}] must be a finite number (got ${String(h.values[bad])}); clean the series first`,
          );
        }
      }
    }
  }
  p.push(...validatePolicy(args.policy, `${path}.policy`));
  if (args.claims !== undefined) p.push(...validateClaims(args.claims, `${path}.claims`));
  if (args.expectedReleases !== undefined) {
    checkInteger(p, `${path}.expectedReleases`, args.expectedReleases, { min: 0 });
  }
  if (args.previous !== undefined && checkObject(p, `${path}.previous`, args.previous)) {
    p.push(...validateSlots(args.previous.slots, `${path}.previous.slots`));
    if (checkObject(p, `${path}.previous.plan`, args.previous.plan)) {
      checkInteger(p, `${path}.previous.plan.shadow`, args.previous.plan.shadow, { min: 0 });
      const since = args.previous.plan.surplusSince;
      if (since !== null) checkNumber(p, `${path}.previous.plan.surplusSince`, since, {});
    }
  }
  return p;
}

/**
 * Problems with a sizing policy (the planner's rules, reported with the caller's path).
 *
 * @param pol the policy
 * @param path prefix for messages, e.g. `pools[2].policy`
 * @returns every problem found
 */
export function validatePolicy(pol: PoolPolicy, path: string): string[] {
  const p: string[] = [];
  if (pol === undefined || pol === null || typeof pol !== "object") {
    return [`${path} is required (got ${String(pol)})`];
  }
  checkNumber(p, `${path}.quantile`, pol.quantile, { min: 0.5, max: 0.999 });
  checkNumber(p, `${path}.horizonSeconds`, pol.horizonSeconds, { min: 1 });
  const minOk = checkInteger(p, `${path}.min`, pol.min, { min: 0 });
  // max and maxStepDown may be Infinity (no limit).
  const maxOk = pol.max === Infinity || checkInteger(p, `${path}.max`, pol.max, { min: 0 });
  if (minOk && maxOk && pol.min > pol.max) {
    p.push(
      `${path}.min must be <= ${path}.max (got min ${pol.min} > max ${pol.max}); lower min or raise max`,
    );
  }
  if (pol.maxStepDown !== Infinity) {
    checkInteger(p, `${path}.maxStepDown`, pol.maxStepDown, { min: 0 });
  }
  checkNumber(p, `${path}.cooldownSeconds`, pol.cooldownSeconds, { min: 0 });
  if (pol.pricePerSlotHour !== undefined) {
    checkNumber(p, `${path}.pricePerSlotHour`, pol.pricePerSlotHour, { min: 0 });
  }
  const known = ALL_MODELS.map((m) => m.name);
  if (pol.models !== undefined && !Array.isArray(pol.models)) {
    p.push(`${path}.models must be a list of model names (got ${JSON.stringify(pol.models)})`);
    return p;
  }
  (pol.models ?? []).forEach((name, i) => {
    if (!known.includes(name)) {
      p.push(
        `${path}.models[${i}] is not a known model (got ${JSON.stringify(name)}); use one of ${known.join(", ")}`,
      );
    }
  });
  return p;
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

/** `peak q95 = 41 by mstl before 2026-11-24T09:00Z` (the end of the horizon). */
export function describeExpectation(plan: PoolPlan): string {
  const end = new Date((plan.now + plan.horizonSeconds) * 1000).toISOString();
  return `peak ${quantileLabel(plan.quantile)} = ${Math.ceil(plan.peak)} by ${plan.model ?? "fallback"} before ${end.slice(0, 16)}Z`;
}

/** `q95` for 0.95, `q97.5` for 0.975. */
function quantileLabel(q: number): string {
  return `q${Number((q * 100).toFixed(3))}`;
}

/**
 * One line for humans: `api-warm: 14 → 17 shadow (+3), peak q95 = 41 by mstl, bound: none`,
 * prefixed with `[observe] ` in observe mode.
 */
export function summarize(
  pool: string,
  mode: PoolMode,
  prevShadow: number,
  nextShadow: number,
  plan: PoolPlan,
): string {
  const delta = nextShadow - prevShadow;
  const signed = delta > 0 ? `+${delta}` : `${delta}`;
  const bounds = plan.bounds.join(", ");
  const line =
    `${pool}: ${prevShadow} → ${nextShadow} shadow (${signed}), ` +
    `peak ${quantileLabel(plan.quantile)} = ${Math.ceil(plan.peak)} by ${plan.model ?? "fallback"}, bound: ${bounds}`;
  return mode === "observe" ? `[observe] ${line}` : line;
}
