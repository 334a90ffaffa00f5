import { existsSync, readFileSync, statSync } from "fs";
import { resolve } from "path";
import { parseHistoryCsv, parseHistoryRows, type HistoryRows } from "../../forecasts/series";
import type { CleanHistory } from "../../forecasts/types";

/**
 * Read a `timestamp,value` history CSV from disk and validate it (rules in forecasts/series).
 * Relative paths resolve against the process's working directory: the CLI's callers pass what the
 * user typed; the Pulumi program resolves against the folder of Pulumi.yaml before calling this.
 *
 * @param path the file to read.
 * @returns sorted, de-duplicated points and the repairs made.
 * @throws {Error} when the file is missing or unreadable; {HistoryError} naming every bad line.
 */
export function readCsvHistory(path: string): CleanHistory {
  return parseHistoryCsv(readText(path), path);
}

/**
 * Read a history CSV's data rows in file order, duplicates and all (the backtest's `--caps-out`
 * writes one entry per data row).
 *
 * @param path the file to read.
 * @returns the rows and their line numbers.
 * @throws {Error} when the file is missing or unreadable; {HistoryError} naming every bad line.
 */
export function readCsvRows(path: string): HistoryRows {
  return parseHistoryRows(readText(path), path);
}

/** The file's text, or an error that names the path as given and as resolved. */
function readText(path: string): string {
  const full = resolve(path);
  if (!existsSync(full)) {
    throw new Error(
      `history file ${path} does not exist (looked at ${full}); give the path of a timestamp,value CSV`,
    );
  }
  if (statSync(full).isDirectory()) {
    throw new Error(`history file ${path} is a directory; give the path of a timestamp,value CSV`);
  }
  try {
    return readFileSync(full, "utf8");
  } catch (err) {
    throw new Error(
      `history file ${path} cannot be read: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
