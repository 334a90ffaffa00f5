import { aciUpdate } from "../../../forecasts/calibrate/aci";
import { onlineConformal } from "../../../forecasts/calibrate/online";
import { normals } from "./prng";

// Gibbs & Candès (2021), eq. 2: α_{t+1} = α_t + γ (α − err_t).
describe("aciUpdate", () => {
  it("follows the update on a hand-checked sequence", () => {
    const target = 0.1;
    const gamma = 0.05;
    let a = 0.1;
    const seen: number[] = [];
    for (const miss of [true, false, false, true, true]) {
      a = aciUpdate(a, target, miss, gamma);
      seen.push(a);
    }
    // 0.1 − 0.045 = 0.055; + 0.005 = 0.06; + 0.005 = 0.065; − 0.045 = 0.02; − 0.045 → clamped to 0.
    const expected = [0.055, 0.06, 0.065, 0.02, 0];
    seen.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it("clamps at 1 after a long run of hits", () => {
    expect(aciUpdate(0.999, 0.5, false, 0.5)).toBe(1);
  });
});

describe("online conformal with ACI under drift", () => {
  // Predicted 0; the noise doubles halfway: plain split conformal under-covers the second half.
  const draw = normals(7);
  const m = 1200;
  const actual = Array.from({ length: m }, (_, i) => (i < m / 2 ? 1 : 2) * draw());
  const trace = {
    origins: actual.map((_, i) => i),
    predicted: actual.map(() => 0),
    actual,
    predictedNow: 0,
  };
  const run = (gamma: number): number => {
    const r = onlineConformal(trace, {
      quantile: 0.9,
      normalisation: "absolute",
      floor: 1,
      integerValued: false,
      delay: 1,
      evalFrom: 0,
      gamma,
    });
    let hit = 0;
    for (let i = m / 2; i < m; i++) if (actual[i] <= r.bounds[i]) hit++;
    return hit / (m / 2);
  };

  it("brings the coverage after the shift closer to the target than no correction", () => {
    const plain = run(0);
    const adaptive = run(0.02);
    expect(plain).toBeLessThan(0.86);
    expect(Math.abs(adaptive - 0.9)).toBeLessThan(Math.abs(plain - 0.9));
    expect(Math.abs(adaptive - 0.9)).toBeLessThan(0.03);
  });
});
