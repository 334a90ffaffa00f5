import { parseTimestamp } from "../../forecasts/series";

/*
 * Option parsers for the subcommands. Each throws a plain Error naming the option, the value and
 * the fix; commander passes it through, and main() prints it as `shadowpool: <message>`, exit 1.
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
};
/** The same syntax as durations in the stack configuration: parts like `90s`, `15m`, `1h30m`. */
const DURATION = /^(?:\d+[smhdw])+$/;
const DURATION_HINT = 'a duration like "90s", "15m", "1h", "14d", "2w" or "1h30m"';

/**
 * Parse a duration (`1h`, `14d`, `1h30m`) to seconds.
 *
 * @param text the value typed.
 * @returns seconds, or null when the text is not a duration.
 */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (!DURATION.test(trimmed)) return null;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([smhdw])/g)) {
    total += Number(amount) * UNIT_SECONDS[unit];
  }
  return total;
}

/**
 * Format seconds as the shortest duration (`7200` → `2h`, `1209600` → `2w`, `5400` → `1h30m`).
 *
 * @param seconds a whole number of seconds, 0 or more.
 * @returns the duration text (`0s` for zero).
 */
export function formatDuration(seconds: number): string {
  if (!(seconds > 0)) return "0s";
  let rest = Math.round(seconds);
  let out = "";
  for (const unit of ["w", "d", "h", "m", "s"]) {
    const count = Math.floor(rest / UNIT_SECONDS[unit]);
    if (count > 0) out += `${count}${unit}`;
    rest -= count * UNIT_SECONDS[unit];
  }
  return out;
}

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
