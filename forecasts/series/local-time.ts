import type { BucketFill, Series } from "../types";

/*
 * Demand follows people's clocks: an office opens at 09:00 local time, in winter and in summer. In
 * UTC that pattern moves by an hour at each daylight-saving change, and for weeks afterwards every
 * "same hour a day (or a week) earlier" the models lean on is an hour off. Forecasting on the
 * pool's local wall clock keeps the pattern where it is. The time-zone rules come from the
 * runtime's ICU data (Intl): no I/O and no clock, and the same inputs give the same answer on the
 * same runtime.
 */

/** What a time-zone setting must be, in every message that rejects one. */
export const TIME_ZONE_HINT = 'an IANA time zone like "Europe/Berlin", "America/New_York" or "UTC"';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Whether `timeZone` is an IANA time zone the runtime knows (`Europe/Berlin`, `America/New_York`,
 * `UTC`).
 *
 * @param timeZone the name.
 * @returns true when Intl accepts it.
 */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Seconds to add to a UTC instant to get the wall-clock time in `timeZone` at that instant
 * (New York in winter −18000, in summer −14400).
 *
 * @param timeZone an IANA time zone.
 * @param t epoch seconds.
 * @returns the offset in seconds.
 * @throws {RangeError} for a time zone the runtime does not know.
 */
export function utcOffsetSeconds(timeZone: string, t: number): number {
  const whole = Math.floor(t);
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(whole * 1000))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return wall / 1000 - whole;
}

/**
 * The wall-clock time in `timeZone` of a UTC instant, as epoch seconds of that wall clock.
 *
 * @param timeZone an IANA time zone.
 * @param t epoch seconds (UTC).
 * @returns `t` plus the zone's offset at `t`.
 */
export function toWallClock(timeZone: string, t: number): number {
  return t + utcOffsetSeconds(timeZone, t);
}

/**
 * The offset at each bucket start of a regular series, found with few Intl calls: offsets change
 * a couple of times a year, so they are read once a day and, where two days differ, the change is
 * found by bisection to the bucket.
 */
function bucketOffsets(timeZone: string, start: number, step: number, n: number): Float64Array {
  const offsets = new Float64Array(n);
  const at = (i: number): number => utcOffsetSeconds(timeZone, start + i * step);
  const stride = Math.max(1, Math.floor(86_400 / step));
  let i = 0;
  let current = n > 0 ? at(0) : 0;
  while (i < n) {
    const next = Math.min(n - 1, i + stride);
    const ahead = next > i ? at(next) : current;
    if (ahead === current) {
      offsets.fill(current, i, next + 1);
      i = next + 1;
      current = ahead;
      continue;
    }
    // The change lies in (i, next]: the first bucket whose offset differs.
    let lo = i;
    let hi = next;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (at(mid) === current) lo = mid;
      else hi = mid;
    }
    offsets.fill(current, i, hi);
    i = hi;
    current = at(hi);
  }
  return offsets;
}

/**
 * Re-index a regular UTC series on the wall clock of `timeZone`, same step. Where the clock goes
 * forward an hour has no bucket: it is interpolated linearly and marked as filled (1). Where the
 * clock goes back an hour happens twice: each wall-clock bucket keeps the larger value (capacity
 * is sized by maxima). Other buckets keep their fill marks.
 *
 * @param series a regular series in UTC.
 * @param timeZone an IANA time zone.
 * @returns the series on the wall clock (its `start` is a wall-clock instant).
 * @throws {RangeError} for a time zone the runtime does not know.
 */
export function toWallClockSeries(series: Series, timeZone: string): Series {
  const { start, step, values } = series;
  const n = values.length;
  if (n === 0) return { start: toWallClock(timeZone, start), step, values: [] };
  const offsets = bucketOffsets(timeZone, start, step, n);
  const wallStart = start + offsets[0];
  // Wall-clock index of each bucket (offsets are whole multiples of the step for the usual steps).
  const index = (i: number): number =>
    Math.round((start + i * step + offsets[i] - wallStart) / step);
  const length = index(n - 1) + 1;
  const out = new Array<number>(length).fill(NaN);
  const fill = new Array<BucketFill>(length).fill(1);
  for (let i = 0; i < n; i++) {
    const j = index(i);
    if (j < 0 || j >= length) continue;
    if (Number.isNaN(out[j]) || values[i] > out[j]) {
      out[j] = values[i];
      fill[j] = series.filled?.[i] ?? 0;
    }
  }
  // The skipped hour: linear between its neighbours (the first bucket is always set).
  for (let j = 1; j < length; j++) {
    if (!Number.isNaN(out[j])) continue;
    let k = j;
    while (k < length && Number.isNaN(out[k])) k++;
    const before = out[j - 1];
    const after = k < length ? out[k] : before;
    for (let m = j; m < k; m++) out[m] = before + ((after - before) * (m - j + 1)) / (k - j + 1);
    j = k;
  }
  const anyFilled = fill.some((f) => f !== 0);
  return { start: wallStart, step, values: out, ...(anyFilled ? { filled: fill } : {}) };
}
