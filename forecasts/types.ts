import type { KnownEvent } from "./events";
import type { SelectionScore } from "./calibrate/capacity-score";
import type { SiblingHistory } from "./sibling";

/**
 * The data contracts of the forecasting core. Everything in forecasts/ is pure: no I/O, no Pulumi,
 * no clock, no randomness. Times are epoch seconds (UTC) throughout.
 */

/** One observation of demand, in pool units, at epoch second `t`. */
export interface RawPoint {
  readonly t: number;
  readonly v: number;
}

/**
 * A regular series: `values[i]` is the demand (the maximum observed) over
 * `[start + i * step, start + (i + 1) * step)`. No gaps: resampling fills them by a documented rule.
 */
export interface Series {
  /** Epoch seconds of the first bucket's start. */
  readonly start: number;
  /** Bucket width in seconds. */
  readonly step: number;
  readonly values: readonly number[];
  /**
   * Per bucket, how resampling got its value (see {@link BucketFill}); absent when every bucket
   * held rows. The model grid takes a bucket's maximum from rows where it can, and the calibration
   * does not score windows whose demand was invented.
   */
  readonly filled?: readonly BucketFill[];
}

/**
 * How a bucket got its value: `0` from its rows, `1` interpolated across a short gap (a missed
 * scrape, or a bucket that irregular timestamps left empty), `2` invented for a gap too long to
 * interpolate (repeated from a period earlier or carried forward).
 */
export type BucketFill = 0 | 1 | 2;

/** History after validation: sorted, de-duplicated points plus the repairs that were made. */
export interface CleanHistory {
  readonly points: readonly RawPoint[];
  /** Human-readable notes, one per repair rule applied (e.g. `3 duplicate timestamps: kept the maximum`). */
  readonly repairs: readonly string[];
}

/** What a model is told about the series it fits. */
export interface ModelContext {
  /** Seasonal periods in steps, shortest first (e.g. `[24, 168]` for hourly data: day and week). */
  readonly periods: readonly number[];
}

/** A model whose parameters were estimated on a prefix of a series. */
export interface FittedModel {
  /**
   * Point forecasts for steps `origin .. origin + h - 1`, using the fitted parameters and the
   * observations `values[0 .. origin)` only (state is updated causally up to `origin`).
   * `origin` may be any index from the fit end up to `values.length`.
   */
  forecastFrom(origin: number, h: number): number[];
}

/** A forecasting model. One model per file under forecasts/models/. */
export interface ForecastModel {
  /** Stable identifier used in config (`models allowed`) and in the plan's why. */
  readonly name: string;
  /** Least history, in steps, this model needs for the given context; below it it is not eligible. */
  minLength(ctx: ModelContext): number;
  /**
   * Estimate parameters on `values[0 .. fitEnd)`. `values` may be longer than `fitEnd`: later
   * observations are used only to update state in `forecastFrom`, never to estimate parameters.
   */
  fit(values: readonly number[], fitEnd: number, ctx: ModelContext): FittedModel;
}

/** A two-sided prediction interval of a window's maximum demand. */
export interface PredictionInterval {
  /** Probability that the window maximum falls inside (two-sided), e.g. 0.9. */
  readonly level: number;
  readonly lower: number;
  readonly upper: number;
}

/** A pool's sizing policy (all sizes in slots, all durations in seconds). */
export interface PoolPolicy {
  /** Quantile of the window maximum to hold as prepared capacity. Default 0.95. */
  readonly quantile: number;
  /** Planning horizon: until the next run + slot readiness + one missed run. */
  readonly horizonSeconds: number;
  /** Fewest shadow slots. Default 0. */
  readonly min: number;
  /** Most shadow slots. */
  readonly max: number;
  /** Most shadow slots removed by one deployment. Default: unlimited. */
  readonly maxStepDown: number;
  /** How long a free slot must have been surplus before it is removed. Default 0. */
  readonly cooldownSeconds: number;
  /** Models allowed for this pool (names); empty or absent means all. */
  readonly models?: readonly string[];
  /**
   * What model selection minimises: `pinball` (mean pinball loss of the window maximum) or
   * `capacity` (mean capacity above the window maximum at equal coverage). Default `capacity`.
   */
  readonly selectBy?: SelectionScore;
  /** Price of one slot-hour, to show what shadow capacity costs per day. */
  readonly pricePerSlotHour?: number;
  /** Known events (holidays, launches) the forecast must not treat as usual. Default none. */
  readonly events?: readonly KnownEvent[];
  /** IANA time zone whose wall clock demand follows (daylight saving included). Default UTC. */
  readonly timeZone?: string;
}

/** What the previous deployment left behind, as far as planning needs it. */
export interface PreviousPlanState {
  /** Shadow slots held after the previous deployment. */
  readonly shadow: number;
  /** Epoch seconds since which the pool has held more shadow than planned, or null. */
  readonly surplusSince: number | null;
}

/** Everything the planner needs; `history: null` means the history source failed or was empty. */
export interface PlanInput {
  readonly history: Series | null;
  /** Why the history is missing, when it is (e.g. the source's error, without credentials). */
  readonly historyError?: string;
  /** Start of the current schedule interval; history at or after `now` is ignored. */
  readonly now: number;
  /** Slots in use (claimed) now. */
  readonly inUse: number;
  /** Slots expected back from predicted or announced releases within the horizon. Default 0. */
  readonly expectedReleases?: number;
  readonly previous?: PreviousPlanState;
  readonly policy: PoolPolicy;
  /**
   * A sibling pool's history (loaded), for the fallback while this pool has under two weeks of
   * its own (see `sibling.ts`). Absent: the recent maximum + margin.
   */
  readonly sibling?: SiblingHistory;
}

/** A limit that changed the planner's answer. */
export type PlanBound =
  "min" | "max" | "maxStepDown" | "cooldown" | "source-failed" | "fallback" | "none";

/** A pool's plan and its why. Plain data: it is exported as a stack output as is. */
export interface PoolPlan {
  readonly now: number;
  readonly horizonSeconds: number;
  readonly quantile: number;
  /** `predictable`, or `not predictable: <reason>` when the fallback sized the pool. */
  readonly verdict: string;
  /** The model chosen by the rolling-origin backtest, or null for the fallback. */
  readonly model: string | null;
  /** The chosen model's backtest score: mean pinball loss of the window maximum at `quantile`. */
  readonly backtestPinball: number | null;
  /** The chosen model's mean capacity above the window maximum at equal coverage. */
  readonly backtestCapacity: number | null;
  /** What model selection minimised (`capacity` or `pinball`). */
  readonly selectBy: SelectionScore;
  /** Forecast point maximum over the horizon (before calibration). */
  readonly pointMax: number | null;
  /** Calibrated quantile of the window maximum: total prepared capacity to hold (unrounded). */
  readonly peak: number;
  /**
   * Where the window maximum should fall: between the calibrated `1 − quantile` and `quantile`
   * quantiles (`level` = 2·quantile − 1). Absent or null without a model (fallback, no history).
   */
  readonly interval?: PredictionInterval | null;
  readonly inUse: number;
  readonly expectedReleases: number;
  /** `ceil(peak) - inUse - expectedReleases`, before bounds and limits. */
  readonly rawShadow: number;
  /** Shadow slots to hold after bounds and limits. */
  readonly shadow: number;
  /** Which bounds or limits changed the answer (`["none"]` when none did). */
  readonly bounds: readonly PlanBound[];
  /** Epoch seconds since which the pool holds surplus shadow (for the cooldown), or null. */
  readonly surplusSince: number | null;
  /** Cost of the shadow slots per day, when a price is set. */
  readonly shadowCostPerDay: number | null;
  /** The why, one sentence per line, in the order a reviewer reads it. */
  readonly why: readonly string[];
}
