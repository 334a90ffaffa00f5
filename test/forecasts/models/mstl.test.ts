import { mstl } from "../../../forecasts/models/mstl";
import { fastStlOptions } from "../../../forecasts/models/mstl-model";
import ref from "../../fixtures/reference/mstl_hourly.json";
import fast from "../../fixtures/reference/mstl_hourly_fast.json";

/**
 * Reference: statsmodels 0.15.0 `MSTL(y, periods=(24, 168)).fit()` (windows 11 and 15, iterate 2,
 * STL defaults) on a synthetic hourly series generated with a fixed seed by
 * scripts/reference/models_reference.py; input and outputs are in the fixture.
 */
function maxRelError(actual: ArrayLike<number>, expected: readonly number[]): number {
  const scale = Math.max(1, ...expected.map(Math.abs));
  let worst = 0;
  for (let i = 0; i < expected.length; i++)
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  return worst / scale;
}

describe("mstl matches statsmodels MSTL", () => {
  const r = mstl(ref.input, ref.periods);
  it("keeps both periods", () => expect(r.periods).toEqual([24, 168]));
  it("daily seasonal", () =>
    expect(maxRelError(r.seasonals[0], ref.seasonal[0])).toBeLessThan(1e-9));
  it("weekly seasonal", () =>
    expect(maxRelError(r.seasonals[1], ref.seasonal[1])).toBeLessThan(1e-9));
  it("trend", () => expect(maxRelError(r.trend, ref.trend)).toBeLessThan(1e-9));
  it("remainder", () => expect(maxRelError(r.remainder, ref.resid)).toBeLessThan(1e-9));
});

describe("mstl with the forecaster's fast settings matches statsmodels STL run in MSTL's loop", () => {
  // Reference: statsmodels 0.15.0 STL per period with R-style jumps (ceil(span / 10)) and
  // inner_iter=2, looped as MSTL.fit does (scripts/reference/models_reference.py,
  // mstl_hourly_fast.json): checks the decomposition the mstl forecaster actually uses.
  const r = mstl(fast.input, fast.periods, { stl: fastStlOptions });
  it("seasonals, trend and remainder", () => {
    expect(maxRelError(r.seasonals[0], fast.seasonal[0])).toBeLessThan(1e-9);
    expect(maxRelError(r.seasonals[1], fast.seasonal[1])).toBeLessThan(1e-9);
    expect(maxRelError(r.trend, fast.trend)).toBeLessThan(1e-9);
    expect(maxRelError(r.remainder, fast.resid)).toBeLessThan(1e-9);
  });
});

describe("mstl periods", () => {
  it("drops periods of at least half the series, as statsmodels does", () => {
    const r = mstl(ref.input.slice(0, 300), [168, 24]);
    expect(r.periods).toEqual([24]);
    expect(r.seasonals).toHaveLength(1);
  });
  it("throws when no period fits", () => {
    expect(() => mstl(ref.input.slice(0, 40), [24])).toThrow(/at least half the series/);
  });
});
