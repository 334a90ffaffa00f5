/**
 * Synthetic demand traces for the evaluation table and the benchmarks: 8 weeks of 5-minute demand
 * (in pool slots) for five kinds of service, each with random bursts. Seeded, so every run writes
 * the same files.
 *
 *   npx ts-node --transpile-only scripts/synth-traces.ts OUT_DIR   # writes OUT_DIR/<trace>.csv
 */
import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import type { KnownEvent } from "../forecasts/events";
import type { RawPoint } from "../forecasts/types";
import { boxMuller, mulberry32 } from "./prng";

// Kept exported from here for existing callers; the generator lives in scripts/prng.ts.
export { mulberry32 } from "./prng";

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const WEEK = 7 * DAY;
/** Monday 2026-01-05T00:00:00Z: traces start on a Monday at midnight UTC. */
export const TRACE_START = Date.UTC(2026, 0, 5) / 1000;

/** Draws used by the generators. */
interface Rng {
  uniform(): number;
  normal(): number;
  poisson(mean: number): number;
  /** Pareto with scale 1 and shape `alpha` (heavy-tailed; mean alpha / (alpha − 1)). */
  pareto(alpha: number): number;
}

function makeRng(seed: number): Rng {
  const u = mulberry32(seed);
  return {
    uniform: u,
    normal: boxMuller(u),
    poisson(mean) {
      // Knuth's method for small means, a rounded normal approximation for large ones.
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
      const limit = Math.exp(-mean);
      let k = 0;
      for (let p = u(); p > limit; p *= u()) k++;
      return k;
    },
    pareto: (alpha) => Math.pow(1 - u(), -1 / alpha),
  };
}

/** The consumer app's holiday: day 38 of the trace (a Thursday), demand at 0.45× the usual. */
const HOLIDAY_DAY = 38;

/** Where a time falls: hour of day (fractional) and day of week (0 = Monday), in UTC. */
function clock(t: number): { hour: number; dow: number; day: number } {
  const s = t - TRACE_START;
  return { hour: (s % DAY) / HOUR, dow: Math.floor(s / DAY) % 7, day: Math.floor(s / DAY) };
}

/** A smooth bump centred on `centre` hours with half-width `width` (cosine, 0 outside). */
function bump(hour: number, centre: number, width: number): number {
  const d = Math.abs(hour - centre);
  return d >= width ? 0 : 0.5 * (1 + Math.cos((Math.PI * d) / width));
}

/** The expected demand at time t (before noise and bursts) of each trace. */
type Shape = (t: number, rng: Rng) => number;

const SHAPES: Readonly<Record<string, Shape>> = {
  /** Business-hours API: weekday peaks 9–18 h, quiet nights and weekends, multiplicative noise. */
  "business-api": (t, rng) => {
    const { hour, dow } = clock(t);
    const weekday = dow < 5;
    const level = 8 + (weekday ? 52 : 10) * bump(hour, 13.5, 6.5);
    return level * Math.exp(0.1 * rng.normal());
  },
  /** Consumer app: evening peaks every day, higher at weekends, a holiday dip (day 38). */
  "consumer-app": (t, rng) => {
    const { hour, dow, day } = clock(t);
    const weekend = dow >= 5 ? 1.25 : 1;
    const holiday = day === HOLIDAY_DAY ? 0.45 : 1;
    const level = (12 + 30 * bump(hour, 20.5, 5) + 8 * bump(hour, 12.5, 3)) * weekend * holiday;
    return level * Math.exp(0.08 * rng.normal()) + rng.poisson(1);
  },
  /** CI runners: on-the-hour spikes in working hours, heavy-tailed noise. */
  "ci-runners": (t, rng) => {
    const { hour, dow } = clock(t);
    const working = dow < 5 && hour >= 7 && hour < 20;
    const minute = ((t - TRACE_START) % HOUR) / MINUTE;
    const spike = working && minute < 15 ? 18 : 0;
    const base = working ? 10 : 3;
    return base + spike + 2 * (rng.pareto(2.5) - 1);
  },
  /** Small service: counts under 10, a daily rhythm, a level shift up at the start of week 5. */
  "small-service": (t, rng) => {
    const { hour, day } = clock(t);
    const shift = day >= 28 ? 2 : 0;
    return Math.min(9, rng.poisson(1 + shift + 2.5 * bump(hour, 14, 7)));
  },
  /** Fast-growing service: daily and weekly shape on a level that doubles every four weeks. */
  "fast-growing": (t, rng) => {
    const { hour, dow } = clock(t);
    const growth = Math.pow(2, (t - TRACE_START) / (4 * WEEK));
    const weekly = dow < 5 ? 1 : 0.7;
    const level = growth * weekly * (10 + 20 * bump(hour, 15, 8));
    return level * Math.exp(0.08 * rng.normal());
  },
};

/**
 * The calendar a user of each service would write: the dates they know in advance, with a round
 * guess of the effect — the consumer app's holiday at half the usual demand (the generator's 0.45
 * is what happened, not what anyone would know). Bursts are not known in advance.
 *
 * @param name one of TRACE_NAMES.
 * @returns the known events (empty for the services without one).
 */
export function traceCalendar(name: string): KnownEvent[] {
  if (name !== "consumer-app") return [];
  const start = TRACE_START + HOLIDAY_DAY * DAY;
  return [{ name: "holiday", start, end: start + DAY, factor: 0.5 }];
}

/** The traces, in the order of the evaluation table. */
export const TRACE_NAMES: readonly string[] = Object.keys(SHAPES);

/**
 * Generate one trace: 5-minute rows over `weeks` weeks, values rounded to whole slots, with random
 * bursts (about one every three days, 15–60 minutes long, ×1.5–2.5).
 *
 * @param name one of TRACE_NAMES.
 * @param seed PRNG seed (default: fixed per trace).
 * @param weeks length in weeks (default 8).
 * @returns the points, one per 5 minutes.
 * @throws {Error} for an unknown trace name.
 */
export function generateTrace(name: string, seed?: number, weeks = 8): RawPoint[] {
  const shape = SHAPES[name];
  if (shape === undefined) {
    throw new Error(`unknown trace "${name}"; choose one of ${TRACE_NAMES.join(", ")}`);
  }
  const rng = makeRng(seed ?? 1000 + TRACE_NAMES.indexOf(name));
  const step = 5 * MINUTE;
  const n = (weeks * WEEK) / step;
  const burstChance = step / (3 * DAY);
  const points: RawPoint[] = [];
  let burstLeft = 0;
  let burstFactor = 1;
  for (let i = 0; i < n; i++) {
    const t = TRACE_START + i * step;
    if (burstLeft === 0 && rng.uniform() < burstChance) {
      burstLeft = 3 + Math.floor(rng.uniform() * 10);
      burstFactor = 1.5 + rng.uniform();
    }
    let v = shape(t, rng);
    if (burstLeft > 0) {
      v *= burstFactor;
      burstLeft--;
    }
    // The small service stays under 10 even in a burst (its counts are the point of the trace).
    const ceiling = name === "small-service" ? 9 : Infinity;
    points.push({ t, v: Math.min(ceiling, Math.max(0, Math.round(v))) });
  }
  return points;
}

/**
 * A trace as CSV text (`timestamp,value`, ISO-8601 UTC).
 *
 * @param points the trace.
 * @returns the CSV with a header line.
 */
export function toCsv(points: readonly RawPoint[]): string {
  const lines = points.map(
    (p) => `${new Date(p.t * 1000).toISOString().replace(".000Z", "Z")},${p.v}`,
  );
  return `timestamp,value\n${lines.join("\n")}\n`;
}

/** Write every trace to `dir` as `<name>.csv`. */
function main(dir: string | undefined): void {
  if (dir === undefined) {
    throw new Error("usage: npx ts-node --transpile-only scripts/synth-traces.ts OUT_DIR");
  }
  mkdirSync(dir, { recursive: true });
  for (const name of TRACE_NAMES) {
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, toCsv(generateTrace(name)));
    process.stderr.write(`wrote ${file}\n`);
  }
}

if (require.main === module) main(process.argv[2]);
