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

/** Holds the previous hour's maximum: as cheap as a planner gets. */
const stub: Planner = (input) => {
  const values = input.history?.values ?? [0];
  const peak = Math.max(...values.slice(-12));
  return { ...planPool({ ...input, history: null }), peak };
};

function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function summary(ms: readonly number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const median =
    s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return `min ${s[0].toFixed(0)} ms, median ${median.toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms (${s.length} runs)`;
}

function main(args: readonly string[]): void {
  const i = args.indexOf("--runs");
  const runs = i >= 0 ? Number(args[i + 1]) : 3;
  if (!(Number.isInteger(runs) && runs > 0)) throw new Error("--runs must be a whole number > 0");
  const points = generateTrace("business-api");
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`backtest of business-api: ${points.length} rows, hourly deployments after 14 days`);
  const harness = Array.from({ length: runs }, () => timeMs(() => backtest(points, {}, stub)));
  out(`  harness only (stub planner): ${summary(harness)}`);
  const real = Array.from({ length: runs }, () => timeMs(() => backtest(points)));
  out(`  with planPool:               ${summary(real)}`);
}

main(process.argv.slice(2));
