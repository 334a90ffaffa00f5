import type { ModelGrid } from "./grid";

/**
 * A known event: a span of time whose demand is not the pool's usual — a holiday, a launch, a
 * sale, a release train. Models learn the usual; a calendar says when it does not apply.
 */
export interface KnownEvent {
  /** Shown in the plan's why. */
  readonly name?: string;
  /** Epoch seconds; the event covers `[start, end)`. */
  readonly start: number;
  readonly end: number;
  /**
   * Expected demand as a multiple of the usual (a holiday 0.5, a launch 2). Without it the
   * event's past demand is only kept out of the calibration, and a future one changes nothing.
   */
  readonly factor?: number;
}

/** What an event's factor must be, in every message that rejects one. */
export const FACTOR_HINT = "a positive number, e.g. 0.5 for a holiday or 2 for a launch";

/** What a calendar did to one forecast. */
export interface EventEffect {
  /** The factor the window's bound was multiplied by: the largest over its steps (1: none). */
  readonly windowFactor: number;
  /** Names of the events with a factor that reach into the window, with their factors. */
  readonly inWindow: readonly string[];
  /** History steps divided by their events' factor before the models saw them. */
  readonly rescaledSteps: number;
  /** Per history step: whether any event touches it (its windows are not calibrated on). */
  readonly touched: readonly boolean[];
}

/**
 * Problems with a calendar, one line each, naming the entry, the field, the value and the fix.
 *
 * @param events the calendar.
 * @param path how the caller names the list (e.g. `policy.events`).
 * @returns the problems (empty when the calendar is valid).
 */
export function eventProblems(events: readonly KnownEvent[], path: string): string[] {
  const problems: string[] = [];
  events.forEach((e, i) => {
    const at = `${path}[${i}]`;
    if (!Number.isFinite(e.start))
      problems.push(`${at}.start must be epoch seconds (got ${e.start})`);
    if (!Number.isFinite(e.end)) problems.push(`${at}.end must be epoch seconds (got ${e.end})`);
    else if (Number.isFinite(e.start) && !(e.end > e.start)) {
      problems.push(`${at}.end must be after its start (got start ${e.start}, end ${e.end})`);
    }
    if (e.factor !== undefined && !(e.factor > 0 && Number.isFinite(e.factor))) {
      problems.push(`${at}.factor must be ${FACTOR_HINT} (got ${e.factor})`);
    }
  });
  return problems;
}

/**
 * Apply a calendar to a model grid. A step takes the product of the factors of the events that
 * cover at least half of it (so an event on whole hours rescales exactly its hours, and two that
 * overlap compound); steps no event covers keep factor 1. The history's values are divided by their
 * factor, so models and alike-day comparisons see usual demand (a holiday does not pull the
 * forecast down for weeks, a launch does not lift it); the window's bound is then multiplied by the
 * largest factor over the window, so a surge is held from the first deployment whose window reaches
 * it and a holiday lowers only its own windows. Every step an event touches at all is marked, and
 * its windows are left out of the calibration: an event's demand is not the pool's usual error.
 *
 * Whole-unit demand divided by a factor is no longer whole: the grid then says so, and the caller
 * rounds the final bound up instead.
 *
 * @param grid the model grid (history, gap and horizon).
 * @param events a valid calendar (see {@link eventProblems}).
 * @returns the grid the models see, and the effect for the why.
 * @throws {RangeError} for an invalid calendar.
 */
export function applyEvents(
  grid: ModelGrid,
  events: readonly KnownEvent[],
): { grid: ModelGrid; effect: EventEffect } {
  const problems = eventProblems(events, "events");
  if (problems.length > 0) throw new RangeError(`invalid events:\n  ${problems.join("\n  ")}`);
  const n = grid.values.length;
  const total = n + grid.gapSteps + grid.horizonSteps;
  const first = grid.end - n * grid.step;
  const factors = new Float64Array(total).fill(1);
  const touched = new Array<boolean>(n).fill(false);
  const inWindow: string[] = [];
  for (const e of events) {
    // Steps the event overlaps, clipped to the grid.
    const lo = Math.max(0, Math.floor((e.start - first) / grid.step));
    const hi = Math.min(total, Math.ceil((e.end - first) / grid.step));
    let reachesWindow = false;
    for (let i = lo; i < hi; i++) {
      const from = first + i * grid.step;
      const overlap = Math.min(e.end, from + grid.step) - Math.max(e.start, from);
      if (overlap <= 0) continue;
      if (i < n) touched[i] = true;
      if (e.factor !== undefined && overlap * 2 >= grid.step) {
        factors[i] *= e.factor;
        if (i >= n + grid.gapSteps) reachesWindow = true;
      }
    }
    if (reachesWindow) inWindow.push(`${e.name ?? "(unnamed)"} ×${e.factor}`);
  }
  let rescaledSteps = 0;
  const values = grid.values.map((v, i) => {
    if (factors[i] === 1) return v;
    rescaledSteps++;
    return v / factors[i];
  });
  let windowFactor = -Infinity;
  for (let i = n + grid.gapSteps; i < total; i++) windowFactor = Math.max(windowFactor, factors[i]);
  return {
    grid: {
      ...grid,
      values,
      integerValued: grid.integerValued && rescaledSteps === 0,
    },
    effect: {
      windowFactor: Number.isFinite(windowFactor) ? windowFactor : 1,
      inWindow,
      rescaledSteps,
      touched,
    },
  };
}
