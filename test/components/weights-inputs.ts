import fc from "fast-check";
import { largestRemainder, type PlanWeightsInput } from "../../components/weights";

/**
 * Random weight inputs: 1–6 backends with unique short names, optional previous weights over them
 * (integers summing to the total, as a previous deployment leaves them).
 *
 * @param migration also draw each backend's affinity (one of four scores, or none) and health
 *   (about one backend in four unhealthy).
 * @returns the arbitrary.
 */
export function weightInputs(migration = false): fc.Arbitrary<PlanWeightsInput> {
  return fc
    .record({
      names: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}$/), { minLength: 1, maxLength: 6 }),
      total: fc.constantFrom(10, 100, 255, 999, 1000),
      maxStep: fc.integer({ min: 10, max: 100 }),
      demand: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 500, noNaN: true })),
      seed: fc.array(fc.nat({ max: 200 }), { minLength: 12, maxLength: 12 }),
      withPrevious: fc.boolean(),
    })
    .map(({ names, total, maxStep, demand, seed, withPrevious }) => {
      const backends = names.map((name, i) => ({
        name,
        ready: seed[i] % 3 === 0 ? 0 : seed[i],
        warming: seed[i + 6],
        ...(migration && seed[i] % 5 !== 0 ? { affinity: [0, 0.25, 0.5, 1][seed[i] % 4] } : {}),
        ...(migration && seed[i + 6] % 4 === 0 ? { healthy: false } : {}),
      }));
      const raw = names.map((_, i) => seed[i + 6] + 1);
      const prevInts = largestRemainder(
        raw.map((r) => (r / raw.reduce((a, b) => a + b, 0)) * total),
        total,
      );
      const previous = withPrevious
        ? Object.fromEntries(names.map((n, i) => [n, prevInts[i]]))
        : undefined;
      return { backends, demand, total, maxStep, previous };
    });
}
