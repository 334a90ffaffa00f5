/**
 * What each replayed policy would have cost, for `shadowpool backtest --price`: the capacity it
 * held, priced per slot-hour. The demand served is the same under every policy, so the differences
 * between these costs are what a policy saves or wastes in prepared capacity (cold starts are not
 * priced: the coverage columns show them).
 */
import type { CapacityFigures } from "../../forecasts/backtest-metrics";
import type { BacktestResult } from "../../forecasts/backtest";
import { bestTunedBaseline } from "../../forecasts/baselines";
import { marginText, num, pct } from "./format";

const HOURS_PER_DAY = 24;

/**
 * Pure: the cost per day of the capacity a policy held.
 *
 * @param f the policy's figures (capacityMean: slots held per row, on average).
 * @param price price of one slot-hour (of one demand unit-hour for fractional demand).
 * @returns capacityMean × 24 × price.
 */
export function costPerDay(f: Pick<CapacityFigures, "capacityMean">, price: number): number {
  return f.capacityMean * HOURS_PER_DAY * price;
}

/** The costs per day of every policy in a backtest (the JSON output's `costPerDay`). */
export interface BacktestCosts {
  readonly pricePerSlotHour: number;
  readonly plan: number;
  readonly oracle: number;
  readonly baselines: readonly {
    readonly name: string;
    readonly fixed: number;
    readonly tuned: number | null;
  }[];
}

/**
 * Pure: the cost per day of the plan, the oracle and each baseline (fixed and tuned margins).
 *
 * @param r the backtest result.
 * @param price price of one slot-hour.
 * @returns the costs.
 */
export function backtestCosts(r: BacktestResult, price: number): BacktestCosts {
  return {
    pricePerSlotHour: price,
    plan: costPerDay(r.plan, price),
    oracle: costPerDay(r.oracle, price),
    baselines: r.baselines.map((b) => ({
      name: b.name,
      fixed: costPerDay(b.fixed.figures, price),
      tuned: b.tuned === null ? null : costPerDay(b.tuned.figures, price),
    })),
  };
}

/**
 * Pure: the report's cost lines — the plan against the best hindsight-tuned baseline and against
 * the cheapest fixed-margin baseline a user could have set in advance.
 *
 * @param r the backtest result.
 * @param price price of one slot-hour.
 * @returns the lines.
 */
export function costLines(r: BacktestResult, price: number): string[] {
  const plan = costPerDay(r.plan, price);
  const versus = (label: string, cost: number): string => {
    const saved = cost - plan;
    const verdict =
      saved >= 0
        ? `the plan saves ${num(saved)}/day${cost > 0 ? ` (${pct(saved / cost)})` : ""}`
        : `the plan costs ${num(-saved)}/day more`;
    return `  ${label}: ${num(cost)}/day; ${verdict}`;
  };
  const lines = [
    `cost of the capacity held, at ${price} per slot-hour: plan ${num(plan)}/day, hindsight oracle ${num(costPerDay(r.oracle, price))}/day`,
  ];
  const best = bestTunedBaseline(r.baselines);
  if (best !== null) {
    lines.push(
      versus(
        `best hindsight-tuned baseline (${best.name} ${marginText(best.tuned.margin)})`,
        costPerDay(best.tuned.figures, price),
      ),
    );
  }
  const fixed = [...r.baselines].sort(
    (a, b) => a.fixed.figures.capacityMean - b.fixed.figures.capacityMean,
  )[0];
  if (fixed !== undefined) {
    lines.push(
      versus(
        `cheapest fixed-margin baseline (${fixed.name} ${marginText(fixed.fixed.margin)}, window coverage ${pct(fixed.fixed.figures.windowCoverage)})`,
        costPerDay(fixed.fixed.figures, price),
      ),
    );
  }
  return lines;
}
