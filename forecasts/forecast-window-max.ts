import { DEFAULT_SELECTION_SCORE } from "./calibrate/capacity-score";
import { calibrationOrigins } from "./calibrate/origins";
import { fallbackPeak } from "./fallback";
import { resolveModels } from "./models";
import { detectPattern, MIN_HISTORY_DAYS, type PatternEvidence } from "./predictability";
import { type CandidateScore, selectModel } from "./select";
import { sameWindowMax, siblingLevel } from "./sibling";
import type { PredictionInterval } from "./types";
import type { WindowMaxForecast, WindowMaxRequest } from "./window-max-types";
import { windowGrid } from "./window-grid";

/**
 * Forecast the `quantile` of the maximum demand over `[now, now + horizonSeconds)`: re-aggregate
 * the history by bucket maximum onto the model grid, check that there are two weeks of history
 * and a daily or weekly pattern, select a model by rolling-origin backtest of its calibrated
 * window maximum, and return its point maximum plus the conformal margin calibrated (with the
 * adaptive correction) on its own recent errors. Otherwise, the fallback (recent maximum + margin)
 * with a `not predictable: …` verdict. Pure and deterministic.
 *
 * @param req history, now, horizon, quantile and allowed models.
 * @returns the calibrated peak and its explanation.
 * @throws {RangeError} for a quantile outside (0, 1), a horizon that is not positive, a `now`
 * that is not finite, a malformed series or an unknown model name.
 */
export function forecastWindowMax(req: WindowMaxRequest): WindowMaxForecast {
  const { history, now, horizonSeconds, quantile } = req;
  if (!(quantile > 0 && quantile < 1)) {
    throw new RangeError(`quantile must be between 0 and 1, e.g. 0.95 (got ${quantile})`);
  }
  if (!(horizonSeconds > 0) || !Number.isFinite(horizonSeconds)) {
    throw new RangeError(
      `horizonSeconds must be a positive number of seconds (got ${horizonSeconds})`,
    );
  }
  if (!Number.isFinite(now)) throw new RangeError(`now must be epoch seconds (got ${now})`);
  if (!(history.step > 0) || !Number.isFinite(history.start)) {
    throw new RangeError(
      `history must have a positive step and a finite start (got step ${history.step}, start ${history.start})`,
    );
  }
  const models = resolveModels(req.models);
  // The models see usual demand on the pool's clock; the window's factor comes back at the end.
  const prepared = windowGrid(history, now, horizonSeconds, req.events, req.timeZone);
  const { grid, wholeUnits, events } = prepared;
  const windowFactor = events?.windowFactor ?? 1;
  const n = grid.values.length;
  const daySteps = Math.max(1, Math.round(86_400 / grid.step));
  const selectBy = req.selectBy ?? DEFAULT_SELECTION_SCORE;
  const base = {
    selectBy,
    step: grid.step,
    horizonSteps: grid.horizonSteps,
    gapSteps: grid.gapSteps,
    periods: grid.periods,
    historyDays: (n * grid.step) / 86_400,
    integerValued: wholeUnits,
    events,
    timeZone: prepared.timeZone,
  };
  // The capacity a calibrated bound stands for: whole slots of usual demand when the calibration
  // scored whole units (it then scored ceil(bound)), times the window's event factor, rounded up
  // again for whole-unit demand.
  const toCapacity = (bound: number): number => {
    const usual = grid.integerValued ? Math.ceil(bound - 1e-9) : bound;
    const b = Math.max(0, usual * windowFactor);
    return wholeUnits ? Math.ceil(b - 1e-9) : b;
  };
  // The lower end in the same units: times the factor, whole units rounded up (the maximum is a
  // whole number at or above it), never below 0 nor above the peak.
  const intervalOf = (lowerBound: number, upper: number): PredictionInterval => {
    const b = Math.max(0, lowerBound * windowFactor);
    const lower = Math.min(upper, wholeUnits ? Math.ceil(b - 1e-9) : b);
    return { level: 2 * quantile - 1, lower, upper };
  };
  const fallback = (
    reason: string,
    pattern: PatternEvidence | null,
    candidates: CandidateScore[] = [],
  ): WindowMaxForecast => {
    const fb = fallbackPeak(grid.values, grid.step, wholeUnits);
    return {
      verdict: `not predictable: ${reason}`,
      model: null,
      pointMax: null,
      peak: fb.peak * windowFactor,
      interval: null,
      backtestPinball: null,
      backtestCapacity: null,
      candidates,
      calibration: null,
      ...base,
      pattern,
      fallback: { recentMax: fb.recentMax, days: fb.days },
    };
  };
  if (n < MIN_HISTORY_DAYS * daySteps) {
    const reason = `only ${fmtDays(base.historyDays)} of history before now (a model needs ${MIN_HISTORY_DAYS} days)`;
    if (req.sibling === undefined) return fallback(reason, null);
    // The sibling's own forecast for the same window, on its own history (its events unknown here).
    const sib = forecastWindowMax({
      ...req,
      history: req.sibling.history,
      events: [],
      sibling: undefined,
    });
    const level = siblingLevel(history, req.sibling.history, now);
    if (sib.model === null || level === null) {
      const why = sib.model === null ? sib.verdict : "no whole day observed by both before now";
      return fallback(`${reason}; sibling "${req.sibling.name}" not used (${why})`, null);
    }
    const sameWindow = sameWindowMax(history, now, horizonSeconds);
    const usual = Math.max(sib.peak * level.ratio, sameWindow);
    const fb = fallback(reason, null);
    return {
      ...fb,
      peak: wholeUnits ? Math.ceil(usual * windowFactor - 1e-9) : usual * windowFactor,
      fallback: {
        recentMax: fb.fallback?.recentMax ?? 0,
        days: fb.fallback?.days ?? 0,
        sibling: {
          name: req.sibling.name,
          model: sib.model,
          siblingPeak: sib.peak,
          ratio: level.ratio,
          days: level.days,
          sameWindowMax: sameWindow,
          plainPeak: fb.peak,
        },
      },
    };
  }
  const pattern = detectPattern(grid.values, grid.periods);
  if (!pattern.detected) {
    return fallback(
      `no daily or weekly pattern (rank autocorrelation at 1 day ${fmtAcf(pattern.acfDay)}, ` +
        `at 1 week ${fmtAcf(pattern.acfWeek)}; needs 0.2)`,
      pattern,
    );
  }
  const cal = calibrationOrigins(
    n,
    grid.gapSteps + grid.horizonSteps,
    daySteps,
    grid.unobserved,
    prepared.eventSteps,
  );
  if (cal === null) {
    return fallback(
      `too few windows to calibrate on (the horizon is too long for the history, or gaps in the rows left too few observed windows)`,
      pattern,
    );
  }
  const sel = selectModel(grid, cal, models, quantile, selectBy);
  if (
    sel.model === null ||
    sel.result === null ||
    sel.normalisation === null ||
    sel.adaptation === null
  ) {
    const notes = sel.candidates.map((c) => `${c.model} ${c.note ?? ""}`.trim()).join("; ");
    return fallback(`no model could be backtested (${notes})`, pattern, sel.candidates);
  }
  const r = sel.result;
  return {
    verdict: "predictable",
    model: sel.model,
    pointMax: sel.pointMax === null ? null : sel.pointMax * windowFactor,
    // For whole-number demand the quantile of the window maximum is itself a whole number.
    peak: toCapacity(r.bound),
    interval: intervalOf(r.lowerBound, toCapacity(r.bound)),
    backtestPinball: r.pinball,
    backtestCapacity: sel.candidates.find((c) => c.model === sel.model)?.capacity ?? null,
    candidates: sel.candidates,
    calibration: {
      n: r.n,
      level: quantile,
      adaptedLevel: r.adaptedLevel,
      scoreQuantile: r.scoreQuantile,
      normalisation: sel.normalisation,
      adaptation: sel.adaptation,
      offset: r.offset,
      scale: r.scaleNow,
      backtestWindows: r.evaluated,
      backtestCoverage: r.coverage,
      stride: cal.stride,
      unobserved: cal.unobserved,
      eventWindows: cal.events,
    },
    ...base,
    pattern,
    fallback: null,
  };
}

function fmtDays(days: number): string {
  return `${Math.round(days * 10) / 10} days`;
}

function fmtAcf(r: number | null): string {
  return r === null ? "n/a" : r.toFixed(2);
}
