import { forecastWindowMax } from "../../../forecasts/forecast-window-max";
import { planPool } from "../../../forecasts/plan";
import {
  isTimeZone,
  toWallClock,
  toWallClockSeries,
  utcOffsetSeconds,
} from "../../../forecasts/series/local-time";
import { testPolicy } from "../policy";

const at = (iso: string): number => Date.parse(iso) / 1000;
const HOUR = 3600;

describe("utcOffsetSeconds", () => {
  // The rules, independent of this code: in the US daylight time starts on the second Sunday of
  // March at 02:00 local and ends on the first Sunday of November at 02:00 local (Energy Policy
  // Act of 2005, §110); in the EU summer time runs from 01:00 UTC on the last Sunday of March to
  // 01:00 UTC on the last Sunday of October (Directive 2000/84/EC, arts. 2 and 3).
  it("follows the published daylight-saving rules of New York and Berlin in 2026", () => {
    expect(utcOffsetSeconds("America/New_York", at("2026-03-08T06:59:59Z"))).toBe(-5 * HOUR);
    expect(utcOffsetSeconds("America/New_York", at("2026-03-08T07:00:00Z"))).toBe(-4 * HOUR);
    expect(utcOffsetSeconds("America/New_York", at("2026-11-01T05:59:59Z"))).toBe(-4 * HOUR);
    expect(utcOffsetSeconds("America/New_York", at("2026-11-01T06:00:00Z"))).toBe(-5 * HOUR);
    expect(utcOffsetSeconds("Europe/Berlin", at("2026-03-29T00:59:59Z"))).toBe(HOUR);
    expect(utcOffsetSeconds("Europe/Berlin", at("2026-03-29T01:00:00Z"))).toBe(2 * HOUR);
    expect(utcOffsetSeconds("Europe/Berlin", at("2026-10-25T00:59:59Z"))).toBe(2 * HOUR);
    expect(utcOffsetSeconds("Europe/Berlin", at("2026-10-25T01:00:00Z"))).toBe(HOUR);
    // India keeps +05:30 all year.
    expect(utcOffsetSeconds("Asia/Kolkata", at("2026-07-01T00:00:00Z"))).toBe(5.5 * HOUR);
    expect(toWallClock("UTC", 1234)).toBe(1234);
  });

  it("knows which names are time zones", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});

describe("toWallClockSeries", () => {
  it("interpolates the hour the clock skips, and marks it", () => {
    // Hourly buckets from 22:00 UTC on 28 March 2026; Berlin skips 02:00 local (01:00 UTC).
    const s = toWallClockSeries(
      { start: at("2026-03-28T22:00:00Z"), step: HOUR, values: [0, 1, 2, 4, 5] },
      "Europe/Berlin",
    );
    // Wall clock: 23:00 0, 00:00 1, 01:00 2, (02:00 skipped) 03:00 4, 04:00 5.
    expect(s.start).toBe(at("2026-03-28T23:00:00Z"));
    expect(s.values).toEqual([0, 1, 2, 3, 4, 5]);
    expect(s.filled).toEqual([0, 0, 0, 1, 0, 0]);
  });

  it("keeps the larger value of the hour the clock repeats", () => {
    // Berlin repeats 02:00 local on 25 October 2026 (00:00 and 01:00 UTC).
    const s = toWallClockSeries(
      { start: at("2026-10-24T23:00:00Z"), step: HOUR, values: [7, 3, 9, 4] },
      "Europe/Berlin",
    );
    // Wall clock: 01:00 7, 02:00 max(3, 9), 03:00 4.
    expect(s.start).toBe(at("2026-10-25T01:00:00Z"));
    expect(s.values).toEqual([7, 9, 4]);
    expect(s.filled).toBeUndefined();
  });
});

describe("forecasting on a wall clock", () => {
  // Weekday office hours on the New York clock (50 from 09:00 to 17:00, else 10), four weeks up
  // to Wednesday 11 March 2026, three days after the clocks went forward.
  const now = at("2026-03-11T13:00:00Z"); // 09:00 EDT: the office has just opened
  const start = now - 30 * 24 * HOUR;
  const values = Array.from({ length: 30 * 24 }, (_, i) => {
    const wall = toWallClock("America/New_York", start + i * HOUR);
    const hour = ((wall % 86_400) + 86_400) % 86_400;
    const weekday = (Math.floor(wall / 86_400) + 3) % 7 < 5; // 1970-01-01 was a Thursday
    return weekday && hour >= 9 * HOUR && hour < 17 * HOUR ? 50 : 10;
  });
  const request = {
    history: { start, step: HOUR, values },
    now,
    horizonSeconds: HOUR,
    quantile: 0.95,
    models: ["similar-days"],
  };

  it("puts the opening hour where the clock is, after a daylight-saving change", () => {
    // On UTC most alike days opened an hour later (14:00 UTC in winter): the forecast misses it.
    expect(forecastWindowMax(request).pointMax).toBe(10);
    const local = forecastWindowMax({ ...request, timeZone: "America/New_York" });
    expect(local.pointMax).toBe(50);
    expect(local.timeZone).toBe("America/New_York");
  });

  it("rejects an unknown time zone, naming it", () => {
    expect(() => forecastWindowMax({ ...request, timeZone: "Mars/Olympus_Mons" })).toThrow(
      'timeZone must be an IANA time zone like "Europe/Berlin", "America/New_York" or "UTC" (got "Mars/Olympus_Mons")',
    );
  });

  it("says so in the plan's why, and the plan's validation names a bad zone", () => {
    const policy = testPolicy(["similar-days"]);
    const input = { history: request.history, now, inUse: 0 };
    const plan = planPool({ ...input, policy: { ...policy, timeZone: "America/New_York" } });
    expect(plan.why).toContain(
      "Clock: the models saw the history on the wall clock of America/New_York, so daylight saving does not move its daily pattern.",
    );
    expect(planPool({ ...input, policy }).why.join(" ")).not.toMatch(/wall clock/);
    expect(() => planPool({ ...input, policy: { ...policy, timeZone: "EST5EDT6" } })).toThrow(
      'policy.timeZone must be an IANA time zone like "Europe/Berlin", "America/New_York" or "UTC" (got "EST5EDT6")',
    );
  });
});
