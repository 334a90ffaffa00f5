import type { BacktestResult } from "./backtest";
import type { CapacityFigures } from "./backtest-metrics";
import type { BaselineResult, MarginFigures } from "./baselines";
import { fromCapacityUnits } from "./capacity-scale";

/**
 * A backtest replayed in capacity units (see `capacityScale`), reported back in demand units: every
 * capacity, peak, interval, idle figure and additive margin is divided by the scale; coverages,
 * hit ratios and counts do not depend on the unit.
 *
 * @param r the result of the replay in capacity units.
 * @param scale capacity units per unit of demand (an integer power of ten).
 * @returns the same result in demand units, with `capacityScale` set.
 */
export function inDemandUnits(r: BacktestResult, scale: number): BacktestResult {
  const back = (x: number): number => fromCapacityUnits(x, scale);
  const figures = (f: CapacityFigures): CapacityFigures => ({
    ...f,
    idleMean: back(f.idleMean),
    idleTotal: back(f.idleTotal),
    capacityMean: back(f.capacityMean),
  });
  const margin = (m: MarginFigures | null): MarginFigures | null =>
    m === null
      ? null
      : {
          margin:
            m.margin.kind === "additive"
              ? { kind: "additive", value: back(m.margin.value) }
              : m.margin,
          figures: figures(m.figures),
        };
  const baseline = (b: BaselineResult): BaselineResult => {
    const tunedAdditive = margin(b.tunedAdditive);
    const tunedMultiplicative = margin(b.tunedMultiplicative);
    // `tuned` is one of the two tuned variants (the same object), and stays so.
    const tuned =
      b.tuned === null ? null : b.tuned === b.tunedAdditive ? tunedAdditive : tunedMultiplicative;
    return {
      ...b,
      fixed: margin(b.fixed) as MarginFigures,
      tunedAdditive,
      tunedMultiplicative,
      tuned,
    };
  };
  return {
    ...r,
    capacityScale: scale,
    deployments: r.deployments.map((d) => ({
      ...d,
      capacity: back(d.capacity),
      peak: back(d.peak),
      interval:
        d.interval === null
          ? null
          : { ...d.interval, lower: back(d.interval.lower), upper: back(d.interval.upper) },
    })),
    capsPerRow: r.capsPerRow.map((c) => (c === null ? null : back(c))),
    plan: figures(r.plan),
    oracle: figures(r.oracle),
    baselines: r.baselines.map(baseline),
  };
}
