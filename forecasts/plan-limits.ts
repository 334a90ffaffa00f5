import type { PlanBound, PoolPolicy, PreviousPlanState } from "./types";

/** The shadow size after the policy's bounds and limits, and what changed it. */
export interface LimitedShadow {
  readonly shadow: number;
  /** Bounds that changed the answer, in the order they applied (empty when none did). */
  readonly bounds: PlanBound[];
  /** Since when the pool holds surplus shadow (for the cooldown), or null. */
  readonly surplusSince: number | null;
  /** One sentence per bound that changed the answer. */
  readonly why: string[];
}

/**
 * Apply the policy to a raw shadow size: clamp to `[min, max]`; then, when that is below the
 * previous shadow (surplus slots), remove them only once they have been surplus for
 * `cooldownSeconds` (the surplus clock starts at the first plan that finds surplus and keeps
 * running while every following plan does), and at most `maxStepDown` per deployment. `min` and
 * `max` always hold in the end, even over the step-down limit (a policy lowered by its owner is
 * an explicit decision). `surplusSince` stays set while slots are kept above the target, and is
 * null once the pool holds no surplus.
 *
 * @param rawShadow the unbounded shadow size (may be negative).
 * @param policy min, max, maxStepDown and cooldownSeconds.
 * @param previous the previous deployment's shadow and surplus clock, if any.
 * @param now epoch seconds of this plan.
 * @returns the shadow size, the bounds that changed it, the surplus clock and why.
 */
export function applyLimits(
  rawShadow: number,
  policy: Pick<PoolPolicy, "min" | "max" | "maxStepDown" | "cooldownSeconds">,
  previous: PreviousPlanState | undefined,
  now: number,
): LimitedShadow {
  const bounds: PlanBound[] = [];
  const why: string[] = [];
  let target = rawShadow;
  if (target < policy.min) {
    why.push(`min ${policy.min} raised the shadow from ${rawShadow} to ${policy.min}.`);
    target = policy.min;
    bounds.push("min");
  }
  if (target > policy.max) {
    why.push(`max ${policy.max} lowered the shadow from ${rawShadow} to ${policy.max}.`);
    target = policy.max;
    bounds.push("max");
  }
  if (previous === undefined || target >= previous.shadow) {
    return { shadow: target, bounds, surplusSince: null, why };
  }
  // Surplus: the target is below what the pool holds. Its clock starts now unless already running.
  const since = previous.surplusSince ?? now;
  const surplus = previous.shadow - target;
  let shadow = target;
  let limit: { bound: PlanBound; why: string } | null = null;
  if (now - since < policy.cooldownSeconds) {
    shadow = previous.shadow;
    limit = {
      bound: "cooldown",
      why:
        `cooldown: ${surplus} surplus slot(s) kept (surplus since ${iso(since)}, removable from ` +
        `${iso(since + policy.cooldownSeconds)}); target ${target}.`,
    };
  } else if (surplus > policy.maxStepDown) {
    shadow = previous.shadow - policy.maxStepDown;
    limit = {
      bound: "maxStepDown",
      why:
        `maxStepDown ${policy.maxStepDown}: at most ${policy.maxStepDown} of ${surplus} surplus ` +
        `slot(s) removed this deployment (target ${target}).`,
    };
  }
  // A max lowered below the previous size wins over the removal limits.
  if (shadow > policy.max) {
    shadow = policy.max;
    if (!bounds.includes("max")) {
      bounds.push("max");
      why.push(`max ${policy.max} lowered the shadow below the previous ${previous.shadow}.`);
    }
  }
  if (limit !== null && shadow > target) {
    bounds.push(limit.bound);
    why.push(limit.why);
  }
  return { shadow, bounds, surplusSince: shadow > target ? since : null, why };
}

/**
 * ISO-8601 UTC of epoch seconds, for the why (deterministic: no clock involved).
 *
 * @param t epoch seconds.
 * @returns e.g. `2026-01-05T13:00:00Z`, or the number itself when out of range.
 */
export function iso(t: number): string {
  const d = new Date(t * 1000);
  return Number.isNaN(d.getTime()) ? String(t) : d.toISOString().replace(".000Z", "Z");
}
