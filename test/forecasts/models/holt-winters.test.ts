import * as fs from "fs";
import * as path from "path";
import { holtWinters } from "../../../forecasts/models/holt-winters";
import { holtWintersFilter } from "../../../forecasts/models/holt-winters-filter";
import { holtWintersInitR } from "../../../forecasts/models/holt-winters-init";
import { hourlyDemand, profile } from "./synthetic";

const air = fs
  .readFileSync(path.join(__dirname, "../../fixtures/reference/airpassengers.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => Number(line.split(",")[1]));

describe("holtWinters model", () => {
  it("fits AirPassengers at least as well as R's optimum (one-step SSE)", () => {
    // R's HoltWinters(AirPassengers) optimum is alpha 0.2479595, beta 0.03453373, gamma 1
    // (shared/reference/README.md). Its SSE is computed with our filter, which reproduces R's
    // coefficients for those parameters (holt-winters-filter.test.ts).
    const rStates = holtWintersFilter(
      air,
      12,
      12,
      "additive",
      { alpha: 0.2479595, beta: 0.03453373, gamma: 1, phi: 1 },
      holtWintersInitR(air, 12, "additive"),
    );
    const model = holtWinters({
      name: "hw",
      seasonal: "additive",
      period: "shortest",
      trend: "linear",
      maxEvals: 400,
    });
    const fitted = model.fit(air, air.length, { periods: [12] });
    let sse = 0;
    for (let t = 12; t < air.length; t++) sse += (air[t] - fitted.forecastFrom(t, 1)[0]) ** 2;
    expect(sse).toBeLessThanOrEqual(rStates.sse * 1.0001);
  });

  it("forecasts a weekly-seasonal hourly series close to its true profile", () => {
    const values = hourlyDemand(6, 11, 1);
    const model = holtWinters({
      name: "hw-w",
      seasonal: "additive",
      period: "longest",
      trend: "damped",
    });
    const f = model
      .fit(values, values.length, { periods: [24, 168] })
      .forecastFrom(values.length, 24);
    const truth = Array.from({ length: 24 }, (_, k) => profile(values.length + k));
    const mae = f.reduce((a, v, k) => a + Math.abs(v - truth[k]), 0) / 24;
    expect(mae).toBeLessThan(2);
  });

  it("updates state causally beyond the fit end with frozen parameters", () => {
    const values = hourlyDemand(5, 3, 1);
    const fitEnd = 4 * 168;
    const model = holtWinters({
      name: "hw-d",
      seasonal: "additive",
      period: "shortest",
      trend: "damped",
    });
    const a = model.fit(values, fitEnd, { periods: [24, 168] });
    // Changing observations after the origin must not change the forecast from that origin.
    const altered = values.slice();
    for (let t = fitEnd + 30; t < altered.length; t++) altered[t] += 1000;
    const b = model.fit(altered, fitEnd, { periods: [24, 168] });
    expect(b.forecastFrom(fitEnd + 30, 5)).toEqual(a.forecastFrom(fitEnd + 30, 5));
    // …while an observation before the origin does move it.
    expect(b.forecastFrom(fitEnd + 31, 1)[0]).toBeGreaterThan(
      a.forecastFrom(fitEnd + 31, 1)[0] + 1,
    );
  });

  it("clamps forecasts at zero and guards its inputs", () => {
    const falling = Array.from(
      { length: 72 },
      (_, t) => Math.max(0, 100 - 2 * t) + (t % 24 === 0 ? 5 : 0),
    );
    const m = holtWinters({
      name: "hw",
      seasonal: "additive",
      period: "shortest",
      trend: "damped",
    });
    const f = m.fit(falling, 72, { periods: [24] }).forecastFrom(72, 48);
    expect(Math.min(...f)).toBeGreaterThanOrEqual(0);
    expect(m.minLength({ periods: [24, 168] })).toBe(72);
    expect(() => m.fit(falling, 50, { periods: [24] })).toThrow(/needs 72 observations/);
    const mult = holtWinters({
      name: "hwm",
      seasonal: "multiplicative",
      period: "shortest",
      trend: "none",
    });
    expect(() => mult.fit(falling, 72, { periods: [24] })).toThrow(/every value > 0/);
  });
});
