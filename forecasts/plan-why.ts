/**
 * The plan's why: the sentences that explain a plan in the pull request, built from the forecast
 * and the size (see `planPool`). Kept apart from the arithmetic of the plan itself.
 */
import { SELECTION_SCORE_MEANING } from "./calibrate/capacity-score";
import { ENSEMBLE_NAME } from "./calibrate/ensemble";
import { TRACKER_RATE } from "./calibrate/quantile-tracker";
import type { CandidateScore } from "./select";
import type { WindowMaxCalibration, WindowMaxForecast } from "./window-max-types";

/**
 * The why lines about the forecast: model and backtest (or fallback), then the calibration, the
 * interval, the calendar, the clock and any gap before now. Pure: text from the forecast alone.
 *
 * @param fc the forecast of the window maximum.
 * @param quantile the quantile the plan holds.
 * @param horizonSeconds the window's length.
 * @returns the lines, in the order the plan prints them.
 */
export function forecastWhy(
  fc: WindowMaxForecast,
  quantile: number,
  horizonSeconds: number,
): string[] {
  const window = `[now, now + ${duration(horizonSeconds)})`;
  if (fc.model === null || fc.calibration === null || fc.pointMax === null) {
    const fb = fc.fallback;
    const factor = fc.events?.windowFactor ?? 1;
    const times = factor === 1 ? "" : ` × event factor ${num(factor)}`;
    const sib = fb?.sibling;
    return [
      `Verdict: ${fc.verdict}.`,
      sib === undefined
        ? `Fallback: maximum of the last ${num(fb?.days ?? 0)} days ${num(fb?.recentMax ?? 0)} + margin ` +
          `(20 %, at least 1 for whole units)${times} = peak ${num(fc.peak)} over ${window}.`
        : `Fallback from sibling "${sib.name}": its calibrated ${quantile} quantile for ${window}, ` +
          `${num(sib.siblingPeak)} (by ${sib.model}), × level ratio ${num(sib.ratio)} (the largest ` +
          `of ${sib.days} daily-maximum ratios of this pool to the sibling), at least this pool's own ` +
          `maximum over the same window of the earlier days, ${num(sib.sameWindowMax)}${times} = ` +
          `peak ${num(fc.peak)} (the recent maximum + margin would hold ${num(sib.plainPeak)}).`,
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
      `${adaptationWhy(c)}; the bound covered ${pct(c.backtestCoverage)} of backtest windows).`,
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

/** How the calibration adapted: the level ACI or DtACI moved to, or the offset tracking added. */
function adaptationWhy(c: WindowMaxCalibration): string {
  if (c.adaptation === "tracking") {
    return (
      `level ${num(c.level)}, score quantile offset by ${num(c.offset)} by quantile tracking ` +
      `(step ${TRACKER_RATE * 100} % of the scores' spread)`
    );
  }
  return `adaptive level ${num(c.adaptedLevel)} by ${c.adaptation === "dtaci" ? "DtACI" : "ACI, γ 0.005"}`;
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
export function shadowWhy(shadow: number, price: number | undefined): string {
  const c = shadowCostPerDay(shadow, price);
  return (
    `Shadow: ${shadow} slot(s)` +
    (c === null ? "." : `, costing ${num(c)} per day at ${price} per slot-hour.`)
  );
}

/** What the shadow slots cost per day at a price per slot-hour (null without a price). */
export function shadowCostPerDay(shadow: number, price: number | undefined): number | null {
  return price === undefined ? null : shadow * price * 24;
}

/** A number for the why: at most 3 decimals, no trailing zeros. */
export function num(x: number): string {
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
