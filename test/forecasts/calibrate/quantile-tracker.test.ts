import { onlineConformal } from "../../../forecasts/calibrate/online";
import {
  TRACKER_RATE,
  trackerStep,
  trackerUpdate,
} from "../../../forecasts/calibrate/quantile-tracker";
import { errorTraceOptions, traceOfErrors } from "./error-trace";
import { mulberry32, normals } from "./prng";

// Angelopoulos, Candès & Tibshirani, "Conformal PID Control for Time Series Prediction" (NeurIPS
// 2023), quantile tracking: q_{t+1} = q_t + η (err_t − α).
describe("quantile tracking (worked by hand)", () => {
  it("raises the offset by η(1 − α) on a miss and lowers it by ηα on a covered window", () => {
    // η 0.2, α 0.05: +0.19 after a miss, then −0.01 after a covered window.
    const afterMiss = trackerUpdate(0, 0.05, true, 0.2);
    expect(afterMiss).toBeCloseTo(0.19, 12);
    expect(trackerUpdate(afterMiss, 0.05, false, 0.2)).toBeCloseTo(0.18, 12);
  });

  it("steps by the rate times the distance from the scores' median to their upper quantile", () => {
    expect(TRACKER_RATE).toBe(0.05);
    expect(trackerStep(3, 1)).toBeCloseTo(0.1, 12);
    expect(trackerStep(3, 1, 0.5)).toBeCloseTo(1, 12);
    // Scores that do not spread (or not yet) give no step rather than a negative one.
    expect(trackerStep(1, 1)).toBe(0);
    expect(trackerStep(0, 1)).toBe(0);
    expect(trackerStep(NaN, 1)).toBe(0);
  });

  it("rejects a target outside (0, 1) and a step that is negative or not finite", () => {
    expect(() => trackerUpdate(0, 1, true, 0.1)).toThrow(
      "quantile tracking needs a miss-rate target in (0, 1) (got 1)",
    );
    expect(() => trackerUpdate(0, 0.05, true, -1)).toThrow(
      "quantile tracking needs a finite step >= 0 (got -1)",
    );
    expect(() => trackerUpdate(0, 0.05, true, Infinity)).toThrow("(got Infinity)");
  });
});

describe("online conformal with quantile tracking", () => {
  const opts = errorTraceOptions(500);

  it("misses about the target share of exchangeable windows (within three standard errors)", () => {
    const draw = normals(21);
    const trace = traceOfErrors(Array.from({ length: 4500 }, () => draw()));
    const r = onlineConformal(trace, { ...opts, adaptation: "tracking" });
    expect(r.evaluated).toBe(4000);
    expect(Math.abs(1 - r.coverage - 0.05)).toBeLessThan(3 * Math.sqrt((0.05 * 0.95) / 4000));
    // The level stays at the quantile; only the offset moves, and it is reported.
    expect(r.adaptedLevel).toBe(0.95);
    expect(r.scoreQuantile).not.toBe(0);
    expect(Number.isFinite(r.offset)).toBe(true);
  });

  it("widens far less than ACI after a run of burst misses on heavy-tailed errors", () => {
    // 1,500 windows of Pareto errors (shape 2.5: a heavy upper tail), then a burst of 10 windows
    // a hundred times the usual error, then the usual errors again. ACI raises the level by
    // 0.00475 a miss, to about 0.9975, which reaches the burst's own scores (the top 0.7 %): its
    // bound jumps from about 2.7 to the burst's 100. Tracking raises the offset by η(1 − α) a
    // miss, about half the scores' spread in all: from about 2.7 to under 4.
    const u = mulberry32(8);
    const pareto = (): number => Math.pow(1 - u(), -1 / 2.5) - 1;
    const errors = [
      ...Array.from({ length: 1500 }, pareto),
      ...Array.from({ length: 10 }, () => 100),
      ...Array.from({ length: 200 }, pareto),
    ];
    const trace = traceOfErrors(errors);
    const aci = onlineConformal(trace, opts);
    const tracked = onlineConformal(trace, { ...opts, adaptation: "tracking" });
    // The rise of the bound from just before the burst to just after it has resolved.
    const rise = (bounds: readonly number[]): number => bounds[1512] - bounds[1500];
    expect(rise(aci.bounds)).toBeGreaterThan(10 * rise(tracked.bounds));
    expect(rise(tracked.bounds)).toBeGreaterThan(0);
    // Both still cover about the quantile over the last 200 windows.
    const coverAfter = (bounds: readonly number[]): number =>
      bounds.slice(1510).filter((b, i) => trace.actual[1510 + i] <= b).length / 200;
    expect(coverAfter(tracked.bounds)).toBeGreaterThan(0.9);
    expect(coverAfter(aci.bounds)).toBeGreaterThan(0.9);
  });
});
