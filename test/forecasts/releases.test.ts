import { releasesAtQuantile } from "../../forecasts/releases";

describe("releasesAtQuantile", () => {
  it("counts every certain release, and none of an empty list", () => {
    expect(releasesAtQuantile([1, 1, 1], 0.95)).toBe(3);
    expect(releasesAtQuantile([], 0.95)).toBe(0);
    expect(releasesAtQuantile([0, 0], 0.5)).toBe(0);
  });

  it("keeps the largest count that happens with the quantile's probability (by hand)", () => {
    // Two coin flips: P(R >= 1) = 0.75, P(R >= 2) = 0.25.
    expect(releasesAtQuantile([0.5, 0.5], 0.75)).toBe(1);
    expect(releasesAtQuantile([0.5, 0.5], 0.8)).toBe(0);
    expect(releasesAtQuantile([0.5, 0.5], 0.25)).toBe(2);
    // A certain release and a doubtful one: P(R >= 1) = 1, P(R >= 2) = 0.6.
    expect(releasesAtQuantile([1, 0.6], 0.95)).toBe(1);
    expect(releasesAtQuantile([1, 0.6], 0.6)).toBe(2);
  });

  it("matches the binomial distribution for equal confidences", () => {
    // Ten releases at 0.9 (Binomial(10, 0.9)): P(R >= 8) = 0.9298, P(R >= 7) = 0.9872, from
    // the binomial probabilities C(10, k) 0.9^k 0.1^(10 − k).
    const ten = new Array<number>(10).fill(0.9);
    expect(releasesAtQuantile(ten, 0.95)).toBe(7);
    expect(releasesAtQuantile(ten, 0.9298)).toBe(8);
    expect(releasesAtQuantile(ten, 0.93)).toBe(7);
  });

  it("rejects a confidence that is not a probability, and a bad quantile", () => {
    expect(() => releasesAtQuantile([0.5, 1.5], 0.95)).toThrow(
      "release confidence 1 must be a probability from 0 to 1 (got 1.5)",
    );
    expect(() => releasesAtQuantile([0.5], 1)).toThrow(/quantile must be between 0 and 1/);
  });
});
