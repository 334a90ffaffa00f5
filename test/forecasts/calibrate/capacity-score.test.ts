import { excessAtCoverage } from "../../../forecasts/calibrate/capacity-score";

describe("excessAtCoverage", () => {
  it("shifts the bounds to cover exactly the quantile, then measures their mean excess", () => {
    // Shortfalls actual − bound are −2, −1, 2, −3; covering 3 of 4 windows (q = 0.75) needs the
    // bounds 1 lower (the 3rd smallest shortfall is −1). The shifted bounds 9, 9, 9, 9 exceed the
    // maxima 8, 9, 12, 7 by 1, 0, −3, 2: mean 0.
    expect(excessAtCoverage([10, 10, 10, 10], [8, 9, 12, 7], 0, 0.75)).toBeCloseTo(0, 12);
    // An under-covering candidate is shifted up: bounds 5 cover none of 6, 7, 8, 9 and need +4 for
    // 4 of 4 (q = 0.99 → ⌈3.96⌉ = 4); then 9 − (6, 7, 8, 9) has mean 1.5.
    expect(excessAtCoverage([5, 5, 5, 5], [6, 7, 8, 9], 0, 0.99)).toBeCloseTo(1.5, 12);
  });

  it("skips origins before `from` and bounds that are not yet calibrated", () => {
    // Scored: bounds 10, 10 against maxima 8, 12. Covering 1 of 2 needs the bounds 2 lower (the
    // smallest shortfall is −2); 8 − 8 and 8 − 12 have mean −2 (a miss counts negative).
    expect(excessAtCoverage([100, NaN, 10, 10], [0, 50, 8, 12], 1, 0.5)).toBeCloseTo(-2, 12);
  });

  it("is Infinity without a scored origin, and rejects arrays of different lengths", () => {
    expect(excessAtCoverage([NaN], [1], 0, 0.95)).toBe(Infinity);
    expect(() => excessAtCoverage([1, 2], [1], 0, 0.95)).toThrow(
      "bounds and actual must have the same length (got 2 and 1)",
    );
  });
});
