import type { SelectionScore } from "./calibrate/capacity-score";
import type { Normalisation } from "./calibrate/normalise";
import type { Adaptation } from "./calibrate/online";
import type { EventEffect, KnownEvent } from "./events";
import type { PatternEvidence } from "./predictability";
import type { CandidateScore } from "./select";
import type { SiblingFallback, SiblingHistory } from "./sibling";
import type { PredictionInterval, Series } from "./types";

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
  /**
   * A sibling pool's history: with less than two weeks of this pool's own, the fallback holds the
   * sibling's calibrated peak for the window scaled to this pool's level (see `sibling.ts`)
   * instead of the recent maximum + margin. Default: none.
   */
  readonly sibling?: SiblingHistory;
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
  /** How the bound adapted: ACI with γ 0.005, DtACI, or quantile tracking. */
  readonly adaptation: Adaptation;
  /** Offset quantile tracking added to the score quantile (score units; 0 for ACI and DtACI). */
  readonly offset: number;
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
  /**
   * The fallback's recent maximum and the days it covers, when the fallback gave the peak; with
   * `sibling` when a sibling's scaled peak gave it instead.
   */
  readonly fallback: {
    readonly recentMax: number;
    readonly days: number;
    readonly sibling?: SiblingFallback;
  } | null;
  /** What the calendar did (null without events): the peak and point maximum include its factor. */
  readonly events: Omit<EventEffect, "touched"> | null;
  /** The wall clock the models saw (null: UTC). */
  readonly timeZone: string | null;
}
