import type { Series } from "./types";

/**
 * A sibling pool's history, for a pool too young for a model of its own: the same service in
 * another region, the previous generation of a pool. Its daily and weekly shape is borrowed; its
 * level is scaled to this pool's.
 */
export interface SiblingHistory {
  /** Shown in the why (a pool name or a file). */
  readonly name: string;
  readonly history: Series;
}

/** What the sibling gave a young pool's fallback (see `forecastWindowMax`). */
export interface SiblingFallback {
  readonly name: string;
  /** The model the sibling's own forecast chose. */
  readonly model: string;
  /** The sibling's calibrated quantile of its window maximum over the same window. */
  readonly siblingPeak: number;
  /** This pool's level against the sibling's (see {@link siblingLevel}). */
  readonly ratio: number;
  readonly days: number;
  /** This pool's own maximum over the same window of the earlier days (see {@link sameWindowMax}). */
  readonly sameWindowMax: number;
  /** What the plain fallback (recent maximum + margin) would have held. */
  readonly plainPeak: number;
}

/** How much of a day must be observed in both series for the day's ratio to count. */
export const SIBLING_MIN_DAY_COVERAGE = 0.5;

/** The level of this pool against its sibling's, from the days both observed. */
export interface SiblingLevel {
  /** The largest of the daily ratios (this pool's daily maximum / the sibling's). */
  readonly ratio: number;
  /** Days compared. */
  readonly days: number;
}

/**
 * The values of the buckets that lie within `[from, to)`, leaving out those resampling invented
 * for a long gap (`filled` 2): they are not demand anyone saw.
 */
function valuesIn(s: Series, from: number, to: number): number[] {
  const first = Math.max(0, Math.ceil((from - s.start) / s.step));
  const end = Math.min(s.values.length, Math.floor((to - s.start) / s.step));
  const out: number[] = [];
  for (let i = first; i < end; i++) if (s.filled?.[i] !== 2) out.push(s.values[i]);
  return out;
}

/**
 * The level ratio of a pool to its sibling: over each whole day `[now − (k+1)·day, now − k·day)`
 * before now that both series observed for at least {@link SIBLING_MIN_DAY_COVERAGE} of its
 * steps, this pool's maximum divided by the sibling's; the largest of them. The largest, not the
 * median: a young pool's first days are few, and holding the sibling's shape at the level of this
 * pool's busiest day relative to it over-provisions rather than under.
 *
 * @param own this pool's history (any regular step).
 * @param sibling the sibling's history.
 * @param now epoch seconds; only values before it count.
 * @returns the ratio and the days behind it, or null when no day qualifies or the sibling's
 * maxima were all 0.
 * @throws {RangeError} when `now` is not finite.
 */
export function siblingLevel(own: Series, sibling: Series, now: number): SiblingLevel | null {
  if (!Number.isFinite(now)) throw new RangeError(`now must be epoch seconds (got ${now})`);
  const day = 86_400;
  const ratios: number[] = [];
  for (let k = 0; ; k++) {
    const to = now - k * day;
    const from = to - day;
    // Days wholly before either series began hold nothing more.
    if (to <= Math.max(own.start, sibling.start)) break;
    const a = valuesIn(own, from, to);
    const b = valuesIn(sibling, from, to);
    // Whole days only: each series must have observed enough of this one.
    if (a.length < (SIBLING_MIN_DAY_COVERAGE * day) / own.step) continue;
    if (b.length < (SIBLING_MIN_DAY_COVERAGE * day) / sibling.step) continue;
    const maxB = Math.max(...b);
    if (maxB > 0) ratios.push(Math.max(...a) / maxB);
  }
  if (ratios.length === 0) return null;
  return { ratio: Math.max(...ratios), days: ratios.length };
}

/**
 * This pool's own maximum over the same window of the day on the days it has: the window
 * `[now − k·day, now − k·day + horizon)` for each k >= 1 that lies within the history. A floor
 * for the sibling's estimate, in case this pool's daily shape is flatter than the sibling's.
 *
 * @param own this pool's history.
 * @param now epoch seconds.
 * @param horizonSeconds the window's length.
 * @returns the maximum, or 0 when no earlier day's window is in the history.
 */
export function sameWindowMax(own: Series, now: number, horizonSeconds: number): number {
  let max = 0;
  for (let k = 1; now - k * 86_400 >= own.start; k++) {
    const from = now - k * 86_400;
    for (const v of valuesIn(own, from, Math.min(from + horizonSeconds, now))) {
      if (v > max) max = v;
    }
  }
  return max;
}
