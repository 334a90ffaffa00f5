import { DEFAULT_SELECTION_SCORE } from "./calibrate/capacity-score";
import { forecastWindowMax } from "./forecast-window-max";
import { applyLimits } from "./plan-limits";
import { validatePlanInput } from "./plan-validate";
import { forecastWhy, num, shadowCostPerDay, shadowWhy } from "./plan-why";
import type { PlanInput, PoolPlan, Series } from "./types";

/**
 * Size a pool's shadow capacity from its history (see "Planning semantics" in DESIGN.md):
 * `peak` is the calibrated `policy.quantile` of the maximum demand over `[now, now + horizon)`
 * (a model chosen by rolling-origin backtest, or the fallback with a `not predictable` verdict);
 * `rawShadow = ceil(peak) − inUse − expectedReleases`; then `min`/`max`, the cooldown before
 * surplus slots go, and `maxStepDown` (see `applyLimits`). A missing or empty history keeps the
 * previous size (or `min`) and says so. Every plan carries its why. Pure and deterministic.
 *
 * @param input history (null when the source failed), now, claims, previous state and policy.
 * @returns the pool's plan with its why.
 * @throws {RangeError} listing every invalid field of the input, before anything is computed.
 */
export function planPool(input: PlanInput): PoolPlan {
  validatePlanInput(input);
  const { policy, now, inUse } = input;
  const expectedReleases = input.expectedReleases ?? 0;
  if (input.history === null || !hasHistoryBefore(input.history, now)) {
    return keepPrevious(input, expectedReleases);
  }
  const fc = forecastWindowMax({
    history: input.history,
    now,
    horizonSeconds: policy.horizonSeconds,
    quantile: policy.quantile,
    models: policy.models,
    selectBy: policy.selectBy,
    events: policy.events,
    timeZone: policy.timeZone,
    sibling: input.sibling,
  });
  // Whole slots: 3.2 units of demand need 4 slots (the slack absorbs floating-point noise).
  const rawShadow = Math.ceil(fc.peak - 1e-9) - inUse - expectedReleases;
  const limited = applyLimits(rawShadow, policy, input.previous, now);
  const bounds = fc.model === null ? ["fallback" as const, ...limited.bounds] : limited.bounds;
  const why = [
    ...forecastWhy(fc, policy.quantile, policy.horizonSeconds),
    `Capacity: ceil(peak ${num(fc.peak)}) = ${Math.ceil(fc.peak - 1e-9)} − in use ${inUse} − ` +
      `expected releases ${expectedReleases} = raw shadow ${rawShadow}.`,
    ...limited.why,
    ...(limited.bounds.length === 0 ? ["No bound or limit changed the answer."] : []),
    shadowWhy(limited.shadow, policy.pricePerSlotHour),
  ];
  return {
    now,
    horizonSeconds: policy.horizonSeconds,
    quantile: policy.quantile,
    verdict: fc.verdict,
    model: fc.model,
    backtestPinball: fc.backtestPinball,
    backtestCapacity: fc.backtestCapacity,
    selectBy: fc.selectBy,
    pointMax: fc.pointMax,
    peak: fc.peak,
    interval: fc.interval,
    inUse,
    expectedReleases,
    rawShadow,
    shadow: limited.shadow,
    bounds: bounds.length > 0 ? bounds : ["none"],
    surplusSince: limited.surplusSince,
    shadowCostPerDay: shadowCostPerDay(limited.shadow, policy.pricePerSlotHour),
    why,
  };
}

/** Whether at least one history bucket ends at or before `now`. */
function hasHistoryBefore(history: Series, now: number): boolean {
  return history.values.length > 0 && history.start + history.step <= now;
}

/**
 * The plan when the history source failed or returned nothing before now: never shrink on missing
 * data, so keep the previous shadow (or `min` for a new pool), within `[min, max]`, and keep the
 * surplus clock as it was. The peak shown is the capacity that stays prepared.
 */
function keepPrevious(input: PlanInput, expectedReleases: number): PoolPlan {
  const { policy } = input;
  const previous = input.previous?.shadow ?? policy.min;
  const shadow = Math.min(policy.max, Math.max(policy.min, previous));
  const reason =
    input.history === null
      ? (input.historyError ?? "the source returned no data")
      : "no history before now";
  const bounds: PoolPlan["bounds"] = [
    "source-failed",
    ...(shadow > previous ? (["min"] as const) : []),
    ...(shadow < previous ? (["max"] as const) : []),
  ];
  const kept =
    input.previous === undefined
      ? `no previous deployment, so min ${policy.min}`
      : `previous shadow ${previous}`;
  return {
    now: input.now,
    horizonSeconds: policy.horizonSeconds,
    quantile: policy.quantile,
    verdict: `not predictable: history unavailable (${reason})`,
    model: null,
    backtestPinball: null,
    backtestCapacity: null,
    selectBy: policy.selectBy ?? DEFAULT_SELECTION_SCORE,
    pointMax: null,
    peak: input.inUse + expectedReleases + shadow,
    inUse: input.inUse,
    expectedReleases,
    rawShadow: previous,
    shadow,
    bounds,
    surplusSince: input.previous?.surplusSince ?? null,
    shadowCostPerDay: shadowCostPerDay(shadow, policy.pricePerSlotHour),
    why: [
      `History unavailable (${reason}): no forecast, and a failing source never shrinks a pool.`,
      `Kept ${kept}` +
        (shadow === previous ? "." : `, bounded to ${shadow} by the policy's min/max.`),
      shadowWhy(shadow, policy.pricePerSlotHour),
    ],
  };
}
