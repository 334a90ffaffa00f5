import { calibrationOrigins } from "../../forecasts/calibrate/origins";
import { forecastWindowMax } from "../../forecasts/forecast-window-max";
import { buildGrid } from "../../forecasts/grid";
import { ALL_MODELS } from "../../forecasts/models";
import { seasonalNaive } from "../../forecasts/models/seasonal-naive";
import { selectModel } from "../../forecasts/select";
import type { ForecastModel, Series } from "../../forecasts/types";
import { planPool } from "../../forecasts/plan";
import { forecastWhy } from "../../forecasts/plan-why";
import { normals } from "./calibrate/prng";
import { testPolicy } from "./policy";

const HOUR = 3600;
const DAY = 24 * HOUR;
const NOW = 1_700_000_000 - (1_700_000_000 % DAY);

/** A level model: the median of the last 3 steps, flat over the horizon (no seasonality). */
const recentMedian: ForecastModel = {
  name: "recent-median",
  minLength: () => 3,
  fit(values) {
    return {
      forecastFrom(origin, h) {
        const last = values.slice(origin - 3, origin).sort((x, y) => x - y);
        return new Array<number>(h).fill(last[1]);
      },
    };
  },
};

const failing: ForecastModel = {
  name: "broken",
  minLength: () => 1,
  fit() {
    throw new Error("no convergence");
  },
};

/** Hourly history of `days` days ending at NOW, from a function of the hour index. */
function hourly(days: number, f: (i: number) => number): Series {
  const n = days * 24;
  return { start: NOW - n * HOUR, step: HOUR, values: Array.from({ length: n }, (_, i) => f(i)) };
}

function select(
  history: Series,
  models: readonly ForecastModel[],
  selectBy: "pinball" | "capacity" = "pinball",
) {
  const grid = buildGrid(history, NOW, HOUR);
  const cal = calibrationOrigins(grid.values.length, grid.gapSteps + grid.horizonSteps, 24)!;
  return selectModel(grid, cal, models, 0.95, selectBy);
}

describe("selectModel", () => {
  const draw = normals(17);
  const seasonal = hourly(28, (i) => 50 + 40 * Math.sin((2 * Math.PI * i) / 24) + 3 * draw());

  it("picks the seasonal model on a clearly seasonal series", () => {
    const sel = select(seasonal, [recentMedian, seasonalNaive("daily")]);
    expect(sel.model).toBe("snaive-daily");
    const [flat, snaive] = sel.candidates;
    expect(flat.model).toBe("recent-median");
    expect(snaive.pinball!).toBeLessThan(flat.pinball!);
  });

  it("picks the level model after a level shift", () => {
    // Flat demand that fell from 90 to 30 four days ago: a week-old value keeps forecasting 90, and
    // calibration cannot take back an over-forecast (the margin is set by the largest scores).
    const shifted = hourly(28, (i) => (i >= 24 * 24 ? 30 : 90) + 2 * draw());
    const sel = select(shifted, [seasonalNaive("weekly"), recentMedian]);
    expect(sel.model).toBe("recent-median");
    expect(sel.candidates[1].pinball!).toBeLessThan(sel.candidates[0].pinball! / 2);
  });

  it("selects by the capacity held at equal coverage when asked, reporting both scores", () => {
    const models = [recentMedian, seasonalNaive("daily"), seasonalNaive("weekly")];
    const sel = select(seasonal, models, "capacity");
    const capacities = sel.candidates.map((c) => c.capacity!);
    expect(capacities.every((c) => Number.isFinite(c) && c > 0)).toBe(true);
    expect(sel.candidates.every((c) => c.pinball !== null)).toBe(true);
    const least = sel.candidates[capacities.indexOf(Math.min(...capacities))].model;
    expect(sel.model).toBe(least);
    // The flat level model needs far more capacity than a daily profile on a daily sine.
    expect(capacities[0]).toBeGreaterThan(2 * capacities[1]);
  });

  it("breaks ties by list order and reports a failing model without failing", () => {
    const twin = { ...seasonalNaive("daily"), name: "twin" };
    const sel = select(seasonal, [failing, twin, seasonalNaive("daily")]);
    expect(sel.model).toBe("twin");
    expect(sel.candidates[0]).toEqual({
      model: "broken",
      pinball: null,
      normalisation: null,
      adaptation: null,
      coverage: null,
      capacity: null,
      note: "failed: no convergence",
    });
    expect(sel.candidates[1].pinball).toBe(sel.candidates[2].pinball);
  });

  it("marks a model that needs more history than the fit window as not scored", () => {
    const longNeeds = {
      ...seasonalNaive("daily"),
      name: "needs-a-month",
      minLength: () => 24 * 30,
    };
    const sel = select(seasonal, [longNeeds, seasonalNaive("daily")]);
    expect(sel.candidates[0].note).toMatch(/^needs 720 steps before calibration, has \d+$/);
    expect(sel.model).toBe("snaive-daily");
  });
});

describe("forecastWindowMax", () => {
  const draw = normals(99);
  const business = (i: number): number => {
    const hour = i % 24;
    const weekday = Math.floor(i / 24) % 7 < 5;
    const level = hour >= 9 && hour < 18 ? (weekday ? 60 : 15) : 8;
    return Math.max(0, Math.round(level * Math.exp(0.1 * draw())));
  };

  it("calibrates a seasonal series and explains itself", () => {
    const fc = forecastWindowMax({
      history: hourly(28, business),
      now: NOW,
      horizonSeconds: 2 * HOUR,
      quantile: 0.95,
    });
    expect(fc.verdict).toBe("predictable");
    const names = [...ALL_MODELS.map((m) => m.name), "median-ensemble"];
    expect(names).toContain(fc.model);
    expect(fc.candidates.map((c) => c.model)).toEqual(names);
    expect(fc.step).toBe(HOUR);
    expect(fc.horizonSteps).toBe(2);
    expect(fc.periods).toEqual([24, 168]);
    expect(fc.calibration!.level).toBe(0.95);
    expect(fc.calibration!.n).toBeGreaterThanOrEqual(50);
    expect(Number.isInteger(fc.peak)).toBe(true); // whole-number demand
    expect(fc.peak).toBeGreaterThanOrEqual(0);
  });

  it("leaves windows of invented demand out of the calibration, and says so", () => {
    // 28 days; days 20 and 21 (48 hours) were a gap the resampler filled: marked 2.
    const series = hourly(28, business);
    const filled = series.values.map((_, i) => (i >= 20 * 24 && i < 22 * 24 ? 2 : 0) as 0 | 2);
    const fc = forecastWindowMax({
      history: { ...series, filled },
      now: NOW,
      horizonSeconds: HOUR,
      quantile: 0.95,
    });
    // Hourly origins from day 7 to the last: the 48 whose one-hour window is invented are out.
    expect(fc.calibration!.unobserved).toBe(48);
    expect(fc.calibration!.n).toBe(28 * 24 - 1 - 7 * 24 + 1 - 48);
    const plain = forecastWindowMax({
      history: series,
      now: NOW,
      horizonSeconds: HOUR,
      quantile: 0.95,
    });
    expect(plain.calibration!.unobserved).toBe(0);
  });

  it("realises window coverage near the quantile, and its interval's, when replayed hourly", () => {
    const full = hourly(42, business);
    let covered = 0;
    let inside = 0;
    let windows = 0;
    for (let d = 28 * 24; d < 42 * 24; d++) {
      const now = full.start + d * HOUR;
      const fc = forecastWindowMax({
        history: { ...full, values: full.values.slice(0, d) },
        now,
        horizonSeconds: HOUR,
        quantile: 0.9,
        models: ["snaive-daily", "snaive-weekly"],
      });
      windows++;
      if (full.values[d] <= fc.peak) covered++;
      const { lower, upper, level } = fc.interval!;
      expect([level, upper]).toEqual([0.9 * 2 - 1, fc.peak]);
      if (full.values[d] >= lower && full.values[d] <= upper) inside++;
    }
    // 336 windows: binomial sd 0.016 at 0.9; ±0.05 is three sd.
    expect(Math.abs(covered / windows - 0.9)).toBeLessThan(0.05);
    // The 80 % interval (the 0.1 and 0.9 quantiles): sd 0.022; ±0.07 is three sd.
    expect(Math.abs(inside / windows - 0.8)).toBeLessThan(0.07);
  });

  it("falls back with a verdict under 14 days of history", () => {
    const fc = forecastWindowMax({
      history: hourly(5, () => 4),
      now: NOW,
      horizonSeconds: HOUR,
      quantile: 0.95,
    });
    expect(fc.verdict).toBe(
      "not predictable: only 5 days of history before now (a model needs 14 days)",
    );
    expect(fc.model).toBeNull();
    expect(fc.peak).toBe(5); // 4 + max(1, 20 %)
    expect(fc.fallback).toEqual({ recentMax: 4, days: 5 });
  });

  it("falls back when there is no daily or weekly pattern", () => {
    const noise = normals(5);
    const fc = forecastWindowMax({
      history: hourly(28, () => 20 + 3 * noise()),
      now: NOW,
      horizonSeconds: HOUR,
      quantile: 0.95,
    });
    expect(fc.verdict).toMatch(
      /^not predictable: no daily or weekly pattern \(rank autocorrelation at 1 day -?0\.\d\d, at 1 week -?0\.\d\d; needs 0\.2\)$/,
    );
    expect(fc.peak).toBeGreaterThan(fc.fallback!.recentMax);
  });

  it("rejects an unknown model and a bad quantile, naming them", () => {
    const history = hourly(28, business);
    expect(() =>
      forecastWindowMax({
        history,
        now: NOW,
        horizonSeconds: HOUR,
        quantile: 0.95,
        models: ["prophet"],
      }),
    ).toThrow(/unknown model name\(s\) "prophet"; known models: snaive-daily/);
    expect(() =>
      forecastWindowMax({ history, now: NOW, horizonSeconds: HOUR, quantile: 1.5 }),
    ).toThrow(/got 1.5/);
  });

  it("is deterministic", () => {
    const req = { history: hourly(21, business), now: NOW, horizonSeconds: HOUR, quantile: 0.95 };
    expect(JSON.stringify(forecastWindowMax(req))).toBe(JSON.stringify(forecastWindowMax(req)));
  });
});

describe("the adaptation of the calibration level", () => {
  // 35 days of a daily rhythm with noise; demand doubles for good on day 25. Seasonal naive has
  // caught up a day later, but the misses of the jump's first day stay among the scores.
  const noise = normals(21);
  const jump = hourly(35, (i) => {
    const level = 40 + 20 * Math.sin((2 * Math.PI * (i % 24)) / 24) + 2 * noise();
    return i >= 25 * 24 ? 2 * level : level;
  });
  const steady = hourly(35, (i) => 40 + 20 * Math.sin((2 * Math.PI * (i % 24)) / 24) + 2 * noise());
  const request = (history: Series) => ({
    history,
    now: NOW,
    horizonSeconds: HOUR,
    quantile: 0.95,
    models: ["snaive-daily"],
  });

  it("chooses DtACI after a jump, and the plan's why says so", () => {
    const after = forecastWindowMax(request(jump));
    expect(after.calibration!.adaptation).toBe("dtaci");
    const plan = planPool({
      history: jump,
      now: NOW,
      inUse: 0,
      policy: testPolicy(["snaive-daily"]),
    });
    expect(plan.why.join("\n")).toMatch(/adaptive level [\d.]+ by DtACI;/);
  });

  it("reports each candidate's adaptation next to its normalisation", () => {
    const fc = forecastWindowMax(request(steady));
    const c = fc.candidates.find((x) => x.model === "snaive-daily")!;
    expect(["aci", "dtaci", "tracking"]).toContain(c.adaptation);
    expect(c.adaptation).toBe(fc.calibration!.adaptation);
  });

  it("says in the why how quantile tracking moved the score quantile, when it ran", () => {
    const fc = forecastWindowMax(request(steady));
    const tracked = {
      ...fc,
      calibration: { ...fc.calibration!, adaptation: "tracking" as const, offset: -0.194 },
    };
    const line = forecastWhy(tracked, 0.95, HOUR).find((l) => l.startsWith("Forecast maximum"));
    expect(line).toContain(
      "(level 0.95, score quantile offset by -0.194 by quantile tracking (step 5 % of the scores' spread); the bound covered",
    );
  });
});
