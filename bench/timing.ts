/**
 * What the benchmarks share: a wall-clock timer, a min/median/max line, and a whole-number flag.
 * Not a benchmark itself (no `.bench.ts` suffix).
 */

/**
 * Milliseconds taken by `fn` (wall clock, high resolution).
 *
 * @param fn the work to time
 * @returns elapsed milliseconds
 */
export function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * `min / median / max` of a list of milliseconds, e.g. `min 12.3 ms, median 13.0 ms, max 15.1 ms (5 runs)`.
 *
 * @param ms the timings (at least one)
 * @param digits decimals shown
 * @returns one line
 */
export function summary(ms: readonly number[], digits: number): string {
  const s = [...ms].sort((a, b) => a - b);
  const median =
    s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return `min ${s[0].toFixed(digits)} ms, median ${median.toFixed(digits)} ms, max ${s[s.length - 1].toFixed(digits)} ms (${s.length} runs)`;
}

/**
 * A whole-number flag greater than 0, e.g. `--runs 5`.
 *
 * @param args the command line
 * @param name the flag, e.g. `--runs`
 * @param fallback the value when the flag is absent
 * @returns the value
 * @throws Error naming the flag when the value is not a whole number > 0
 */
export function flag(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!(Number.isInteger(v) && v > 0)) throw new Error(`${name} must be a whole number > 0`);
  return v;
}
