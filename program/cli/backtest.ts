import type { KnownEvent } from "../../forecasts/events";
import { eventsOption } from "./events";
import { Option, type Command } from "commander";
import { writeFileSync } from "fs";
import {
  DEFAULT_SELECTION_SCORE,
  type SelectionScore,
} from "../../forecasts/calibrate/capacity-score";
import type { CapacityFigures } from "../../forecasts/backtest-metrics";
import { backtest, capsForTimes, type BacktestResult } from "../../forecasts/backtest";
import { bestTunedBaseline } from "../../forecasts/baselines";
import { cleanPoints } from "../../forecasts/series";
import { readCsvRows } from "../sources/csv";
import { backtestCosts, costLines, costPerDay } from "./backtest-cost";
import { duration, marginText, num, pct, renderTable, when } from "./format";
import {
  countArg,
  durationArg,
  modelsOption,
  nonNegativeArg,
  HISTORY_OPTION_HELP,
  quantileOption,
  selectByOption,
  timeZoneOption,
} from "./options";
import { progressBar } from "./progress";

/** Parsed options of `shadowpool backtest`. */
interface BacktestCliOptions {
  history: string;
  every?: number;
  warmup: number;
  quantile: number;
  selectBy: SelectionScore;
  readiness: number;
  missedRuns: number;
  horizon?: number;
  margin: number;
  models?: string[];
  events?: KnownEvent[];
  timeZone?: string;
  json?: boolean;
  capsOut?: string;
  price?: number;
}

/** Registers `shadowpool backtest`. */
export function registerBacktest(program: Command): void {
  program
    .command("backtest")
    .description(
      "Replay a demand history as scheduled deployments: at each deployment the planner sees only " +
        "the rows before it, and its capacity holds until the next one. Prints step and window " +
        "coverage, hit ratio and idle capacity for the plan, the hindsight oracle and simple " +
        "baselines (with a fixed margin and with a margin tuned in hindsight to the plan's coverage).",
    )
    .requiredOption("--history <file>", HISTORY_OPTION_HELP)
    .addOption(
      new Option(
        "--every <duration>",
        "time between scheduled deployments (5m, 1h, 1d…; default 1h, or the history's step when longer)",
      ).argParser(durationArg("--every")),
    )
    .addOption(
      new Option("--warmup <duration>", "history before the first deployment (14d, 2w…)")
        .argParser(durationArg("--warmup", true))
        .default(14 * 86400, "14d"),
    )
    .addOption(quantileOption("quantile of the window maximum to hold (0.5 to 0.999)"))
    .addOption(selectByOption())
    .addOption(
      new Option(
        "--readiness <duration>",
        "time a slot takes to become ready (added to the horizon)",
      )
        .argParser(durationArg("--readiness", true))
        .default(0, "0s"),
    )
    .addOption(
      new Option(
        "--missed-runs <n>",
        "missed deployments the horizon allows for (each adds --every); 0 judges the window held, 1 replays the program's schedule",
      )
        .argParser(countArg("--missed-runs"))
        .default(0),
    )
    .addOption(
      new Option(
        "--horizon <duration>",
        "planner horizon (default: --every × (1 + --missed-runs) + --readiness)",
      ).argParser(durationArg("--horizon")),
    )
    .addOption(
      new Option("--margin <fraction>", "fixed margin of the baselines, 0.2 = +20 %")
        .argParser(nonNegativeArg("--margin", "0.2"))
        .default(0.2),
    )
    .addOption(modelsOption())
    .addOption(eventsOption())
    .addOption(timeZoneOption())
    .addOption(
      new Option(
        "--price <p>",
        "price of one slot-hour: adds what each policy's capacity would have cost per day",
      ).argParser(nonNegativeArg("--price", "0.05")),
    )
    .option("--json", "print the figures as JSON instead of a table")
    .option(
      "--caps-out <file>",
      "write a JSON array with the capacity in force at each CSV data row (null during warm-up)",
    )
    .action((opts: BacktestCliOptions) => {
      runBacktest(opts);
    });
}

/** Run the backtest and print its figures. */
function runBacktest(opts: BacktestCliOptions): void {
  const rows = readCsvRows(opts.history);
  const history = cleanPoints(rows.points, opts.history);
  const progress = progressBar("backtest");
  let result: BacktestResult;
  try {
    result = backtest(history.points, {
      ...(opts.every !== undefined ? { every: opts.every } : {}),
      warmupSeconds: opts.warmup,
      quantile: opts.quantile,
      selectBy: opts.selectBy,
      readinessSeconds: opts.readiness,
      missedRuns: opts.missedRuns,
      ...(opts.horizon !== undefined ? { horizonSeconds: opts.horizon } : {}),
      baselineMargin: opts.margin,
      ...(opts.models !== undefined ? { models: opts.models } : {}),
      ...(opts.events !== undefined ? { events: opts.events } : {}),
      ...(opts.timeZone !== undefined ? { timeZone: opts.timeZone } : {}),
      onProgress: (done, total) => progress.update(done, total),
    });
  } finally {
    progress.stop();
  }
  if (opts.capsOut !== undefined) {
    // One entry per CSV data row in file order (duplicates included), by the row's timestamp.
    const caps = capsForTimes(
      rows.points.map((p) => p.t),
      result.deployments[0].t,
      result.every,
      result.deployments.map((d) => d.capacity),
    );
    writeFileSync(opts.capsOut, `${JSON.stringify(caps)}\n`);
  }
  if (opts.json) {
    // capsPerRow is left out: it is one entry per row, which is what --caps-out is for.
    const out = {
      history: opts.history,
      rows: rows.points.length,
      repairs: history.repairs,
      selectBy: opts.selectBy,
      ...result,
      capsPerRow: undefined,
      ...(opts.price === undefined ? {} : { costPerDay: backtestCosts(result, opts.price) }),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    formatBacktest(
      opts.history,
      rows.points.length,
      history.repairs,
      result,
      opts.selectBy,
      opts.price,
    ),
  );
}

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
