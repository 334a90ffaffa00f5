import { ALL_MODELS, OPTIONAL_MODELS, modelsByName } from "../../../forecasts/models";
import { hourlyDemand } from "./synthetic";

describe("model registry", () => {
  it("has stable names in a fixed order, unique across default and optional models", () => {
    expect(ALL_MODELS.map((m) => m.name)).toEqual([
      "snaive-daily",
      "snaive-weekly",
      "snaive-weekly-robust",
      "hw-damped-daily",
      "hw-damped-weekly-robust",
      "similar-days",
      "similar-days-level",
      "persistence",
    ]);
    const names = [...ALL_MODELS, ...OPTIONAL_MODELS].map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("modelsByName returns the defaults, or the named models in order", () => {
    expect(modelsByName()).toEqual(ALL_MODELS);
    expect(modelsByName([])).toEqual(ALL_MODELS);
    expect(modelsByName(["mstl", "snaive-daily"]).map((m) => m.name)).toEqual([
      "mstl",
      "snaive-daily",
    ]);
  });

  it("names every unknown model and lists the known ones", () => {
    expect(() => modelsByName(["arima", "snaive-daily", "prophet"])).toThrow(
      /unknown model name\(s\) "arima", "prophet"; known models: snaive-daily, snaive-weekly, .*mstl/,
    );
  });

  it("every model fits 8 weeks of hourly demand and forecasts finite, non-negative values", () => {
    const values = hourlyDemand(8, 99, 2);
    const ctx = { periods: [24, 168] };
    for (const m of [...ALL_MODELS, ...OPTIONAL_MODELS]) {
      expect(m.minLength(ctx)).toBeLessThanOrEqual(values.length);
      const fitted = m.fit(values, values.length - 100, ctx);
      for (const o of [values.length - 100, values.length - 1, values.length]) {
        const f = fitted.forecastFrom(o, 6);
        expect(f).toHaveLength(6);
        f.forEach((v) => expect(v >= 0 && Number.isFinite(v)).toBe(true));
      }
    }
  });

  it("copes with a constant zero series and with sparse small counts", () => {
    const ctx = { periods: [24, 168] };
    const zeros = new Array<number>(4 * 168).fill(0);
    const counts = Array.from({ length: 4 * 168 }, (_, t) =>
      (t * 7919) % 13 === 0 ? 3 : t % 24 === 9 ? 1 : 0,
    );
    for (const m of ALL_MODELS) {
      expect(m.fit(zeros, zeros.length, ctx).forecastFrom(zeros.length, 6)).toEqual([
        0, 0, 0, 0, 0, 0,
      ]);
      const f = m.fit(counts, counts.length - 50, ctx).forecastFrom(counts.length, 6);
      f.forEach((v) => expect(v >= 0 && v < 10).toBe(true));
    }
  });

  it("makes no seasonal model eligible without a seasonal period; persistence needs one step", () => {
    for (const m of [...ALL_MODELS, ...OPTIONAL_MODELS])
      expect(m.minLength({ periods: [] })).toBe(m.name === "persistence" ? 1 : Infinity);
  });

  it.each([
    ["daily data, weekly period only", [7], 7 * 20],
    ["12-hour steps", [2, 14], 14 * 12],
    ["30-minute steps", [48, 336], 336 * 4],
  ])("fits and forecasts on other grids: %s", (_label, periods, n) => {
    const p = periods[periods.length - 1];
    const values = Array.from(
      { length: n },
      (_, t) => 20 + 5 * Math.sin((2 * Math.PI * t) / p) + ((t * 37) % 11) / 5,
    );
    for (const m of [...ALL_MODELS, ...OPTIONAL_MODELS]) {
      expect(m.minLength({ periods })).toBeLessThanOrEqual(n - 20);
      const f = m.fit(values, n - 20, { periods }).forecastFrom(n, 3);
      f.forEach((v) => expect(Math.abs(v - 20)).toBeLessThan(12));
    }
  });
});
