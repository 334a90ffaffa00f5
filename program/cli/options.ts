import { Option } from "commander";
import {
  DEFAULT_SELECTION_SCORE,
  SELECTION_SCORE_MEANING,
  SELECTION_SCORES,
  type SelectionScore,
} from "../../forecasts/calibrate/capacity-score";
import type { KnownEvent } from "../../forecasts/events";
import { parseTimestamp } from "../../forecasts/series";
import { isTimeZone, TIME_ZONE_HINT } from "../../forecasts/series/local-time";
import { parseDuration } from "../config/duration";

// Options take the same duration syntax as the stack configuration: one parser for both.
export { formatDuration, parseDuration } from "../config/duration";

/*
 * Option parsers for the subcommands. Each throws a plain Error naming the option, the value and
 * the fix; commander passes it through, and main() prints it as `shadowpool: <message>`, exit 1.
 */

/** The CLI's hint names the durations its options typically take (days and weeks of history). */
const DURATION_HINT = 'a duration like "90s", "15m", "1h", "14d", "2w" or "1h30m"';

/**
 * A duration option (`5m`, `1h`, `14d`, `2w`, `1h30m`) in seconds.
 *
 * @param option the flag, e.g. `--every`.
 * @param allowZero whether `0s` is acceptable (e.g. a readiness time).
 * @returns a commander argument parser.
 */
export function durationArg(option: string, allowZero = false): (text: string) => number {
  return (text) => {
    const seconds = parseDuration(text);
    if (seconds === null || (!allowZero && seconds === 0)) {
      throw new Error(`${option} must be ${DURATION_HINT} (got "${text}")`);
    }
    return seconds;
  };
}

/**
 * The quantile of the window maximum: between 0.5 and 0.999, as in the stack configuration.
 *
 * @param text the value typed.
 * @returns the quantile.
 */
export function quantileArg(text: string): number {
  const q = Number(text);
  if (text.trim() === "" || !(q >= 0.5 && q <= 0.999)) {
    throw new Error(`--quantile must be a number between 0.5 and 0.999, e.g. 0.95 (got "${text}")`);
  }
  return q;
}

/**
 * A whole number of slots, 0 or more.
 *
 * @param option the flag, e.g. `--in-use`.
 * @returns a commander argument parser.
 */
export function countArg(option: string): (text: string) => number {
  return (text) => {
    const n = Number(text);
    if (text.trim() === "" || !Number.isInteger(n) || n < 0) {
      throw new Error(`${option} must be a whole number of slots, 0 or more (got "${text}")`);
    }
    return n;
  };
}

/**
 * A non-negative number (a price, a margin).
 *
 * @param option the flag.
 * @param example an example value for the message.
 * @returns a commander argument parser.
 */
export function nonNegativeArg(option: string, example: string): (text: string) => number {
  return (text) => {
    const n = Number(text);
    if (text.trim() === "" || !(n >= 0) || !Number.isFinite(n)) {
      throw new Error(`${option} must be a number, 0 or more, e.g. ${example} (got "${text}")`);
    }
    return n;
  };
}

/**
 * A point in time: ISO-8601 (no zone means UTC) or epoch seconds.
 *
 * @param option the flag, e.g. `--now`.
 * @returns a commander argument parser giving epoch seconds.
 */
export function timeArg(option: string): (text: string) => number {
  return (text) => {
    const t = parseTimestamp(text.trim());
    if (typeof t === "string") {
      throw new Error(
        `${option} must be ISO-8601 (2024-01-31T13:00:00Z) or epoch seconds: ${t} (got "${text}")`,
      );
    }
    return t;
  };
}

/**
 * `--now <time>`: the time forecast and plan run at, checked by {@link timeArg}. No default here:
 * without it the history fixes `now` (see `loadCsvSeries`).
 *
 * @param subject what the time is, e.g. `forecast time`.
 * @returns the option, ready for `addOption`.
 */
export function nowOption(subject: string): Option {
  return new Option(
    "--now <time>",
    `${subject}, ISO-8601 or epoch seconds; rows at or after it are ignored ` +
      "(default: the end of the history's last bucket, so runs are reproducible)",
  ).argParser(timeArg("--now"));
}

/**
 * A comma-separated list of model names.
 *
 * @param text e.g. `snaive-daily,snaive-weekly`.
 * @returns the names, trimmed, without empty entries.
 */
export function listArg(text: string): string[] {
  const names = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (names.length === 0) {
    throw new Error(`--models must list model names separated by commas (got "${text}")`);
  }
  return names;
}

/**
 * `--models <names>`: the models the planner may choose from, checked by {@link listArg} (the
 * selector then rejects unknown names, listing the known ones). One definition for forecast, plan
 * and backtest.
 *
 * @returns the option, ready for `addOption`.
 */
export function modelsOption(): Option {
  return new Option(
    "--models <names>",
    "comma-separated models the planner may use (default: all)",
  ).argParser(listArg);
}

/** Help text of `--history`, the same for every command that reads a history CSV. */
export const HISTORY_OPTION_HELP =
  "demand history: a timestamp,value CSV (ISO-8601 or epoch seconds)";

/**
 * `--quantile <q>`: the quantile of the window maximum, checked by {@link quantileArg}, default 0.95.
 *
 * @param description the command's help text for it.
 * @returns the option, ready for `addOption`.
 */
export function quantileOption(description: string): Option {
  return new Option("--quantile <q>", description).argParser(quantileArg).default(0.95);
}

/**
 * A model-selection score: one of {@link SELECTION_SCORES}.
 *
 * @param text the value typed.
 * @returns the score.
 */
export function selectByArg(text: string): SelectionScore {
  const score = SELECTION_SCORES.find((s) => s === text.trim());
  if (score === undefined) {
    throw new Error(`--select-by must be one of ${SELECTION_SCORES.join(", ")} (got "${text}")`);
  }
  return score;
}

/** Help text of `--select-by`, the same for forecast, plan and backtest. */
export const SELECT_BY_OPTION_HELP =
  `what model selection minimises: capacity (${SELECTION_SCORE_MEANING.capacity}) or ` +
  `pinball (${SELECTION_SCORE_MEANING.pinball})`;

/**
 * `--select-by <score>`: what model selection minimises, checked by {@link selectByArg}, default
 * capacity. One definition for forecast, plan and backtest.
 *
 * @returns the option, ready for `addOption`.
 */
export function selectByOption(): Option {
  return new Option("--select-by <score>", SELECT_BY_OPTION_HELP)
    .argParser(selectByArg)
    .default(DEFAULT_SELECTION_SCORE);
}

/**
 * `--time-zone <zone>`: the IANA time zone whose wall clock demand follows (default UTC).
 *
 * @returns the option, ready for `addOption`.
 */
export function timeZoneOption(): Option {
  return new Option(
    "--time-zone <zone>",
    "IANA time zone whose wall clock demand follows, e.g. Europe/Berlin: daylight saving then " +
      "does not move the daily pattern (default: UTC)",
  ).argParser((text) => {
    if (!isTimeZone(text.trim())) {
      throw new Error(`--time-zone must be ${TIME_ZONE_HINT} (got "${text}")`);
    }
    return text.trim();
  });
}

/**
 * `--sibling <file>`: a sibling pool's history, for a pool with under two weeks of its own.
 *
 * @returns the option, ready for `addOption`.
 */
export function siblingOption(): Option {
  return new Option(
    "--sibling <file>",
    "a sibling pool's history CSV (the same service elsewhere, same format): while --history " +
      "holds under two weeks, the fallback holds the sibling's calibrated peak for the window " +
      "scaled to this pool's level instead of the recent maximum + 20 %",
  );
}

/** `--models`, `--events` and `--time-zone` as parsed: what the planner may use, each optional. */
export interface ModelChoices {
  models?: string[];
  events?: KnownEvent[];
  timeZone?: string;
}

/**
 * The model choices given on the command line, for forecast, plan and backtest alike. An option not
 * given is left out, not set to `undefined`, as the planners' optional inputs are passed everywhere
 * (an `undefined` key would override a default in an object spread).
 *
 * @param opts the parsed options.
 * @returns `models`, `events` and `timeZone`, in that order, where given.
 */
export function modelChoices(opts: ModelChoices): ModelChoices {
  return {
    ...(opts.models !== undefined ? { models: opts.models } : {}),
    ...(opts.events !== undefined ? { events: opts.events } : {}),
    ...(opts.timeZone !== undefined ? { timeZone: opts.timeZone } : {}),
  };
}
