import { seasonalNaive } from "../../../forecasts/models/seasonal-naive";
import { seasonalProfile } from "../../../forecasts/models/seasonal-profile";
import { hourlyDemand, profile } from "./synthetic";

const hourly = { periods: [24, 168] };

/** Mean absolute difference between a model's one-day forecasts and the noiseless profile. */
function profileError(
  model: ReturnType<typeof seasonalNaive>,
  values: number[],
  origins: number[],
): number {
  const f = model.fit(values, origins[0], hourly);
  let sum = 0;
  let count = 0;
  for (const o of origins) {
    f.forecastFrom(o, 24).forEach((v, k) => {
      sum += Math.abs(v - profile(o + k));
      count++;
    });
  }
  return sum / count;
}

describe("seasonalProfile", () => {
  it("is the median of the same phase over the last cycles (hand-computed)", () => {
    // Periods [2, 4]: the weekly phase of step t repeats every 4 steps.
    const values = [1, 9, 3, 4, 5, 6, 7, 8, 2, 10, 11, 0];
    const f = seasonalProfile({ which: "weekly", cycles: 3, level: "none" }).fit(values, 12, {
      periods: [2, 4],
    });
    // Step 12: median(values[8], values[4], values[0]) = median(2, 5, 1) = 2; step 13: median(10, 6, 9) = 9;
    // step 14: median(11, 7, 3) = 7; step 15: median(0, 8, 4) = 4; step 16 reuses step 12's cycles.
    expect(f.forecastFrom(12, 5)).toEqual([2, 9, 7, 4, 2]);
    // Early origins use the cycles there are: at 8, step 8 is the median of values[4] and values[0].
    expect(f.forecastFrom(8, 1)).toEqual([3]);
  });

  it("recovers a known weekly shape under noise better than seasonal naive", () => {
    const values = hourlyDemand(6, 7, 4);
    const origins = Array.from({ length: 14 }, (_, d) => 4 * 168 + 24 * d);
    const snaive = profileError(seasonalNaive("weekly"), values, origins);
    const prof = profileError(
      seasonalProfile({ which: "weekly", cycles: 3, level: "none" }),
      values,
      origins,
    );
    // The median of three noisy copies has about 0.67× the spread of one copy.
    expect(prof).toBeLessThan(0.85 * snaive);
  });

  it("follows a step change with the level ratio, not without it", () => {
    const base = hourlyDemand(5, 3, 1);
    // Demand doubles from the last day of week 4 on.
    const shifted = base.map((v, t) => (t >= 4 * 168 - 24 ? 2 * v : v));
    const origin = 4 * 168;
    const plain = seasonalProfile({ which: "weekly", cycles: 3, level: "none" })
      .fit(shifted, origin, hourly)
      .forecastFrom(origin, 24);
    const levelled = seasonalProfile({ which: "weekly", cycles: 3, level: "ratio" })
      .fit(shifted, origin, hourly)
      .forecastFrom(origin, 24);
    levelled.forEach((v, k) =>
      expect(Math.abs(v / (2 * profile(origin + k)) - 1)).toBeLessThan(0.1),
    );
    plain.forEach((v, k) => expect(v / profile(origin + k)).toBeLessThan(1.2));
  });

  it("has stable names and guards its inputs", () => {
    const m = seasonalProfile({ which: "weekly", cycles: 3, level: "ratio" });
    expect(m.name).toBe("profile-weekly-3-level");
    expect(seasonalProfile({ which: "daily", cycles: 2, level: "none" }).name).toBe(
      "profile-daily-2",
    );
    expect(m.minLength(hourly)).toBe(168);
    expect(m.minLength({ periods: [] })).toBe(Infinity);
    expect(() => seasonalProfile({ which: "weekly", cycles: 1, level: "none" })).toThrow(
      /cycles must be a whole number >= 2 \(got 1\)/,
    );
    expect(() => m.fit([1, 2, 3], 3, hourly)).toThrow(/needs 168 observations/);
    const values = hourlyDemand(2);
    expect(() => m.fit(values, 168, hourly).forecastFrom(100, 1)).toThrow(/outside/);
  });
});
