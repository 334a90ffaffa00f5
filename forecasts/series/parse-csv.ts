import type { CleanHistory, RawPoint } from "../types";
import { cleanPoints } from "./clean";
import { HistoryError } from "./errors";
import { parseTimestamp } from "./timestamp";

/** A plain decimal number: `12`, `-3.5`, `.5`, `1e3`. Rejects hex, blanks and `Infinity`. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Header names of a time column: a header naming the second column so swaps the columns. */
export const TIME_COLUMN = /^(timestamp|time|ts|ds|date|datetime)$/i;

/** History rows in file order, with the 1-based line number of each. */
export interface HistoryRows {
  readonly points: readonly RawPoint[];
  readonly lines: readonly number[];
}

/**
 * Read `timestamp,value` rows in file order, without sorting or de-duplicating (the backtest's
 * `--caps-out` needs one entry per data row). Rules:
 * - the first non-blank line is a header when it does not parse as a data row; a header must name
 *   two columns (any names); the first column is the timestamp, the second the value — unless the
 *   header names the second column as the time (`value,timestamp`; names in {@link TIME_COLUMN}),
 *   which swaps them (read the other way, the values would pass for epoch seconds in 1970);
 * - timestamps are epoch seconds or ISO-8601 (see `parseTimestamp`: no zone means UTC);
 * - values are plain decimal numbers, not negative (demand cannot be);
 * - blank lines, a byte-order mark, CRLF line ends, spaces around cells and double quotes around a
 *   cell are accepted.
 *
 * @param text the CSV text.
 * @param source names the file in messages, e.g. `history.csv`.
 * @returns the rows and their line numbers.
 * @throws {HistoryError} listing every bad line (up to ten, then how many more), or for no rows.
 */
export function parseHistoryRows(text: string, source = "history"): HistoryRows {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n|\r/);
  const points: RawPoint[] = [];
  const lineNumbers: number[] = [];
  const problems: string[] = [];
  let sawFirst = false;
  let swapped = false;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const where = `${source} line ${i + 1}`;
    const cells = lines[i].split(",").map(unquote);
    const parsed = parseRow(swapped ? [...cells].reverse() : cells);
    if (!sawFirst) {
      sawFirst = true;
      // A first line that is not data is the header; it only has to have the right shape.
      if (typeof parsed === "string") {
        if (cells.length !== 2) {
          problems.push(
            `${where}: header "${lines[i].trim()}" has ${cells.length} column(s); expected two, like "timestamp,value"`,
          );
        }
        swapped = cells.length === 2 && TIME_COLUMN.test(cells[1]) && !TIME_COLUMN.test(cells[0]);
        continue;
      }
    }
    if (typeof parsed === "string") problems.push(`${where}: ${parsed}`);
    else {
      points.push(parsed);
      lineNumbers.push(i + 1);
    }
  }
  if (problems.length > 0) throw new HistoryError(problems);
  if (points.length === 0) {
    throw new HistoryError(
      `${source}: no data rows; expected "timestamp,value" lines after the header`,
    );
  }
  return { points, lines: lineNumbers };
}

/**
 * Parse and validate a `timestamp,value` history CSV (rules in {@link parseHistoryRows}), then sort
 * and de-duplicate it with `cleanPoints`.
 *
 * @param text the CSV text.
 * @param source names the file in messages, e.g. `history.csv`.
 * @returns sorted points with distinct timestamps and the repairs made.
 * @throws {HistoryError} naming every bad line.
 */
export function parseHistoryCsv(text: string, source = "history"): CleanHistory {
  return cleanPoints(parseHistoryRows(text, source).points, source);
}

/** One data row, or why it is not one (without the line prefix). */
function parseRow(cells: readonly string[]): RawPoint | string {
  if (cells.length !== 2) {
    return `expected 2 columns (timestamp,value), found ${cells.length}; fix the row or remove it`;
  }
  const t = parseTimestamp(cells[0]);
  if (typeof t === "string") return `${t}; fix the row or remove it`;
  const raw = cells[1];
  if (raw === "") return "value is empty; remove the row (gaps are filled when resampling)";
  if (!NUMBER.test(raw)) return `value "${raw}" is not a number; fix the row or remove it`;
  const v = Number(raw);
  if (!Number.isFinite(v)) return `value "${raw}" is not a finite number; fix the row or remove it`;
  if (v < 0) return `value ${raw} is negative, but demand cannot be; fix the row or remove it`;
  return { t, v };
}

/** Trim a cell and drop one pair of surrounding double quotes. */
function unquote(cell: string): string {
  const s = cell.trim();
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).trim() : s;
}
