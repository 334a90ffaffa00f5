import Table from "cli-table3";
import { isoUtc } from "../../forecasts/series";
import { formatDuration } from "./options";
import type { Margin } from "../../forecasts/hindsight-margin";

/** A table cell: text or a number already formatted by the caller. */
export type Cell = string | number;

/**
 * Render a plain table (no colours, so output piped to a file or compared in a test is stable).
 *
 * @param head column titles.
 * @param rows the rows; numbers are right-aligned in their column by the caller's formatting.
 * @returns the table text with a trailing newline.
 */
export function renderTable(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const table = new Table({ head: [...head], style: { head: [], border: [], compact: true } });
  for (const row of rows) table.push([...row]);
  return `${table.toString()}\n`;
}

/**
 * Two-column table of labels and values.
 *
 * @param pairs label and value per row.
 * @returns the table text with a trailing newline.
 */
export function renderPairs(pairs: readonly (readonly [string, Cell])[]): string {
  const table = new Table({ style: { head: [], border: [], compact: true } });
  for (const [label, value] of pairs) table.push({ [label]: value });
  return `${table.toString()}\n`;
}

/** A share as a percentage with one decimal: `0.951` → `95.1 %`. */
export function pct(x: number): string {
  return `${(100 * x).toFixed(1)} %`;
}

/** A number with a fixed number of decimals, or `–` when absent. */
export function num(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(digits);
}

/** Epoch seconds as ISO-8601 UTC. */
export function when(t: number): string {
  return isoUtc(t);
}

/** Seconds as a duration (`3600` → `1h`). */
export function duration(seconds: number): string {
  return formatDuration(seconds);
}

/** A margin as text: `+2 slots`, `−1 slot`, `+0.0125` (fractional demand), `+20.0 %`. */
export function marginText(margin: Margin): string {
  const sign = margin.value < 0 ? "−" : "+";
  const size = Math.abs(margin.value);
  if (margin.kind === "additive" && !Number.isInteger(size)) return `${sign}${size}`;
  if (margin.kind === "additive") return `${sign}${size} slot${size === 1 ? "" : "s"}`;
  return `${sign}${(100 * size).toFixed(1)} %`;
}
