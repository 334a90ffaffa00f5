/**
 * Deterministic synthetic demand for model behaviour tests (no Math.random: a fixed LCG).
 * Hourly, with a daily business-hours bump and a weekend dip.
 */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
}

/** Standard normal draws from a uniform source (Box–Muller). */
export function normals(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** The noiseless hourly profile at step t: level + daily bump (weekdays larger) − weekend dip. */
export function profile(t: number, level = 50): number {
  const hour = t % 24;
  const day = Math.floor(t / 24) % 7;
  const weekend = day >= 5;
  const bump = Math.exp(-((hour - 14) ** 2) / 18) * (weekend ? 10 : 30);
  return level + bump - (weekend ? 10 : 0);
}

/** `weeks` weeks of hourly demand: profile plus gaussian noise of sd `noise`. */
export function hourlyDemand(weeks: number, seed = 1, noise = 2, level = 50): number[] {
  const z = normals(lcg(seed));
  return Array.from({ length: weeks * 168 }, (_, t) => profile(t, level) + noise * z());
}
