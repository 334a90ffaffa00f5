import type { SelectionScore } from "./calibrate/capacity-score";
import type { KnownEvent } from "./events";
import { inferStep } from "./series";
import type { RawPoint } from "./types";

/** Options of {@link backtest}; all durations in seconds. */
export interface BacktestOptions {
  /**
   * Time between scheduled deployments; deployments fall on multiples of it (epoch time).
   * Default {@link defaultEvery}: one hour, or the rows' step when they are further apart.
   */
  readonly every?: number;
  /** History the first deployment needs before it: no deployment before first row + warm-up. Default 14 days. */
  readonly warmupSeconds?: number;
  /** Quantile of the window maximum the planner holds. Default 0.95. */
  readonly quantile?: number;
  /** Time a slot takes to become ready; added to the planner's horizon. Default 0. */
  readonly readinessSeconds?: number;
  /**
   * Missed scheduled runs the horizon allows for; each adds `every`. Default 0, so the quantile held
   * is the quantile of exactly the window judged (the program's own schedule uses 1).
   */
  readonly missedRuns?: number;
  /** Planner's horizon; overrides `every × (1 + missedRuns) + readinessSeconds`. */
  readonly horizonSeconds?: number;
  /** Step of the series the planner sees. Default: inferred from the warm-up rows. */
  readonly step?: number;
  /** Fixed multiplicative margin of the baselines (0.2 = +20 %). Default 0.2. */
  readonly baselineMargin?: number;
  /** Models the planner may choose from (names); absent means all. */
  readonly models?: readonly string[];
  /** What the planner's model selection minimises. Default `capacity`. */
  readonly selectBy?: SelectionScore;
  /**
   * Known events, as a pool's calendar would declare them: each deployment's plan sees all of
   * them (a calendar is written ahead). The baselines do not: they are the margins a user without
   * a forecaster would set. Default none.
   */
  readonly events?: readonly KnownEvent[];
  /** IANA time zone whose wall clock the planner forecasts on. Default UTC. */
  readonly timeZone?: string;
  /**
   * A sibling pool's rows (sorted by time): while this trace holds under two weeks before a
   * deployment, its plan falls back on the sibling's shape (see `sibling.ts`), seeing the
   * sibling's rows before that deployment only. Default none.
   */
  readonly sibling?: { readonly name: string; readonly points: readonly RawPoint[] };
  /**
   * Capacity units per unit of demand (an integer power of ten). Default `capacityScale` of the
   * values: 1 for whole-number demand, finer for fractional demand such as a CPU share.
   */
  readonly capacityScale?: number;
  /** Called after each deployment (for a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The deployment interval a backtest uses when none is given: one hour, or the rows' step when
 * they are further apart (a deployment between two rows would see nothing new: daily rows are
 * replayed daily).
 *
 * @param points the trace (at least two rows for a step; otherwise one hour).
 * @returns seconds between deployments.
 */
export function defaultEvery(points: readonly RawPoint[]): number {
  return points.length >= 2 ? Math.max(3600, inferStep(points)) : 3600;
}

/** The schedule, quantile, horizon and margin a backtest runs with, defaults applied. */
export interface ResolvedBacktestOptions {
  readonly every: number;
  readonly warmupSeconds: number;
  readonly quantile: number;
  readonly horizonSeconds: number;
  readonly baselineMargin: number;
}

/**
 * Apply the defaults of {@link BacktestOptions} and check the result and the rows, reporting every
 * bad option together.
 *
 * @param points the trace.
 * @param opts the options as given.
 * @returns the options in force.
 * @throws {RangeError} naming each bad option and its value, or the first unsorted row.
 */
export function resolveBacktestOptions(
  points: readonly RawPoint[],
  opts: BacktestOptions,
): ResolvedBacktestOptions {
  const every = opts.every ?? defaultEvery(points);
  const warmupSeconds = opts.warmupSeconds ?? 14 * 86_400;
  const quantile = opts.quantile ?? 0.95;
  const missedRuns = opts.missedRuns ?? 0;
  const horizonSeconds =
    opts.horizonSeconds ?? every * (1 + missedRuns) + (opts.readinessSeconds ?? 0);
  const baselineMargin = opts.baselineMargin ?? 0.2;
  checkOptions({ every, warmupSeconds, quantile, missedRuns, horizonSeconds, baselineMargin });
  checkSorted(points);
  return { every, warmupSeconds, quantile, horizonSeconds, baselineMargin };
}

/** Rows must be strictly increasing in time: the replay walks them once, in order. */
function checkSorted(points: readonly RawPoint[]): void {
  if (points.length < 2) {
    throw new RangeError(`backtest: needs at least two rows (got ${points.length})`);
  }
  for (let i = 1; i < points.length; i++) {
    if (!(points[i].t > points[i - 1].t)) {
      throw new RangeError(
        `backtest: rows must be sorted with distinct timestamps (row ${i + 1} at ${points[i].t} follows ${points[i - 1].t}); clean them with cleanPoints first`,
      );
    }
  }
}

/** Every bad option in one message, so a CI run shows them all at once. */
function checkOptions(o: Record<string, number>): void {
  const problems: string[] = [];
  const positive = (name: string): void => {
    if (!(o[name] > 0 && Number.isFinite(o[name])))
      problems.push(`${name} must be a positive number of seconds (got ${o[name]})`);
  };
  positive("every");
  positive("horizonSeconds");
  if (!(o.warmupSeconds >= 0 && Number.isFinite(o.warmupSeconds)))
    problems.push(`warmupSeconds must be 0 or more seconds (got ${o.warmupSeconds})`);
  if (!(o.quantile >= 0.5 && o.quantile <= 0.999))
    problems.push(`quantile must be between 0.5 and 0.999 (got ${o.quantile})`);
  if (!(Number.isInteger(o.missedRuns) && o.missedRuns >= 0))
    problems.push(`missedRuns must be a whole number >= 0 (got ${o.missedRuns})`);
  if (!(o.baselineMargin > -1 && Number.isFinite(o.baselineMargin)))
    problems.push(`baselineMargin must be a fraction above -1, e.g. 0.2 (got ${o.baselineMargin})`);
  if (problems.length > 0) throw new RangeError(`backtest: ${problems.join("; ")}`);
}
