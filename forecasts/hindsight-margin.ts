import { countCovered } from "./backtest-metrics";

/**
 * A safety margin on top of a baseline's estimate.
 * - `additive`: `value` whole slots are added to the rounded-up estimate: `ceil(base) + value`.
 * - `multiplicative`: the estimate is scaled by `1 + value` then rounded up: `ceil(base × (1 + value))`.
 * Either way the capacity is never below 0.
 */
export interface Margin {
  readonly kind: "additive" | "multiplicative";
  readonly value: number;
}

/** Tolerance for rounding up: 10 × 1.2 is 12.000000000000002 in floating point, and is 12 slots. */
const CEIL_TOLERANCE = 1e-9;
/** Multiplicative margins are tuned on a grid of 0.1 %. */
const MULTIPLICATIVE_GRID = 1000;
/** Largest multiplicative margin tried: ×1001. Beyond that a baseline is useless anyway. */
const MULTIPLICATIVE_MAX_STEPS = 1_000_000;

/**
 * Capacity per window from a baseline's estimate and a margin.
 *
 * @param bases the baseline's estimate for each window (not rounded).
 * @param margin the margin to apply.
 * @returns whole-slot capacities, at least 0.
 */
export function applyMargin(bases: readonly number[], margin: Margin): number[] {
  return bases.map((b) => {
    const raw =
      margin.kind === "additive"
        ? Math.ceil(b - CEIL_TOLERANCE) + margin.value
        : b * (1 + margin.value);
    return Math.max(0, Math.ceil(raw - CEIL_TOLERANCE));
  });
}

/**
 * Smallest integer `k` in `[lo, hi]` for which `ok(k)` holds, `ok` being monotone (false … false
 * true … true). Binary search: about log2(hi − lo) calls.
 *
 * @param lo smallest candidate.
 * @param hi largest candidate.
 * @param ok the monotone test.
 * @returns the smallest passing `k`, or null when even `hi` fails.
 */
export function smallestPassing(lo: number, hi: number, ok: (k: number) => boolean): number | null {
  if (!ok(hi)) return null;
  let a = lo;
  let b = hi;
  // Invariant: ok(b) holds; every k < a is known (or assumed, at the start) to fail.
  while (a < b) {
    const mid = Math.floor((a + b) / 2);
    if (ok(mid)) b = mid;
    else a = mid + 1;
  }
  return b;
}

/**
 * The smallest margin of the given kind with which a baseline covers at least `targetCovered` rows,
 * chosen IN HINDSIGHT (knowing the whole trace): a user of a fixed margin cannot do this, which makes
 * the tuned baseline a hard bar. Additive margins are whole slots and may be negative (a baseline
 * that over-provisions is tuned down too); multiplicative ones are on a 0.1 % grid from −100 %.
 *
 * @param demand demand of each evaluated row.
 * @param windowOf window index of each row.
 * @param bases the baseline's estimate for each window.
 * @param targetCovered how many rows must be covered (e.g. as many as the plan covered).
 * @param kind additive or multiplicative.
 * @returns the margin, or null when no margin of this kind reaches the target (a multiplicative
 *   margin cannot lift an estimate of 0).
 * @throws {RangeError} when the target is not between 0 and the number of rows.
 */
export function tuneMargin(
  demand: readonly number[],
  windowOf: readonly number[],
  bases: readonly number[],
  targetCovered: number,
  kind: Margin["kind"],
): Margin | null {
  if (!(targetCovered >= 0 && targetCovered <= demand.length)) {
    throw new RangeError(
      `tuneMargin: targetCovered must be between 0 and ${demand.length} rows (got ${targetCovered})`,
    );
  }
  const covers = (margin: Margin): boolean =>
    countCovered(demand, windowOf, applyMargin(bases, margin)) >= targetCovered;
  if (kind === "additive") {
    const maxBase = Math.ceil(bases.reduce((m, b) => Math.max(m, b), 0));
    const maxDemand = Math.ceil(demand.reduce((m, d) => Math.max(m, d), 0));
    // At −maxBase every capacity is 0; at +maxDemand every capacity is at least every demand.
    const k = smallestPassing(-maxBase, maxDemand, (m) => covers({ kind, value: m }));
    return k === null ? null : { kind, value: k };
  }
  const k = smallestPassing(-MULTIPLICATIVE_GRID, MULTIPLICATIVE_MAX_STEPS, (s) =>
    covers({ kind, value: s / MULTIPLICATIVE_GRID }),
  );
  return k === null ? null : { kind, value: k / MULTIPLICATIVE_GRID };
}
