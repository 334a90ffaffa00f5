import { nelderMead } from "../../../forecasts/models/nelder-mead";

describe("nelderMead", () => {
  it("finds the Rosenbrock minimum (1, 1) from the classic start (-1.2, 1)", () => {
    // Rosenbrock (1960): f(x, y) = 100 (y − x²)² + (1 − x)², minimum 0 at (1, 1).
    const r = nelderMead(([x, y]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1], {
      maxEvals: 2000,
      tolerance: 1e-14,
    });
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
    expect(r.value).toBeLessThan(1e-7);
  });

  it("is deterministic and respects the evaluation budget", () => {
    const f = ([x]: readonly number[]) => (x - 3) ** 2;
    const a = nelderMead(f, [0], { maxEvals: 15 });
    const b = nelderMead(f, [0], { maxEvals: 15 });
    expect(a).toEqual(b);
    expect(a.evals).toBeLessThanOrEqual(16);
  });

  it("treats non-finite values as worse than any finite one", () => {
    const r = nelderMead(([x]) => (x < 0 ? NaN : (x - 1) ** 2), [0.5], {
      maxEvals: 300,
      tolerance: 1e-12,
    });
    expect(r.x[0]).toBeCloseTo(1, 4);
  });

  it("rejects an empty start", () => {
    expect(() => nelderMead(() => 0, [])).toThrow(/at least one parameter/);
  });
});
