import type { KnownEvent } from "./events";
import type { SelectionScore } from "./calibrate/capacity-score";
import { intervalCoverage, scoreCapacities, type CapacityFigures } from "./backtest-metrics";
import { BASELINES, baselineBases, evaluateBaseline, type BaselineResult } from "./baselines";
import { lowerBound } from "./lower-bound";
import { planPool } from "./plan";
import { pastSeriesOf } from "./backtest-history";
import { inDemandUnits } from "./backtest-units";
import { capacityScale, toCapacityUnits } from "./capacity-scale";
import { inferStep } from "./series";
import type { PlanInput, PoolPlan, PredictionInterval, RawPoint, Series } from "./types";

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
   * Capacity units per unit of demand (an integer power of ten). Default `capacityScale` of the
   * values: 1 for whole-number demand, finer for fractional demand such as a CPU share.
   */
  readonly capacityScale?: number;
  /** Called after each deployment (for a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One replayed deployment. */
export interface BacktestDeployment {
  /** Deployment time T: the planner saw rows before T; its capacity held over [T, T + every). */
  readonly t: number;
  /** Prepared capacity held: the plan's peak rounded up (in use 0, no bounds). */
  readonly capacity: number;
  readonly peak: number;
  /** The plan's prediction interval of the window maximum (null without one). */
  readonly interval: PredictionInterval | null;
  readonly model: string | null;
  readonly verdict: string;
}

/** Everything a backtest reports. Plain data (JSON-friendly). */
export interface BacktestResult {
  readonly every: number;
  readonly warmupSeconds: number;
  readonly quantile: number;
  readonly horizonSeconds: number;
  /** Step of the series the planner saw. */
  readonly step: number;
  /**
   * Capacity units per unit of demand: capacities were whole multiples of `1 / capacityScale`
   * (1 for whole-number demand). Every figure is reported in demand units.
   */
  readonly capacityScale: number;
  readonly baselineMargin: number;
  /** The calendar the plan was given (the baselines never are). */
  readonly events: readonly KnownEvent[];
  /** The wall clock the plan forecast on (the baselines compare UTC windows). */
  readonly timeZone: string;
  readonly deployments: readonly BacktestDeployment[];
  /** Capacity in force at each input row, null for warm-up rows (same length as the points). */
  readonly capsPerRow: readonly (number | null)[];
  readonly plan: CapacityFigures;
  /** Share of windows whose maximum fell inside the plan's interval (null: the plan gave none). */
  readonly intervalCoverage: number | null;
  /** Hindsight oracle: capacity = the true maximum of each window (rounded up). */
  readonly oracle: CapacityFigures;
  readonly baselines: readonly BaselineResult[];
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

/** A planner as the backtest calls it (injectable so tests can spy on what it sees). */
export type Planner = (input: PlanInput) => PoolPlan;

const DAY = 86400;

/**
 * Replay a demand trace as scheduled deployments. At each deployment time T (a multiple of `every`,
 * the first at or after the first row + warm-up, the last holding the last row) the planner sees
 * the rows before T only, resampled to `step`, and the capacity it asks for (its peak rounded up,
 * nothing in use, no bounds) holds for the rows in [T, T + every). The same rows score the plan, the
 * hindsight oracle and the baselines. Deterministic: no clock, no randomness.
 *
 * @param points the trace, sorted by time with distinct timestamps (as `cleanPoints` returns it).
 * @param opts schedule, quantile, horizon and baseline options.
 * @param planner the planner to replay (default: `planPool`).
 * @returns figures for the plan, the oracle and the baselines, and the capacity at each row.
 * @throws {RangeError} for bad options, unsorted points, or a trace too short for the warm-up.
 */
export function backtest(
  points: readonly RawPoint[],
  opts: BacktestOptions = {},
  planner: Planner = planPool,
): BacktestResult {
  const every = opts.every ?? defaultEvery(points);
  const warmupSeconds = opts.warmupSeconds ?? 14 * DAY;
  const quantile = opts.quantile ?? 0.95;
  const missedRuns = opts.missedRuns ?? 0;
  const horizonSeconds =
    opts.horizonSeconds ?? every * (1 + missedRuns) + (opts.readinessSeconds ?? 0);
  const baselineMargin = opts.baselineMargin ?? 0.2;
  checkOptions({ every, warmupSeconds, quantile, missedRuns, horizonSeconds, baselineMargin });
  checkSorted(points);
  const scale = opts.capacityScale ?? capacityScale(points.map((p) => p.v));
  if (!(Number.isInteger(scale) && scale >= 1)) {
    throw new RangeError(`backtest: capacityScale must be a whole number >= 1 (got ${scale})`);
  }
  if (scale !== 1) {
    // Replay in capacity units, where capacity is whole, and report in the demand's own units.
    const scaled = points.map((p) => ({ t: p.t, v: toCapacityUnits(p.v, scale) }));
    return inDemandUnits(backtest(scaled, { ...opts, capacityScale: 1 }, planner), scale);
  }

  const times = points.map((p) => p.t);
  const values = points.map((p) => p.v);
  // Deployments fall on multiples of `every`; the first once the warm-up has passed.
  const firstT = Math.ceil((times[0] + warmupSeconds) / every) * every;
  const lastT = Math.floor(times[times.length - 1] / every) * every;
  if (firstT > lastT) {
    throw new RangeError(
      `backtest: the trace spans ${days(times[times.length - 1] - times[0])}, too short for a warm-up of ${days(warmupSeconds)} plus one deployment; give more history or a shorter warm-up`,
    );
  }
  const count = Math.round((lastT - firstT) / every) + 1;
  const firstRow = lowerBound(times, firstT);
  // The step is inferred from the warm-up rows (when there are two), so the future cannot shape it.
  const step = opts.step ?? inferStep(firstRow >= 2 ? points.slice(0, firstRow) : points);

  const deployments: BacktestDeployment[] = [];
  const seriesBefore = pastSeriesOf(points, step);
  let seen = 0;
  for (let w = 0; w < count; w++) {
    const T = firstT + w * every;
    while (seen < times.length && times[seen] < T) seen++;
    const history = seriesBefore(seen, T);
    const plan = planner(planInput(history, T, quantile, horizonSeconds, opts));
    if (!Number.isFinite(plan.peak)) {
      throw new RangeError(`backtest: the planner returned peak ${plan.peak} at t=${T}`);
    }
    deployments.push({
      t: T,
      capacity: Math.max(0, Math.ceil(plan.peak - 1e-9)),
      peak: plan.peak,
      interval: plan.interval ?? null,
      model: plan.model,
      verdict: plan.verdict,
    });
    opts.onProgress?.(w + 1, count);
  }

  // Evaluated rows: from the first deployment on; each belongs to the window that started last.
  const demand = values.slice(firstRow);
  const windowOf = times.slice(firstRow).map((t) => Math.floor((t - firstT) / every));
  const caps = deployments.map((d) => d.capacity);
  const plan = scoreCapacities(demand, windowOf, caps);
  const oracleCaps = new Array<number>(count).fill(0);
  for (let i = 0; i < demand.length; i++) {
    oracleCaps[windowOf[i]] = Math.max(oracleCaps[windowOf[i]], Math.ceil(demand[i] - 1e-9));
  }
  const deployTimes = deployments.map((d) => d.t);
  const baselines = BASELINES.map((spec) =>
    evaluateBaseline(
      spec,
      baselineBases(times, values, deployTimes, every, spec),
      demand,
      windowOf,
      baselineMargin,
      plan.coveredRows,
    ),
  );
  return {
    every,
    events: opts.events ?? [],
    timeZone: opts.timeZone ?? "UTC",
    warmupSeconds,
    quantile,
    horizonSeconds,
    step,
    capacityScale: 1,
    baselineMargin,
    deployments,
    capsPerRow: capsForTimes(times, firstT, every, caps),
    plan,
    intervalCoverage: intervalCoverage(
      demand,
      windowOf,
      deployments.map((d) => d.interval),
    ),
    oracle: scoreCapacities(demand, windowOf, oracleCaps),
    baselines,
  };
}

/**
 * The capacity in force at each time: the capacity of the deployment window holding it, null before
 * the first deployment (warm-up) or after the last window.
 *
 * @param times any epoch seconds (e.g. the rows of a CSV in file order, duplicates included).
 * @param firstT the first deployment time.
 * @param every seconds between deployments.
 * @param caps capacity of each deployment window.
 * @returns one entry per time.
 */
export function capsForTimes(
  times: readonly number[],
  firstT: number,
  every: number,
  caps: readonly number[],
): (number | null)[] {
  return times.map((t) => {
    if (t < firstT) return null;
    return caps[Math.floor((t - firstT) / every)] ?? null;
  });
}

/** The planner's input at deployment time T: the history before T, in use 0, no bounds. */
function planInput(
  history: Series | null,
  T: number,
  quantile: number,
  horizonSeconds: number,
  opts: BacktestOptions,
): PlanInput {
  return {
    history,
    ...(history === null ? { historyError: "no rows before the first deployment" } : {}),
    now: T,
    inUse: 0,
    policy: {
      quantile,
      horizonSeconds,
      min: 0,
      max: Infinity,
      maxStepDown: Infinity,
      cooldownSeconds: 0,
      ...(opts.models !== undefined ? { models: opts.models } : {}),
      ...(opts.selectBy !== undefined ? { selectBy: opts.selectBy } : {}),
      ...(opts.events !== undefined ? { events: opts.events } : {}),
      ...(opts.timeZone !== undefined ? { timeZone: opts.timeZone } : {}),
    },
  };
}

/** Seconds as days for messages: `1.5 days`. */
function days(seconds: number): string {
  return `${Number((seconds / DAY).toFixed(2))} days`;
}

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
