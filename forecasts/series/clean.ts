import type { CleanHistory, RawPoint } from "../types";
import { HistoryError } from "./errors";
import { isoUtc } from "./timestamp";

/**
 * Validate and repair raw demand points from any source (CSV, Prometheus, CloudWatch).
 *
 * Decisions, each reported in `repairs` when it changed something:
 * - a non-finite timestamp or value (NaN, ±Infinity) is an error naming the row;
 * - a negative value is an error naming the row: demand in pool units cannot be negative, so it
 *   points at a wrong column or a broken exporter rather than at something to guess around;
 * - no points at all is an error;
 * - rows out of time order are sorted (stable), since exporters often write in arbitrary order;
 * - several rows with the same timestamp keep their maximum, the conservative choice for capacity.
 * Gaps and irregular steps are left to `resample`.
 *
 * @param points the points in the source's order; "row N" in messages is the 1-based index here.
 * @param source names the source in messages (a file name, a query).
 * @returns sorted points with distinct timestamps and the repairs that were made.
 * @throws {HistoryError} listing every bad row (up to ten, then how many more).
 */
export function cleanPoints(points: readonly RawPoint[], source: string): CleanHistory {
  if (points.length === 0) {
    throw new HistoryError(`${source}: no data points; give at least two weeks of history`);
  }
  const problems: string[] = [];
  points.forEach((p, i) => {
    const row = `${source} row ${i + 1}`;
    if (!Number.isFinite(p.t)) {
      problems.push(`${row}: timestamp ${p.t} is not a finite number; fix the row or remove it`);
    }
    if (!Number.isFinite(p.v)) {
      problems.push(`${row}: value ${p.v} is not a finite number; fix the row or remove it`);
    } else if (p.v < 0) {
      problems.push(
        `${row}: value ${p.v} is negative, but demand cannot be; fix the row or remove it`,
      );
    }
  });
  if (problems.length > 0) throw new HistoryError(problems);

  const repairs: string[] = [];
  // Count inversions against the running maximum: a cheap measure of how unsorted the input was.
  let outOfOrder = 0;
  for (let i = 1, maxT = points[0].t; i < points.length; i++) {
    if (points[i].t < maxT) outOfOrder++;
    else maxT = points[i].t;
  }
  let sorted: readonly RawPoint[] = points;
  if (outOfOrder > 0) {
    // Array.prototype.sort is stable, so equal timestamps keep their source order.
    sorted = [...points].sort((a, b) => a.t - b.t);
    repairs.push(`${outOfOrder} row(s) were out of time order: sorted by timestamp`);
  }

  const out: RawPoint[] = [];
  let duplicates = 0;
  let firstDuplicate = NaN;
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && last.t === p.t) {
      duplicates++;
      if (Number.isNaN(firstDuplicate)) firstDuplicate = p.t;
      // Keep the larger value: under-sizing a pool costs more than one idle slot.
      if (p.v > last.v) out[out.length - 1] = { t: p.t, v: p.v };
    } else {
      out.push({ t: p.t, v: p.v });
    }
  }
  if (duplicates > 0) {
    repairs.push(
      `${duplicates} duplicate timestamp(s) (first at ${isoUtc(firstDuplicate)}): kept the maximum value`,
    );
  }
  return { points: out, repairs };
}
