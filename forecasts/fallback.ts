/** Days of recent history the fallback looks back over. */
export const FALLBACK_DAYS = 7;
/** Relative margin of the fallback over the recent maximum. */
export const FALLBACK_MARGIN = 0.2;

/**
 * The conservative peak for a pool no model can be trusted with: the maximum of the last
 * {@link FALLBACK_DAYS} days (or whatever history there is) plus a margin of 20 %, and at least one
 * whole unit for whole-number demand (a pool of 3 gets 4, not 3.6). A week holds every weekday's
 * peak; the margin covers a peak a little above anything seen yet. It over-provisions on purpose:
 * the verdict tells the reader so, and the pool moves to a calibrated model once it qualifies.
 *
 * @param values history on a regular grid, oldest first (may be empty).
 * @param step grid step in seconds.
 * @param integerValued whether demand comes in whole units.
 * @returns the recent maximum, the fallback peak (>= 0) and the days looked at.
 */
export function fallbackPeak(
  values: readonly number[],
  step: number,
  integerValued: boolean,
): { recentMax: number; peak: number; days: number } {
  const take = Math.max(1, Math.round((FALLBACK_DAYS * 86_400) / step));
  const recent = values.slice(-take);
  let recentMax = 0;
  for (const v of recent) if (v > recentMax) recentMax = v;
  const margin = Math.max(integerValued ? 1 : 0, FALLBACK_MARGIN * recentMax);
  return { recentMax, peak: recentMax + margin, days: (recent.length * step) / 86_400 };
}
