/**
 * Time of each forecasting model on one pool's planner workload: 8 weeks of hourly demand
 * (1,344 points, periods [24, 168]), one fit on the first 1,044 points, then forecastFrom at 300
 * successive origins with h = 6 (the rolling-origin calibration). Prints min/median/max over runs
 * of the process's CPU time (user + system), which a busy shared machine disturbs less than wall
 * time, and the minimum wall time. Also the CPU time of the whole default set as history grows.
 *
 * Run: npx ts-node --transpile-only bench/models.bench.ts [runs]
 */
import { performance } from "perf_hooks";
import { ALL_MODELS } from "../forecasts/models";
import type { ForecastModel } from "../forecasts/types";

/** Deterministic demand: daily bump, weekend dip, multiplicative noise, rare bursts (fixed seed). */
function demand(n: number, perHour = 1): number[] {
  let s = 12345;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  return Array.from({ length: n }, (_, i) => {
    const t = Math.floor(i / perHour);
    const hour = t % 24;
    const weekend = Math.floor(t / 24) % 7 >= 5;
    const base = 40 + (weekend ? 10 : 35) * Math.exp(-((hour - 14) ** 2) / 18);
    return base * (0.9 + 0.2 * u()) + (u() < 0.005 ? 60 : 0);
  });
}

/** CPU and wall milliseconds of one fit + replay over `origins` origins. */
function timeModel(model: ForecastModel, values: number[], periods: number[], origins = 300) {
  const fitEnd = values.length - origins;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const fitted = model.fit(values, fitEnd, { periods });
  let sink = 0;
  for (let o = fitEnd; o < values.length; o++) sink += fitted.forecastFrom(o, 6)[0];
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (!Number.isFinite(sink)) throw new Error(`${model.name} produced a non-finite forecast`);
  return { cpu: (c.user + c.system) / 1000, wall };
}

function main(): void {
  const runs = Number(process.argv[2] ?? 15);
  const values = demand(1344);
  const periods = [24, 168];
  const f = (x: number) => x.toFixed(2).padStart(9);
  console.log(
    `models on ${values.length} hourly points, fit + 300 origins x h=6, ${runs} runs (ms)`,
  );
  console.log(
    "model".padEnd(24) +
      ["cpu min", "median", "max", "wall min"].map((h) => h.padStart(9)).join(""),
  );
  let total = 0;
  for (const model of ALL_MODELS) {
    for (let i = 0; i < 5; i++) timeModel(model, values, periods); // JIT warm-up
    const samples = Array.from({ length: runs }, () => timeModel(model, values, periods));
    const cpu = samples.map((s) => s.cpu).sort((a, b) => a - b);
    const median = cpu[Math.floor(cpu.length / 2)];
    total += median;
    const wall = Math.min(...samples.map((s) => s.wall));
    console.log(model.name.padEnd(24) + f(cpu[0]) + f(median) + f(cpu[cpu.length - 1]) + f(wall));
  }
  console.log("all models (sum of CPU medians)".padEnd(42) + f(total));

  console.log("\nall default models, 8 weeks at finer steps (CPU ms, median):");
  for (const perHour of [2, 4, 12]) {
    const v = demand(1344 * perHour, perHour);
    const p = [24 * perHour, 168 * perHour];
    const cpu: number[] = [];
    for (let r = 0; r < 5; r++) {
      cpu.push(ALL_MODELS.reduce((sum, m) => sum + timeModel(m, v, p).cpu, 0));
    }
    cpu.sort((a, b) => a - b);
    console.log(`  ${String(v.length).padStart(6)} points (${60 / perHour} min step)` + f(cpu[2]));
  }
}

main();
