import { backtest, capsForTimes, type Planner } from "../../forecasts/backtest";
import { defaultEvery } from "../../forecasts/backtest-options";
import { planPool } from "../../forecasts/plan";
import { resample } from "../../forecasts/series";
import type { PlanInput, RawPoint } from "../../forecasts/types";
import { planWithPeak } from "./stub-plan";

/*
 * The tiny trace: one row every 5 s, deployments every 10 s after a 20 s warm-up.
 *   t      0 5 10 15 | 20 25 | 30 35 | 40 45
 *   demand 1 2  3  4 |  4  6 |  2  3 |  7  0
 *   window  warm-up  |   0   |   1   |   2
 * The stub planner asks for peaks 4.5, 3, 6 at T = 20, 30, 40, so capacities 5, 3, 6.
 */
const TINY: RawPoint[] = [1, 2, 3, 4, 4, 6, 2, 3, 7, 0].map((v, i) => ({ t: 5 * i, v }));
const TINY_PEAKS: Record<number, number> = { 20: 4.5, 30: 3, 40: 6 };
const TINY_OPTS = { every: 10, warmupSeconds: 20, step: 5 };

describe("backtest", () => {
  it("shows the planner only the rows before each deployment time", () => {
    const calls: PlanInput[] = [];
    const spy: Planner = (input) => {
      calls.push(input);
      return planWithPeak(input, TINY_PEAKS[input.now]);
    };
    backtest(TINY, TINY_OPTS, spy);
    expect(calls.map((c) => c.now)).toEqual([20, 30, 40]);
    for (const c of calls) {
      const s = c.history!;
      // The last bucket ends at or before T, and holds exactly the rows before T.
      expect(s.start + s.values.length * s.step).toBeLessThanOrEqual(c.now);
      const expected = TINY.filter((p) => p.t < c.now).map((p) => p.v);
      expect(s.values).toEqual(expected);
      // 7 arrives at t = 40: no deployment, not even the one at T = 40, may see it.
      expect(s.values).not.toContain(7);
      expect(c.inUse).toBe(0);
      // Horizon: every (10) + readiness (0), no missed run by default.
      expect(c.policy.horizonSeconds).toBe(10);
      expect(c.policy.quantile).toBe(0.95);
    }
  });

  it("gives every deployment's planner the whole calendar of known events and the clock", () => {
    const events = [{ name: "launch", start: 35, end: 45, factor: 2 }];
    const seen: unknown[] = [];
    const zones: unknown[] = [];
    const spy: Planner = (input) => {
      seen.push(input.policy.events);
      zones.push(input.policy.timeZone);
      return planWithPeak(input, TINY_PEAKS[input.now]);
    };
    backtest(TINY, { ...TINY_OPTS, events, timeZone: "Europe/Berlin" }, spy);
    expect(seen).toEqual([events, events, events]);
    expect(zones).toEqual(["Europe/Berlin", "Europe/Berlin", "Europe/Berlin"]);
  });

  it("gives the planner exactly resample(rows before T, { step, end: T }), gaps included", () => {
    // 5 s rows from 0 to 400 s with gaps: a short one (interpolated), a long one (carried) and
    // ones that straddle deployment times 100, 200 and 300.
    const missing = (t: number) =>
      (t > 40 && t < 55) || (t > 90 && t < 130) || (t >= 195 && t < 205) || (t > 280 && t < 320);
    const points: RawPoint[] = [];
    for (let t = 0; t <= 400; t += 5) if (!missing(t)) points.push({ t, v: (t * 7) % 23 });
    for (const step of [5, 7]) {
      // step 5 divides every deployment time (the cut-from-one-resampling path); 7 does not.
      const calls: PlanInput[] = [];
      backtest(points, { every: 50, warmupSeconds: 60, step }, (input) => {
        calls.push(input);
        return planWithPeak(input, 1);
      });
      expect(calls.length).toBe(7);
      for (const c of calls) {
        const before = points.filter((p) => p.t < c.now);
        expect(c.history).toEqual(resample(before, { step, end: c.now }));
      }
    }
  });

  it("holds each capacity until the next deployment and gives null for warm-up rows", () => {
    const r = backtest(TINY, TINY_OPTS, (input) => planWithPeak(input, TINY_PEAKS[input.now]));
    expect(r.deployments.map((d) => [d.t, d.capacity])).toEqual([
      [20, 5],
      [30, 3],
      [40, 6],
    ]);
    expect(r.capsPerRow).toHaveLength(TINY.length);
    expect(r.capsPerRow).toEqual([null, null, null, null, 5, 5, 3, 3, 6, 6]);
  });

  it("computes the figures of the plan and the oracle on the tiny trace (by hand)", () => {
    const r = backtest(TINY, TINY_OPTS, (input) => planWithPeak(input, TINY_PEAKS[input.now]));
    // Plan: caps 5,5 | 3,3 | 6,6 against 4,6 | 2,3 | 7,0.
    // Covered rows: 4, 2, 3, 0 → 4 of 6. Windows: max 6 > 5, 3 <= 3, 7 > 6 → 1 of 3.
    // Served: 4+5+2+3+6+0 = 20 of 4+6+2+3+7+0 = 22. Idle: 1+0+1+0+0+6 = 8 over 6 rows.
    expect(r.plan.rows).toBe(6);
    expect(r.plan.windows).toBe(3);
    expect(r.plan.coveredRows).toBe(4);
    expect(r.plan.stepCoverage).toBeCloseTo(4 / 6, 12);
    expect(r.plan.windowCoverage).toBeCloseTo(1 / 3, 12);
    expect(r.plan.hitRatio).toBeCloseTo(20 / 22, 12);
    expect(r.plan.idleTotal).toBe(8);
    expect(r.plan.idleMean).toBeCloseTo(8 / 6, 12);
    expect(r.plan.capacityMean).toBeCloseTo(28 / 6, 12);
    // Oracle: caps = window maxima 6 | 3 | 7; everything covered, idle 2+0+1+0+0+7 = 10.
    expect(r.oracle.stepCoverage).toBe(1);
    expect(r.oracle.windowCoverage).toBe(1);
    expect(r.oracle.hitRatio).toBe(1);
    expect(r.oracle.idleTotal).toBe(10);
    // The stub gives no interval.
    expect(r.intervalCoverage).toBeNull();
  });

  it("counts the windows whose maximum fell inside the plan's interval (by hand)", () => {
    // Window maxima 6 | 3 | 7 against intervals [5, 6.5] (inside), [3.5, 4] (below), none.
    const intervals: Record<number, { level: number; lower: number; upper: number } | null> = {
      20: { level: 0.9, lower: 5, upper: 6.5 },
      30: { level: 0.9, lower: 3.5, upper: 4 },
      40: null,
    };
    const r = backtest(TINY, TINY_OPTS, (input) => ({
      ...planWithPeak(input, TINY_PEAKS[input.now]),
      interval: intervals[input.now],
    }));
    expect(r.intervalCoverage).toBe(1 / 2);
    expect(r.deployments.map((d) => d.interval)).toEqual([intervals[20], intervals[30], null]);
  });

  it("tunes the baselines' margins in hindsight to the plan's step coverage (by hand)", () => {
    const r = backtest(TINY, TINY_OPTS, (input) => planWithPeak(input, TINY_PEAKS[input.now]));
    const last = r.baselines.find((b) => b.name === "last-window")!;
    // Estimates (max of the previous 10 s): T=20 → max(3,4) = 4, T=30 → max(4,6) = 6, T=40 → 3.
    // Fixed +20 %: ceil(4.8, 7.2, 3.6) = 5, 8, 4 → covered 4, 2, 3, 0; idle 1+0+6+5+0+4 = 16.
    expect(last.fixed.margin).toEqual({ kind: "multiplicative", value: 0.2 });
    expect(last.fixed.figures.coveredRows).toBe(4);
    expect(last.fixed.figures.idleTotal).toBe(16);
    // Additive: a row is covered iff m >= ceil(d) − ceil(base): 0, 2, −4, −3, 4, −3. The plan
    // covered 4 rows, so m = the 4th smallest = 0 → caps 4, 6, 3, idle 0+0+4+3+0+3 = 10.
    expect(last.tunedAdditive!.margin).toEqual({ kind: "additive", value: 0 });
    expect(last.tunedAdditive!.figures.coveredRows).toBe(4);
    expect(last.tunedAdditive!.figures.idleTotal).toBe(10);
    // Multiplicative: the 4th row (d = 4, base 4) needs ceil(4(1+r)) >= 4, i.e. r > −0.25: −0.249 on
    // the 0.1 % grid → caps ceil(3.004, 4.506, 2.253) = 4, 5, 3, idle 0+0+3+2+0+3 = 8.
    expect(last.tunedMultiplicative!.margin.value).toBeCloseTo(-0.249, 12);
    expect(last.tunedMultiplicative!.figures.coveredRows).toBe(4);
    expect(last.tunedMultiplicative!.figures.idleTotal).toBe(8);
    // The better of the two (less idle) is reported as the tuned baseline.
    expect(last.tuned).toBe(last.tunedMultiplicative);
  });

  it("aligns deployments to multiples of `every` and defaults to 1 h, 14 days, q = 0.95, horizon = every", () => {
    const start = 1_000_000_123; // not on the hour
    const points = Array.from({ length: 16 * 24 }, (_, i) => ({ t: start + 3600 * i, v: i % 24 }));
    const seen: PlanInput[] = [];
    const r = backtest(points, {}, (input) => {
      seen.push(input);
      return planWithPeak(input, 30);
    });
    const first = Math.ceil((start + 14 * 86400) / 3600) * 3600;
    expect(r.deployments[0].t).toBe(first);
    expect(r.deployments.every((d) => d.t % 3600 === 0)).toBe(true);
    expect(r.every).toBe(3600);
    expect(r.warmupSeconds).toBe(14 * 86400);
    // No missed run by default: the planner holds the quantile of exactly the window judged.
    expect(r.horizonSeconds).toBe(3600);
    expect(r.step).toBe(3600);
    expect(seen[0].policy.quantile).toBe(0.95);
    // The last deployment holds the last row.
    const lastRow = points[points.length - 1].t;
    const lastT = r.deployments[r.deployments.length - 1].t;
    expect(lastT <= lastRow && lastRow < lastT + 3600).toBe(true);
    // Capacity 30 covers every row (values 0..23): full coverage.
    expect(r.plan.stepCoverage).toBe(1);
  });

  it("lets the horizon be set from readiness and missed runs", () => {
    let horizon = 0;
    backtest(TINY, { ...TINY_OPTS, readinessSeconds: 3, missedRuns: 2 }, (i) => {
      horizon = i.policy.horizonSeconds;
      return planWithPeak(i, 1);
    });
    // every × (1 + missed runs) + readiness = 10 × 3 + 3.
    expect(horizon).toBe(33);
  });

  it("rejects bad options naming each, and a trace too short for the warm-up", () => {
    const stub: Planner = (i) => planWithPeak(i, 1);
    expect(() => backtest(TINY, { ...TINY_OPTS, quantile: 1.5 }, stub)).toThrow(
      /quantile must be between 0.5 and 0.999 \(got 1.5\)/,
    );
    expect(() => backtest(TINY, { ...TINY_OPTS, every: 0 }, stub)).toThrow(
      /every must be a positive/,
    );
    expect(() => backtest(TINY, { ...TINY_OPTS, warmupSeconds: 100 }, stub)).toThrow(
      /too short for a warm-up/,
    );
    const unsorted = [TINY[1], TINY[0], ...TINY.slice(2)];
    expect(() => backtest(unsorted, TINY_OPTS, stub)).toThrow(/sorted with distinct timestamps/);
  });

  it("is deterministic with the real planner", () => {
    // 16 days of hourly demand with a daily shape.
    const points = Array.from({ length: 16 * 24 }, (_, i) => ({
      t: 1_700_000_000 - (1_700_000_000 % 3600) + 3600 * i,
      v: 5 + 4 * Math.sin((2 * Math.PI * i) / 24) + (i % 7 === 0 ? 3 : 0),
    }));
    const a = JSON.stringify(backtest(points, { warmupSeconds: 15 * 86400 }));
    const b = JSON.stringify(backtest(points, { warmupSeconds: 15 * 86400 }, planPool));
    expect(a).toBe(b);
  });
});

describe("capsForTimes", () => {
  it("maps any time to its window's capacity, null outside the deployments", () => {
    // Windows [20,30) → 5, [30,40) → 3; 19 is warm-up, 40 is after the last window.
    expect(capsForTimes([19, 20, 29.5, 30, 25, 40], 20, 10, [5, 3])).toEqual([
      null,
      5,
      5,
      3,
      5,
      null,
    ]);
  });
});

describe("defaultEvery", () => {
  it("deploys hourly, or once a row when rows are further apart than an hour", () => {
    const rows = (step: number) => [0, 1, 2, 3].map((i) => ({ t: i * step, v: 1 }));
    expect(defaultEvery(rows(300))).toBe(3600);
    expect(defaultEvery(rows(3600))).toBe(3600);
    expect(defaultEvery(rows(86400))).toBe(86400);
    expect(defaultEvery([{ t: 0, v: 1 }])).toBe(3600);
  });
});
