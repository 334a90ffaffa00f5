import { applyEvents, type EventEffect, type KnownEvent } from "./events";
import { buildGrid, type ModelGrid } from "./grid";
import { isTimeZone, TIME_ZONE_HINT, toWallClock, toWallClockSeries } from "./series/local-time";
import type { Series } from "./types";

/** The grid a forecast works on, and what the pool's clock and calendar did to it. */
export interface WindowGrid {
  /** The model grid the models and the calibration see (on the wall clock, in usual demand). */
  readonly grid: ModelGrid;
  /** Whether the demand itself comes in whole units (the grid may not, once rescaled). */
  readonly wholeUnits: boolean;
  /** What the calendar did (null without events). */
  readonly events: Omit<EventEffect, "touched"> | null;
  /** Per history step, whether a known event touched it (empty without events). */
  readonly eventSteps: readonly boolean[];
  /** The wall clock the grid is on (null: UTC). */
  readonly timeZone: string | null;
}

/**
 * Build the model grid of a forecast at `now`: the history moved onto the wall clock of
 * `timeZone` (see `toWallClockSeries`), re-aggregated onto the model grid (see `buildGrid`), and
 * divided by the factors of the known events it holds (see `applyEvents`); event times move onto
 * the same clock.
 *
 * @param history the demand history (UTC).
 * @param now epoch seconds (UTC).
 * @param horizonSeconds the window's length.
 * @param events known events (UTC instants); default none.
 * @param timeZone an IANA time zone, or undefined (or `UTC`) for UTC.
 * @returns the grid and what the clock and calendar did.
 * @throws {RangeError} for an unknown time zone or an invalid calendar.
 */
export function windowGrid(
  history: Series,
  now: number,
  horizonSeconds: number,
  events: readonly KnownEvent[] = [],
  timeZone?: string,
): WindowGrid {
  if (timeZone !== undefined && !isTimeZone(timeZone)) {
    throw new RangeError(`timeZone must be ${TIME_ZONE_HINT} (got "${timeZone}")`);
  }
  const zone = timeZone === undefined || timeZone === "UTC" ? null : timeZone;
  const onClock = (t: number): number => (zone === null ? t : toWallClock(zone, t));
  const built = buildGrid(
    zone === null ? history : toWallClockSeries(history, zone),
    onClock(now),
    horizonSeconds,
  );
  const common = { wholeUnits: built.integerValued, timeZone: zone };
  if (events.length === 0) return { grid: built, events: null, eventSteps: [], ...common };
  const known = events.map((e) => ({ ...e, start: onClock(e.start), end: onClock(e.end) }));
  const { grid, effect } = applyEvents(built, known);
  const { touched, ...summary } = effect;
  return { grid, events: summary, eventSteps: touched, ...common };
}
