/**
 * The distribution oracle: how close to the evaluation's idle target any forecaster could come on
 * a synthetic trace. It knows the true distribution of every window's demand (from independent
 * draws of the same generator with other seeds) but not the outcome on the trace it is judged on.
 * For each deployment window it holds the capacity that minimises expected idle capacity for the
 * window coverage it buys (one Lagrange multiplier for all windows). Like the baselines' margins,
 * that one multiplier is tuned in hindsight: the smallest whose realised window coverage on the
 * trace reaches the quantile. That is about the least idle a plan holding the quantile of windows
 * can have; its ratio to the best hindsight-tuned baseline (at the oracle's own step coverage) is
 * the column "distribution oracle" of the README's evaluation table.
 *
 *   npx ts-node --transpile-only scripts/distribution-oracle.ts   # one line per trace
 */
import { scoreCapacities, type CapacityFigures } from "../forecasts/backtest-metrics";
import {
  BASELINES,
  baselineBases,
  bestTunedBaseline,
  evaluateBaseline,
} from "../forecasts/baselines";
import { lowerBound } from "../forecasts/lower-bound";
import type { RawPoint } from "../forecasts/types";
import { generateTrace, TRACE_NAMES } from "./synth-traces";

/** First seed of the oracle's draws; evaluation seeds stay below it. */
export const ORACLE_SEED = 1_000_000;

/** One capacity a window could hold: its probability of covering the window and expected idle. */
export interface WindowOption {
  readonly capacity: number;
  /** Probability that the window's maximum is at most `capacity`. */
  readonly cover: number;
  /** Expected idle capacity per row, E[max(capacity − demand, 0)]. */
  readonly idle: number;
}

/**
 * The options of one window from sampled draws of its demand: each distinct sampled maximum is a
 * candidate capacity (a smaller one would never be the cheapest way to cover a draw).
 *
 * @param draws one array of row demands per independent draw of the window.
 * @returns the options, by ascending capacity.
 * @throws {RangeError} when there is no draw or a draw has no row.
 */
export function windowOptions(draws: readonly (readonly number[])[]): WindowOption[] {
  if (draws.length === 0 || draws.some((d) => d.length === 0)) {
    throw new RangeError("windowOptions needs at least one draw, each with at least one row");
  }
  const maxima = draws.map((d) => Math.max(...d)).sort((a, b) => a - b);
  const rows = draws.flat().sort((a, b) => a - b);
  const options: WindowOption[] = [];
  let below = 0; // rows with demand <= capacity
  let belowSum = 0; // their total demand
  for (let i = 0; i < maxima.length; i++) {
    const capacity = maxima[i];
    if (i + 1 < maxima.length && maxima[i + 1] === capacity) continue;
    while (below < rows.length && rows[below] <= capacity) belowSum += rows[below++];
    // Σ max(c − d, 0) over the rows below c, averaged over every row of every draw.
    options.push({
      capacity,
      cover: (i + 1) / maxima.length,
      idle: (below * capacity - belowSum) / rows.length,
    });
  }
  return options;
}

/**
 * The capacities that minimise expected idle for the window coverage they buy: for a multiplier λ
 * each window takes the option minimising `idle − λ·cover`; λ is found by bisection, the smallest
 * (cheapest) one whose coverage reaches the quantile. Coverage is `coverageOf(capacities)`: the
 * realised share of windows covered (hindsight), or by default the expected one (mean `cover`).
 *
 * @param windows the options of each window (see {@link windowOptions}).
 * @param quantile target window coverage, in (0, 1).
 * @param coverageOf the coverage of a choice of capacities (default: expected coverage).
 * @returns one capacity per window.
 * @throws {RangeError} for a quantile outside (0, 1) or a window without options.
 */
export function lagrangeCapacities(
  windows: readonly (readonly WindowOption[])[],
  quantile: number,
  coverageOf?: (capacities: readonly number[]) => number,
): number[] {
  // λ = 0 picks each window's cheapest option; a large enough λ picks its largest.
  return smallestReaching(windows, quantile, coverageOf, (lambda) =>
    windows.map((w) =>
      w.reduce((a, b) => (b.idle - lambda * b.cover < a.idle - lambda * a.cover ? b : a)),
    ),
  );
}

/**
 * The capacities of a forecaster that knows each window's true distribution and holds the same
 * quantile of it in every window: each window takes its smallest option covering at least `level`,
 * and `level` is the lowest (bisection) whose coverage reaches the quantile. Unlike
 * {@link lagrangeCapacities} it cannot move coverage from windows where it is dear (busy peaks) to
 * where it is cheap (quiet nights), which is what a plan holding "the q-quantile of each window"
 * promises not to do: this is the bound for that promise.
 *
 * @param windows the options of each window (see {@link windowOptions}).
 * @param quantile target window coverage, in (0, 1).
 * @param coverageOf the coverage of a choice of capacities (default: expected coverage).
 * @returns one capacity per window.
 * @throws {RangeError} for a quantile outside (0, 1) or a window without options.
 */
export function quantileCapacities(
  windows: readonly (readonly WindowOption[])[],
  quantile: number,
  coverageOf?: (capacities: readonly number[]) => number,
): number[] {
  // Options are by ascending capacity and cover; the last one covers every draw (cover 1).
  return smallestReaching(windows, quantile, coverageOf, (level) =>
    windows.map((w) => w.find((o) => o.cover >= level - 1e-12) ?? w[w.length - 1]),
  );
}

/**
 * The choice `pick(x)` for the smallest x >= 0 whose coverage reaches the quantile, by bisection;
 * coverage must not decrease as x grows.
 */
function smallestReaching(
  windows: readonly (readonly WindowOption[])[],
  quantile: number,
  coverageOf: ((capacities: readonly number[]) => number) | undefined,
  pick: (x: number) => WindowOption[],
): number[] {
  if (!(quantile > 0 && quantile < 1)) {
    throw new RangeError(`quantile must be between 0 and 1 (got ${quantile})`);
  }
  if (windows.some((w) => w.length === 0)) throw new RangeError("every window needs an option");
  const coverage = (picked: readonly WindowOption[]): number =>
    coverageOf === undefined
      ? picked.reduce((s, o) => s + o.cover, 0) / picked.length
      : coverageOf(picked.map((o) => o.capacity));
  let lo = 0;
  let hi = 1;
  while (coverage(pick(hi)) < quantile && hi < 1e12) hi *= 2;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (coverage(pick(mid)) >= quantile) hi = mid;
    else lo = mid;
  }
  return pick(hi).map((o) => o.capacity);
}

/** The oracle's figures on one trace, and the best hindsight-tuned baseline at its coverage. */
export interface OracleResult {
  readonly figures: CapacityFigures;
  readonly baselineIdle: number | null;
  readonly ratio: number | null;
  /** The same for the per-window quantile oracle (see {@link quantileCapacities}). */
  readonly quantileFigures: CapacityFigures;
  readonly quantileRatio: number | null;
}

/**
 * Run the distribution oracle on a synthetic trace: deployments every `every` seconds after the
 * warm-up, window options from `draws` traces of the same generator with seeds 1,000,000 + 7k +
 * the trace's index (far from the evaluation seeds, which are below 1,000,000).
 *
 * @param name the trace's name (one of TRACE_NAMES).
 * @param points the evaluated trace (5-minute rows).
 * @param opts quantile, deployment interval, warm-up and number of draws.
 * @returns the oracle's figures and its ratio to the best hindsight-tuned baseline.
 */
export function distributionOracle(
  name: string,
  points: readonly RawPoint[],
  opts: { quantile: number; every: number; warmupSeconds: number; draws: number },
): OracleResult {
  const index = TRACE_NAMES.indexOf(name);
  const draws = Array.from({ length: opts.draws }, (_, k) =>
    generateTrace(name, ORACLE_SEED + 7 * k + index).map((p) => p.v),
  );
  const times = points.map((p) => p.t);
  const values = points.map((p) => p.v);
  const demand: number[] = [];
  const windowOf: number[] = [];
  const deployTimes: number[] = [];
  const options: WindowOption[][] = [];
  const actualMax: number[] = [];
  const end = times[times.length - 1];
  for (let T = times[0] + opts.warmupSeconds; T <= end; T += opts.every) {
    const rows: number[] = [];
    for (let i = lowerBound(times, T); i < times.length && times[i] < T + opts.every; i++)
      rows.push(i);
    if (rows.length === 0) continue;
    actualMax.push(Math.max(...rows.map((i) => values[i])));
    for (const i of rows) {
      demand.push(values[i]);
      windowOf.push(deployTimes.length);
    }
    deployTimes.push(T);
    // The draws share the trace's timestamps (same start and step), so row i is the same instant.
    options.push(windowOptions(draws.map((d) => rows.map((i) => d[i]))));
  }
  const realised = (caps: readonly number[]): number =>
    actualMax.filter((m, w) => m <= caps[w]).length / actualMax.length;
  // The best hindsight-tuned baseline's idle at the step coverage of a choice of capacities.
  const bases = BASELINES.map((spec) =>
    baselineBases(times, values, deployTimes, opts.every, spec),
  );
  const baselineIdleAt = (coveredRows: number): number | null => {
    const best = bestTunedBaseline(
      BASELINES.map((spec, k) =>
        evaluateBaseline(spec, bases[k], demand, windowOf, 0.2, coveredRows),
      ),
    );
    return best === null ? null : best.tuned.figures.idleMean;
  };
  const ratioOf = (idle: number, base: number | null): number | null =>
    base === null || base === 0 ? null : idle / base;
  const figures = scoreCapacities(
    demand,
    windowOf,
    lagrangeCapacities(options, opts.quantile, realised),
  );
  const baselineIdle = baselineIdleAt(figures.coveredRows);
  const quantileFigures = scoreCapacities(
    demand,
    windowOf,
    quantileCapacities(options, opts.quantile, realised),
  );
  return {
    figures,
    baselineIdle,
    ratio: ratioOf(figures.idleMean, baselineIdle),
    quantileFigures,
    quantileRatio: ratioOf(quantileFigures.idleMean, baselineIdleAt(quantileFigures.coveredRows)),
  };
}

function main(): void {
  for (const name of TRACE_NAMES) {
    const r = distributionOracle(name, generateTrace(name), {
      quantile: 0.95,
      every: 3600,
      warmupSeconds: 14 * 86400,
      draws: 100,
    });
    process.stdout.write(
      `${name}: window coverage ${(100 * r.figures.windowCoverage).toFixed(1)} %, step coverage ` +
        `${(100 * r.figures.stepCoverage).toFixed(2)} %, idle/row ${r.figures.idleMean.toFixed(2)}, ` +
        `baseline idle/row ${r.baselineIdle?.toFixed(2) ?? "–"}, ratio ${r.ratio?.toFixed(2) ?? "–"}, ` +
        `per-window quantile oracle ratio ${r.quantileRatio?.toFixed(2) ?? "–"}\n`,
    );
  }
}

if (require.main === module) main();
