import { persistence } from "../../../forecasts/models/persistence";

// Reference: the naive method ŷ_{T+h} = y_T (Hyndman & Athanasopoulos, Forecasting: Principles and
// Practice, 3rd ed., section 5.2), applied to the window maximum: the forecast of the next h steps
// is the maximum of the last h.
describe("persistence", () => {
  const values = [4, 9, 2, 7, 1, 3];

  it("forecasts the next h steps at the maximum of the last h", () => {
    const f = persistence().fit(values, 3, { periods: [] });
    expect(f.forecastFrom(6, 1)).toEqual([3]);
    expect(f.forecastFrom(6, 3)).toEqual([7, 7, 7]);
    expect(f.forecastFrom(4, 2)).toEqual([7, 7]);
    // A stretch longer than the history looks at all of it.
    expect(f.forecastFrom(2, 5)).toEqual([9, 9, 9, 9, 9]);
  });

  it("has a stable name and guards its inputs", () => {
    expect(persistence().name).toBe("persistence");
    expect(persistence().minLength({ periods: [24] })).toBe(1);
    expect(() => persistence().fit(values, 0, { periods: [] })).toThrow(/needs 1 observation/);
    expect(() => persistence().fit(values, 3, { periods: [] }).forecastFrom(7, 1)).toThrow(
      /outside \[1, 6\]/,
    );
  });
});
