import type { BucketFill, RawPoint, Series } from "../types";
import { HistoryError } from "./errors";
import { isoUtc } from "./timestamp";

/** Options of {@link resample}. */
export interface ResampleOptions {
  /** Bucket width in seconds (> 0). */
  readonly step: number;
  /** Points at or after this epoch second are ignored (history after `now`). Default: none. */
  readonly end?: number;
  /** Buckets start at `origin + k * step`. Default 0, so hourly buckets start on the hour (UTC). */
  readonly origin?: number;
  /** Longest run of empty buckets filled by linear interpolation. Default 3. */
  readonly maxInterpolateGap?: number;
  /**
   * Seasonal period in buckets used to fill longer gaps (e.g. 168 for a week of hours). Default:
   * none, so longer gaps carry the last value forward.
   */
  readonly period?: number;
}

/** A resampled series and the repairs that resampling made, in words. */
export interface ResampleResult {
  readonly series: Series;
  readonly repairs: readonly string[];
}

/** Above this many buckets the step is too small for the span (and memory would run out). */
const MAX_BUCKETS = 10_000_000;

/**
 * Resample points to a regular step: each bucket holds the maximum of its points, because a pool
 * must cover the peak within a step, not its mean. Irregular spacing is absorbed by the bucketing.
 *
 * Empty buckets between the first and the last observed one are filled, and reported in `repairs`:
 * - a run of at most `maxInterpolateGap` empty buckets by linear interpolation between its
 *   neighbours (a missed scrape or two);
 * - a longer run bucket by bucket with the value one `period` earlier when that exists (an outage
 *   of the exporter over a busy hour should not look like a quiet hour), else by carrying the last
 *   observed value forward.
 * The series' `filled` says which buckets were filled, and how.
 * The first bucket is the one holding the earliest point; the last holds the latest point before
 * `end` (it may be partial when `end` is not a bucket boundary). Runs in O(points + buckets).
 *
 * @param points demand points in any order with finite values (see `cleanPoints`).
 * @param opts step, end, alignment and gap rules.
 * @returns the regular series and the repairs made.
 * @throws {RangeError} for a step that is not positive or too small for the span.
 * @throws {HistoryError} when no point lies before `end`.
 */
export function resampleWithRepairs(
  points: readonly RawPoint[],
  opts: ResampleOptions,
): ResampleResult {
  const { step, end = Infinity, origin = 0, maxInterpolateGap = 3, period } = opts;
  if (!(step > 0) || !Number.isFinite(step)) {
    throw new RangeError(`resample step must be a positive number of seconds (got ${step})`);
  }
  if (period !== undefined && !(Number.isInteger(period) && period >= 1)) {
    throw new RangeError(`resample period must be a whole number of steps >= 1 (got ${period})`);
  }
  // First pass: the range of bucket indices, so one flat array holds every bucket.
  let kMin = Infinity;
  let kMax = -Infinity;
  let ignored = 0;
  for (const p of points) {
    if (p.t >= end) {
      ignored++;
      continue;
    }
    const k = Math.floor((p.t - origin) / step);
    if (k < kMin) kMin = k;
    if (k > kMax) kMax = k;
  }
  if (kMin === Infinity) {
    throw new HistoryError(
      `no history before ${isoUtc(end)} (${ignored} point(s) at or after it); give earlier history`,
    );
  }
  const n = kMax - kMin + 1;
  if (n > MAX_BUCKETS) {
    throw new RangeError(
      `resample step ${step}s gives ${n} buckets over this history; use a larger step`,
    );
  }
  const values = new Float64Array(n).fill(NaN);
  for (const p of points) {
    if (p.t >= end) continue;
    const i = Math.floor((p.t - origin) / step) - kMin;
    // NaN > x is false, so the first point of a bucket must be stored explicitly.
    if (!(values[i] >= p.v)) values[i] = p.v;
  }
  const start = origin + kMin * step;
  const repairs: string[] = [];
  if (ignored > 0) repairs.push(`${ignored} point(s) at or after ${isoUtc(end)} ignored`);
  const fill = new Uint8Array(n);
  const gaps = fillGaps(values, maxInterpolateGap, period, fill);
  if (gaps.count > 0) repairs.push(describeGaps(gaps, start, step, maxInterpolateGap, period));
  const series: Series = { start, step, values: Array.from(values) };
  if (gaps.count === 0) return { series, repairs };
  return { series: { ...series, filled: Array.from(fill) as BucketFill[] }, repairs };
}

/**
 * Resample points to a regular step; see {@link resampleWithRepairs} for the rules.
 *
 * @param points demand points in any order with finite values.
 * @param opts step, end, alignment and gap rules.
 * @returns the regular series.
 * @throws {RangeError} for a bad step; {HistoryError} when no point lies before `end`.
 */
export function resample(points: readonly RawPoint[], opts: ResampleOptions): Series {
  return resampleWithRepairs(points, opts).series;
}

interface GapStats {
  count: number;
  interpolated: number;
  seasonal: number;
  carried: number;
  longest: number;
  longestAt: number;
}

/**
 * Fill NaN runs in place (the first and last entries are observed by construction), marking each
 * filled bucket in `fill` (1 interpolated, 2 invented).
 */
function fillGaps(
  values: Float64Array,
  maxInterpolate: number,
  period: number | undefined,
  fill: Uint8Array,
): GapStats {
  const stats: GapStats = {
    count: 0,
    interpolated: 0,
    seasonal: 0,
    carried: 0,
    longest: 0,
    longestAt: 0,
  };
  let i = 1;
  while (i < values.length) {
    if (!Number.isNaN(values[i])) {
      i++;
      continue;
    }
    const left = i - 1;
    let right = i;
    while (Number.isNaN(values[right])) right++;
    const length = right - i;
    stats.count++;
    if (length > stats.longest) {
      stats.longest = length;
      stats.longestAt = i;
    }
    if (length <= maxInterpolate) {
      const a = values[left];
      const b = values[right];
      const slope = (b - a) / (right - left);
      // Clamped to the neighbours: a rounded slope can overshoot them by a unit in the last place
      // (by a whole unit among subnormal values, where a fill could exceed the gap's both ends).
      const lo = Math.min(a, b);
      const hi = Math.max(a, b);
      for (let j = i; j < right; j++) {
        values[j] = Math.min(hi, Math.max(lo, a + slope * (j - left)));
        fill[j] = 1;
      }
      stats.interpolated += length;
    } else {
      for (let j = i; j < right; j++) {
        fill[j] = 2;
        // Earlier buckets are already filled, so a gap longer than a period repeats the profile.
        if (period !== undefined && j - period >= 0) {
          values[j] = values[j - period];
          stats.seasonal++;
        } else {
          values[j] = values[left];
          stats.carried++;
        }
      }
    }
    i = right;
  }
  return stats;
}

function describeGaps(
  g: GapStats,
  start: number,
  step: number,
  maxInterp: number,
  period?: number,
): string {
  const parts = [];
  if (g.interpolated > 0)
    parts.push(`${g.interpolated} by linear interpolation (gaps of <= ${maxInterp})`);
  if (g.seasonal > 0) parts.push(`${g.seasonal} from one period (${period} steps) earlier`);
  if (g.carried > 0) parts.push(`${g.carried} by carrying the last value forward`);
  const empty = g.interpolated + g.seasonal + g.carried;
  return (
    `${empty} empty ${step}s bucket(s) in ${g.count} gap(s) filled: ${parts.join(", ")}; ` +
    `longest gap ${g.longest} bucket(s) from ${isoUtc(start + g.longestAt * step)}`
  );
}
