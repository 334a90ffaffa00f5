import { eventsOption } from "./events";
import { Option, type Command } from "commander";
import { writeFileSync } from "fs";
import type { SelectionScore } from "../../forecasts/calibrate/capacity-score";
import { backtest, capsForTimes, type BacktestResult } from "../../forecasts/backtest";
import { cleanPoints } from "../../forecasts/series";
import { readCsvHistory, readCsvRows } from "../sources/csv";
import { backtestCosts } from "./backtest-cost";
import { formatBacktest } from "./backtest-format";
import {
  countArg,
  durationArg,
  modelChoices,
  modelsOption,
  nonNegativeArg,
  HISTORY_OPTION_HELP,
  quantileOption,
  selectByOption,
  siblingOption,
  timeZoneOption,
  type ModelChoices,
} from "./options";
import { progressBar } from "./progress";

/** Parsed options of `shadowpool backtest`. */
interface BacktestCliOptions extends ModelChoices {
  history: string;
  every?: number;
  warmup: number;
  quantile: number;
  selectBy: SelectionScore;
  readiness: number;
  missedRuns: number;
  horizon?: number;
  margin: number;
  json?: boolean;
  capsOut?: string;
  price?: number;
  sibling?: string;
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
    .addOption(siblingOption())
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
      ...modelChoices(opts),
      ...(opts.sibling !== undefined
        ? {
            sibling: {
              name: opts.sibling,
              points: readCsvHistory(opts.sibling).points,
            },
          }
        : {}),
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
