/**
 * The deployment schedule: which instant a run plans for (`now`) and how far ahead it must look.
 *
 * `now` is the start of the current schedule interval — the latest fire time of the cron expression
 * at or before the real clock — so a `pulumi preview` in a pull request and the scheduled
 * `pulumi up` that follows within the same interval plan the same. An explicit `now` (config or
 * command line) wins and makes any run reproducible.
 *
 * The horizon covers the time until the next scheduled run, plus one more interval for a missed run,
 * plus the pool's readiness time: `horizon = (second fire time after now) − now + readiness`.
 */
import { CronExpressionParser } from "cron-parser";

/** The planning window of one run (epoch seconds). */
export interface ScheduleWindow {
  /** Start of the current interval (or the explicit now). */
  readonly now: number;
  /** The next scheduled run after `now`. */
  readonly next: number;
  /** The run after that: covering it is the margin for one missed run. */
  readonly afterNext: number;
}

/**
 * Check a cron expression (5 fields, UTC).
 *
 * @param cron e.g. `0 * * * *`.
 * @returns null when valid, else the message tail (`must be a cron expression …`).
 */
export function validateCron(cron: string): string | null {
  if (cron.trim().split(/\s+/).length !== 5) {
    return `must be a cron expression with 5 fields like "0 * * * *" (got "${cron}")`;
  }
  try {
    CronExpressionParser.parse(cron, { tz: "UTC" });
    return null;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return `must be a cron expression like "0 * * * *" (got "${cron}": ${why})`;
  }
}

/**
 * The window a run plans for.
 *
 * @param cron the deployment schedule (validated).
 * @param realNow the clock, epoch seconds (used only without an explicit now).
 * @param explicitNow a configured or command-line now, epoch seconds.
 * @returns now, the next run and the run after it.
 */
export function scheduleWindow(
  cron: string,
  realNow: number,
  explicitNow?: number,
): ScheduleWindow {
  let now: number;
  if (explicitNow !== undefined) {
    now = explicitNow;
  } else {
    // prev() is strictly before currentDate: one millisecond later makes a fire time at exactly
    // realNow count as the current interval's start.
    const back = CronExpressionParser.parse(cron, {
      tz: "UTC",
      currentDate: new Date(realNow * 1000 + 1),
    });
    now = Math.floor(back.prev().getTime() / 1000);
  }
  const ahead = CronExpressionParser.parse(cron, { tz: "UTC", currentDate: new Date(now * 1000) });
  const next = Math.floor(ahead.next().getTime() / 1000);
  const afterNext = Math.floor(ahead.next().getTime() / 1000);
  return { now, next, afterNext };
}

/**
 * Planning horizon of a pool.
 *
 * @param window the run's window.
 * @param readinessSeconds how long a new slot takes to become ready.
 * @returns seconds from `now` to the end of the horizon.
 */
export function horizonSeconds(window: ScheduleWindow, readinessSeconds: number): number {
  return window.afterNext - window.now + readinessSeconds;
}
