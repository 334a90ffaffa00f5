import { buildGrid, chooseModelStep, periodsFor } from "../../../forecasts/grid";

describe("chooseModelStep", () => {
  it("takes the largest candidate >= the series step that divides the horizon", () => {
    expect(chooseModelStep(300, 3600)).toBe(3600);
    expect(chooseModelStep(300, 7200)).toBe(3600);
    expect(chooseModelStep(300, 1800)).toBe(1800);
    expect(chooseModelStep(300, 2700)).toBe(900); // 45 min: 15 min divides it, 30 min does not
    expect(chooseModelStep(60, 600)).toBe(600);
  });

  it("falls back to the largest candidate below the horizon, or the series' own step", () => {
    expect(chooseModelStep(300, 4000)).toBe(3600);
    expect(chooseModelStep(300, 200)).toBe(300);
    expect(chooseModelStep(86_400, 3600)).toBe(86_400);
  });
});

describe("periodsFor", () => {
  it("gives a day and a week in steps when they are whole numbers >= 2", () => {
    expect(periodsFor(3600)).toEqual([24, 168]);
    expect(periodsFor(300)).toEqual([288, 2016]);
    expect(periodsFor(86_400)).toEqual([7]);
  });
});

describe("buildGrid", () => {
  const now = 100 * 3600;

  it("re-aggregates by bucket maximum, anchored at now", () => {
    // 5-minute series over the last 3 hours before now: values 0..35.
    const values = Array.from({ length: 36 }, (_, i) => i);
    const g = buildGrid({ start: now - 3 * 3600, step: 300, values }, now, 3600);
    expect(g.step).toBe(3600);
    expect(g.values).toEqual([11, 23, 35]);
    expect(g.end).toBe(now);
    expect(g.gapSteps).toBe(0);
    expect(g.horizonSteps).toBe(1);
    expect(g.periods).toEqual([24, 168]);
    expect(g.integerValued).toBe(true);
    expect(g.unobserved).toEqual([false, false, false]);
  });

  it("takes a bucket's maximum from its rows where it has any, and marks invented demand", () => {
    // Four hours of 5-minute buckets, values 0..47. Hour 0's last bucket (11) was interpolated
    // toward hour 1 and set to 100: hour 0's rows (0..10) give its maximum, 10. Hour 2 was
    // invented for a long gap and holds no rows: its own (invented) maximum is kept, and marked.
    const values = Array.from({ length: 48 }, (_, i) => (i === 11 ? 100 : i));
    const filled = values.map((_, i) => (i === 11 ? 1 : i >= 24 && i < 36 ? 2 : 0) as 0 | 1 | 2);
    const g = buildGrid({ start: now - 4 * 3600, step: 300, values, filled }, now, 3600);
    expect(g.values).toEqual([10, 23, 35, 47]);
    expect(g.unobserved).toEqual([false, false, true, false]);
  });

  it("ignores buckets at or after now, and any bucket that straddles it", () => {
    const values = Array.from({ length: 48 }, (_, i) => i);
    const g = buildGrid({ start: now - 3 * 3600 + 60, step: 300, values }, now, 3600);
    // The bucket [now − 4 min, now + 1 min) straddles now: dropped; later ones too.
    expect(Math.max(...g.values)).toBe(34);
  });

  it("counts the steps between stale data and now as a gap instead of inventing data", () => {
    const values = [1.5, 2, 3];
    const g = buildGrid({ start: now - 5 * 3600, step: 3600, values }, now, 7200);
    expect(g.values).toEqual([1.5, 2, 3]);
    expect(g.gapSteps).toBe(2);
    expect(g.horizonSteps).toBe(2);
    expect(g.end).toBe(now - 2 * 3600);
    expect(g.integerValued).toBe(false);
  });

  it("returns an empty grid when nothing ends before now", () => {
    const g = buildGrid({ start: now, step: 300, values: [1, 2] }, now, 3600);
    expect(g.values).toEqual([]);
  });
});
