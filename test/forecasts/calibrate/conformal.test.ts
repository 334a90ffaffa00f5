import {
  conformalLowerQuantile,
  conformalQuantile,
  conformalRank,
  insertSorted,
} from "../../../forecasts/calibrate/conformal";
import { normals } from "./prng";

// Reference rule (shared/reference/README.md; Angelopoulos & Bates 2021, §1): a split-conformal
// bound at level 1 − α from n scores is the ⌈(n + 1)(1 − α)⌉-th smallest score.
describe("conformalRank", () => {
  it("is ⌈(n + 1) level⌉", () => {
    expect(conformalRank(19, 0.95)).toBe(19); // (19 + 1) · 0.95 = 19 exactly: no rounding up
    expect(conformalRank(99, 0.95)).toBe(95);
    expect(conformalRank(100, 0.95)).toBe(96); // 95.95 → 96
    expect(conformalRank(9, 0.9)).toBe(9); // 10 · 0.9 = 9 exactly
    expect(conformalRank(10, 0.9)).toBe(10); // 9.9 → 10
    expect(conformalRank(5, 0.95)).toBe(6); // exceeds n: no finite bound
  });

  it("rejects a negative or fractional count", () => {
    expect(() => conformalRank(-1, 0.9)).toThrow(/whole number of scores/);
    expect(() => conformalRank(2.5, 0.9)).toThrow(/got 2.5/);
  });
});

describe("conformalQuantile", () => {
  const sorted = Array.from({ length: 19 }, (_, i) => i + 1); // 1..19

  it("takes the ⌈(n + 1) level⌉-th smallest score", () => {
    expect(conformalQuantile(sorted, 0.95)).toEqual({ score: 19, capped: false });
    expect(conformalQuantile(sorted, 0.5)).toEqual({ score: 10, capped: false });
    expect(conformalQuantile(sorted, 0.9)).toEqual({ score: 18, capped: false });
  });

  it("caps at the largest score when the rank exceeds n, and floors at the smallest", () => {
    expect(conformalQuantile([1, 2, 3, 4, 5], 0.95)).toEqual({ score: 5, capped: true });
    expect(conformalQuantile([1, 2, 3], -0.2)).toEqual({ score: 1, capped: false });
  });

  it("throws without scores", () => {
    expect(() => conformalQuantile([], 0.9)).toThrow(/at least one score/);
  });

  it("covers a fresh exchangeable score with probability ⌈(n+1)q⌉/(n+1)", () => {
    // With n = 99 and q = 0.95 the guarantee is exactly 95/100 for continuous i.i.d. scores.
    const draw = normals(42);
    let covered = 0;
    const trials = 4000;
    for (let t = 0; t < trials; t++) {
      const scores = Array.from({ length: 99 }, draw).sort((a, b) => a - b);
      if (draw() <= conformalQuantile(scores, 0.95).score) covered++;
    }
    // Binomial sd at 0.95 over 4000 trials is 0.0034: ±0.012 is 3.5 sd.
    expect(Math.abs(covered / trials - 0.95)).toBeLessThan(0.012);
  });
});

describe("conformalLowerQuantile", () => {
  it("takes the floor((n + 1)(1 − level))-th smallest score, capped at the smallest", () => {
    const sorted = Array.from({ length: 19 }, (_, i) => i + 1); // 1 … 19
    // (19 + 1) × 0.05 = 1 → the smallest; × 0.1 = 2 → the second; × 0.5 = 10 → the tenth.
    expect(conformalLowerQuantile(sorted, 0.95)).toEqual({ score: 1, capped: false });
    expect(conformalLowerQuantile(sorted, 0.9)).toEqual({ score: 2, capped: false });
    expect(conformalLowerQuantile(sorted, 0.5)).toEqual({ score: 10, capped: false });
    // Ten scores at 0.95: (10 + 1) × 0.05 = 0.55 → rank 0, no finite bound.
    expect(conformalLowerQuantile(sorted.slice(0, 10), 0.95)).toEqual({ score: 1, capped: true });
    // Only the first n entries count.
    expect(conformalLowerQuantile(Float64Array.from([3, 5, 0, 0]), 0.5, 2)).toEqual({
      score: 3,
      capped: false,
    });
    expect(() => conformalLowerQuantile([], 0.9)).toThrow(/at least one score/);
  });
});

describe("insertSorted", () => {
  it("keeps the array ascending, ties after equal values", () => {
    const a = new Float64Array(8);
    let n = 0;
    for (const x of [5, 1, 3, 3, 9, -2, 4]) n = insertSorted(a, n, x);
    expect(n).toBe(7);
    expect([...a.subarray(0, n)]).toEqual([-2, 1, 3, 3, 4, 5, 9]);
  });

  it("refuses to write past the end of the buffer", () => {
    expect(() => insertSorted(new Float64Array(2), 2, 1)).toThrow(
      "no room to insert a score (2 of 2 used)",
    );
  });
});
