import fc from "fast-check";
import { countCovered } from "../../forecasts/backtest-metrics";
import { BASELINES, baselineBases } from "../../forecasts/baselines";
import { lowerBound } from "../../forecasts/lower-bound";
import { applyMargin, smallestPassing, tuneMargin } from "../../forecasts/hindsight-margin";

const WEEK = 7 * 86400;
const spec = (name: string) => BASELINES.find((b) => b.name === name)!;

describe("baselineBases", () => {
  // Hourly rows over three weeks; the value encodes the row's hour index so maxima are easy to read.
  const times = Array.from({ length: 21 * 24 }, (_, i) => i * 3600);
  const values = times.map((_, i) => (i * 37) % 101);
  const T = 15 * 86400; // index 360

  it("takes the previous window's maximum for last-window", () => {
    // every = 2 h: rows at indexes 358 and 359.
    const [b] = baselineBases(times, values, [T], 7200, spec("last-window"));
    expect(b).toBe(Math.max(values[358], values[359]));
  });

  it("takes the same window one week earlier for last-week", () => {
    const [b] = baselineBases(times, values, [T], 7200, spec("last-week"));
    expect(b).toBe(Math.max(values[360 - 168], values[361 - 168]));
  });

  it("takes the same window one and two weeks earlier for two-weeks", () => {
    const [b] = baselineBases(times, values, [T], 7200, spec("two-weeks"));
    expect(b).toBe(Math.max(values[192], values[193], values[24], values[25]));
  });

  it("never looks at or after the deployment time, even for a window longer than a week", () => {
    // every = 8 days: the last-week window [T − 7 d, T + 1 d) is cut at T.
    const spiky = values.map((v, i) => (i >= 360 ? 1000 : v));
    const [b] = baselineBases(times, spiky, [T], 8 * 86400, spec("last-week"));
    expect(b).toBe(Math.max(...spiky.slice(360 - 168, 360)));
  });

  it("keeps the previous estimate across a gap, and starts from the history's max", () => {
    // Rows only in the first day and at t = 20 d; deployments at 8 d and 9 d see empty last weeks.
    const t = [0, 3600, 7200, 20 * 86400];
    const v = [4, 9, 2, 50];
    const bases = baselineBases(t, v, [8 * 86400, 8 * 86400 + WEEK / 7], 3600, spec("last-week"));
    expect(bases).toEqual([9, 9]);
  });
});

describe("applyMargin", () => {
  it("rounds up after the margin without floating-point surprises", () => {
    // 10 × 1.2 is 12.000000000000002 in floating point: still 12 slots.
    expect(applyMargin([10, 4.1, 0], { kind: "multiplicative", value: 0.2 })).toEqual([12, 5, 0]);
    expect(applyMargin([10, 4.1, 0], { kind: "additive", value: 2 })).toEqual([12, 7, 2]);
    expect(applyMargin([3], { kind: "additive", value: -5 })).toEqual([0]);
  });
});

describe("smallestPassing", () => {
  it("finds the first passing integer, or null when none passes", () => {
    expect(smallestPassing(-10, 10, (k) => k >= 3)).toBe(3);
    expect(smallestPassing(-10, 10, () => true)).toBe(-10);
    expect(smallestPassing(-10, 10, () => false)).toBeNull();
  });
});

describe("tuneMargin", () => {
  const arb = fc
    .array(fc.record({ d: fc.integer({ min: 0, max: 40 }), w: fc.integer({ min: 0, max: 9 }) }), {
      minLength: 1,
      maxLength: 60,
    })
    .chain((rows) =>
      fc.record({
        rows: fc.constant(rows),
        bases: fc.array(fc.double({ min: 0, max: 40, noNaN: true }), {
          minLength: 10,
          maxLength: 10,
        }),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
    );

  it("returns the smallest additive margin that reaches the target (property)", () => {
    fc.assert(
      fc.property(arb, ({ rows, bases, share }) => {
        const demand = rows.map((r) => r.d);
        const windowOf = rows.map((r) => r.w);
        const target = Math.round(share * demand.length);
        const m = tuneMargin(demand, windowOf, bases, target, "additive")!;
        const covered = (value: number) =>
          countCovered(demand, windowOf, applyMargin(bases, { kind: "additive", value }));
        // Reaches the target, and one slot less does not (unless every capacity is already 0).
        expect(covered(m.value)).toBeGreaterThanOrEqual(target);
        const allZero = applyMargin(bases, m).every((c) => c === 0);
        if (!allZero) expect(covered(m.value - 1)).toBeLessThan(target);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("returns the smallest multiplicative margin on the 0.1 % grid, or null if unreachable", () => {
    fc.assert(
      fc.property(arb, ({ rows, bases, share }) => {
        const demand = rows.map((r) => r.d);
        const windowOf = rows.map((r) => r.w);
        const target = Math.round(share * demand.length);
        const m = tuneMargin(demand, windowOf, bases, target, "multiplicative");
        const covered = (value: number) =>
          countCovered(demand, windowOf, applyMargin(bases, { kind: "multiplicative", value }));
        if (m === null) {
          // Only when windows estimated at 0 hold demand that no scaling can lift.
          expect(covered(1000)).toBeLessThan(target);
          return;
        }
        expect(covered(m.value)).toBeGreaterThanOrEqual(target);
        if (m.value > -1) expect(covered(m.value - 0.001)).toBeLessThan(target);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it("rejects a target above the number of rows", () => {
    expect(() => tuneMargin([1, 2], [0, 0], [1], 3, "additive")).toThrow(
      /targetCovered must be between 0 and 2 rows \(got 3\)/,
    );
  });
});

describe("lowerBound", () => {
  it("finds the first index at or after x", () => {
    expect(lowerBound([1, 3, 3, 7], 3)).toBe(1);
    expect(lowerBound([1, 3, 3, 7], 8)).toBe(4);
    expect(lowerBound([], 1)).toBe(0);
  });

  it("searches only the first n entries of a typed array (a score set with room to grow)", () => {
    const scores = new Float64Array([1, 2, 4, 0, 0]);
    expect(lowerBound(scores, 3, 3)).toBe(2);
    expect(lowerBound(scores, 5, 3)).toBe(3);
  });
});
