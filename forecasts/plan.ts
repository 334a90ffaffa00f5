import { DEFAULT_SELECTION_SCORE, SELECTION_SCORE_MEANING } from "./calibrate/capacity-score";
import { ENSEMBLE_NAME } from "./calibrate/ensemble";
import { forecastWindowMax } from "./forecast-window-max";
import type { WindowMaxForecast } from "./window-max-types";
import { applyLimits } from "./plan-limits";
import { validatePlanInput } from "./plan-validate";
import type { CandidateScore } from "./select";
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
    shadowCostPerDay: cost(limited.shadow, policy.pricePerSlotHour),
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
    shadowCostPerDay: cost(shadow, policy.pricePerSlotHour),
    why: [
      `History unavailable (${reason}): no forecast, and a failing source never shrinks a pool.`,
      `Kept ${kept}` +
        (shadow === previous ? "." : `, bounded to ${shadow} by the policy's min/max.`),
      shadowWhy(shadow, policy.pricePerSlotHour),
    ],
  };
}

/** The why lines about the forecast: model and backtest (or fallback), then the calibration. */
function forecastWhy(fc: WindowMaxForecast, quantile: number, horizonSeconds: number): string[] {
  const window = `[now, now + ${duration(horizonSeconds)})`;
  if (fc.model === null || fc.calibration === null || fc.pointMax === null) {
    const fb = fc.fallback;
    const factor = fc.events?.windowFactor ?? 1;
    return [
      `Verdict: ${fc.verdict}.`,
      `Fallback: maximum of the last ${num(fb?.days ?? 0)} days ${num(fb?.recentMax ?? 0)} + margin ` +
        `(20 %, at least 1 for whole units)${factor === 1 ? "" : ` × event factor ${num(factor)}`} = peak ${num(fc.peak)} over ${window}.`,
      ...eventsWhy(fc),
    ];
  }
  const c = fc.calibration;
  // With an event in the window the models' numbers are in usual demand, then multiplied. Whole
  // units the calibration scored (no history rescaled) are scored against demand − 1 (see
  // onlineConformal), so the capacity is the next whole number above the bound: floor(bound) + 1.
  const factor = fc.events?.windowFactor ?? 1;
  const wholeCalibration = fc.integerValued && (fc.events?.rescaledSteps ?? 0) === 0;
  const usual = `${num(fc.pointMax / factor)} + score quantile ${num(c.scoreQuantile)} × scale ${num(c.scale)}`;
  const held = wholeCalibration ? `floor(${usual}) + 1` : usual;
  const scaled = factor === 1 ? held : `(${held}) × event factor ${num(factor)}`;
  const sum = fc.integerValued && (factor !== 1 || !wholeCalibration) ? `ceil(${scaled})` : scaled;
  // The figure the selection minimised, for the winner and for every other candidate.
  const byCapacity = fc.selectBy === "capacity";
  const scoreOf = (k: CandidateScore): number | null => (byCapacity ? k.capacity : k.pinball);
  const others = fc.candidates
    .filter((k) => k.model !== fc.model)
    .map((k) => {
      const v = scoreOf(k);
      return `${k.model} ${v === null ? `(${k.note ?? "not scored"})` : num(v)}`;
    });
  const criterion = byCapacity
    ? `${SELECTION_SCORE_MEANING.capacity} ${num(fc.backtestCapacity ?? NaN)}`
    : `${SELECTION_SCORE_MEANING.pinball} ${num(fc.backtestPinball ?? NaN)} at q = ${quantile}`;
  return [
    `Model ${fc.model}${fc.model === ENSEMBLE_NAME ? " (median of the scored models' forecasts)" : ""} chosen by rolling-origin backtest over ${c.backtestWindows} windows: ` +
      criterion +
      (others.length > 0 ? ` (others: ${others.join(", ")}).` : "."),
    `Forecast maximum over ${window} (${fc.horizonSteps} × ${duration(fc.step)} steps): ` +
      `${num(fc.pointMax)}; calibrated ${quantile} quantile ${num(fc.peak)} = ${sum}, from the ` +
      `${c.normalisation} scores of ${c.n} trailing windows ` +
      (c.unobserved > 0
        ? `(${c.unobserved} more left out: their demand was invented for gaps in the rows; `
        : "(") +
      `adaptive level ` +
      `${num(c.adaptedLevel)} by ${c.adaptation === "dtaci" ? "DtACI" : "ACI, γ 0.005"}; the bound covered ${pct(c.backtestCoverage)} of backtest windows).`,
    ...(fc.interval === null
      ? []
      : [
          `Interval: the maximum over the window should lie between ${num(fc.interval.lower)} ` +
            `and ${num(fc.interval.upper)} (${pct(fc.interval.level)} prediction interval: the ` +
            `calibrated ${num(1 - quantile)} and ${quantile} quantiles).`,
        ]),
    ...eventsWhy(fc),
    ...(fc.timeZone === null
      ? []
      : [
          `Clock: the models saw the history on the wall clock of ${fc.timeZone}, so daylight ` +
            `saving does not move its daily pattern.`,
        ]),
    ...(fc.gapSteps > 0
      ? [
          `History ends ${duration(fc.gapSteps * fc.step)} before now: the forecast spans that gap ` +
            `too, and the calibration used the same lead time.`,
        ]
      : []),
  ];
}

/** What the calendar did, when the pool has one: the window's factor and the history it rescaled. */
function eventsWhy(fc: WindowMaxForecast): string[] {
  const e = fc.events;
  if (e === null) return [];
  const window =
    e.inWindow.length > 0
      ? `the window's bound is multiplied by ${num(e.windowFactor)}, the largest factor over its ` +
        `steps (events reaching it: ${e.inWindow.join(", ")})`
      : "no event with a factor reaches the window";
  const left = fc.calibration?.eventWindows ?? 0;
  return [
    `Events: ${window}; ${e.rescaledSteps} history step(s) were divided by their event's factor ` +
      `before the models saw them` +
      (left > 0 ? `, and ${left} calibration window(s) an event touched were left out.` : "."),
  ];
}

/** The last why line: the size, and its cost when a price is set. */
function shadowWhy(shadow: number, price: number | undefined): string {
  const c = cost(shadow, price);
  return (
    `Shadow: ${shadow} slot(s)` +
    (c === null ? "." : `, costing ${num(c)} per day at ${price} per slot-hour.`)
  );
}

function cost(shadow: number, price: number | undefined): number | null {
  return price === undefined ? null : shadow * price * 24;
}

/** A number for the why: at most 3 decimals, no trailing zeros. */
function num(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 1000) / 1000) : String(x);
}

/** A share as a percentage with one decimal. */
function pct(x: number): string {
  return `${Math.round(x * 1000) / 10} %`;
}

/** Seconds as the largest whole unit (`90m`, `2h`, `1d`). */
function duration(s: number): string {
  if (s % 86_400 === 0) return `${s / 86_400}d`;
  if (s % 3600 === 0) return `${s / 3600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}
