import { stl } from "../../../forecasts/models/stl";
import air from "../../fixtures/reference/stl_airpassengers.json";
import synthetic from "../../fixtures/reference/stl_synthetic.json";

/**
 * Reference: statsmodels `STL(y, period, ...).fit(inner_iter, outer_iter)` (statsmodels 0.15.0),
 * computed by scripts/reference/models_reference.py and stored in test/fixtures/reference/.
 * Our STL is a port of the same netlib routine, so it must agree to rounding (1e-9 relative).
 */

interface Case {
  period: number;
  options: Record<string, number | boolean>;
  seasonal: number[];
  trend: number[];
  resid: number[];
  weights: number[];
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[], rel = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  const scale = Math.max(1, ...expected.map(Math.abs));
  for (let i = 0; i < expected.length; i++)
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst / scale).toBeLessThan(rel);
}

/** Map statsmodels' keyword arguments to our option names. */
function optionsOf(o: Record<string, number | boolean>) {
  return {
    seasonal: o.seasonal as number | undefined,
    robust: o.robust as boolean | undefined,
    seasonalDeg: o.seasonal_deg as number | undefined,
    trendDeg: o.trend_deg as number | undefined,
    lowPassDeg: o.low_pass_deg as number | undefined,
    seasonalJump: o.seasonal_jump as number | undefined,
    trendJump: o.trend_jump as number | undefined,
    lowPassJump: o.low_pass_jump as number | undefined,
    inner: o.inner_iter as number | undefined,
    outer: o.outer_iter as number | undefined,
  };
}

describe.each([
  ["AirPassengers", air.input, air.cases as unknown as Case[]],
  ["synthetic hourly (step + burst)", synthetic.input, synthetic.cases as unknown as Case[]],
])("STL on %s matches statsmodels", (_label, input, cases) => {
  it.each(cases.map((c) => [JSON.stringify(c.options), c] as const))("options %s", (_o, c) => {
    const r = stl(input, c.period, optionsOf(c.options));
    expectClose(r.seasonal, c.seasonal);
    expectClose(r.trend, c.trend);
    expectClose(r.remainder, c.resid);
    expectClose(r.weights, c.weights);
  });
});

describe("stl guards", () => {
  it("rejects a bad period, an even span and too short a series", () => {
    expect(() => stl([1, 2, 3, 4], 1)).toThrow(/period must be an integer >= 2/);
    expect(() => stl(air.input, 12, { seasonal: 8 })).toThrow(
      /seasonal span must be an odd integer/,
    );
    expect(() => stl(air.input.slice(0, 20), 12)).toThrow(/two periods/);
  });
});
