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
import {
  lagrangeCapacities,
  quantileCapacities,
  type WindowOption,
  windowOptions,
} from "./oracle-capacities";
import { generateTrace, TRACE_NAMES } from "./synth-traces";

/** First seed of the oracle's draws; evaluation seeds stay below it. */
export const ORACLE_SEED = 1_000_000;

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
