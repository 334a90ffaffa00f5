import { seasonalNaive } from "../../../forecasts/models/seasonal-naive";
import { similarDays } from "../../../forecasts/models/similar-days";
import { hourlyDemand, lcg, normals, profile } from "./synthetic";

const hourly = { periods: [24, 168] };

describe("similarDays", () => {
  it("takes the interquartile mean over the weekdays for a weekday and over the weekend for a weekend day", () => {
    // Hourly, 5 weeks, noiseless: weekdays (dow 0–4) 100, weekends 10, plus 2 on odd days. A
    // week is 7 days, so the weekly lag differs by 2, as do alike days an odd number of days
    // apart (even ones by 0): every weekday is within tolerance of a weekday, no weekend is.
    const values = Array.from({ length: 5 * 168 }, (_, t) => {
      const day = Math.floor(t / 24);
      return (day % 7 < 5 ? 100 : 10) + 2 * (day % 2);
    });
    const f = similarDays().fit(values, 3 * 168, hourly);
    // Monday noon of day 28: the weekdays among days 27..14 are 25, 24, 23, 22, 21, 18, 17, 16,
    // 15, 14 — five odd (102) and five even (100): the middle six average 101.
    expect(f.forecastFrom(28 * 24 + 12, 1)).toEqual([101]);
    // Saturday noon of day 33: the weekend days among 32..19 are 27, 26, 20, 19 → 12, 10, 10, 12: the middle two average 11.
    expect(f.forecastFrom(33 * 24 + 12, 1)).toEqual([11]);
  });

  it("recovers a business-hours shape under noise better than seasonal naive", () => {
    const values = hourlyDemand(6, 11, 4);
    const origins = Array.from({ length: 14 }, (_, d) => 4 * 168 + 24 * d);
    const error = (m: ReturnType<typeof similarDays>): number => {
      const f = m.fit(values, origins[0], hourly);
      let sum = 0;
      for (const o of origins) {
        f.forecastFrom(o, 24).forEach((v, k) => (sum += Math.abs(v - profile(o + k))));
      }
      return sum / (24 * origins.length);
    };
    // Several alike days average out far more noise than the single day seasonal naive copies.
    expect(error(similarDays())).toBeLessThan(0.7 * error(seasonalNaive("weekly")));
  });

  it("with the level adjustment follows growth that the plain median lags", () => {
    const z = normals(lcg(5));
    // Demand that doubles every four weeks, with 3 % multiplicative noise.
    const values = Array.from(
      { length: 6 * 168 },
      (_, t) => profile(t) * Math.pow(2, t / (4 * 168)) * (1 + 0.03 * z()),
    );
    const origins = Array.from({ length: 7 }, (_, d) => 5 * 168 + 24 * d);
    const bias = (m: ReturnType<typeof similarDays>): number => {
      const f = m.fit(values, origins[0], hourly);
      let sum = 0;
      for (const o of origins) {
        f.forecastFrom(o, 24).forEach((v, k) => {
          const truth = profile(o + k) * Math.pow(2, (o + k) / (4 * 168));
          sum += v / truth - 1;
        });
      }
      return sum / (24 * origins.length);
    };
    // Growth is 19 % a week; the plain median of days up to two weeks old lags by several percent.
    expect(bias(similarDays())).toBeLessThan(-0.04);
    expect(Math.abs(bias(similarDays({ levelAdjust: true })))).toBeLessThan(0.02);
  });

  it("works on a daily grid (weekly period only) and guards its inputs", () => {
    expect(similarDays().name).toBe("similar-days");
    expect(similarDays({ levelAdjust: true }).name).toBe("similar-days-level");
    expect(similarDays().minLength(hourly)).toBe(168);
    expect(similarDays().minLength({ periods: [7] })).toBe(7);
    expect(similarDays().minLength({ periods: [] })).toBe(Infinity);
    expect(similarDays().minLength({ periods: [24, 100] })).toBe(Infinity);
    const daily = Array.from({ length: 35 }, (_, t) => (t % 7 < 5 ? 50 : 20));
    expect(
      similarDays()
        .fit(daily, 28, { periods: [7] })
        .forecastFrom(35, 7),
    ).toEqual([50, 50, 50, 50, 50, 20, 20]);
    expect(() => similarDays({ maxDays: 3 })).toThrow(
      /maxDays must be a whole number >= 7 \(got 3\)/,
    );
    expect(() => similarDays({ tolerance: 0.5 })).toThrow(/tolerance must be >= 1 \(got 0.5\)/);
    expect(() => similarDays().fit(daily, 28, { periods: [] })).toThrow(/weekly period of 7 days/);
    expect(() => similarDays().fit(daily, 5, { periods: [7] })).toThrow(/needs 7 observations/);
    expect(() =>
      similarDays()
        .fit(daily, 28, { periods: [7] })
        .forecastFrom(3, 1),
    ).toThrow(/outside/);
  });
});
