/**
 * A pool's demand history as the planner takes it: the loaded points before `now`, resampled to a
 * regular step, or the reason there is none. No Pulumi, no I/O.
 */
import { inferStep, resampleWithRepairs } from "../forecasts/series";
import type { Series } from "../forecasts/types";
import type { LoadedHistory } from "./sources/types";

/** A pool's history as the components take it. */
export interface PoolHistory {
  readonly history: Series | null;
  /** Why `history` is null (names the source, never its credentials). */
  readonly historyError?: string;
  /** Repairs made while loading and resampling, one line each. */
  readonly notes: readonly string[];
  /** The source, as the loader names it. */
  readonly source: string;
}

/** Seconds in a week: the longest seasonal period used to fill long gaps. */
const WEEK = 604_800;

/**
 * Turn a loaded history into the regular series the planner takes (history at or after `now` is
 * ignored). A failed source, or one that resampling rejects, gives `history: null` with the reason.
 *
 * @param loaded what the source loader returned.
 * @param stepSeconds configured step, or undefined to infer it from the points.
 * @param now start of the interval being planned.
 * @returns the series or the reason there is none.
 */
export function toPoolHistory(
  loaded: LoadedHistory,
  stepSeconds: number | undefined,
  now: number,
): PoolHistory {
  if (!loaded.ok)
    return { history: null, historyError: loaded.error, notes: [], source: loaded.source };
  const points = loaded.history.points.filter((p) => p.t < now);
  try {
    const step = stepSeconds ?? inferStep(points);
    const period = WEEK % step === 0 ? WEEK / step : undefined;
    const { series, repairs } = resampleWithRepairs(points, { step, end: now, period });
    return {
      history: series,
      notes: [...loaded.history.repairs, ...repairs],
      source: loaded.source,
    };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      history: null,
      historyError: `${loaded.source}: ${why}`,
      notes: [...loaded.history.repairs],
      source: loaded.source,
    };
  }
}
