import fc from "fast-check";
import { cleanPoints, resample } from "../../../forecasts/series";

const point = fc.record({
  t: fc.integer({ min: 0, max: 200_000 }),
  v: fc.double({ min: 0, max: 1e6, noNaN: true }),
});

describe("series invariants (property tests)", () => {
  it("cleanPoints: sorted, distinct timestamps, each the maximum of its source rows", () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 200 }), (pts) => {
        const { points } = cleanPoints(pts, "p");
        for (let i = 1; i < points.length; i++)
          expect(points[i].t).toBeGreaterThan(points[i - 1].t);
        const max = new Map<number, number>();
        for (const p of pts) max.set(p.t, Math.max(max.get(p.t) ?? -Infinity, p.v));
        expect(points.length).toBe(max.size);
        for (const p of points) expect(p.v).toBe(max.get(p.t));
      }),
    );
  });

  it("resample: covers first to last bucket; observed buckets hold their maximum; fills stay within neighbours when interpolated", () => {
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 100, max: 5000 }),
        (pts, step) => {
          const s = resample(pts, { step, maxInterpolateGap: 1_000_000 });
          const buckets = new Map<number, number>();
          for (const p of pts) {
            const k = Math.floor(p.t / step);
            buckets.set(k, Math.max(buckets.get(k) ?? -Infinity, p.v));
          }
          const ks = [...buckets.keys()];
          const kMin = Math.min(...ks);
          expect(s.start).toBe(kMin * step);
          expect(s.values.length).toBe(Math.max(...ks) - kMin + 1);
          for (const [k, v] of buckets) expect(s.values[k - kMin]).toBe(v);
          // With interpolation only, every value lies within the range of the observed maxima.
          const lo = Math.min(...buckets.values());
          const hi = Math.max(...buckets.values());
          const outside = s.values.filter((v) => v < lo - 1e-9 * hi || v > hi * (1 + 1e-12));
          expect(outside).toEqual([]);
        },
      ),
    );
  });

  it("resample: a fill never leaves its neighbours' range, even among subnormal values", () => {
    // 0 and 3 × 5e-324 five buckets apart: the slope 0.6 units rounds to 1 unit, so without the
    // clamp the fourth fill would be 4 units, above both ends (a counterexample fast-check found).
    const tiny = 3 * Number.MIN_VALUE;
    const s = resample(
      [
        { t: 0, v: 0 },
        { t: 500, v: tiny },
      ],
      { step: 100, maxInterpolateGap: 10 },
    );
    expect(s.values.length).toBe(6);
    expect(Math.max(...s.values)).toBe(tiny);
  });
});
