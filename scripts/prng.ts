/**
 * The one seeded PRNG of the repository's generated data: the synthetic evaluation traces
 * (scripts/synth-traces.ts), the example stacks' histories (scripts/example-data.ts) and the tests'
 * random inputs (test/forecasts/calibrate/prng.ts). Changing it changes every generated file.
 */

/**
 * mulberry32: a small, fast, seedable PRNG with a 32-bit state.
 *
 * @param seed any number; only its low 32 bits are used
 * @returns a generator of uniform draws in [0, 1)
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal draws by Box–Muller, two uniform draws each (the cosine half only).
 *
 * @param u the uniform source (shared with other draws when the caller interleaves them)
 * @returns a generator of standard normal draws
 */
export function boxMuller(u: () => number): () => number {
  // 1 − u() keeps the logarithm finite (u() may be 0, never 1).
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}
