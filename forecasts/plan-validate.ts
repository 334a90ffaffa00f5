import { SELECTION_SCORES } from "./calibrate/capacity-score";
import { eventProblems } from "./events";
import { isTimeZone, TIME_ZONE_HINT } from "./series/local-time";
import { ALL_MODELS, OPTIONAL_MODELS } from "./models";
import type { PlanInput } from "./types";

const isCount = (x: unknown): boolean => typeof x === "number" && Number.isInteger(x) && x >= 0;
const isCountOrInf = (x: unknown): boolean => isCount(x) || x === Infinity;

/**
 * Check a plan input before anything is computed, and report every problem at once, each naming
 * the field, the value and the fix (e.g. `policy.quantile must be between 0.5 and 0.999 (got 1.5)`).
 *
 * @param input the planner's input.
 * @throws {RangeError} listing every problem, one per line.
 */
export function validatePlanInput(input: PlanInput): void {
  const problems: string[] = [];
  const got = (v: unknown): string =>
    `(got ${typeof v === "string" ? JSON.stringify(v) : String(v)})`;
  const { policy } = input;
  if (!Number.isFinite(input.now)) problems.push(`now must be epoch seconds ${got(input.now)}`);
  if (!isCount(input.inUse)) {
    problems.push(`inUse must be a whole number of slots >= 0 ${got(input.inUse)}`);
  }
  if (input.expectedReleases !== undefined && !isCount(input.expectedReleases)) {
    problems.push(
      `expectedReleases must be a whole number of slots >= 0 ${got(input.expectedReleases)}`,
    );
  }
  if (input.previous !== undefined) {
    if (!isCount(input.previous.shadow)) {
      problems.push(
        `previous.shadow must be a whole number of slots >= 0 ${got(input.previous.shadow)}`,
      );
    }
    const since = input.previous.surplusSince;
    if (since !== null && !Number.isFinite(since)) {
      problems.push(`previous.surplusSince must be epoch seconds or null ${got(since)}`);
    }
  }
  if (input.history !== null) {
    const h = input.history;
    if (!(h.step > 0) || !Number.isFinite(h.step)) {
      problems.push(`history.step must be a positive number of seconds ${got(h.step)}`);
    }
    if (!Number.isFinite(h.start))
      problems.push(`history.start must be epoch seconds ${got(h.start)}`);
    const bad = h.values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      problems.push(
        `history.values[${bad}] must be a finite number ${got(h.values[bad])}; clean the series first`,
      );
    }
  }
  if (!(policy.quantile >= 0.5 && policy.quantile <= 0.999)) {
    problems.push(`policy.quantile must be between 0.5 and 0.999 ${got(policy.quantile)}`);
  }
  if (!(policy.horizonSeconds > 0) || !Number.isFinite(policy.horizonSeconds)) {
    problems.push(
      `policy.horizonSeconds must be a positive number of seconds ${got(policy.horizonSeconds)}`,
    );
  }
  if (!isCount(policy.min))
    problems.push(`policy.min must be a whole number of slots >= 0 ${got(policy.min)}`);
  if (!isCountOrInf(policy.max)) {
    problems.push(
      `policy.max must be a whole number of slots >= 0 (or Infinity) ${got(policy.max)}`,
    );
  }
  if (isCount(policy.min) && isCountOrInf(policy.max) && policy.min > policy.max) {
    problems.push(
      `policy.min (${policy.min}) must not exceed policy.max (${policy.max}); lower min or raise max`,
    );
  }
  if (!isCountOrInf(policy.maxStepDown)) {
    problems.push(
      `policy.maxStepDown must be a whole number of slots >= 0 (Infinity for no limit) ${got(policy.maxStepDown)}`,
    );
  }
  if (!(policy.cooldownSeconds >= 0) || !Number.isFinite(policy.cooldownSeconds)) {
    problems.push(
      `policy.cooldownSeconds must be a number of seconds >= 0 ${got(policy.cooldownSeconds)}`,
    );
  }
  if (
    policy.pricePerSlotHour !== undefined &&
    (!(policy.pricePerSlotHour >= 0) || !Number.isFinite(policy.pricePerSlotHour))
  ) {
    problems.push(`policy.pricePerSlotHour must be a number >= 0 ${got(policy.pricePerSlotHour)}`);
  }
  if (policy.selectBy !== undefined && !SELECTION_SCORES.includes(policy.selectBy)) {
    problems.push(
      `policy.selectBy must be one of ${SELECTION_SCORES.join(", ")} ${got(policy.selectBy)}`,
    );
  }
  const known = [...ALL_MODELS, ...OPTIONAL_MODELS].map((m) => m.name);
  (policy.models ?? []).forEach((name, i) => {
    if (!known.includes(name)) {
      problems.push(
        `policy.models[${i}] is not a known model ${got(name)}; use one of ${known.join(", ")}`,
      );
    }
  });
  problems.push(...eventProblems(policy.events ?? [], "policy.events"));
  if (policy.timeZone !== undefined && !isTimeZone(policy.timeZone)) {
    problems.push(`policy.timeZone must be ${TIME_ZONE_HINT} ${got(policy.timeZone)}`);
  }
  if (problems.length > 0) {
    throw new RangeError(`invalid plan input:\n  ${problems.join("\n  ")}`);
  }
}
