import { DEFAULT_SELECTION_SCORE, type SelectionScore } from "./calibrate/capacity-score";
import type { Normalisation } from "./calibrate/normalise";
import type { Adaptation } from "./calibrate/online";
import { calibrationOrigins } from "./calibrate/origins";
import type { EventEffect, KnownEvent } from "./events";
import { fallbackPeak } from "./fallback";
import { ALL_MODELS, OPTIONAL_MODELS, modelsByName } from "./models";
import { detectPattern, MIN_HISTORY_DAYS, type PatternEvidence } from "./predictability";
import { type CandidateScore, selectModel } from "./select";
import type { ForecastModel, PredictionInterval, Series } from "./types";
import { windowGrid } from "./window-grid";

/** Input of {@link forecastWindowMax}. */
export interface WindowMaxRequest {
  /** Demand history (any regular step); buckets ending after `now` are ignored. */
  readonly history: Series;
  /** Epoch seconds; the window is `[now, now + horizonSeconds)`. */
  readonly now: number;
  readonly horizonSeconds: number;
  /** Quantile of the window maximum, in (0, 1). */
  readonly quantile: number;
  /** Names of the models allowed; empty or absent means all of `ALL_MODELS`. */
  readonly models?: readonly string[];
  /** What model selection minimises. Default `capacity`. */
  readonly selectBy?: SelectionScore;
  /** Known events (holidays, launches): see `applyEvents`. Default none. */
  readonly events?: readonly KnownEvent[];
  /**
   * IANA time zone whose wall clock the demand follows (`Europe/Berlin`): the models then see
   * the history on that clock, so a daylight-saving change does not move the daily pattern.
   * Default: UTC.
   */
  readonly timeZone?: string;
}

/** How the chosen model's bound was calibrated. */
export interface WindowMaxCalibration {
  /** Calibration windows (scores) behind the bound. */
  readonly n: number;
  /** Configured level (the quantile). */
  readonly level: number;
  /** Level in force after the adaptive correction. */
  readonly adaptedLevel: number;
  /** Conformal quantile of the normalised scores at the adapted level. */
  readonly scoreQuantile: number;
  readonly normalisation: Normalisation;
  /** How the level adapted: ACI with γ 0.005, or DtACI. */
  readonly adaptation: Adaptation;
  /** Scale of the score at now: bound = pointMax + scoreQuantile × scale. */
  readonly scale: number;
  /** Windows scored in the backtest, and the share the calibrated bound covered. */
  readonly backtestWindows: number;
  readonly backtestCoverage: number;
  /** Steps between two calibration origins. */
  readonly stride: number;
  /** Windows left out of the calibration because their demand was invented for a gap in the rows. */
  readonly unobserved: number;
  /** Windows left out of the calibration because a known event touched them. */
  readonly eventWindows: number;
}

/** The calibrated quantile of the window maximum, with everything the why needs. */
export interface WindowMaxForecast {
  /** `predictable`, or `not predictable: <reason>` when the fallback gave the peak. */
  readonly verdict: string;
  readonly model: string | null;
  /** The model's predicted window maximum (before calibration). */
  readonly pointMax: number | null;
  /** Calibrated quantile of the window maximum (>= 0; a whole number for whole-number demand). */
  readonly peak: number;
  /**
   * Where the window maximum should fall: between the calibrated `1 − quantile` and `quantile`
   * quantiles (`level` = 2·quantile − 1, a 90 % interval at 0.95); `upper` is the peak. Null for the
   * fallback.
   */
  readonly interval: PredictionInterval | null;
  readonly backtestPinball: number | null;
  /** The chosen model's mean capacity above the window maximum at equal coverage. */
  readonly backtestCapacity: number | null;
  /** What model selection minimised. */
  readonly selectBy: SelectionScore;
  readonly candidates: CandidateScore[];
  readonly calibration: WindowMaxCalibration | null;
  /** Model step in seconds, and the window length and data gap in steps. */
  readonly step: number;
  readonly horizonSteps: number;
  readonly gapSteps: number;
  /** Seasonal periods in steps (`[day, week]`). */
  readonly periods: number[];
  /** Days of history before now. */
  readonly historyDays: number;
  /** Whether demand comes in whole units (then the peak is a whole number). */
  readonly integerValued: boolean;
  /** Autocorrelation evidence of a pattern (null when there was too little history to look). */
  readonly pattern: PatternEvidence | null;
  /** The fallback's recent maximum and the days it covers, when the fallback gave the peak. */
  readonly fallback: { readonly recentMax: number; readonly days: number } | null;
  /** What the calendar did (null without events): the peak and point maximum include its factor. */
  readonly events: Omit<EventEffect, "touched"> | null;
  /** The wall clock the models saw (null: UTC). */
  readonly timeZone: string | null;
}

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
    return fallback(
      `only ${fmtDays(base.historyDays)} of history before now (a model needs ${MIN_HISTORY_DAYS} days)`,
      null,
    );
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

/**
 * The allowed models, in registry order (`ALL_MODELS`, then `OPTIONAL_MODELS`): the selector's
 * tie-break order does not depend on how the user listed them.
 *
 * @param names allowed names; empty or absent means `ALL_MODELS`.
 * @returns the models.
 * @throws {RangeError} naming any unknown model and the known ones.
 */
export function resolveModels(names?: readonly string[]): readonly ForecastModel[] {
  if (names === undefined || names.length === 0) return ALL_MODELS;
  const chosen = new Set(modelsByName(names));
  return [...ALL_MODELS, ...OPTIONAL_MODELS].filter((m) => chosen.has(m));
}

function fmtDays(days: number): string {
  return `${Math.round(days * 10) / 10} days`;
}

function fmtAcf(r: number | null): string {
  return r === null ? "n/a" : r.toFixed(2);
}
