import { medianTrace } from "../../../forecasts/calibrate/ensemble";

describe("medianTrace", () => {
  const t = (predicted: number[], predictedNow: number) => ({
    origins: [10, 11, 12],
    actual: [5, 6, 7],
    predicted,
    predictedNow,
  });

  it("takes the median of the members' predictions at each origin and at now", () => {
    const m = medianTrace([t([1, 9, 3], 4), t([2, 2, 2], 10), t([100, 5, 1], 6)]);
    expect(m.predicted).toEqual([2, 5, 2]);
    expect(m.predictedNow).toBe(6);
    expect(m.actual).toEqual([5, 6, 7]);
    expect(m.origins).toEqual([10, 11, 12]);
  });

  it("averages the middle two for an even count, and refuses none", () => {
    expect(medianTrace([t([1, 1, 1], 1), t([3, 5, 7], 2)]).predicted).toEqual([2, 3, 4]);
    expect(() => medianTrace([])).toThrow(/at least one trace/);
  });
});
