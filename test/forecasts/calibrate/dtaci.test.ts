import {
  DTACI_GAMMAS,
  dtaciLevel,
  dtaciStart,
  dtaciUpdate,
} from "../../../forecasts/calibrate/dtaci";
import { aciUpdate } from "../../../forecasts/calibrate/aci";
import { onlineConformal } from "../../../forecasts/calibrate/online";
import { errorTraceOptions, traceOfErrors } from "./error-trace";
import { normals } from "./prng";

// Gibbs & Candès, "Conformal inference for online prediction with arbitrary distribution
// shifts" (JMLR 2024), Algorithm 1, with η and σ of Theorem 3.2 for a local interval I = 500.
describe("DtACI (worked by hand)", () => {
  it("sets η and σ from the target, k = 8 experts and I = 500", () => {
    // denom = 0.9² · 0.1³ + 0.1² · 0.9³ = 0.00081 + 0.00729 = 0.0081;
    // η = √(3/500) · √((ln 4000 + 2) / 0.0081) = 0.0774597 · √1270.870 = 0.0774597 · 35.64927 = 2.76138.
    const s = dtaciStart(0.1);
    expect(DTACI_GAMMAS).toEqual([0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128]);
    expect(s.eta).toBeCloseTo(2.76138, 4);
    expect(s.sigma).toBe(0.001);
    expect(dtaciLevel(s)).toBeCloseTo(0.1, 15);
  });

  it("steps every expert by its own γ after a covered score, with equal losses keeping equal weights", () => {
    // β = 0.5 (covered by every expert's level 0.1): the loss 0.1 · 0.4 is the same for all, the
    // weights stay 1/8, and each level rises by γ · 0.1. Average: 0.1 + 0.1 · Σγ / 8 = 0.1031875.
    const s = dtaciStart(0.1);
    dtaciUpdate(s, 0.5);
    expect([...s.weights].every((w) => Math.abs(w - 1 / 8) < 1e-15)).toBe(true);
    DTACI_GAMMAS.forEach((g, i) => expect(s.alphas[i]).toBeCloseTo(0.1 + 0.1 * g, 15));
    expect(dtaciLevel(s)).toBeCloseTo(0.1031875, 12);
  });

  it("after a miss, moves weight to the experts whose level was lowest (the pinball loss)", () => {
    // From the state above, β = 0.05: every expert missed (α_i > β), loss_i = 0.9 (α_i − 0.05),
    // so the weights fall with α_i, i.e. with γ_i: w_i ∝ exp(−η · 0.9 · (0.05 + 0.1 γ_i)).
    const s = dtaciStart(0.1);
    dtaciUpdate(s, 0.5);
    const before = [...s.alphas];
    dtaciUpdate(s, 0.05);
    const raw = before.map((a) => Math.exp(-s.eta * 0.9 * (a - 0.05)));
    const sum = raw.reduce((x, y) => x + y, 0);
    raw.forEach((r, i) => expect(s.weights[i]).toBeCloseTo(0.999 * (r / sum) + 0.001 / 8, 12));
    // Each level then drops by γ_i · 0.9.
    DTACI_GAMMAS.forEach((g, i) => expect(s.alphas[i]).toBeCloseTo(before[i] - 0.9 * g, 12));
  });

  it("rejects a target outside (0, 1)", () => {
    expect(() => dtaciStart(0)).toThrow("DtACI needs a miscoverage target in (0, 1) (got 0)");
  });
});

describe("DtACI's coverage", () => {
  // β_t of an exchangeable score is uniform on (0, 1]: the miss rate should approach the target.
  const run = (betas: readonly number[]): number => {
    const s = dtaciStart(0.1);
    let misses = 0;
    for (const b of betas) {
      if (dtaciLevel(s) > b) misses++;
      dtaciUpdate(s, b);
    }
    return misses / betas.length;
  };

  it("misses about the target share of uniform β (within three standard errors)", () => {
    const draw = normals(11);
    // Uniform β from normal draws through the error function's logistic approximation.
    const betas = Array.from({ length: 4000 }, () => 1 / (1 + Math.exp(-1.702 * draw())));
    expect(Math.abs(run(betas) - 0.1)).toBeLessThan(3 * Math.sqrt((0.1 * 0.9) / 4000));
  });

  it("tightens back to the target after the errors shrink, where ACI with γ = 0.005 lags", () => {
    // 1,000 exchangeable scores, then 1,000 much smaller ones, as after a jump in demand that the
    // point forecast has caught up with: β moves towards 1 (its distance to 1 shrinks five times),
    // every bound covers, and the level must rise to 0.82 before one in ten misses again.
    const draw = normals(5);
    const u = () => 1 / (1 + Math.exp(-1.702 * draw()));
    const betas = [
      ...Array.from({ length: 1000 }, u),
      ...Array.from({ length: 1000 }, () => 1 - (1 - u()) / 5),
    ];
    const lateMisses = (level: () => number, update: (b: number) => void): number => {
      let misses = 0;
      betas.forEach((b, t) => {
        if (t >= 1500 && level() > b) misses++;
        update(b);
      });
      return misses / 500;
    };
    const s = dtaciStart(0.1);
    const dt = lateMisses(
      () => dtaciLevel(s),
      (b) => dtaciUpdate(s, b),
    );
    let a = 0.1;
    const aci = lateMisses(
      () => a,
      (b) => (a = aciUpdate(a, 0.1, a > b, 0.005)),
    );
    // Over the last 500 scores DtACI misses within 0.03 of the target, ACI hardly ever (it climbs
    // 0.0005 a score: 1,440 scores from 0.1 to 0.82), holding bounds far wider than needed.
    expect(Math.abs(dt - 0.1)).toBeLessThan(0.03);
    expect(aci).toBeLessThan(0.02);
  });
});

describe("online conformal after a jump the forecast has caught up with", () => {
  // 700 windows of N(0, 1) errors, 24 windows missed by +10 (the first day of a jump in demand),
  // then 600 more of N(0, 1): the jump's misses stay among the scores until the end.
  const draw = normals(3);
  const errors = [
    ...Array.from({ length: 700 }, () => draw()),
    ...Array.from({ length: 24 }, () => 10 + draw()),
    ...Array.from({ length: 600 }, () => draw()),
  ];
  const trace = traceOfErrors(errors);
  const opts = errorTraceOptions(0);
  const after = (bounds: readonly number[]) => bounds.slice(724 + 300);

  it("holds a narrower bound than ACI with γ = 0.005 once the errors are back, still near the quantile", () => {
    const dt = onlineConformal(trace, { ...opts, adaptation: "dtaci" });
    const aci = onlineConformal(trace, { ...opts, gamma: 0.005 });
    const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // The 0.95 quantile of N(0, 1) is 1.645: 51.645 is the bound an oracle would hold.
    expect(mean(after(dt.bounds))).toBeLessThan(mean(after(aci.bounds)));
    const covered = after(dt.bounds).filter((b, i) => trace.actual[724 + 300 + i] <= b).length;
    expect(covered / 300).toBeGreaterThan(0.9);
  });
});
