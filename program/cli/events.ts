import { readFileSync } from "fs";
import { Option } from "commander";
import { parse } from "yaml";
import { z } from "zod";
import type { KnownEvent } from "../../forecasts/events";
import { toPlannedEvent } from "../config";
import { formatPath, issueMessage } from "../config/messages";
import { knownEventFields } from "../config/schema";
import { knownEvent } from "../resolve-policy";

/** A calendar file: a list of events with the fields of a pool's `events` (no `extra`). */
const calendarSchema = z.array(z.strictObject(knownEventFields));

/** Help text of `--events`, the same for forecast, plan and backtest. */
export const EVENTS_OPTION_HELP =
  "known events, a YAML or JSON list of { name, at, duration, factor } " +
  "(factor: expected demand as a multiple of the usual, e.g. 0.5 for a holiday, 2 for a launch)";

/**
 * `--events <file>`: a calendar of known events, read and checked by {@link readCalendar}.
 *
 * @returns the option, ready for `addOption`.
 */
export function eventsOption(): Option {
  return new Option("--events <file>", EVENTS_OPTION_HELP).argParser(readCalendar);
}

/**
 * Read a calendar file (YAML, so JSON too) into known events. Every problem is reported at once,
 * each naming the file, the entry, the field, the value and the fix.
 *
 * @param path the file.
 * @returns the events.
 * @throws {Error} for a missing or unreadable file, or for invalid entries.
 */
export function readCalendar(path: string): KnownEvent[] {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, "utf8"));
  } catch (err) {
    const why = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new Error(`--events ${path}: cannot read it as YAML or JSON: ${why}`);
  }
  const parsed = calendarSchema.safeParse(raw ?? [], { error: issueMessage });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const at = formatPath(i.path);
      return `  ${at === "" ? "the file" : `events${at}`} ${i.message}`;
    });
    throw new Error(`--events ${path} has ${lines.length} problem(s):\n${lines.join("\n")}`);
  }
  // The same conversion as a pool's events in the stack.
  return parsed.data.map((e) => knownEvent(toPlannedEvent(e)));
}
