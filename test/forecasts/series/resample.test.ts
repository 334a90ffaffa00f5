import { HistoryError, resample, resampleWithRepairs } from "../../../forecasts/series";

const H = 3600;
const T0 = 1704067200; // 2024-01-01T00:00:00Z, a multiple of 3600

describe("resample", () => {
  it("takes the maximum per bucket and aligns buckets to the hour", () => {
    const pts = [
      { t: T0 + 600, v: 2 },
      { t: T0 + 1800, v: 5 },
      { t: T0 + H + 10, v: 1 },
      { t: T0 + H + 3500, v: 3 },
    ];
    expect(resample(pts, { step: H })).toEqual({ start: T0, step: H, values: [5, 3] });
  });

  it("handles irregular spacing and unsorted input by bucketing", () => {
    const pts = [
      { t: T0 + 2 * H + 7, v: 4 },
      { t: T0 + 59, v: 1 },
      { t: T0 + H + 1234, v: 2 },
    ];
    expect(resample(pts, { step: H }).values).toEqual([1, 2, 4]);
  });

  it("ignores points at or after end and reports it", () => {
    const pts = [0, 1, 2, 3].map((k) => ({ t: T0 + k * H, v: k }));
    const r = resampleWithRepairs(pts, { step: H, end: T0 + 2 * H });
    expect(r.series.values).toEqual([0, 1]);
    expect(r.repairs).toEqual(["2 point(s) at or after 2024-01-01T02:00:00Z ignored"]);
  });

  it("honours a custom origin", () => {
    const r = resample([{ t: T0 + 1800, v: 1 }], { step: H, origin: 1800 });
    expect(r.start).toBe(T0 + 1800);
  });

  it("fills a short gap by linear interpolation", () => {
    const pts = [
      { t: T0, v: 0 },
      { t: T0 + 4 * H, v: 8 },
    ];
    const r = resampleWithRepairs(pts, { step: H });
    expect(r.series.values).toEqual([0, 2, 4, 6, 8]);
    expect(r.series.filled).toEqual([0, 1, 1, 1, 0]);
    expect(r.repairs).toEqual([
      "3 empty 3600s bucket(s) in 1 gap(s) filled: 3 by linear interpolation (gaps of <= 3); " +
        "longest gap 3 bucket(s) from 2024-01-01T01:00:00Z",
    ]);
  });

  it("fills a long gap from one period earlier, else carries forward", () => {
    // Period 4: buckets 0..3 observed as 1,2,3,4; bucket 4 observed 5; 5..9 empty; 10 observed 0.
    const obs = [1, 2, 3, 4, 5];
    const pts = obs.map((v, k) => ({ t: T0 + k * H, v })).concat([{ t: T0 + 10 * H, v: 0 }]);
    const seasonal = resampleWithRepairs(pts, { step: H, period: 4 });
    // j=5 ← j=1 (2), 6 ← 2 (3), 7 ← 3 (4), 8 ← 4 (5), 9 ← 5 (2, itself filled)
    expect(seasonal.series.values).toEqual([1, 2, 3, 4, 5, 2, 3, 4, 5, 2, 0]);
    expect(seasonal.repairs[0]).toMatch(/5 from one period \(4 steps\) earlier/);
    const carried = resample(pts, { step: H });
    expect(carried.values).toEqual([1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 0]);
    // Buckets 5..9 were invented either way, and are marked so.
    const marks = [0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 0];
    expect(seasonal.series.filled).toEqual(marks);
    expect(carried.filled).toEqual(marks);
    // A series with no gap carries no marks.
    expect(resample(pts.slice(0, 5), { step: H }).filled).toBeUndefined();
  });

  it("rejects a bad step and history entirely after end", () => {
    expect(() => resample([{ t: T0, v: 1 }], { step: 0 })).toThrow(RangeError);
    expect(() => resample([{ t: T0, v: 1 }], { step: H, end: T0 })).toThrow(HistoryError);
    expect(() =>
      resample(
        [
          { t: 0, v: 1 },
          { t: 1e9, v: 1 },
        ],
        { step: 1 },
      ),
    ).toThrow(/larger step/);
  });
});
