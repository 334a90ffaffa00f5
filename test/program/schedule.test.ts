/**
 * The schedule window: `now` is the latest cron fire time at or before the clock; the horizon runs
 * to the second fire time after `now` (next run + one missed run) plus the pool's readiness.
 * Expected times are worked out by hand from the cron expressions.
 */
import { horizonSeconds, scheduleWindow, validateCron } from "../../program/schedule";
import { formatDuration, parseDuration } from "../../program/config/duration";

const t = (iso: string): number => Date.parse(iso) / 1000;

describe("scheduleWindow", () => {
  it("hourly: now is the start of the current hour", () => {
    const w = scheduleWindow("0 * * * *", t("2026-11-24T09:41:13Z"));
    expect(w).toEqual({
      now: t("2026-11-24T09:00:00Z"),
      next: t("2026-11-24T10:00:00Z"),
      afterNext: t("2026-11-24T11:00:00Z"),
    });
  });

  it("a run exactly at a fire time plans for that fire time", () => {
    expect(scheduleWindow("0 * * * *", t("2026-11-24T09:00:00Z")).now).toBe(
      t("2026-11-24T09:00:00Z"),
    );
  });

  it("every 15 minutes", () => {
    const w = scheduleWindow("*/15 * * * *", t("2026-11-24T09:44:59Z"));
    expect(w.now).toBe(t("2026-11-24T09:30:00Z"));
    expect(w.afterNext).toBe(t("2026-11-24T10:00:00Z"));
  });

  it("weekdays at 06:00: Monday's run covers until Wednesday's", () => {
    // 2026-11-23 is a Monday.
    const w = scheduleWindow("0 6 * * 1-5", t("2026-11-23T07:00:00Z"));
    expect(w.now).toBe(t("2026-11-23T06:00:00Z"));
    expect(w.next).toBe(t("2026-11-24T06:00:00Z"));
    expect(w.afterNext).toBe(t("2026-11-25T06:00:00Z"));
  });

  it("an explicit now wins, even off the schedule", () => {
    const w = scheduleWindow("0 * * * *", t("2030-01-01T00:00:00Z"), t("2026-11-24T09:30:00Z"));
    expect(w).toEqual({
      now: t("2026-11-24T09:30:00Z"),
      next: t("2026-11-24T10:00:00Z"),
      afterNext: t("2026-11-24T11:00:00Z"),
    });
  });

  it("horizon = until the run after next + readiness", () => {
    const w = scheduleWindow("0 * * * *", t("2026-11-24T09:10:00Z"));
    expect(horizonSeconds(w, 600)).toBe(2 * 3600 + 600);
  });
});

describe("validateCron", () => {
  it("accepts five fields and rejects the rest with the fix", () => {
    expect(validateCron("0 * * * *")).toBeNull();
    expect(validateCron("0 0 * * * *")).toBe(
      'must be a cron expression with 5 fields like "0 * * * *" (got "0 0 * * * *")',
    );
  });
});

describe("durations", () => {
  it.each([
    ["90s", 90],
    ["15m", 900],
    ["2h", 7200],
    ["1d", 86400],
    ["1w", 604800],
    ["1h30m", 5400],
  ])("%s = %i seconds", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
    expect(parseDuration(formatDuration(seconds))).toBe(seconds);
  });

  it.each(["", "2", "2 hours", "1.5h", "-1h", "h"])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it("formats the shortest form", () => {
    expect(formatDuration(7800)).toBe("2h10m");
    expect(formatDuration(0)).toBe("0s");
  });
});
