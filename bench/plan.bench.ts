/**
 * How long forecast + plan takes per pool, for 1,000 pools in one process, and as history grows.
 * Prints figures; never fails (timings depend on the machine).
 *
 *   npx ts-node --transpile-only bench/plan.bench.ts [--pools 1000] [--runs 5]
 *
 * Each pool has 8 weeks of 5-minute history (16,128 rows) from the synthetic traces, planned at the
 * end of its history with a 2 h horizon and q = 0.95. Target: 1,000 pools in under 10 s on 2 cores.
 */
import { cpus } from "os";
import { planPool } from "../forecasts/plan";
import { resample } from "../forecasts/series";
import type { PlanInput, Series } from "../forecasts/types";
import { generateTrace, TRACE_NAMES } from "../scripts/synth-traces";
import { flag, summary, timeMs } from "./timing";

/** A plan input for a pool whose history is `series`, planned at its end. */
function inputFor(series: Series): PlanInput {
  return {
    history: series,
    now: series.start + series.values.length * series.step,
    inUse: 0,
    policy: {
      quantile: 0.95,
      horizonSeconds: 7200,
      min: 0,
      max: Infinity,
      maxStepDown: Infinity,
      cooldownSeconds: 0,
    },
  };
}

/** A pool's 5-minute series: trace `index % 5` with its own seed. */
function poolSeries(index: number, weeks: number): Series {
  const name = TRACE_NAMES[index % TRACE_NAMES.length];
  return resample(generateTrace(name, 5000 + index, weeks), { step: 300 });
}

function main(args: readonly string[]): void {
  const pools = flag(args, "--pools", 1000);
  const runs = flag(args, "--runs", 5);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`node ${process.version}, ${cpus().length} CPU(s)`);

  // 1. One pool, 8 weeks: each trace kind separately (models do more work on some shapes).
  out("\nforecast + plan, one pool, 8 weeks of 5-minute history (16,128 rows):");
  for (let k = 0; k < TRACE_NAMES.length; k++) {
    const input = inputFor(poolSeries(k, 8));
    const plan = planPool(input); // warm-up run: JIT compilation
    const ms = Array.from({ length: runs }, () => timeMs(() => planPool(input)));
    out(`  ${TRACE_NAMES[k].padEnd(14)} ${summary(ms, 1)}  [${plan.model ?? plan.verdict}]`);
  }

  // 2. Many pools in one process (histories generated first, not timed).
  process.stderr.write(`generating ${pools} pools' histories…\n`);
  const inputs = Array.from({ length: pools }, (_, i) => inputFor(poolSeries(i, 8)));
  const totals: number[] = [];
  for (let r = 0; r < Math.min(runs, 3); r++) {
    totals.push(timeMs(() => inputs.forEach((input) => planPool(input))));
  }
  out(`\n${pools} pools, 8 weeks each, one process: ${summary(totals, 1)}`);
  out(`  per pool: ${(Math.min(...totals) / pools).toFixed(2)} ms (best run)`);

  // 3. Growth with history length.
  out("\nforecast + plan, one pool (business-api), by history length:");
  for (const weeks of [2, 4, 8, 16]) {
    const input = inputFor(resample(generateTrace("business-api", 42, weeks), { step: 300 }));
    const plan = planPool(input);
    const ms = Array.from({ length: runs }, () => timeMs(() => planPool(input)));
    out(
      `  ${String(weeks).padStart(2)} weeks (${input.history!.values.length} rows): ${summary(ms, 1)}  [${plan.model ?? plan.verdict}]`,
    );
  }
}

main(process.argv.slice(2));
