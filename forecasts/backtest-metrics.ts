import type { PredictionInterval } from "./types";
/**
 * The figures a backtest reports for one capacity policy (the plan, the oracle, a baseline).
 * Every figure is over the evaluated rows only: rows at or after the first deployment.
 */
export interface CapacityFigures {
  /** Data rows evaluated (after the warm-up). */
  readonly rows: number;
  /** Deployment windows that hold at least one evaluated row. */
  readonly windows: number;
  /** Rows whose demand was at most the capacity in force. */
  readonly coveredRows: number;
  /** Share of rows whose demand was at most the capacity in force. */
  readonly stepCoverage: number;
  /** Share of windows (with rows) whose maximum demand was at most the window's capacity. */
  readonly windowCoverage: number;
  /** Demand units served from prepared capacity: Σ min(demand, capacity) / Σ demand (1 when Σ demand = 0). */
  readonly hitRatio: number;
  /** Mean over rows of the prepared capacity left unused, max(capacity − demand, 0), in slots. */
  readonly idleMean: number;
  /** Sum over rows of max(capacity − demand, 0): slot-rows left unused. */
  readonly idleTotal: number;
  /** Mean capacity held over the rows. */
  readonly capacityMean: number;
}

/**
 * Share of windows whose maximum demand fell inside the interval the plan gave for it.
 *
 * @param demand demand per evaluated row.
 * @param windowOf index of the deployment window each row falls in.
 * @param intervals the plan's interval per window (null where it gave none).
 * @returns the share, or null when no window had an interval.
 */
export function intervalCoverage(
  demand: readonly number[],
  windowOf: readonly number[],
  intervals: readonly (Pick<PredictionInterval, "lower" | "upper"> | null)[],
): number | null {
  const max = new Array<number>(intervals.length).fill(-Infinity);
  for (let i = 0; i < demand.length; i++) max[windowOf[i]] = Math.max(max[windowOf[i]], demand[i]);
  let windows = 0;
  let inside = 0;
  intervals.forEach((iv, w) => {
    if (iv === null || max[w] === -Infinity) return;
    windows++;
    if (max[w] >= iv.lower - 1e-9 && max[w] <= iv.upper + 1e-9) inside++;
  });
  return windows > 0 ? inside / windows : null;
}

/**
 * Score a capacity per deployment window against the demand of each row.
 *
 * @param demand demand of each evaluated row, in time order.
 * @param windowOf index of the deployment window each row falls in (same length as `demand`).
 * @param caps capacity in force in each window (indexed by `windowOf`).
 * @returns the figures over all rows and windows.
 * @throws {RangeError} when `demand` and `windowOf` differ in length or a window has no capacity.
 */
export function scoreCapacities(
  demand: readonly number[],
  windowOf: readonly number[],
  caps: readonly number[],
): CapacityFigures {
  if (demand.length !== windowOf.length) {
    throw new RangeError(
      `scoreCapacities: ${demand.length} demand values but ${windowOf.length} window indexes`,
    );
  }
  let covered = 0;
  let served = 0;
  let total = 0;
  let idle = 0;
  let capSum = 0;
  // Per-window maximum demand, to judge window coverage once all rows are seen.
  const windowMax = new Map<number, number>();
  for (let i = 0; i < demand.length; i++) {
    const w = windowOf[i];
    const cap = caps[w];
    if (cap === undefined) throw new RangeError(`scoreCapacities: no capacity for window ${w}`);
    const d = demand[i];
    if (d <= cap) covered++;
    served += Math.min(d, cap);
    total += d;
    idle += Math.max(cap - d, 0);
    capSum += cap;
    const m = windowMax.get(w);
    if (m === undefined || d > m) windowMax.set(w, d);
  }
  let windowsCovered = 0;
  for (const [w, m] of windowMax) if (m <= caps[w]) windowsCovered++;
  const n = demand.length;
  return {
    rows: n,
    windows: windowMax.size,
    coveredRows: covered,
    stepCoverage: n === 0 ? 1 : covered / n,
    windowCoverage: windowMax.size === 0 ? 1 : windowsCovered / windowMax.size,
    hitRatio: total === 0 ? 1 : served / total,
    idleMean: n === 0 ? 0 : idle / n,
    idleTotal: idle,
    capacityMean: n === 0 ? 0 : capSum / n,
  };
}

/**
 * Count the rows whose demand is at most the capacity of their window (the cheap part of
 * `scoreCapacities`, used many times when a margin is tuned).
 *
 * @param demand demand of each evaluated row.
 * @param windowOf window index of each row.
 * @param caps capacity of each window.
 * @returns how many rows are covered.
 */
export function countCovered(
  demand: readonly number[],
  windowOf: readonly number[],
  caps: readonly number[],
): number {
  let covered = 0;
  for (let i = 0; i < demand.length; i++) if (demand[i] <= caps[windowOf[i]]) covered++;
  return covered;
}
