import { onlineConformal, type OnlineConformalOptions } from "../../../forecasts/calibrate/online";
import { pinballLoss } from "../../../forecasts/calibrate/pinball";
import { mulberry32, normals } from "./prng";

const opts = (over: Partial<OnlineConformalOptions> = {}): OnlineConformalOptions => ({
  quantile: 0.95,
  normalisation: "absolute",
  floor: 1,
  integerValued: false,
  delay: 1,
  evalFrom: 100,
  ...over,
});

const traceOf = (actual: number[], predicted = actual.map(() => 0), predictedNow = 0) => ({
  origins: actual.map((_, i) => i),
  predicted,
  actual,
  predictedNow,
});

describe("pinballLoss", () => {
  it("charges q per unit short and 1 − q per unit over", () => {
    expect(pinballLoss(10, 8, 0.95)).toBeCloseTo(1.9, 12);
    expect(pinballLoss(10, 12, 0.95)).toBeCloseTo(0.1, 12);
    expect(pinballLoss(10, 10, 0.95)).toBe(0);
  });
});

describe("onlineConformal", () => {
  it("covers an i.i.d. sequence at about the quantile", () => {
    const draw = normals(2024);
    const r = onlineConformal(traceOf(Array.from({ length: 3000 }, draw)), opts());
    expect(r.evaluated).toBe(2900);
    // Binomial sd over 2900 windows is 0.004: ±0.015 leaves room for the adaptive wobble.
    expect(Math.abs(r.coverage - 0.95)).toBeLessThan(0.015);
    // The bound at now approaches the normal 0.95 quantile (1.645) as the scores accumulate.
    expect(r.bound).toBeGreaterThan(1.45);
    expect(r.bound).toBeLessThan(1.85);
    expect(r.n).toBe(3000);
  });

  it("never uses a window before it is fully observed", () => {
    const draw = normals(3);
    const actual = Array.from({ length: 300 }, draw);
    const base = onlineConformal(traceOf(actual), opts({ delay: 5 }));
    // Changing the last 5 windows (not yet resolved at the last origin) changes no bound in force.
    const changed = actual.map((v, i) => (i >= 295 ? v + 100 : v));
    const other = onlineConformal(traceOf(changed), opts({ delay: 5 }));
    expect(other.bounds).toEqual(base.bounds);
    // ... but they do count once resolved, for the bound at now.
    expect(other.bound).toBeGreaterThan(base.bound);
    // With delay 5 the first bound appears at origin 5.
    expect(base.bounds.slice(0, 5).every(Number.isNaN)).toBe(true);
    expect(Number.isNaN(base.bounds[5])).toBe(false);
  });

  it("adds no hidden half-slot for whole-number demand: ceil(bound) covers at the quantile", () => {
    // Poisson-like counts around a non-integer prediction: coverage must land near 0.9, not above.
    const u = mulberry32(11);
    const actual = Array.from({ length: 4000 }, () => {
      let k = 0;
      for (let p = u(); p > Math.exp(-3.3); p *= u()) k++;
      return k;
    });
    const r = onlineConformal(
      traceOf(
        actual,
        actual.map(() => 3.3),
        3.3,
      ),
      opts({ integerValued: true, quantile: 0.9, gamma: 0.01, evalFrom: 500 }),
    );
    expect(Math.abs(r.coverage - 0.9)).toBeLessThan(0.02);
    // Bounds in force are whole numbers.
    expect(r.bounds.slice(1).every(Number.isInteger)).toBe(true);
  });

  it("scales the margin with the predicted level under the proportional normalisation", () => {
    const draw = normals(5);
    const predicted = Array.from({ length: 600 }, (_, i) => (i % 2 === 0 ? 10 : 100));
    const actual = predicted.map((p) => p * (1 + 0.1 * draw()));
    const r10 = onlineConformal(
      traceOf(actual, predicted, 10),
      opts({ normalisation: "proportional" }),
    );
    const r100 = onlineConformal(
      traceOf(actual, predicted, 100),
      opts({ normalisation: "proportional" }),
    );
    // Same score quantile, scale 11 vs 101 (floor 1): the margin grows with the level.
    expect(r100.scoreQuantile).toBe(r10.scoreQuantile);
    expect((r100.bound - 100) / (r10.bound - 10)).toBeCloseTo(101 / 11, 9);
  });

  it("throws without origins", () => {
    expect(() => onlineConformal(traceOf([]), opts())).toThrow(/at least one origin/);
  });
});
