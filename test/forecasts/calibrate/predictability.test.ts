import { fallbackPeak } from "../../../forecasts/fallback";
import { autocorrelation, averageRanks, detectPattern } from "../../../forecasts/predictability";
import { normals } from "./prng";

describe("autocorrelation", () => {
  // Reference: statsmodels 0.15.0 `acf(x, adjusted=False, fft=False)` (the estimator of R's acf).
  it("matches statsmodels on 1..10", () => {
    const x = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(autocorrelation(x, 1)).toBeCloseTo(0.7, 10);
    expect(autocorrelation(x, 2)).toBeCloseTo(0.41212121, 8);
    expect(autocorrelation(x, 3)).toBeCloseTo(0.14848485, 8);
  });

  it("matches statsmodels on digits of pi", () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4];
    expect(autocorrelation(x, 1)).toBeCloseTo(0.17306027, 8);
    expect(autocorrelation(x, 4)).toBeCloseTo(-0.2341393, 7);
  });

  it("is null for a constant series or a lag beyond half the length", () => {
    expect(autocorrelation([2, 2, 2, 2], 1)).toBeNull();
    expect(autocorrelation([1, 2, 3], 2)).toBeNull();
  });
});

describe("averageRanks", () => {
  it("matches scipy.stats.rankdata (average ties)", () => {
    expect(averageRanks([3, 1, 4, 1, 5, 9, 2, 6, 5, 3])).toEqual([
      4.5, 1.5, 6, 1.5, 7.5, 10, 3, 9, 7.5, 4.5,
    ]);
  });
});

describe("detectPattern", () => {
  const periods = [24, 168];
  it("finds a daily rhythm under noise", () => {
    const draw = normals(1);
    const x = Array.from(
      { length: 28 * 24 },
      (_, i) => 10 + 5 * Math.sin((2 * Math.PI * i) / 24) + draw(),
    );
    const p = detectPattern(x, periods);
    expect(p.detected).toBe(true);
    expect(p.acfDay!).toBeGreaterThan(0.5);
  });

  it("finds none in i.i.d. noise", () => {
    const draw = normals(2);
    const x = Array.from({ length: 28 * 24 }, () => 10 + draw());
    const p = detectPattern(x, periods);
    expect(p.detected).toBe(false);
    expect(Math.abs(p.acfDay!)).toBeLessThan(0.2);
    expect(Math.abs(p.acfWeek!)).toBeLessThan(0.2);
  });

  it("is not fooled by rare huge outliers", () => {
    const draw = normals(3);
    const x = Array.from(
      { length: 28 * 24 },
      (_, i) => (i % 97 === 0 ? 1e6 : 0) + 10 + 5 * Math.sin((2 * Math.PI * i) / 24) + draw(),
    );
    expect(detectPattern(x, periods).detected).toBe(true);
  });

  it("treats a constant series as predictable", () => {
    expect(detectPattern(new Array(28 * 24).fill(4), periods).detected).toBe(true);
  });
});

describe("fallbackPeak", () => {
  it("is the last 7 days' maximum plus 20 %, at least one whole unit", () => {
    const hourly = [...new Array(24 * 10).fill(1), ...new Array(24 * 7).fill(2)];
    hourly[0] = 50; // older than a week: ignored
    expect(fallbackPeak(hourly, 3600, true)).toEqual({ recentMax: 2, peak: 3, days: 7 });
    expect(fallbackPeak([10, 40, 20], 3600, true).peak).toBe(48);
    expect(fallbackPeak([0.5, 0.25], 3600, false).peak).toBeCloseTo(0.6, 12);
    expect(fallbackPeak([], 3600, true)).toEqual({ recentMax: 0, peak: 1, days: 0 });
  });
});
