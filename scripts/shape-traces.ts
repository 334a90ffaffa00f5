/**
 * Demand shapes unlike the five evaluation services (scripts/synth-traces.ts), for checking that
 * the forecaster generalises rather than fits those five: no pattern at all, single-row windows,
 * 1-minute rows, a growth then a drop, mostly-zero demand, irregular timestamps, an outage in the
 * data, a drifting daily peak, heavy-tailed office hours, a constant, one row a day for two years,
 * and office hours on the New York wall clock across a daylight-saving change. None of them was used to choose a model or
 * a constant. Seeded, so every run writes the same files.
 *
 *   npx ts-node --transpile-only scripts/shape-traces.ts OUT_DIR   # writes OUT_DIR/<shape>.csv
 *   npx ts-node --transpile-only scripts/evaluate.ts --family shapes   # their evaluation table
 */
import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { toWallClock } from "../forecasts/series/local-time";
import type { RawPoint } from "../forecasts/types";
import { boxMuller, mulberry32 } from "./prng";
import { TRACE_START } from "./synth-traces";

const HOUR = 3600;
const DAY = 86_400;

/** What a shape draws from: uniform and standard normal draws of one seeded stream. */
interface Draws {
  readonly uniform: () => number;
  readonly normal: () => number;
}

/** A shape: its row step, length, and a generator of the rows (a row may be skipped: null). */
interface Shape {
  readonly step: number;
  readonly days: number;
  /** Most seconds a row's timestamp strays either side of its nominal one. Default 0. */
  readonly jitter?: number;
  /** Starting value of the state a shape carries from row to row. Default 0. */
  readonly initial?: number;
  /** First row's time. Default TRACE_START (Monday 5 January 2026). */
  readonly start?: number;
  /** The wall clock the demand follows, as its operator would know it. Default: none given. */
  readonly timeZone?: string;
  readonly row: (t: number, i: number, d: Draws, state: { level: number }) => number | null;
}

const hourOfDay = (t: number): number => (t % DAY) / HOUR;
/** 0 = Monday (TRACE_START is a Monday). */
const dayOfWeek = (t: number): number => Math.floor((t - TRACE_START) / DAY) % 7;
const weekend = (t: number): boolean => dayOfWeek(t) >= 5;
const daily = (t: number, peakHour: number): number =>
  Math.sin((2 * Math.PI * (hourOfDay(t) - peakHour + 6)) / 24);
const whole = (v: number): number => Math.max(0, Math.round(v));

/** Poisson draw: Knuth's product of uniforms for small means, a rounded normal above 50. */
function poisson(mean: number, d: Draws): number {
  if (mean > 50) return whole(mean + Math.sqrt(mean) * d.normal());
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = d.uniform(); p > limit; p *= d.uniform()) k++;
  return k;
}

const SHAPES: Record<string, Shape> = {
  // A random walk: no daily or weekly pattern, but each hour is close to the last.
  "random-walk": {
    step: 300,
    days: 28,
    initial: 100,
    row: (_t, _i, d, s) => {
      s.level = Math.max(1, s.level + 2 * d.normal());
      return whole(s.level);
    },
  },
  // Hourly rows: each deployment window holds a single row.
  "hourly-counts": {
    step: HOUR,
    days: 56,
    row: (t, _i, d) => poisson(40 * (1 + 0.6 * daily(t, 14)) * (weekend(t) ? 0.6 : 1), d),
  },
  // 1-minute rows with slowly decaying (AR(1)) noise, three weeks.
  "minute-ar": {
    step: 60,
    days: 21,
    row: (t, _i, d, s) => {
      s.level = 0.95 * s.level + 2 * d.normal();
      return whole(100 + 50 * daily(t, 12) + s.level);
    },
  },
  // 15-minute rows: steady growth, then 40 % of the demand leaves on day 35.
  "trend-shift": {
    step: 900,
    days: 56,
    row: (t, i, d) => {
      const day = (i * 900) / DAY;
      const level = (50 + day) * (day > 35 ? 0.6 : 1);
      return whole(level * (1 + 0.4 * Math.max(0, daily(t, 13))) * Math.exp(0.1 * d.normal()));
    },
  },
  // Mostly zero, with a spike in 2 % of rows: no pattern, the fallback's case.
  sparse: {
    step: 300,
    days: 42,
    row: (_t, _i, d) => (d.uniform() < 0.02 ? whole(5 + 10 * d.uniform()) : 0),
  },
  // Rows every 5 minutes ± 30 s, with quieter weekends.
  jitter: {
    step: 300,
    days: 42,
    jitter: 30,
    row: (t, _i, d) => whole(60 + 40 * daily(t, 15) * (weekend(t) ? 0.5 : 1) + 5 * d.normal()),
  },
  // An exporter outage: two days with no rows at all.
  gap: {
    step: 300,
    days: 42,
    row: (t, i, d) => {
      const day = (i * 300) / DAY;
      const v = whole(30 + 20 * daily(t, 15) + 3 * d.normal());
      return day > 20 && day < 22 ? null : v;
    },
  },
  // The daily peak moves later by 12 minutes a day.
  "phase-drift": {
    step: 600,
    days: 49,
    row: (t, i, d) => whole(80 + 60 * daily(t, 12 + (i * 600 * 0.2) / DAY) + 8 * d.normal()),
  },
  // Office hours on weekdays, log-normal noise, and a 3× burst in 0.2 % of rows.
  "weekly-heavy": {
    step: 300,
    days: 56,
    row: (t, _i, d) => {
      const office = !weekend(t) && hourOfDay(t) > 8 && hourOfDay(t) < 19;
      const base = 200 * (weekend(t) ? 0.3 : 1) * (office ? 1.5 : 0.5);
      return whole(base * (d.uniform() < 0.002 ? 3 : 1) * Math.exp(0.25 * d.normal()));
    },
  },
  constant: { step: 300, days: 28, row: () => 7 },
  // Weekday office hours on the New York wall clock, from Monday 2 February 2026: the clocks go
  // forward on 8 March, and the pattern moves an hour earlier in UTC.
  "new-york-office": {
    step: 300,
    days: 56,
    start: Date.UTC(2026, 1, 2, 5) / 1000,
    timeZone: "America/New_York",
    row: (t, _i, d) => {
      const wall = toWallClock("America/New_York", t);
      const hour = hourOfDay(wall);
      const weekday = (Math.floor(wall / DAY) + 3) % 7 < 5; // 1 January 1970 was a Thursday
      const office =
        Math.abs(hour - 13.5) < 6.5 ? 0.5 * (1 + Math.cos((Math.PI * (hour - 13.5)) / 6.5)) : 0;
      return whole((8 + (weekday ? 52 : 10) * office) * Math.exp(0.1 * d.normal()));
    },
  },
  // One row a day for two years: a weekday/weekend rhythm on a yearly swell, multiplicative noise.
  // Last, so the shapes before it keep their seeds (1000 + index).
  "daily-rows": {
    step: DAY,
    days: 728,
    row: (t, i, d) => {
      const yearly = 1 + 0.2 * Math.sin((2 * Math.PI * i) / 365);
      return whole(120 * yearly * (weekend(t) ? 0.55 : 1) * Math.exp(0.06 * d.normal()));
    },
  },
};

/** Shape names, in table order. */
export const SHAPE_NAMES: readonly string[] = Object.keys(SHAPES);

/**
 * One shape's rows, drawn with `seed` (default: 1000 + the shape's index, as the services).
 *
 * @param name a name from {@link SHAPE_NAMES}.
 * @param seed PRNG seed.
 * @returns the rows, oldest first (the jitter shape's timestamps are irregular).
 * @throws {Error} naming an unknown shape and the known ones.
 */
export function generateShape(name: string, seed?: number): RawPoint[] {
  const shape = SHAPES[name];
  if (shape === undefined) {
    throw new Error(`unknown shape "${name}"; choose one of ${SHAPE_NAMES.join(", ")}`);
  }
  const uniform = mulberry32(seed ?? 1000 + SHAPE_NAMES.indexOf(name));
  const draws: Draws = { uniform, normal: boxMuller(uniform) };
  const state = { level: shape.initial ?? 0 };
  const points: RawPoint[] = [];
  const rows = (shape.days * DAY) / shape.step;
  for (let i = 0; i < rows; i++) {
    const nominal = (shape.start ?? TRACE_START) + i * shape.step;
    // Irregular timestamps (a draw only where the shape asks, so the others keep their streams).
    const t = shape.jitter ? nominal + Math.round((uniform() - 0.5) * 2 * shape.jitter) : nominal;
    const v = shape.row(t, i, draws, state);
    if (v !== null) points.push({ t, v });
  }
  return points;
}

/**
 * The wall clock a shape's demand follows, as its operator would configure it (`forecast.timeZone`).
 *
 * @param name a name from {@link SHAPE_NAMES}.
 * @returns the IANA time zone, or undefined for UTC.
 */
export function shapeTimeZone(name: string): string | undefined {
  return SHAPES[name]?.timeZone;
}

function main(outDir: string | undefined): void {
  if (outDir === undefined) throw new Error("usage: shape-traces.ts OUT_DIR");
  mkdirSync(outDir, { recursive: true });
  for (const name of SHAPE_NAMES) {
    const csv = generateShape(name)
      .map((p) => `${p.t},${p.v}`)
      .join("\n");
    writeFileSync(join(outDir, `${name}.csv`), `timestamp,value\n${csv}\n`);
  }
}

if (require.main === module) main(process.argv[2]);
