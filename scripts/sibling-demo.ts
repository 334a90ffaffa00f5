/**
 * What a sibling pool buys a young one (README, "Verdict and fallback"): each synthetic service
 * starts as a new pool with three weeks of demand, backtested from its second day, once with the
 * plain fallback (recent maximum + 20 %) and once with a sibling — the same service drawn with
 * another seed, at twice the level, whose history began four weeks earlier. Over the deployments
 * of the pool's first two weeks (when it has too little history for a model of its own) it prints
 * the window coverage and the mean capacity held, and the same for the whole replay.
 *
 *   npx ts-node --transpile-only scripts/sibling-demo.ts [--seed 1000]
 */
import { backtest, type BacktestResult } from "../forecasts/backtest";
import type { RawPoint } from "../forecasts/types";
import { generateTrace, TRACE_NAMES } from "./synth-traces";

const DAY = 86_400;

/** Window coverage and mean capacity over the deployments before `until`. */
function early(r: BacktestResult, points: readonly RawPoint[], until: number): string {
  let covered = 0;
  let capacity = 0;
  let windows = 0;
  for (const d of r.deployments) {
    if (d.t >= until) continue;
    let max = -Infinity;
    for (const p of points) if (p.t >= d.t && p.t < d.t + r.every && p.v > max) max = p.v;
    covered += max <= d.capacity ? 1 : 0;
    capacity += d.capacity;
    windows++;
  }
  return `${((100 * covered) / windows).toFixed(1)} % | ${(capacity / windows).toFixed(1)}`;
}

function main(seed: number): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    "| trace | fallback | first two weeks: window coverage | mean capacity | whole replay: window coverage | idle/row |",
  );
  out("|---|---|---:|---:|---:|---:|");
  for (const [i, name] of TRACE_NAMES.entries()) {
    const own = generateTrace(name, seed + i, 3);
    const start = own[0].t - 4 * 7 * DAY;
    const sibling = generateTrace(name, seed + 500 + i, 7)
      .map((p) => ({ t: p.t - 4 * 7 * DAY, v: 2 * p.v }))
      .filter((p) => p.t >= start && p.t < own[own.length - 1].t);
    for (const withSibling of [false, true]) {
      const r = backtest(own, {
        every: 3600,
        warmupSeconds: DAY,
        ...(withSibling ? { sibling: { name: `${name} ×2`, points: sibling } } : {}),
      });
      out(
        `| ${name} | ${withSibling ? "sibling" : "recent max + 20 %"} | ` +
          `${early(r, own, own[0].t + 14 * DAY)} | ` +
          `${(100 * r.plan.windowCoverage).toFixed(1)} % | ${r.plan.idleMean.toFixed(2)} |`,
      );
    }
  }
}

const at = process.argv.indexOf("--seed");
main(at >= 0 ? Number(process.argv[at + 1]) : 1000);
