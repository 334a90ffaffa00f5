import { eventsOption } from "./events";
import { Option, type Command } from "commander";
import type { SelectionScore } from "../../forecasts/calibrate/capacity-score";
import { planPool } from "../../forecasts/plan";
import type { PoolPlan } from "../../forecasts/types";
import { duration, num, renderPairs } from "./format";
import { historyLines, loadCsvSeries, siblingInput, type LoadedCsv } from "./history";
import {
  countArg,
  durationArg,
  modelChoices,
  modelsOption,
  nonNegativeArg,
  nowOption,
  HISTORY_OPTION_HELP,
  quantileOption,
  selectByOption,
  siblingOption,
  timeArg,
  timeZoneOption,
  type ModelChoices,
} from "./options";

/** Parsed options of `shadowpool plan`. */
interface PlanCliOptions extends ModelChoices {
  history: string;
  sibling?: string;
  inUse: number;
  min: number;
  max: number;
  maxStepDown: number;
  cooldown: number;
  releases: number;
  price?: number;
  horizon: number;
  quantile: number;
  selectBy: SelectionScore;
  now?: number;
  previousShadow?: number;
  surplusSince?: number;
  json?: boolean;
}

/** Registers `shadowpool plan`. */
export function registerPlan(program: Command): void {
  program
    .command("plan")
    .description(
      "Plan a pool's shadow capacity from a history CSV and the slots in use now: the calibrated " +
        "peak, the shadow slots to hold after bounds and limits, and why.",
    )
    .requiredOption("--history <file>", HISTORY_OPTION_HELP)
    .addOption(
      new Option("--in-use <n>", "slots in use (claimed) now")
        .argParser(countArg("--in-use"))
        .makeOptionMandatory(),
    )
    .addOption(
      new Option("--min <n>", "fewest shadow slots").argParser(countArg("--min")).default(0),
    )
    .addOption(
      new Option("--max <n>", "most shadow slots")
        .argParser(countArg("--max"))
        .default(Infinity, "unlimited"),
    )
    .addOption(
      new Option("--max-step-down <n>", "most shadow slots one deployment may remove")
        .argParser(countArg("--max-step-down"))
        .default(Infinity, "unlimited"),
    )
    .addOption(
      new Option(
        "--cooldown <duration>",
        "how long a free slot must have been surplus before it is removed",
      )
        .argParser(durationArg("--cooldown", true))
        .default(0, "0s"),
    )
    .addOption(
      new Option("--releases <n>", "slots expected back from releases within the horizon")
        .argParser(countArg("--releases"))
        .default(0),
    )
    .addOption(
      new Option(
        "--price <p>",
        "price of one slot-hour, to show the shadow's cost per day",
      ).argParser(nonNegativeArg("--price", "0.05")),
    )
    .addOption(
      new Option(
        "--horizon <duration>",
        "planning horizon: until the next run + slot readiness + one missed run",
      )
        .argParser(durationArg("--horizon"))
        .default(7200, "2h: an hourly schedule plus one missed run"),
    )
    .addOption(quantileOption("quantile of the window maximum to hold (0.5 to 0.999)"))
    .addOption(selectByOption())
    .addOption(nowOption("planning time"))
    .addOption(
      new Option(
        "--previous-shadow <n>",
        "shadow slots the previous deployment left (for --max-step-down and --cooldown)",
      ).argParser(countArg("--previous-shadow")),
    )
    .addOption(
      new Option(
        "--surplus-since <time>",
        "since when the pool has held surplus shadow (with --previous-shadow)",
      ).argParser(timeArg("--surplus-since")),
    )
    .addOption(modelsOption())
    .addOption(eventsOption())
    .addOption(timeZoneOption())
    .addOption(siblingOption())
    .option("--json", "print the plan (PoolPlan) as JSON")
    .action((opts: PlanCliOptions) => {
      if (opts.surplusSince !== undefined && opts.previousShadow === undefined) {
        throw new Error("--surplus-since needs --previous-shadow (the shadow held since then)");
      }
      const loaded = loadCsvSeries(opts.history, opts.now);
      const plan = planPool({
        history: loaded.series,
        now: loaded.now,
        inUse: opts.inUse,
        expectedReleases: opts.releases,
        ...siblingInput(opts.sibling, loaded.now),
        ...(opts.previousShadow !== undefined
          ? {
              previous: {
                shadow: opts.previousShadow,
                surplusSince: opts.surplusSince ?? null,
              },
            }
          : {}),
        policy: {
          quantile: opts.quantile,
          horizonSeconds: opts.horizon,
          min: opts.min,
          max: opts.max,
          maxStepDown: opts.maxStepDown,
          cooldownSeconds: opts.cooldown,
          selectBy: opts.selectBy,
          ...modelChoices(opts),
          ...(opts.price !== undefined ? { pricePerSlotHour: opts.price } : {}),
        },
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
        return;
      }
      process.stdout.write(formatPlan(opts.history, loaded, plan));
    });
}

/**
 * The readable plan: the answer first, then the why, then the numbers.
 *
 * @returns the report text.
 */
function formatPlan(source: string, loaded: LoadedCsv, plan: PoolPlan): string {
  const lines = historyLines(source, loaded);
  lines.push(
    "",
    `shadow: ${plan.shadow} slot(s) (in use ${plan.inUse}, total prepared ${plan.inUse + plan.shadow})`,
    "",
    "why:",
    ...plan.why.map((w) => `  - ${w}`),
    "",
    renderPairs([
      ["verdict", plan.verdict],
      ["model", plan.model ?? "fallback"],
      ["selected by", plan.selectBy],
      ["backtest capacity", num(plan.backtestCapacity, 3)],
      ["backtest pinball", num(plan.backtestPinball, 3)],
      ["horizon", duration(plan.horizonSeconds)],
      ["quantile", plan.quantile],
      ["point max", num(plan.pointMax)],
      ["peak", num(plan.peak)],
      ["in use", plan.inUse],
      ["expected releases", plan.expectedReleases],
      ["raw shadow", plan.rawShadow],
      ["shadow", plan.shadow],
      ["bounds", plan.bounds.join(", ")],
      ["cost per day", num(plan.shadowCostPerDay)],
    ]).trimEnd(),
  );
  return `${lines.join("\n")}\n`;
}
