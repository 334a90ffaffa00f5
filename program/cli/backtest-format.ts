/**
 * The readable report of `shadowpool backtest`: what was replayed, one table row per policy, and
 * how the plan compares with the best hindsight-tuned baseline (and, with a price, what each
 * policy costs).
 */
import type { CapacityFigures } from "../../forecasts/backtest-metrics";
import type { BacktestResult } from "../../forecasts/backtest";
import { bestTunedBaseline } from "../../forecasts/baselines";
import {
  DEFAULT_SELECTION_SCORE,
  type SelectionScore,
} from "../../forecasts/calibrate/capacity-score";
import { costLines, costPerDay } from "./backtest-cost";
import { duration, marginText, num, pct, renderTable, when } from "./format";

/**
 * The readable report: what was replayed, then one table row per policy, then the comparison with
 * the best hindsight-tuned baseline.
 *
 * @param source the history file.
 * @param rowCount data rows in the file.
 * @param repairs repairs made to the history.
 * @param r the backtest result.
 * @param selectBy what the planner's model selection minimised.
 * @param price price of one slot-hour: adds a cost column and lines (default none).
 * @returns the report text.
 */
export function formatBacktest(
  source: string,
  rowCount: number,
  repairs: readonly string[],
  r: BacktestResult,
  selectBy: SelectionScore = DEFAULT_SELECTION_SCORE,
  price?: number,
): string {
  const first = r.deployments[0].t;
  const last = r.deployments[r.deployments.length - 1].t;
  const lines = [
    `history: ${source}, ${rowCount} rows, step ${duration(r.step)}`,
    ...repairs.map((s) => `  repaired: ${s}`),
    `deployments: ${r.deployments.length} every ${duration(r.every)} from ${when(first)} to ${when(last)} ` +
      `(after a ${duration(r.warmupSeconds)} warm-up); horizon ${duration(r.horizonSeconds)}; quantile ${r.quantile}`,
    `models chosen (by ${selectBy}): ${modelCounts(r)}`,
    ...(r.capacityScale === 1
      ? []
      : [
          `the demand is not whole numbers: capacity was held in steps of ${1 / r.capacityScale}, not whole slots`,
        ]),
    ...(r.timeZone === "UTC"
      ? []
      : [`the plan forecast on the wall clock of ${r.timeZone} (the baselines on UTC)`]),
    ...(r.events.length > 0
      ? [
          `known events given to the plan (not to the baselines): ${r.events
            .map(
              (e) =>
                `${e.name ?? "(unnamed)"} ${when(e.start)}–${when(e.end)}${e.factor === undefined ? "" : ` ×${e.factor}`}`,
            )
            .join("; ")}`,
        ]
      : []),
    "",
  ];
  const row = (policy: string, margin: string, f: CapacityFigures) => [
    policy,
    margin,
    pct(f.stepCoverage),
    pct(f.windowCoverage),
    pct(f.hitRatio),
    num(f.idleMean),
    num(f.idleTotal, 0),
    num(f.capacityMean),
    ...(price === undefined ? [] : [num(costPerDay(f, price))]),
  ];
  const table = [
    row(`plan (q ${r.quantile})`, "–", r.plan),
    row("oracle (hindsight)", "–", r.oracle),
  ];
  for (const b of r.baselines) {
    table.push(row(b.name, `${marginText(b.fixed.margin)} fixed`, b.fixed.figures));
    if (b.tuned === null) {
      table.push([
        b.name,
        "tuned: unreachable",
        ...Array<string>(price === undefined ? 6 : 7).fill("–"),
      ]);
    } else table.push(row(b.name, `${marginText(b.tuned.margin)} tuned`, b.tuned.figures));
  }
  const head = [
    "policy",
    "margin",
    "step cov.",
    "window cov.",
    "hit ratio",
    "idle/row",
    "idle total",
    "capacity/row",
    ...(price === undefined ? [] : ["cost/day"]),
  ];
  lines.push(renderTable(head, table).trimEnd(), "");
  lines.push(
    `window coverage ${pct(r.plan.windowCoverage)} vs quantile ${pct(r.quantile)} (${signedPoints(r.plan.windowCoverage - r.quantile)})`,
  );
  if (r.intervalCoverage !== null) {
    const level = 2 * r.quantile - 1;
    lines.push(
      `window maximum inside the plan's ${pct(level)} prediction interval: ${pct(r.intervalCoverage)} of the windows that had one (${signedPoints(r.intervalCoverage - level)})`,
    );
  }
  const best = bestTunedBaseline(r.baselines);
  if (best === null) lines.push("no baseline reaches the plan's step coverage with any margin");
  else {
    const ratio =
      best.tuned.figures.idleMean === 0 ? Infinity : r.plan.idleMean / best.tuned.figures.idleMean;
    lines.push(
      `plan idle / best hindsight-tuned baseline idle (${best.name} ${marginText(best.tuned.margin)}, ` +
        `step coverage ${pct(best.tuned.figures.stepCoverage)}): ${num(ratio)}`,
    );
  }
  if (price !== undefined) lines.push(...costLines(r, price));
  lines.push(
    "tuned margins are chosen in hindsight (the smallest reaching the plan's step coverage): no fixed margin of that kind does better",
  );
  return `${lines.join("\n")}\n`;
}

/** `mstl 700, snaive-weekly 308` from the deployments' chosen models. */
function modelCounts(r: BacktestResult): string {
  const counts = new Map<string, number>();
  for (const d of r.deployments) {
    const name = d.model ?? "fallback";
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([m, n]) => `${m} ${n}`)
    .join(", ");
}

/** A difference of shares in percentage points: `+1.2 points`. */
function signedPoints(x: number): string {
  return `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(1)} points`;
}
