import { clipBursts } from "../../../forecasts/models/burst-clip";
import { robust } from "../../../forecasts/models/robust";
import { seasonalNaive } from "../../../forecasts/models/seasonal-naive";
import { mstlModel } from "../../../forecasts/models/mstl-model";
import { hourlyDemand, profile } from "./synthetic";

const ctx = { periods: [24, 168] };

describe("clipBursts", () => {
  it("replaces an isolated spike by its seasonal reference, and touches nothing else on clean data", () => {
    const values = hourlyDemand(4, 9, 1);
    const spikeAt = 3 * 168 + 40;
    values[spikeAt] += 100;
    const r = clipBursts(values, values.length, ctx);
    expect(r.clipped).toEqual([spikeAt]);
    expect(Math.abs(r.values[spikeAt] - profile(spikeAt))).toBeLessThan(3);
    expect(r.scale).toBeGreaterThan(0.5);
    expect(r.scale).toBeLessThan(3);
  });

  it("lets a persistent level shift through after maxRun steps", () => {
    const values = hourlyDemand(4, 9, 1).map((v, t) => (t >= 3 * 168 ? v + 60 : v));
    const r = clipBursts(values, 3 * 168, ctx, { maxRun: 3 });
    expect(r.clipped.slice(0, 3)).toEqual([504, 505, 506]);
    expect(r.values[507]).toBe(values[507]);
  });

  it("is causal: cleaning a prefix gives the same values as cleaning the whole", () => {
    const values = hourlyDemand(5, 2, 1).map((v, t) => (t % 101 === 0 ? v + 70 : v));
    const whole = clipBursts(values, 600, ctx).values;
    const prefix = clipBursts(values.slice(0, 700), 600, ctx).values;
    expect(Array.from(whole.slice(0, 700))).toEqual(Array.from(prefix));
  });
});

describe("robust wrapper", () => {
  it("re-anchors to a level shift within a day instead of a week", () => {
    // 6 weeks of hourly demand, +25 from 30 hours before the origin on.
    const values = hourlyDemand(6, 5, 1);
    const origin = values.length - 24;
    const shiftAt = origin - 30;
    const shifted = values.map((v, t) => (t >= shiftAt ? v + 25 : v));
    const truth = Array.from({ length: 6 }, (_, k) => profile(origin + k) + 25);
    const mae = (f: number[]) => f.reduce((a, v, k) => a + Math.abs(v - truth[k]), 0) / f.length;
    const plain = seasonalNaive("weekly")
      .fit(shifted, 5 * 168, ctx)
      .forecastFrom(origin, 6);
    const robustF = robust(seasonalNaive("weekly"))
      .fit(shifted, 5 * 168, ctx)
      .forecastFrom(origin, 6);
    expect(mae(plain)).toBeGreaterThan(20);
    expect(mae(robustF)).toBeLessThan(3);
  });

  it("does not let yesterday's burst inflate today's forecast", () => {
    const values = hourlyDemand(5, 8, 1);
    const origin = values.length;
    values[origin - 24 + 5] += 200; // a burst at hour 5 yesterday
    const plain = seasonalNaive("daily").fit(values, origin, ctx).forecastFrom(origin, 24);
    const rob = robust(seasonalNaive("daily")).fit(values, origin, ctx).forecastFrom(origin, 24);
    expect(plain[5] - profile(origin + 5)).toBeGreaterThan(150);
    expect(Math.abs(rob[5] - profile(origin + 5))).toBeLessThan(15);
  });

  it("keeps a burst in the training data out of MSTL's seasonal profile", () => {
    const clean = hourlyDemand(6, 13, 1);
    const n = clean.length;
    // Bursts at the same weekly phase in the last two weeks.
    const values = clean.map((v, t) => (t === n - 168 + 20 || t === n - 336 + 20 ? v + 300 : v));
    const reference = mstlModel().fit(clean, n, ctx).forecastFrom(n, 24)[20];
    const plain = mstlModel().fit(values, n, ctx).forecastFrom(n, 24)[20];
    const rob = robust(mstlModel()).fit(values, n, ctx).forecastFrom(n, 24)[20];
    // Without clipping the bursts lift the forecast at their phase; with it, it stays where the
    // burst-free series puts it.
    expect(plain - reference).toBeGreaterThan(20);
    expect(Math.abs(rob - reference)).toBeLessThan(2);
  });

  it("changes nothing material on clean data and is named after its base", () => {
    const values = hourlyDemand(6, 17, 1);
    const base = seasonalNaive("weekly");
    const r = robust(base);
    expect(r.name).toBe("snaive-weekly-robust");
    expect(r.minLength(ctx)).toBe(base.minLength(ctx));
    const fitEnd = 5 * 168;
    const a = base.fit(values, fitEnd, ctx);
    const b = r.fit(values, fitEnd, ctx);
    let diff = 0;
    for (let o = fitEnd; o < values.length; o++)
      diff += Math.abs(a.forecastFrom(o, 1)[0] - b.forecastFrom(o, 1)[0]);
    expect(diff / 168).toBeLessThan(0.5);
  });
});
