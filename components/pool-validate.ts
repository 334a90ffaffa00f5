/**
 * Validation of the args every pool component shares (mode, history, now, policy, claims,
 * expected releases, previous deployment), with the planner's rules for the policy. Pure.
 */
import { ALL_MODELS } from "../forecasts/models";
import type { PoolPolicy, Series } from "../forecasts/types";
import type { PoolArgsBase } from "./pool";
import { validateClaims, validateSlots } from "./slots";
import { checkInteger, checkNonEmpty, checkNumber, checkObject, checkOneOf } from "./validate";

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
  if (args.history !== null) p.push(...seriesProblems(args.history, `${path}.history`));
  if (args.sibling !== undefined && checkObject(p, `${path}.sibling`, args.sibling)) {
    checkNonEmpty(p, `${path}.sibling.name`, args.sibling.name);
    p.push(...seriesProblems(args.sibling.history, `${path}.sibling.history`));
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

/** Problems with a loaded series (start, step and finite values). */
function seriesProblems(h: unknown, path: string): string[] {
  const p: string[] = [];
  if (h === undefined || h === null || typeof h !== "object") {
    p.push(`${path} must be a series or null (got ${String(h)}); load it before building the pool`);
    return p;
  }
  const s = h as Series;
  checkNumber(p, `${path}.start`, s.start, {});
  checkNumber(p, `${path}.step`, s.step, { min: 1 });
  if (!Array.isArray(s.values)) {
    p.push(`${path}.values must be an array of numbers`);
  } else {
    const bad = s.values.findIndex((v) => typeof v !== "number" || !Number.isFinite(v));
    if (bad >= 0) {
      p.push(
        `${path}.values[${bad}] must be a finite number (got ${String(s.values[bad])}); clean the series first`,
      );
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
