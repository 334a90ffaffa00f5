import { generateShape, SHAPE_NAMES } from "../../scripts/shape-traces";
import { TRACE_START } from "../../scripts/synth-traces";

describe("shape traces", () => {
  it("draws the same rows for the same seed and other rows for another", () => {
    expect(generateShape("random-walk", 7)).toEqual(generateShape("random-walk", 7));
    expect(generateShape("random-walk", 7)).not.toEqual(generateShape("random-walk", 8));
  });

  it("gives each shape its promised step, length and oddity", () => {
    const rows = Object.fromEntries(SHAPE_NAMES.map((n) => [n, generateShape(n)]));
    expect(rows["hourly-counts"]).toHaveLength(56 * 24);
    expect(rows["minute-ar"]).toHaveLength(21 * 1440);
    expect(rows["minute-ar"][1].t - rows["minute-ar"][0].t).toBe(60);
    // Two days of the gap shape's 5-minute rows are missing.
    expect(42 * 288 - rows.gap.length).toBeGreaterThanOrEqual(2 * 288 - 1);
    // Jittered rows stay within 30 s of their nominal time, and some are off it.
    const offsets = rows.jitter.map((p, i) => p.t - (TRACE_START + 300 * i));
    expect(offsets.every((o) => Math.abs(o) <= 30)).toBe(true);
    expect(offsets.some((o) => o !== 0)).toBe(true);
    // Sparse demand is zero in most rows; the constant shape never moves.
    expect(rows.sparse.filter((p) => p.v === 0).length / rows.sparse.length).toBeGreaterThan(0.95);
    expect(new Set(rows.constant.map((p) => p.v))).toEqual(new Set([7]));
    // Every shape is whole, non-negative demand in time order.
    for (const name of SHAPE_NAMES) {
      const r = rows[name];
      expect(
        r.every((p, i) => Number.isInteger(p.v) && p.v >= 0 && (i === 0 || p.t > r[i - 1].t)),
      ).toBe(true);
    }
  });

  it("names an unknown shape and the known ones", () => {
    expect(() => generateShape("sawtooth")).toThrow(
      /unknown shape "sawtooth"; choose one of random-walk, hourly-counts, .*constant/,
    );
  });
});
