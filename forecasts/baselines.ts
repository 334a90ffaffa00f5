import { scoreCapacities, type CapacityFigures } from "./backtest-metrics";
import { applyMargin, tuneMargin, type Margin } from "./hindsight-margin";
import { lowerBound } from "./lower-bound";

const WEEK = 7 * 86400;

/** A simple capacity policy a user could run without a forecaster. */
export interface BaselineSpec {
  readonly name: string;
  readonly description: string;
  /**
   * How far back (seconds before the deployment time T) each reference window starts; a reference
   * window is `[T − offset, T − offset + every)`, cut at T. The estimate is the maximum demand over
   * all reference windows.
   */
  offsets(every: number): readonly number[];
}

/** The baselines every backtest reports. */
export const BASELINES: readonly BaselineSpec[] = [
  {
    name: "last-window",
    description: "maximum of the previous window",
    offsets: (every) => [every],
  },
  {
    name: "last-week",
    description: "maximum of the same window one week earlier",
    offsets: () => [WEEK],
  },
  {
    name: "two-weeks",
    description: "maximum of the same window one and two weeks earlier",
    offsets: () => [WEEK, 2 * WEEK],
  },
];

/** A baseline with a margin and its figures. */
export interface MarginFigures {
  readonly margin: Margin;
  readonly figures: CapacityFigures;
}

/** A baseline's results: with the fixed default margin, and with margins tuned in hindsight. */
export interface BaselineResult {
  readonly name: string;
  readonly description: string;
  /** With the fixed multiplicative margin (default +20 %). */
  readonly fixed: MarginFigures;
  /** Smallest additive margin reaching the plan's step coverage, or null when none does. */
  readonly tunedAdditive: MarginFigures | null;
  /** Smallest multiplicative margin reaching the plan's step coverage, or null when none does. */
  readonly tunedMultiplicative: MarginFigures | null;
  /** The tuned variant with less idle capacity (additive on a tie), or null when neither reaches. */
  readonly tuned: MarginFigures | null;
}

/**
 * A baseline's estimate for each deployment: the maximum demand in its reference windows, using
 * rows before the deployment time only. A deployment whose reference windows hold no rows (a gap in
 * the data) keeps the previous deployment's estimate; the first one falls back to the maximum of all
 * earlier rows (0 when there are none).
 *
 * @param times row timestamps, sorted ascending.
 * @param values row demands.
 * @param deployTimes deployment times, ascending.
 * @param every seconds between deployments.
 * @param spec the baseline.
 * @returns one estimate per deployment.
 */
export function baselineBases(
  times: readonly number[],
  values: readonly number[],
  deployTimes: readonly number[],
  every: number,
  spec: BaselineSpec,
): number[] {
  const offsets = spec.offsets(every);
  const out: number[] = [];
  for (const T of deployTimes) {
    let best = -Infinity;
    for (const offset of offsets) {
      const from = lowerBound(times, T - offset);
      // Cut the reference window at T: the baseline sees the past only.
      const to = lowerBound(times, Math.min(T - offset + every, T));
      for (let i = from; i < to; i++) best = Math.max(best, values[i]);
    }
    if (best === -Infinity) {
      if (out.length > 0) best = out[out.length - 1];
      else {
        best = 0;
        for (let i = 0, end = lowerBound(times, T); i < end; i++) best = Math.max(best, values[i]);
      }
    }
    out.push(best);
  }
  return out;
}

/**
 * Evaluate one baseline with the fixed margin and with margins tuned in hindsight.
 *
 * @param spec the baseline.
 * @param bases its estimate per deployment (from `baselineBases`).
 * @param demand demand of each evaluated row.
 * @param windowOf deployment index of each evaluated row.
 * @param fixedMargin the fixed multiplicative margin (0.2 = +20 %).
 * @param targetCovered rows the tuned margins must cover (the plan's covered rows).
 * @returns the baseline's results.
 */
export function evaluateBaseline(
  spec: BaselineSpec,
  bases: readonly number[],
  demand: readonly number[],
  windowOf: readonly number[],
  fixedMargin: number,
  targetCovered: number,
): BaselineResult {
  const score = (margin: Margin | null): MarginFigures | null =>
    margin === null
      ? null
      : { margin, figures: scoreCapacities(demand, windowOf, applyMargin(bases, margin)) };
  const fixed = score({ kind: "multiplicative", value: fixedMargin }) as MarginFigures;
  const tunedAdditive = score(tuneMargin(demand, windowOf, bases, targetCovered, "additive"));
  const tunedMultiplicative = score(
    tuneMargin(demand, windowOf, bases, targetCovered, "multiplicative"),
  );
  let tuned = tunedAdditive ?? tunedMultiplicative;
  if (
    tunedAdditive !== null &&
    tunedMultiplicative !== null &&
    tunedMultiplicative.figures.idleMean < tunedAdditive.figures.idleMean
  ) {
    tuned = tunedMultiplicative;
  }
  return {
    name: spec.name,
    description: spec.description,
    fixed,
    tunedAdditive,
    tunedMultiplicative,
    tuned,
  };
}

/**
 * The hindsight-tuned baseline with the least idle capacity: the bar the plan is compared with at
 * equal step coverage.
 *
 * @param baselines the backtest's baseline results.
 * @returns its name and tuned figures, or null when no baseline could reach the plan's coverage.
 */
export function bestTunedBaseline(
  baselines: readonly BaselineResult[],
): { readonly name: string; readonly tuned: MarginFigures } | null {
  let best: { name: string; tuned: MarginFigures } | null = null;
  for (const b of baselines) {
    if (
      b.tuned !== null &&
      (best === null || b.tuned.figures.idleMean < best.tuned.figures.idleMean)
    ) {
      best = { name: b.name, tuned: b.tuned };
    }
  }
  return best;
}
