import {
  calibrationOrigins,
  MAX_ORIGINS,
  MIN_CALIBRATION_WINDOWS,
} from "../../../forecasts/calibrate/origins";
import { scaleFloor, scaleOf } from "../../../forecasts/calibrate/normalise";

describe("calibrationOrigins", () => {
  it("replays every step after the first week when that fits in the budget", () => {
    // Hourly grid, 18 days of history, a 1-step window: origins 168 .. 431.
    const cal = calibrationOrigins(18 * 24, 1, 24);
    expect(cal).not.toBeNull();
    expect(cal!.stride).toBe(1);
    expect(cal!.origins.length).toBe(18 * 24 - 1 - 7 * 24 + 1);
    expect(cal!.origins[cal!.origins.length - 1]).toBe(18 * 24 - 1);
    expect(cal!.fitEnd).toBe(7 * 24);
  });

  it("looks back at most 28 days, every hour of them", () => {
    const cal = calibrationOrigins(56 * 24, 1, 24)!;
    expect(cal.origins[0]).toBe(56 * 24 - 1 - 28 * 24 + 1);
    expect(cal.origins).toHaveLength(28 * 24);
    expect(cal.stride).toBe(1);
    expect(MAX_ORIGINS).toBe(28 * 24);
  });

  it("keeps one week for fitting when the history is short", () => {
    const cal = calibrationOrigins(14 * 24, 2, 24)!;
    expect(cal.fitEnd).toBe(7 * 24);
    expect(cal.origins[cal.origins.length - 1]).toBe(14 * 24 - 2);
  });

  it("strides to stay within the budget and ends at the latest resolved origin", () => {
    const cal = calibrationOrigins(56 * 288, 12, 288)!; // 5-minute grid
    expect(cal.origins.length).toBeLessThanOrEqual(MAX_ORIGINS);
    expect(cal.stride).toBe(Math.ceil((28 * 288) / MAX_ORIGINS));
    expect(cal.origins[cal.origins.length - 1]).toBe(56 * 288 - 12);
  });

  it("leaves out origins whose window overlaps an invented step, and fits before them all", () => {
    // Hourly grid, 18 days, 1-step windows; steps 300..309 were invented by the resampler.
    const unobserved = Array.from({ length: 18 * 24 }, (_, i) => i >= 300 && i < 310);
    const cal = calibrationOrigins(18 * 24, 1, 24, unobserved)!;
    expect(cal.origins.filter((o) => o >= 300 && o < 310)).toEqual([]);
    expect(cal.origins).toHaveLength(18 * 24 - 7 * 24 - 10);
    expect(cal.unobserved).toBe(10);
    expect(cal.fitEnd).toBe(7 * 24);
    // Too few observed windows left: no calibration.
    const mostly = Array.from({ length: 18 * 24 }, (_, i) => i >= 200);
    expect(calibrationOrigins(18 * 24, 1, 24, mostly)).toBeNull();
  });

  it("looks back until it holds 200 origins on a coarse grid, where four weeks hold too few", () => {
    // A daily grid (one step a day), two years: four weeks would be 28 origins, fewer than 50.
    const cal = calibrationOrigins(730, 1, 1)!;
    expect(cal).not.toBeNull();
    expect(cal.origins).toHaveLength(MIN_CALIBRATION_WINDOWS);
    expect(cal.origins[0]).toBe(729 - 200 + 1);
    expect(cal.stride).toBe(1);
    // Ten weeks of days: everything after the fitting week (63 origins).
    expect(calibrationOrigins(70, 1, 1)!.origins).toHaveLength(70 - 1 - 7 + 1);
    // Six-hour rows: four weeks hold 112 origins, so the calibration reaches back 50 days.
    expect(calibrationOrigins(120 * 4, 1, 4)!.origins).toHaveLength(200);
  });

  it("gives up when fewer than 50 origins fit", () => {
    expect(calibrationOrigins(7 * 24 + 40, 1, 24)).toBeNull();
  });
});

describe("normalisation", () => {
  it("floors whole-number demand at one unit, other series at a tenth of the mean", () => {
    expect(scaleFloor([0, 1, 2], true)).toBe(1);
    expect(scaleFloor([100, 300], true)).toBe(20);
    expect(scaleFloor([0.01, 0.03], false)).toBeCloseTo(0.002, 12);
    expect(scaleFloor([0, 0], false)).toBe(1);
  });

  it("scales by 1, the square root or the level (negative forecasts count as 0)", () => {
    expect(scaleOf("absolute", 50, 1)).toBe(1);
    expect(scaleOf("sqrt", 8, 1)).toBe(3);
    expect(scaleOf("proportional", 8, 1)).toBe(9);
    expect(scaleOf("proportional", -5, 2)).toBe(2);
  });
});
