/**
 * Time of each forecasting model on one pool's planner workload: 8 weeks of hourly demand
 * (1,344 points, periods [24, 168]), one fit on the first 1,044 points, then forecastFrom at 300
 * successive origins with h = 6 (the rolling-origin calibration). Prints min/median/max over runs.
 *
 * Run: npx ts-node --transpile-only bench/models.bench.ts [runs]
 */
import { performance } from "perf_hooks";
import { ALL_MODELS } from "../forecasts/models";
import type { ForecastModel } from "../forecasts/types";

/** Deterministic hourly demand: daily bump, weekend dip, multiplicative noise (LCG, fixed seed). */
function demand(n: number): number[] {
  let s = 12345;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  return Array.from({ length: n }, (_, t) => {
    const hour = t % 24;
    const weekend = Math.floor(t / 24) % 7 >= 5;
    const base = 40 + (weekend ? 10 : 35) * Math.exp(-((hour - 14) ** 2) / 18);
    return base * (0.9 + 0.2 * u()) + (u() < 0.005 ? 60 : 0);
  });
}

function timeModel(model: ForecastModel, values: number[], origins: number): number {
  const ctx = { periods: [24, 168] };
  const fitEnd = values.length - origins;
  const t0 = performance.now();
  const fitted = model.fit(values, fitEnd, ctx);
  let sink = 0;
  for (let o = fitEnd; o < values.length; o++) sink += fitted.forecastFrom(o, 6)[0];
  const ms = performance.now() - t0;
  if (!Number.isFinite(sink)) throw new Error(`${model.name} produced a non-finite forecast`);
  return ms;
}

function main(): void {
  const runs = Number(process.argv[2] ?? 15);
  const values = demand(1344);
  console.log(
    `models on ${values.length} hourly points, fit + 300 origins x h=6, ${runs} runs (ms)`,
  );
  console.log("model".padEnd(24) + "min".padStart(8) + "median".padStart(8) + "max".padStart(8));
  let total = 0;
  for (const model of ALL_MODELS) {
    timeModel(model, values, 300); // warm-up (JIT)
    const times = Array.from({ length: runs }, () => timeModel(model, values, 300)).sort(
      (a, b) => a - b,
    );
    const median = times[Math.floor(times.length / 2)];
    total += median;
    const f = (x: number) => x.toFixed(2).padStart(8);
    console.log(model.name.padEnd(24) + f(times[0]) + f(median) + f(times[times.length - 1]));
  }
  console.log("all models (sum of medians)".padEnd(40) + total.toFixed(2).padStart(8));
}

main();
