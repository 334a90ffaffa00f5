/**
 * How long a backtest takes on one 8-week, 5-minute trace with hourly deployments (1,008 of them):
 * the harness alone (a stub planner: resampling the past at each deployment, scoring, baselines and
 * their hindsight tuning), and with the real planner. Prints figures; never fails.
 *
 *   npx ts-node --transpile-only bench/backtest.bench.ts [--runs 3]
 */
import { backtest, type Planner } from "../forecasts/backtest";
import { planPool } from "../forecasts/plan";
import { generateTrace } from "../scripts/synth-traces";
import { flag, summary, timeMs } from "./timing";

/** Holds the previous hour's maximum: as cheap as a planner gets. */
const stub: Planner = (input) => {
  const values = input.history?.values ?? [0];
  const peak = Math.max(...values.slice(-12));
  return { ...planPool({ ...input, history: null }), peak };
};

function main(args: readonly string[]): void {
  const runs = flag(args, "--runs", 3);
  const points = generateTrace("business-api");
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`backtest of business-api: ${points.length} rows, hourly deployments after 14 days`);
  const harness = Array.from({ length: runs }, () => timeMs(() => backtest(points, {}, stub)));
  out(`  harness only (stub planner): ${summary(harness, 0)}`);
  const real = Array.from({ length: runs }, () => timeMs(() => backtest(points)));
  out(`  with planPool:               ${summary(real, 0)}`);
}

main(process.argv.slice(2));
