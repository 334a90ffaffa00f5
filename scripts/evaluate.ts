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
 *   … --family shapes             # other demand shapes (scripts/shape-traces.ts), no oracle
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
import { backtest } from "../forecasts/backtest";
import { defaultEvery } from "../forecasts/backtest-options";
import { parseHistoryCsv } from "../forecasts/series";
import type { RawPoint } from "../forecasts/types";
import { listArg, selectByOption } from "../program/cli/options";
import type { SelectionScore } from "../forecasts/calibrate/capacity-score";
import { distributionOracle } from "./distribution-oracle";
import {
  type EvaluationRow,
  evaluationRow,
  markdownTable,
  QUANTILE,
  seedSummary,
} from "./evaluation-table";
import { generateShape, SHAPE_NAMES, shapeTimeZone } from "./shape-traces";
import { generateTrace, traceCalendar, TRACE_NAMES } from "./synth-traces";

/** The trace families: the five services of the README's table, or the other shapes. */
const FAMILIES = {
  services: {
    names: TRACE_NAMES,
    generate: generateTrace,
    calendar: traceCalendar,
    timeZone: () => undefined,
  },
  shapes: {
    names: SHAPE_NAMES,
    generate: generateShape,
    calendar: () => [],
    timeZone: shapeTimeZone,
  },
} as const;
type Family = keyof typeof FAMILIES;

interface EvaluateOptions {
  seeds: number[];
  selectBy: SelectionScore;
  missedRuns: number;
  models?: string[];
  family: Family;
  traces?: string[];
  dir?: string;
  calendar: boolean;
  wallClock: boolean;
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
      new Option("--family <name>", "which traces: the five services or other shapes")
        .choices(Object.keys(FAMILIES))
        .default("services"),
    )
    .addOption(new Option("--traces <list>", "traces to evaluate (default: all)").argParser(list))
    .addOption(new Option("--dir <dir>", "read DIR/<trace>.csv instead of generating"))
    .addOption(
      new Option(
        "--wall-clock",
        "give the planner each trace's time zone (new-york-office)",
      ).default(false),
    )
    .addOption(
      new Option("--calendar", "give the planner each trace's known events (the holiday)").default(
        false,
      ),
    )
    .parse(["node", "evaluate", ...argv]);
  const opts = program.opts<EvaluateOptions>();
  const names = FAMILIES[opts.family].names;
  const unknown = (opts.traces ?? []).filter((t) => !names.includes(t));
  if (unknown.length > 0) {
    throw new Error(`--traces: unknown ${unknown.join(", ")}; choose from ${names.join(", ")}`);
  }
  return { ...opts, traces: opts.traces ?? [...names] };
}

/** Load a trace from `dir`, or generate it with the seed. */
function loadTrace(name: string, seed: number, opts: EvaluateOptions): readonly RawPoint[] {
  const family = FAMILIES[opts.family];
  if (opts.dir === undefined) return family.generate(name, seed + family.names.indexOf(name));
  const file = join(opts.dir, `${name}.csv`);
  return parseHistoryCsv(readFileSync(file, "utf8"), file).points;
}

function evaluateSeed(seed: number, opts: EvaluateOptions): EvaluationRow[] {
  const rows: EvaluationRow[] = [];
  for (const name of opts.traces ?? []) {
    const started = process.hrtime.bigint();
    let lastShown = -1;
    const points = loadTrace(name, seed, opts);
    // Hourly deployments, or one a row where rows are further apart (the backtest's default); the
    // oracle needs the same interval.
    const settings = { quantile: QUANTILE, every: defaultEvery(points), warmupSeconds: 14 * 86400 };
    const r = backtest(points, {
      ...settings,
      missedRuns: opts.missedRuns,
      selectBy: opts.selectBy,
      ...(opts.models !== undefined ? { models: opts.models } : {}),
      ...(opts.calendar ? { events: FAMILIES[opts.family].calendar(name) } : {}),
      ...(opts.wallClock ? { timeZone: FAMILIES[opts.family].timeZone(name) } : {}),
      onProgress: (done, total) => {
        const tenth = Math.floor((10 * done) / total);
        if (tenth !== lastShown) {
          lastShown = tenth;
          process.stderr.write(`\r${name} (seed ${seed}): ${done}/${total} deployments`);
        }
      },
    });
    // The oracle knows how the services are drawn; the shapes have no such model.
    const oracle =
      opts.dir === undefined && opts.family === "services"
        ? distributionOracle(name, points, { ...settings, draws: 100 })
        : null;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stderr.write(
      `\r${name} (seed ${seed}): ${r.deployments.length} deployments in ${seconds.toFixed(1)} s\n`,
    );
    rows.push(evaluationRow(name, r, oracle));
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
      `Backtest: quantile ${QUANTILE}, a deployment every 1h (once a row where rows are further ` +
        `apart) after a 14d warm-up, horizon ${1 + opts.missedRuns} × the interval, ` +
        `models selected by ${opts.selectBy}` +
        `${opts.models !== undefined ? `, models ${opts.models.join(", ")}` : ""}` +
        `${opts.calendar ? ", with each trace's calendar of known events" : ""}` +
        `${opts.wallClock ? ", on each trace's wall clock" : ""}` +
        `${opts.dir === undefined ? `, ${opts.family} drawn with seed ${seed} + i` : `, traces from ${opts.dir}`}.\n\n`,
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
