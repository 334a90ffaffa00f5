/**
 * A young pool's fallback from a sibling pool: the level ratio and the same-window floor worked
 * by hand, and the forecast, plan and backtest that use them.
 */
import { backtest } from "../../forecasts/backtest";
import { forecastWindowMax } from "../../forecasts/forecast-window-max";
import { planPool } from "../../forecasts/plan";
import { sameWindowMax, siblingLevel } from "../../forecasts/sibling";
import type { PlanInput, RawPoint, Series } from "../../forecasts/types";

const H = 3600;
const DAY = 86_400;
const T0 = 1_700_006_400; // a midnight, UTC

/** Hourly series from T0 whose value at hour h of day d is `f(d, h)`. */
function hourly(days: number, f: (d: number, h: number) => number, start = T0): Series {
  const values = Array.from({ length: days * 24 }, (_, i) => f(Math.floor(i / 24), i % 24));
  return { start, step: H, values };
}

/** A daily pattern: `low` at night, `high` from 12 to 18 h. */
const daily = (low: number, high: number) => (_d: number, h: number) =>
  h >= 12 && h < 18 ? high : low;

describe("siblingLevel: the largest daily ratio of this pool's maximum to the sibling's", () => {
  it("compares whole days before now and keeps the largest ratio", () => {
    // Own: day maxima 10 then 12; sibling over the same days: 20 then 40 → ratios 0.5 and 0.3.
    const own = hourly(2, (d, h) => (h === 14 ? [10, 12][d] : 1));
    const sib = hourly(
      9,
      (d, h) => (h === 14 ? (d === 7 ? 20 : d === 8 ? 40 : 30) : 2),
      T0 - 7 * DAY,
    );
    expect(siblingLevel(own, sib, T0 + 2 * DAY)).toEqual({ ratio: 0.5, days: 2 });
  });

  it("skips a day either series observed less than half of, and invented buckets", () => {
    // Own starts at 18 h on day 0: 6 of that day's 24 hours, so only day 1 counts.
    const own: Series = {
      start: T0 + 18 * H,
      step: H,
      values: [...Array(6).fill(50), ...Array(24).fill(4)],
    };
    const sib = hourly(2, () => 8);
    expect(siblingLevel(own, sib, T0 + 2 * DAY)).toEqual({ ratio: 0.5, days: 1 });
    // The same day with 13 of its sibling's buckets invented (filled 2): under half observed.
    const filled = Array.from({ length: 48 }, (_, i) => (i >= 24 && i < 37 ? 2 : 0)) as (0 | 2)[];
    expect(siblingLevel(own, { ...sib, filled }, T0 + 2 * DAY)).toBeNull();
  });

  it("is null without a whole day, or when the sibling's maxima are all 0", () => {
    expect(
      siblingLevel(
        hourly(2, () => 3),
        hourly(2, () => 0),
        T0 + 2 * DAY,
      ),
    ).toBeNull();
    const halfDay: Series = { start: T0 + 12 * H, step: H, values: Array(11).fill(3) };
    expect(
      siblingLevel(
        halfDay,
        hourly(2, () => 5),
        T0 + DAY - H,
      ),
    ).toBeNull();
    expect(() => siblingLevel(halfDay, halfDay, NaN)).toThrow(RangeError);
  });
});

describe("sameWindowMax: this pool's own maximum over the same window of earlier days", () => {
  it("takes the window at the same time on each earlier day within the history", () => {
    // Hour h of day d = 10·d + h; window [14 h, 16 h) on day 3 → days 2, 1, 0: max 10·2 + 15.
    const own = hourly(3, (d, h) => 10 * d + h);
    expect(sameWindowMax(own, T0 + 3 * DAY + 14 * H, 2 * H)).toBe(35);
    expect(sameWindowMax(own, T0 + 14 * H, 2 * H)).toBe(0);
  });
});

/** Four weeks of a sibling at twice this pool's level, and five days of this pool. */
const sibling = { name: "api-eu", history: hourly(28, daily(20, 100), T0 - 23 * DAY) };
const young = hourly(5, daily(10, 50));
const NOW_NIGHT = T0 + 5 * DAY + 2 * H;
const NOW_PEAK = T0 + 5 * DAY + 13 * H;

describe("forecastWindowMax with a sibling (under two weeks of own history)", () => {
  const ask = (now: number, extra: object = {}) =>
    forecastWindowMax({ history: young, now, horizonSeconds: H, quantile: 0.95, ...extra });

  it("holds the sibling's calibrated peak × the level ratio, night low and afternoon high", () => {
    const night = ask(NOW_NIGHT, { sibling });
    const peak = ask(NOW_PEAK, { sibling });
    const sibNight = forecastWindowMax({
      history: sibling.history,
      now: NOW_NIGHT,
      horizonSeconds: H,
      quantile: 0.95,
    });
    expect(night.verdict).toMatch(/^not predictable: only 5 days of history/);
    expect(night.fallback?.sibling).toMatchObject({ name: "api-eu", ratio: 0.5, days: 5 });
    expect(night.fallback?.sibling?.siblingPeak).toBe(sibNight.peak);
    // Whole units: ceil(sibling's peak × 0.5), at least the own 10 at that hour on earlier days.
    expect(night.peak).toBe(Math.max(10, Math.ceil(sibNight.peak * 0.5 - 1e-9)));
    expect(night.peak).toBeLessThan(20);
    expect(peak.peak).toBeGreaterThanOrEqual(50);
    // Without the sibling the fallback holds the week's maximum + 20 % day and night.
    expect(ask(NOW_NIGHT).peak).toBe(60);
  });

  it("falls back as before, saying why, when the sibling has no model either", () => {
    const short = { name: "new-too", history: hourly(3, daily(20, 100), T0 + 2 * DAY) };
    const fc = ask(NOW_NIGHT, { sibling: short });
    expect(fc.verdict).toMatch(
      /sibling "new-too" not used \(not predictable: only 3 days of history before now/,
    );
    expect(fc.fallback?.sibling).toBeUndefined();
    expect(fc.peak).toBe(60);
  });

  it("explains the sibling's part in the plan's why", () => {
    const input: PlanInput = {
      history: young,
      now: NOW_NIGHT,
      inUse: 0,
      sibling,
      policy: {
        quantile: 0.95,
        horizonSeconds: H,
        min: 0,
        max: Infinity,
        maxStepDown: Infinity,
        cooldownSeconds: 0,
      },
    };
    const why = planPool(input).why.join("\n");
    expect(why).toContain('Fallback from sibling "api-eu": its calibrated 0.95 quantile');
    expect(why).toContain("× level ratio 0.5 (the largest of 5 daily-maximum ratios");
    expect(why).toContain("(the recent maximum + margin would hold 60)");
  });
});

describe("backtest with a sibling", () => {
  const points = (s: Series): RawPoint[] =>
    s.values.map((v, i) => ({ t: s.start + i * s.step, v }));

  it("shows each plan the sibling's rows before its deployment only, and only while young", () => {
    const own = points(hourly(16, daily(10, 50)));
    const sib = points(hourly(44, daily(20, 100), T0 - 28 * DAY));
    const seen: { now: number; sibEnd: number | null }[] = [];
    backtest(
      own,
      { every: 4 * H, warmupSeconds: 2 * DAY, sibling: { name: "sib", points: sib } },
      (input) => {
        const s = input.sibling?.history;
        seen.push({
          now: input.now,
          sibEnd: s === undefined ? null : s.start + s.values.length * s.step,
        });
        return planPool(input);
      },
    );
    for (const { now, sibEnd } of seen) {
      if (now - T0 < 15 * DAY) expect(sibEnd).toBeLessThanOrEqual(now);
      else expect(sibEnd).toBeNull();
    }
    expect(seen.some((x) => x.sibEnd !== null)).toBe(true);
  });

  it("holds less than the plain fallback in a young pool's first days, covering its windows", () => {
    const own = points(hourly(14, daily(10, 50)));
    const sib = points(hourly(42, daily(20, 100), T0 - 28 * DAY));
    const plain = backtest(own, { every: 4 * H, warmupSeconds: 2 * DAY });
    const withSibling = backtest(own, {
      every: 4 * H,
      warmupSeconds: 2 * DAY,
      sibling: { name: "sib", points: sib },
    });
    expect(withSibling.plan.windowCoverage).toBe(1);
    expect(withSibling.plan.idleMean).toBeLessThan(plain.plan.idleMean / 2);
  });
});
