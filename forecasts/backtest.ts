import type { KnownEvent } from "./events";
import { type BacktestOptions, resolveBacktestOptions } from "./backtest-options";
import { intervalCoverage, scoreCapacities, type CapacityFigures } from "./backtest-metrics";
import { BASELINES, baselineBases, evaluateBaseline, type BaselineResult } from "./baselines";
import { lowerBound } from "./lower-bound";
import { planPool } from "./plan";
import { MIN_HISTORY_DAYS } from "./predictability";
import { pastSeriesOf } from "./backtest-history";
import { inDemandUnits } from "./backtest-units";
import { capacityScale, toCapacityUnits } from "./capacity-scale";
import { inferStep } from "./series";
import type { PlanInput, PoolPlan, PredictionInterval, RawPoint, Series } from "./types";

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
  const { every, warmupSeconds, quantile, horizonSeconds, baselineMargin } = resolveBacktestOptions(
    points,
    opts,
  );
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
  const sibling = siblingBefore(opts.sibling, step, times[0]);
  let seen = 0;
  for (let w = 0; w < count; w++) {
    const T = firstT + w * every;
    while (seen < times.length && times[seen] < T) seen++;
    const history = seriesBefore(seen, T);
    const plan = planner({
      ...planInput(history, T, quantile, horizonSeconds, opts),
      ...sibling(T),
    });
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

/**
 * The sibling's rows before each deployment, as the plan input's `sibling`: only while the trace
 * holds under two weeks and a day (the planner's fallback is then the only reader; resampling the
 * sibling for later deployments would cost time for nothing).
 */
function siblingBefore(
  sibling: BacktestOptions["sibling"],
  step: number,
  firstRowTime: number,
): (T: number) => Pick<PlanInput, "sibling"> {
  if (sibling === undefined || sibling.points.length === 0) return () => ({});
  const before = pastSeriesOf(sibling.points, step);
  const times = sibling.points.map((p) => p.t);
  return (T) => {
    if (T - firstRowTime >= (MIN_HISTORY_DAYS + 1) * DAY) return {};
    const history = before(lowerBound(times, T), T);
    return history === null ? {} : { sibling: { name: sibling.name, history } };
  };
}

/** Seconds as days for messages: `1.5 days`. */
function days(seconds: number): string {
  return `${Number((seconds / DAY).toFixed(2))} days`;
}
