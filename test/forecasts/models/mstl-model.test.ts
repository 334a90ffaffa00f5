import { mstlModel } from "../../../forecasts/models/mstl-model";
import { hourlyDemand, profile } from "./synthetic";

const ctx = { periods: [24, 168] };

describe("mstlModel", () => {
  it("continues a noiseless daily + weekly pattern almost exactly", () => {
    const values = Array.from({ length: 6 * 168 }, (_, t) => profile(t));
    const f = mstlModel().fit(values, values.length, ctx).forecastFrom(values.length, 48);
    // STL smooths each cycle-subseries across neighbouring cycles, so the split between the daily and
    // weekly components is not exact at weekday/weekend changes: allow 2 units on a 30-unit swing.
    f.forEach((v, k) => expect(Math.abs(v - profile(values.length + k))).toBeLessThan(2));
  });

  it("forecasts a noisy series within the noise of its true profile", () => {
    const values = hourlyDemand(8, 21, 2);
    const fitEnd = values.length - 168;
    const fitted = mstlModel().fit(values, fitEnd, ctx);
    let err = 0;
    for (let o = fitEnd; o < values.length; o++)
      err += Math.abs(fitted.forecastFrom(o, 1)[0] - profile(o));
    // Noise sd 2: the true profile is the best possible point forecast; allow 1.5 units mean error.
    expect(err / 168).toBeLessThan(1.5);
  });

  it("is causal beyond the fit end", () => {
    const values = hourlyDemand(6, 4, 1);
    const fitEnd = 5 * 168;
    const a = mstlModel().fit(values, fitEnd, ctx);
    const altered = values.map((v, t) => (t >= fitEnd + 10 ? v + 500 : v));
    const b = mstlModel().fit(altered, fitEnd, ctx);
    expect(b.forecastFrom(fitEnd + 10, 6)).toEqual(a.forecastFrom(fitEnd + 10, 6));
    expect(b.forecastFrom(fitEnd + 11, 1)[0]).toBeGreaterThan(a.forecastFrom(fitEnd + 11, 1)[0]);
  });

  it("guards its inputs and never forecasts below zero", () => {
    const m = mstlModel();
    expect(m.name).toBe("mstl");
    expect(m.minLength(ctx)).toBe(337);
    expect(() => m.fit(new Array(300).fill(1), 300, ctx)).toThrow(/needs 337 observations/);
    const sparse = Array.from({ length: 3 * 168 }, (_, t) => (t % 24 === 3 ? 2 : 0));
    const f = m.fit(sparse, sparse.length, ctx).forecastFrom(sparse.length, 24);
    expect(Math.min(...f)).toBeGreaterThanOrEqual(0);
  });
});
