import { HistoryError, cleanPoints, inferStep } from "../../../forecasts/series";

describe("cleanPoints", () => {
  it("rejects empty input", () => {
    expect(() => cleanPoints([], "prom")).toThrow(
      new HistoryError("prom: no data points; give at least two weeks of history"),
    );
  });

  it("names each non-finite or negative row", () => {
    const bad = [
      { t: 0, v: 1 },
      { t: NaN, v: 1 },
      { t: 2, v: Infinity },
      { t: 3, v: -1 },
    ];
    expect(() => cleanPoints(bad, "cw")).toThrow(
      [
        "cw row 2: timestamp NaN is not a finite number; fix the row or remove it",
        "cw row 3: value Infinity is not a finite number; fix the row or remove it",
        "cw row 4: value -1 is negative, but demand cannot be; fix the row or remove it",
      ].join("\n"),
    );
  });

  it("leaves sorted distinct input untouched with no repairs", () => {
    const pts = [
      { t: 0, v: 1 },
      { t: 60, v: 2 },
    ];
    expect(cleanPoints(pts, "s")).toEqual({ points: pts, repairs: [] });
  });

  it("sorts stably and keeps the maximum per timestamp", () => {
    const out = cleanPoints(
      [
        { t: 120, v: 1 },
        { t: 0, v: 4 },
        { t: 0, v: 9 },
        { t: 60, v: 3 },
      ],
      "s",
    );
    expect(out.points).toEqual([
      { t: 0, v: 9 },
      { t: 60, v: 3 },
      { t: 120, v: 1 },
    ]);
    expect(out.repairs).toHaveLength(2);
  });
});

describe("inferStep", () => {
  it("is the median positive spacing, robust to an outage", () => {
    const t = [0, 300, 600, 900, 5000, 5300, 5600];
    expect(inferStep(t.map((x) => ({ t: x, v: 0 })))).toBe(300);
  });
  it("averages the two middle gaps for an even count", () => {
    expect(inferStep([0, 60, 180].map((x) => ({ t: x, v: 0 })))).toBe(90);
  });
  it("needs two distinct timestamps", () => {
    expect(() => inferStep([{ t: 0, v: 1 }])).toThrow(/at least two/);
    expect(() =>
      inferStep([
        { t: 5, v: 1 },
        { t: 5, v: 2 },
      ]),
    ).toThrow(/one timestamp/);
  });
});
