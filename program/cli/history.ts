import { inferStep, resampleWithRepairs } from "../../forecasts/series";
import type { SiblingHistory } from "../../forecasts/sibling";
import type { Series } from "../../forecasts/types";
import { readCsvHistory } from "../sources/csv";
import { duration, when } from "./format";

/** A history file loaded for `forecast` and `plan`. */
export interface LoadedCsv {
  /** The history resampled to its own step, up to `now`. */
  readonly series: Series;
  /** The planning time: `--now`, or the end of the history's last bucket. */
  readonly now: number;
  /** Whether `now` defaulted to the end of the history. */
  readonly nowIsEndOfHistory: boolean;
  /** Data rows after cleaning (sorted, de-duplicated). */
  readonly rows: number;
  /** Repairs made while cleaning and resampling, in words. */
  readonly repairs: readonly string[];
}

/**
 * Read a history CSV, resample it to its inferred step and fix `now`. Without `--now`, `now` is
 * the end of the last bucket of history (not the clock), so offline runs are reproducible: the same
 * file gives the same forecast whenever it runs.
 *
 * @param path the CSV file.
 * @param now `--now` in epoch seconds, when given.
 * @returns the series, now and what was repaired.
 * @throws {Error} for a missing file; {HistoryError} for bad rows or no history before `now`.
 */
export function loadCsvSeries(path: string, now: number | undefined): LoadedCsv {
  const clean = readCsvHistory(path);
  // Rows at or after now are ignored, for the step too: a later change of spacing changes nothing.
  const before = now === undefined ? clean.points : clean.points.filter((p) => p.t < now);
  if (before.length < 2) {
    throw new Error(
      `${path} has ${before.length} data row(s) before now; give at least two weeks of history`,
    );
  }
  const step = inferStep(before);
  const { series, repairs } = resampleWithRepairs(clean.points, {
    step,
    ...(now !== undefined ? { end: now } : {}),
  });
  return {
    series,
    now: now ?? series.start + series.values.length * series.step,
    nowIsEndOfHistory: now === undefined,
    rows: clean.points.length,
    repairs: [...clean.repairs, ...repairs],
  };
}

/**
 * `--sibling` for `forecast` and `plan`: the sibling's history up to this pool's `now`.
 *
 * @param path the sibling's CSV file, or undefined when not given.
 * @param now this pool's planning time.
 * @returns `{ sibling }` for the planner's input, or nothing without `--sibling`.
 * @throws {Error} for a missing file; {HistoryError} for bad rows.
 */
export function siblingInput(path: string | undefined, now: number): { sibling?: SiblingHistory } {
  if (path === undefined) return {};
  return { sibling: { name: path, history: loadCsvSeries(path, now).series } };
}

/**
 * The `history:` and `now:` lines shared by `forecast` and `plan`.
 *
 * @param source the history file.
 * @param loaded the loaded history.
 * @returns the lines.
 */
export function historyLines(source: string, loaded: LoadedCsv): string[] {
  const s = loaded.series;
  const end = s.start + s.values.length * s.step;
  return [
    `history: ${source}, ${loaded.rows} rows, step ${duration(s.step)}, ${when(s.start)} to ${when(end)}`,
    ...loaded.repairs.map((r) => `  repaired: ${r}`),
    `now: ${when(loaded.now)}${loaded.nowIsEndOfHistory ? " (end of history; set --now to change)" : ""}`,
  ];
}
