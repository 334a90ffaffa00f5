/**
 * The policy a pool plans with in one run: the horizon from the schedule, the pool's bounds raised
 * by planned floors, its known events, and the releases it may count on. Pure: no Pulumi, no I/O.
 *
 * Planned overrides and events are floors on the shadow count (documented in the README):
 * - an override `{ from, to, minShadow }` holds at least `minShadow` shadow slots while
 *   `from <= now < to`;
 * - an event `{ at, duration, extra }` holds at least `extra` shadow slots from the first run whose
 *   horizon reaches `at` until `at + duration` (so the capacity is ready when the event starts);
 *   events that overlap add up. An event's `factor` is not a floor: the forecast applies it (see
 *   `forecasts/events.ts`).
 * The floor is the largest override and the sum of events; it raises the pool's `min` (and its
 * `max`, when the floor is above it: an admin's explicit floor wins over the usual cap).
 */
import type { SlotClaim } from "../components/slots";
import type { KnownEvent } from "../forecasts/events";
import { releasesAtQuantile } from "../forecasts/releases";
import type { PoolPolicy } from "../forecasts/types";
import type { PlannedEvent, PoolConfig } from "./config";
import { horizonSeconds, type ScheduleWindow } from "./schedule";

/**
 * The floor that overrides and events put on a pool's shadow count at `now`.
 *
 * @param pool the pool's config.
 * @param window the run's window.
 * @returns the floor (0 when nothing applies) and one note per override/event that applies.
 */
export function plannedFloor(
  pool: PoolConfig,
  window: ScheduleWindow,
): { floor: number; notes: string[] } {
  const notes: string[] = [];
  const horizonEnd = window.now + horizonSeconds(window, pool.readinessSeconds);
  let override = 0;
  for (const o of pool.overrides) {
    if (o.from <= window.now && window.now < o.to) {
      override = Math.max(override, o.minShadow);
      const why = o.reason === undefined ? "" : ` (${o.reason})`;
      notes.push(`override until ${iso(o.to)}${why}: at least ${o.minShadow} shadow`);
    }
  }
  let events = 0;
  for (const e of pool.events) {
    // In view from the first run whose horizon reaches the start until the event ends.
    if (e.extra > 0 && e.at <= horizonEnd && window.now < e.at + e.durationSeconds) {
      events += e.extra;
      notes.push(`event ${e.name ?? "(unnamed)"} at ${iso(e.at)}: +${e.extra} shadow held`);
    }
  }
  return { floor: Math.max(override, events), notes };
}

/**
 * The planner policy of a pool for this run (horizon from the schedule, floors applied).
 *
 * @param pool the pool's config.
 * @param window the run's window.
 * @returns the policy and the notes explaining any floor.
 */
export function policyFor(
  pool: PoolConfig,
  window: ScheduleWindow,
): { policy: PoolPolicy; notes: string[] } {
  const { floor, notes } = plannedFloor(pool, window);
  const min = Math.max(pool.min, floor);
  const max = Math.max(pool.max, floor);
  if (max > pool.max) notes.push(`the floor ${floor} is above bounds.max ${pool.max}: max raised`);
  const policy: PoolPolicy = {
    quantile: pool.quantile,
    horizonSeconds: horizonSeconds(window, pool.readinessSeconds),
    min,
    max,
    maxStepDown: pool.maxStepDown,
    cooldownSeconds: pool.cooldownSeconds,
    ...(pool.models === undefined ? {} : { models: pool.models }),
    ...(pool.selectBy === undefined ? {} : { selectBy: pool.selectBy }),
    ...(pool.timeZone === undefined ? {} : { timeZone: pool.timeZone }),
    ...(pool.pricePerSlotHour === undefined ? {} : { pricePerSlotHour: pool.pricePerSlotHour }),
    ...(pool.events.length === 0 ? {} : { events: pool.events.map(knownEvent) }),
  };
  return { policy, notes };
}

/**
 * A pool's event as the forecast takes it. Every event goes to the forecast, with or without a
 * factor: a past one's windows are then left out of the calibration, because its demand (or the
 * extra slots held for it) is not the pool's usual error.
 *
 * @param e the planned event.
 * @returns the known event.
 */
export function knownEvent(e: PlannedEvent): KnownEvent {
  return {
    ...(e.name === undefined ? {} : { name: e.name }),
    start: e.at,
    end: e.at + e.durationSeconds,
    ...(e.factor === undefined ? {} : { factor: e.factor }),
  };
}

/**
 * How many releasing slots a plan may count on (see `releasesAtQuantile`): all of them when every
 * holder was certain; with doubtful ones, the number that happen with probability `quantile`,
 * explained in a note.
 *
 * @param claims the pool's claims.
 * @param quantile the pool's quantile.
 * @param notes where the explanation goes.
 * @returns the releases to count.
 */
export function countedReleases(
  claims: readonly SlotClaim[],
  quantile: number,
  notes: string[],
): number {
  const confidences = claims
    .filter((c) => c.releasing === true)
    .map((c) => c.releaseConfidence ?? 1);
  const counted = releasesAtQuantile(confidences, quantile);
  if (confidences.some((p) => p < 1)) {
    notes.push(
      `releases: ${confidences.length} slot(s) releasing (confidence ${confidences.map((p) => `${Math.round(100 * p)} %`).join(", ")}); ` +
        `${counted} counted, the number that happen with probability ${quantile}`,
    );
  }
  return counted;
}

function iso(t: number): string {
  return `${new Date(t * 1000).toISOString().slice(0, 16)}Z`;
}
