import type { RawPoint } from "../types";

/**
 * The typical spacing of a history: the median of the positive gaps between successive timestamps.
 * The median ignores a few long outages or doubled rows, which a mean would not.
 *
 * @param points points sorted by time (as `cleanPoints` returns them).
 * @returns the spacing in seconds.
 * @throws {RangeError} with fewer than two distinct timestamps.
 */
export function inferStep(points: readonly RawPoint[]): number {
  if (points.length < 2) {
    throw new RangeError(`cannot infer a step from ${points.length} point(s); give at least two`);
  }
  const gaps: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const gap = points[i].t - points[i - 1].t;
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length === 0) {
    throw new RangeError("cannot infer a step: all points share one timestamp");
  }
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  // Even count: the mean of the two middle gaps, as the usual median definition.
  return gaps.length % 2 === 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}
