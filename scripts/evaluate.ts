/**
 * The evaluation table of the README: backtest the planner on every synthetic trace (quantile 0.95,
 * a deployment every hour after a 14-day warm-up) and compare it, at equal step coverage, with the
 * best baseline whose margin was tuned in hindsight, and with the distribution oracle (the least
 * idle any plan holding 95 % of windows could expect; see scripts/distribution-oracle.ts).
 *
 *   npx ts-node --transpile-only scripts/evaluate.ts                     # the README's table
 *   npx ts-node --transpile-only scripts/evaluate.ts --seeds 1000,2000,3000   # other draws too
 *   … --select-by pinball         # select models by pinball loss instead of capacity
 *   … --missed-runs 1             # horizon 2 h instead of 1 h
 *   … --models snaive-weekly,hw-damped-daily   # restrict the planner's models
 *   … --traces business-api,small-service      # evaluate some traces only
 *   … --dir DIR                   # read DIR/<trace>.csv instead of generating (no oracle then)
 *
 * Trace i of seed S is drawn with seed S + i (the default S = 1000 is what scripts/synth-traces.ts
 * writes). The planner's horizon is one deployment interval by default (no missed run), so that the
 * quantile it holds is the quantile of exactly the window it is judged on.
 *
 * The markdown tables go to stdout, progress to stderr. Targets: plan idle ≤ 0.85 × the best
 * hindsight-tuned baseline's idle, and window coverage within 2 points of the quantile.
 */
import { Command, Option } from "commander";
import { readFileSync } from "fs";
import { join } from "path";
import { backtest, type BacktestResult } from "../forecasts/backtest";
import { bestTunedBaseline } from "../forecasts/baselines";
import { parseHistoryCsv } from "../forecasts/series";
import type { RawPoint } from "../forecasts/types";
import { marginText } from "../program/cli/format";
import { listArg, selectByOption } from "../program/cli/options";
import type { SelectionScore } from "../forecasts/calibrate/capacity-score";
import { distributionOracle } from "./distribution-oracle";
import { generateTrace, TRACE_NAMES } from "./synth-traces";

const QUANTILE = 0.95;
const IDLE_RATIO_TARGET = 0.85;
const COVERAGE_TOLERANCE = 0.02;

/** One line of the table. */
export interface EvaluationRow {
  readonly trace: string;
  readonly stepCoverage: number;
  readonly windowCoverage: number;
  readonly planIdle: number;
  /** Idle of the hindsight oracle (capacity = each window's true maximum), for scale. */
  readonly oracleIdle: number;
  readonly baseline: string;
  readonly baselineIdle: number | null;
  readonly baselineStepCoverage: number | null;
  readonly ratio: number | null;
  readonly models: string;
  /** The distribution oracle's idle / the best hindsight-tuned baseline's idle at its coverage. */
  readonly oracleRatio: number | null;
  readonly pass: boolean;
}

/**
 * Evaluate one backtest against the targets.
 *
 * @param trace the trace's name.
 * @param r its backtest.
 * @param oracleRatio the distribution oracle's ratio on the same trace, when known.
 * @returns the table row.
 */
export function evaluationRow(
  trace: string,
  r: BacktestResult,
  oracleRatio: number | null = null,
): EvaluationRow {
  const best = bestTunedBaseline(r.baselines);
  const baselineIdle = best === null ? null : best.tuned.figures.idleMean;
  const ratio = baselineIdle === null || baselineIdle === 0 ? null : r.plan.idleMean / baselineIdle;
  const counts = new Map<string, number>();
  for (const d of r.deployments)
    counts.set(d.model ?? "fallback", (counts.get(d.model ?? "fallback") ?? 0) + 1);
  const models = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => `${m} ${Math.round((100 * n) / r.deployments.length)} %`)
    .join(", ");
  return {
    trace,
    stepCoverage: r.plan.stepCoverage,
    windowCoverage: r.plan.windowCoverage,
    planIdle: r.plan.idleMean,
    oracleIdle: r.oracle.idleMean,
    baseline:
      best === null ? "none reaches the coverage" : `${best.name} ${marginText(best.tuned.margin)}`,
    baselineIdle,
    baselineStepCoverage: best === null ? null : best.tuned.figures.stepCoverage,
    ratio,
    models,
    oracleRatio,
    pass:
      ratio !== null &&
      // 1e-9: 0.95 − 0.93 is 0.020000000000000018 in floating point, and is within 2 points.
      ratio <= IDLE_RATIO_TARGET + 1e-9 &&
      Math.abs(r.plan.windowCoverage - r.quantile) <= COVERAGE_TOLERANCE + 1e-9,
  };
}

/**
 * The markdown table.
 *
 * @param rows one per trace.
 * @returns the table text.
 */
export function markdownTable(rows: readonly EvaluationRow[]): string {
  const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)} %`);
  const fix = (x: number | null) => (x === null ? "–" : x.toFixed(2));
  const lines = [
    `| trace | plan step coverage | plan window coverage (target ${pct(QUANTILE)} ± 2) | plan idle/row | oracle idle/row | best hindsight-tuned baseline | its step coverage | its idle/row | plan idle / baseline idle (target ≤ ${IDLE_RATIO_TARGET}) | pass | distribution oracle: idle / baseline idle | models chosen |`,
    "|---|---:|---:|---:|---:|---|---:|---:|---:|---|---:|---|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.trace} | ${pct(r.stepCoverage)} | ${pct(r.windowCoverage)} | ${fix(r.planIdle)} | ${fix(r.oracleIdle)} | ${r.baseline} | ${pct(r.baselineStepCoverage)} | ${fix(r.baselineIdle)} | ${fix(r.ratio)} | ${r.pass ? "pass" : "FAIL"} | ${fix(r.oracleRatio)} | ${r.models} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The summary over several seeds: per trace, the plan's ratio (mean, worst), how many seeds pass,
 * the window coverage range and the oracle's mean ratio.
 *
 * @param rowsBySeed the rows of each seed (same traces in each).
 * @returns the markdown table.
 */
export function seedSummary(rowsBySeed: readonly (readonly EvaluationRow[])[]): string {
  const fix = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "–");
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const lines = [
    `| trace | seeds | plan idle / baseline idle: mean | worst | seeds passing | window coverage range | distribution oracle: mean ratio |`,
    "|---|---:|---:|---:|---:|---|---:|",
  ];
  for (const trace of rowsBySeed[0]?.map((r) => r.trace) ?? []) {
    const rows = rowsBySeed.flatMap((rs) => rs.filter((r) => r.trace === trace));
    const ratios = rows.map((r) => r.ratio ?? Infinity);
    const cover = rows.map((r) => 100 * r.windowCoverage);
    const oracle = rows.flatMap((r) => (r.oracleRatio === null ? [] : [r.oracleRatio]));
    lines.push(
      `| ${trace} | ${rows.length} | ${fix(mean(ratios))} | ${fix(Math.max(...ratios))} | ` +
        `${rows.filter((r) => r.pass).length} | ${Math.min(...cover).toFixed(1)}–` +
        `${Math.max(...cover).toFixed(1)} % | ${oracle.length > 0 ? fix(mean(oracle)) : "–"} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

interface EvaluateOptions {
  seeds: number[];
  selectBy: SelectionScore;
  missedRuns: number;
  models?: string[];
  traces: string[];
  dir?: string;
}

function parseArgs(argv: readonly string[]): EvaluateOptions {
  const list = (v: string) => v.split(",").filter((x) => x !== "");
  const whole = (name: string) => (v: string) => {
    const n = Number(v);
    if (!(Number.isInteger(n) && n >= 0 && n < 1_000_000)) {
      throw new Error(`${name} must be a whole number from 0 to 999999 (got "${v}")`);
    }
    return n;
  };
  const program = new Command("evaluate")
    .addOption(
      new Option("--seeds <list>", "comma-separated base seeds (trace i uses seed + i)")
        .default([1000])
        .argParser((v) => list(v).map(whole("--seeds"))),
    )
    .addOption(selectByOption())
    .addOption(
      new Option("--missed-runs <n>", "runs the plan must survive")
        .default(0)
        .argParser(whole("--missed-runs")),
    )
    .addOption(new Option("--models <list>", "models the planner may use").argParser(listArg))
    .addOption(
      new Option("--traces <list>", "traces to evaluate").default([...TRACE_NAMES]).argParser(list),
    )
    .addOption(new Option("--dir <dir>", "read DIR/<trace>.csv instead of generating"))
    .parse(["node", "evaluate", ...argv]);
  const opts = program.opts<EvaluateOptions>();
  const unknown = opts.traces.filter((t) => !TRACE_NAMES.includes(t));
  if (unknown.length > 0) {
    throw new Error(
      `--traces: unknown ${unknown.join(", ")}; choose from ${TRACE_NAMES.join(", ")}`,
    );
  }
  return opts;
}

/** Load a trace from `dir`, or generate it with the seed. */
function loadTrace(name: string, seed: number, dir: string | undefined): readonly RawPoint[] {
  if (dir === undefined) return generateTrace(name, seed + TRACE_NAMES.indexOf(name));
  const file = join(dir, `${name}.csv`);
  return parseHistoryCsv(readFileSync(file, "utf8"), file).points;
}

function evaluateSeed(seed: number, opts: EvaluateOptions): EvaluationRow[] {
  const rows: EvaluationRow[] = [];
  for (const name of opts.traces) {
    const started = process.hrtime.bigint();
    let lastShown = -1;
    const points = loadTrace(name, seed, opts.dir);
    const settings = { quantile: QUANTILE, every: 3600, warmupSeconds: 14 * 86400 };
    const r = backtest(points, {
      ...settings,
      missedRuns: opts.missedRuns,
      selectBy: opts.selectBy,
      ...(opts.models !== undefined ? { models: opts.models } : {}),
      onProgress: (done, total) => {
        const tenth = Math.floor((10 * done) / total);
        if (tenth !== lastShown) {
          lastShown = tenth;
          process.stderr.write(`\r${name} (seed ${seed}): ${done}/${total} deployments`);
        }
      },
    });
    const oracle =
      opts.dir === undefined ? distributionOracle(name, points, { ...settings, draws: 100 }) : null;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stderr.write(
      `\r${name} (seed ${seed}): ${r.deployments.length} deployments in ${seconds.toFixed(1)} s\n`,
    );
    rows.push(evaluationRow(name, r, oracle?.ratio ?? null));
  }
  return rows;
}

function main(argv: readonly string[]): void {
  const opts = parseArgs(argv);
  const rowsBySeed: EvaluationRow[][] = [];
  for (const seed of opts.dir === undefined ? opts.seeds : [0]) {
    const rows = evaluateSeed(seed, opts);
    rowsBySeed.push(rows);
    process.stdout.write(
      `Backtest: quantile ${QUANTILE}, a deployment every 1h after a 14d warm-up, horizon ` +
        `${1 + opts.missedRuns}h, models selected by ${opts.selectBy}` +
        `${opts.models !== undefined ? `, models ${opts.models.join(", ")}` : ""}` +
        `${opts.dir === undefined ? `, traces drawn with seed ${seed} + i` : `, traces from ${opts.dir}`}.\n\n`,
    );
    process.stdout.write(`${markdownTable(rows)}\n`);
  }
  if (rowsBySeed.length > 1) process.stdout.write(seedSummary(rowsBySeed));
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    // A bad option is the user's to fix: its message, not a stack trace.
    process.stderr.write(`evaluate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}
