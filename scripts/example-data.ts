/**
 * Writes the example stacks' demand histories (stacks/data/*.csv): daily and weekly seasonality
 * plus seeded noise, so the files are reproducible byte for byte. Run from the repo root:
 *
 *   npx ts-node --transpile-only scripts/example-data.ts
 *
 * Each history ends just before the example stacks' `now` (2026-11-23T09:00:00Z) and covers three
 * five weeks (hourly) or 16 days (5-minute), enough for the planner to call the pools `predictable`;
 * edge-ips-west has five days, a young pool that falls back on its sibling edge-ips.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

// A seeded generator (scripts/prng.ts), so the data never changes between runs.
import { mulberry32 } from "./prng";

/** Shape of one pool's demand. */
interface Profile {
  readonly file: string;
  readonly seed: number;
  /** Seconds between rows. */
  readonly step: number;
  readonly days: number;
  readonly base: number;
  /** Height of the daily peak above base. */
  readonly daily: number;
  /** UTC hour of the daily peak. */
  readonly peakHour: number;
  /** Weekend demand as a share of weekday demand. */
  readonly weekend: number;
  /** Standard deviation of the noise, in slots. */
  readonly noise: number;
}

/** Where the example stacks plan from. */
export const EXAMPLE_NOW = Date.UTC(2026, 10, 23, 9) / 1000;

const PROFILES: readonly Profile[] = [
  {
    file: "api-warm.csv",
    seed: 1,
    step: 3600,
    days: 35,
    base: 12,
    daily: 26,
    peakHour: 15,
    weekend: 0.6,
    noise: 1.5,
  },
  {
    file: "api-ips.csv",
    seed: 2,
    step: 3600,
    days: 35,
    base: 4,
    daily: 8,
    peakHour: 14,
    weekend: 0.7,
    noise: 0.8,
  },
  {
    file: "ci-runners.csv",
    seed: 3,
    step: 300,
    days: 16,
    base: 2,
    daily: 10,
    peakHour: 10,
    weekend: 0.3,
    noise: 1,
  },
  {
    file: "web-standby.csv",
    seed: 4,
    step: 3600,
    days: 35,
    base: 6,
    daily: 14,
    peakHour: 18,
    weekend: 0.8,
    noise: 1.2,
  },
  {
    file: "edge-ips.csv",
    seed: 5,
    step: 3600,
    days: 35,
    base: 3,
    daily: 5,
    peakHour: 19,
    weekend: 0.9,
    noise: 0.6,
  },
  {
    // A young pool: five days of history, half edge-ips' level (staging borrows edge-ips' shape).
    file: "edge-ips-west.csv",
    seed: 7,
    step: 3600,
    days: 5,
    base: 1.5,
    daily: 2.5,
    peakHour: 19,
    weekend: 0.9,
    noise: 0.4,
  },
  {
    file: "team-namespaces.csv",
    seed: 6,
    step: 3600,
    days: 35,
    base: 2,
    daily: 4,
    peakHour: 11,
    weekend: 0.4,
    noise: 0.5,
  },
];

/** A standard normal draw (Box-Muller). */
function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function demandCsv(p: Profile): string {
  const rand = mulberry32(p.seed);
  const rows = ["timestamp,value"];
  const start = EXAMPLE_NOW - p.days * 86_400;
  for (let t = start; t < EXAMPLE_NOW; t += p.step) {
    const date = new Date(t * 1000);
    const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
    // A smooth daily bump centred on the peak hour (a raised cosine of width ~12 h).
    const phase = Math.cos(((hour - p.peakHour) / 24) * 2 * Math.PI);
    const bump = Math.max(0, phase) ** 2;
    const day = date.getUTCDay();
    const week = day === 0 || day === 6 ? p.weekend : 1;
    const value = Math.max(
      0,
      Math.round((p.base + p.daily * bump) * week + p.noise * normal(rand)),
    );
    rows.push(`${date.toISOString().replace(".000Z", "Z")},${value}`);
  }
  return rows.join("\n") + "\n";
}

if (require.main === module) {
  const dir = join(__dirname, "..", "stacks", "data");
  for (const p of PROFILES) {
    writeFileSync(join(dir, p.file), demandCsv(p));
    process.stdout.write(`wrote stacks/data/${p.file}\n`);
  }
}
