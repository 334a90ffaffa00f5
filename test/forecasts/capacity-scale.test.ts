import { backtest } from "../../forecasts/backtest";
import { capacityScale, fromCapacityUnits, toCapacityUnits } from "../../forecasts/capacity-scale";
import type { PlanInput, PoolPlan, RawPoint } from "../../forecasts/types";
import { planWithPeak } from "./stub-plan";

describe("capacityScale", () => {
  it("keeps whole units for whole-number demand and for demand in the thousands", () => {
    expect(capacityScale([0, 3, 17])).toBe(1);
    expect(capacityScale([1234.5, 999.25])).toBe(1);
    expect(capacityScale([0, 0])).toBe(1);
    expect(capacityScale([])).toBe(1);
  });

  it("makes the largest fractional value reach the thousands", () => {
    // 0.85 → ×10⁴ = 8500; 12.5 → ×100 = 1250; 0.00012 → ×10⁷ = 1200; 999.5 → ×10 = 9995.
    expect(capacityScale([0.35, 0.85])).toBe(1e4);
    expect(capacityScale([3, 12.5])).toBe(100);
    expect(capacityScale([0.00012])).toBe(1e7);
    expect(capacityScale([999.5])).toBe(10);
  });

  it("converts without float noise: a capacity equal to a demand compares equal to it", () => {
    // 0.0051 × 10⁴ is 51.00000000000001 in floating point: 51 units would seem to miss it.
    expect(0.0051 * 1e4).toBeGreaterThan(51);
    expect(toCapacityUnits(0.0051, 1e4)).toBe(51);
    expect(fromCapacityUnits(51, 1e4)).toBe(0.0051);
    expect(fromCapacityUnits(3512, 1e4)).toBe(0.3512);
    expect(toCapacityUnits(7.25, 1)).toBe(7.25);
  });
});

describe("backtest of fractional demand", () => {
  /*
   * The tiny trace of backtest.test.ts divided by 10 (largest 0.7: scale 10⁴), deployments every
   * 10 s after 20 s:
   *   demand 0.4 0.6 | 0.2 0.3 | 0.7 0
   * The stub asks for peaks 0.45, 0.3, 0.61234: capacities 0.45, 0.3, 0.6124 (whole units of 10⁻⁴,
   * rounded up), where whole slots would have held 1, 1, 1 and covered everything.
   */
  const points: RawPoint[] = [1, 2, 3, 4, 4, 6, 2, 3, 7, 0].map((v, i) => ({
    t: 5 * i,
    v: v / 10,
  }));
  const peaks: Record<number, number> = { 20: 0.45, 30: 0.3, 40: 0.61234 };
  const seen: PlanInput[] = [];
  const stub = (input: PlanInput): PoolPlan => {
    seen.push(input);
    return planWithPeak(input, peaks[input.now] * 1e4);
  };
  const r = backtest(points, { every: 10, warmupSeconds: 20, step: 5 }, stub);

  it("holds capacity in units of a ten-thousandth and reports it in the demand's units", () => {
    expect(r.capacityScale).toBe(1e4);
    expect(r.deployments.map((d) => d.capacity)).toEqual([0.45, 0.3, 0.6124]);
    expect(r.capsPerRow).toEqual([null, null, null, null, 0.45, 0.45, 0.3, 0.3, 0.6124, 0.6124]);
    // The planner saw the history in those units.
    expect(seen[0].history!.values).toEqual([1000, 2000, 3000, 4000]);
  });

  it("scores coverage and idle in the demand's units (by hand)", () => {
    // Covered: 0.4 (0.45), 0.2, 0.3 (0.3), 0 (0.6124) → 4 of 6; windows 0.6 > 0.45, 0.3 <= 0.3,
    // 0.7 > 0.6124 → 1 of 3. Idle: 0.05 + 0 + 0.1 + 0 + 0 + 0.6124 = 0.7624.
    expect(r.plan.coveredRows).toBe(4);
    expect(r.plan.windowCoverage).toBeCloseTo(1 / 3, 12);
    expect(r.plan.idleTotal).toBeCloseTo(0.7624, 12);
    // Oracle: window maxima 0.6 | 0.3 | 0.7 → idle 0.2 + 0 + 0.1 + 0 + 0 + 0.7 = 1.0.
    expect(r.oracle.idleTotal).toBeCloseTo(1.0, 12);
    // Last window + a tuned additive margin in demand units: estimates 0.4, 0.6, 0.3; a row is
    // covered iff m >= d − base: 0, 0.2, −0.4, −0.3, 0.4, −0.3 → the 4th smallest is 0.
    const last = r.baselines.find((b) => b.name === "last-window")!;
    expect(last.tunedAdditive!.margin).toEqual({ kind: "additive", value: 0 });
    expect(last.tunedAdditive!.figures.idleTotal).toBeCloseTo(0 + 0 + 0.4 + 0.3 + 0 + 0.3, 12);
    // The reported tuned baseline is still one of the two tuned variants, in demand units.
    expect([last.tunedAdditive, last.tunedMultiplicative]).toContain(last.tuned);
  });

  it("rejects a capacity scale that is not a whole number >= 1", () => {
    expect(() => backtest(points, { every: 10, warmupSeconds: 20, capacityScale: 0.5 })).toThrow(
      "backtest: capacityScale must be a whole number >= 1 (got 0.5)",
    );
  });
});
