import {
  lagrangeCapacities,
  quantileCapacities,
  windowOptions,
} from "../../scripts/oracle-capacities";

// Two windows' options: A's 2 covers half its draws and 3 all of them; B's 10 half and 20 all.
// Covering A fully costs 0.75 idle per row for half a window of coverage; B 5.
const a = [
  { capacity: 2, cover: 0.5, idle: 0.5 },
  { capacity: 3, cover: 1, idle: 1.25 },
];
const b = [
  { capacity: 10, cover: 0.5, idle: 1 },
  { capacity: 20, cover: 1, idle: 6 },
];

describe("windowOptions", () => {
  it("offers each sampled maximum with its coverage and expected idle per row", () => {
    // Draws [1, 2] and [3, 1]: maxima 2 and 3. Holding 2 covers one draw of two and leaves
    // (2−1) + (2−2) + (2−1) = 2 idle over 4 rows (the row at 3 is short, not idle); holding 3
    // covers both and leaves 2 + 1 + 2 + 0 = 5 over 4 rows.
    expect(
      windowOptions([
        [1, 2],
        [3, 1],
      ]),
    ).toEqual([
      { capacity: 2, cover: 0.5, idle: 0.5 },
      { capacity: 3, cover: 1, idle: 1.25 },
    ]);
  });

  it("merges equal maxima and rejects an empty draw", () => {
    expect(windowOptions([[4], [4], [2]]).map((o) => [o.capacity, o.cover])).toEqual([
      [2, 1 / 3],
      [4, 1],
    ]);
    expect(() => windowOptions([])).toThrow("at least one draw");
    expect(() => windowOptions([[]])).toThrow("at least one draw");
  });
});

describe("lagrangeCapacities", () => {
  it("buys coverage where it is cheapest first", () => {
    expect(lagrangeCapacities([a, b], 0.5)).toEqual([2, 10]);
    expect(lagrangeCapacities([a, b], 0.75)).toEqual([3, 10]);
    expect(lagrangeCapacities([a, b], 0.99)).toEqual([3, 20]);
  });

  it("reaches a realised coverage when given one", () => {
    // Realised maxima 3 and 15: [3, 10] covers one window of two.
    const realised = (caps: readonly number[]) => [3, 15].filter((m, w) => m <= caps[w]).length / 2;
    expect(lagrangeCapacities([a, b], 0.5, realised)).toEqual([3, 10]);
  });

  it("rejects a quantile outside (0, 1) and a window without options", () => {
    expect(() => lagrangeCapacities([a], 1)).toThrow("quantile must be between 0 and 1 (got 1)");
    expect(() => lagrangeCapacities([a, []], 0.9)).toThrow("every window needs an option");
  });
});

describe("quantileCapacities", () => {
  it("holds the same quantile in every window, however dear", () => {
    expect(quantileCapacities([a, b], 0.5)).toEqual([2, 10]);
    // Lagrange covers A fully and B half for 0.75; the same quantile everywhere must cover both.
    expect(quantileCapacities([a, b], 0.75)).toEqual([3, 20]);
  });

  it("reaches a realised coverage when given one, and rejects bad input", () => {
    // Realised maxima 2 and 15: the half-quantile [2, 10] covers one window of two.
    const realised = (caps: readonly number[]) => [2, 15].filter((m, w) => m <= caps[w]).length / 2;
    expect(quantileCapacities([a, b], 0.5, realised)).toEqual([2, 10]);
    expect(() => quantileCapacities([a], 0)).toThrow("quantile must be between 0 and 1 (got 0)");
    expect(() => quantileCapacities([[], b], 0.9)).toThrow("every window needs an option");
  });
});
