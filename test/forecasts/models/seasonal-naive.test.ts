import { seasonalNaive } from "../../../forecasts/models/seasonal-naive";

// Reference: the seasonal naive method's definition, ŷ_{T+h} = y_{T+h−m(k+1)}, k = ⌊(h−1)/m⌋
// (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., section 5.2).
describe("seasonalNaive", () => {
  const ctx = { periods: [3, 6] };
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

  it("daily repeats the last shortest period", () => {
    const f = seasonalNaive("daily").fit(values, 12, ctx);
    expect(f.forecastFrom(12, 7)).toEqual([10, 11, 12, 10, 11, 12, 10]);
    expect(f.forecastFrom(8, 2)).toEqual([6, 7]);
  });

  it("weekly repeats the last longest period", () => {
    const f = seasonalNaive("weekly").fit(values, 12, ctx);
    expect(f.forecastFrom(12, 8)).toEqual([7, 8, 9, 10, 11, 12, 7, 8]);
  });

  it("has stable names and guards its inputs", () => {
    expect(seasonalNaive("daily").name).toBe("snaive-daily");
    expect(seasonalNaive("weekly").minLength(ctx)).toBe(6);
    expect(() => seasonalNaive("weekly").fit(values, 5, ctx)).toThrow(/needs 6 observations/);
    expect(() => seasonalNaive("daily").fit(values, 12, ctx).forecastFrom(13, 1)).toThrow(
      /outside/,
    );
  });
});
