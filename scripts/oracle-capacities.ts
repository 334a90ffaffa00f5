/**
 * The oracles' choice of capacities (see distribution-oracle.ts): each window's options from
 * sampled draws of its demand, and the two ways of choosing among them for a target coverage.
 */

/** One capacity a window could hold: its probability of covering the window and expected idle. */
export interface WindowOption {
  readonly capacity: number;
  /** Probability that the window's maximum is at most `capacity`. */
  readonly cover: number;
  /** Expected idle capacity per row, E[max(capacity − demand, 0)]. */
  readonly idle: number;
}

/**
 * The options of one window from sampled draws of its demand: each distinct sampled maximum is a
 * candidate capacity (a smaller one would never be the cheapest way to cover a draw).
 *
 * @param draws one array of row demands per independent draw of the window.
 * @returns the options, by ascending capacity.
 * @throws {RangeError} when there is no draw or a draw has no row.
 */
export function windowOptions(draws: readonly (readonly number[])[]): WindowOption[] {
  if (draws.length === 0 || draws.some((d) => d.length === 0)) {
    throw new RangeError("windowOptions needs at least one draw, each with at least one row");
  }
  const maxima = draws.map((d) => Math.max(...d)).sort((a, b) => a - b);
  const rows = draws.flat().sort((a, b) => a - b);
  const options: WindowOption[] = [];
  let below = 0; // rows with demand <= capacity
  let belowSum = 0; // their total demand
  for (let i = 0; i < maxima.length; i++) {
    const capacity = maxima[i];
    if (i + 1 < maxima.length && maxima[i + 1] === capacity) continue;
    while (below < rows.length && rows[below] <= capacity) belowSum += rows[below++];
    // Σ max(c − d, 0) over the rows below c, averaged over every row of every draw.
    options.push({
      capacity,
      cover: (i + 1) / maxima.length,
      idle: (below * capacity - belowSum) / rows.length,
    });
  }
  return options;
}

/**
 * The capacities that minimise expected idle for the window coverage they buy: for a multiplier λ
 * each window takes the option minimising `idle − λ·cover`; λ is found by bisection, the smallest
 * (cheapest) one whose coverage reaches the quantile. Coverage is `coverageOf(capacities)`: the
 * realised share of windows covered (hindsight), or by default the expected one (mean `cover`).
 *
 * @param windows the options of each window (see {@link windowOptions}).
 * @param quantile target window coverage, in (0, 1).
 * @param coverageOf the coverage of a choice of capacities (default: expected coverage).
 * @returns one capacity per window.
 * @throws {RangeError} for a quantile outside (0, 1) or a window without options.
 */
export function lagrangeCapacities(
  windows: readonly (readonly WindowOption[])[],
  quantile: number,
  coverageOf?: (capacities: readonly number[]) => number,
): number[] {
  // λ = 0 picks each window's cheapest option; a large enough λ picks its largest.
  return smallestReaching(windows, quantile, coverageOf, (lambda) =>
    windows.map((w) =>
      w.reduce((a, b) => (b.idle - lambda * b.cover < a.idle - lambda * a.cover ? b : a)),
    ),
  );
}

/**
 * The capacities of a forecaster that knows each window's true distribution and holds the same
 * quantile of it in every window: each window takes its smallest option covering at least `level`,
 * and `level` is the lowest (bisection) whose coverage reaches the quantile. Unlike
 * {@link lagrangeCapacities} it cannot move coverage from windows where it is dear (busy peaks) to
 * where it is cheap (quiet nights), which is what a plan holding "the q-quantile of each window"
 * promises not to do: this is the bound for that promise.
 *
 * @param windows the options of each window (see {@link windowOptions}).
 * @param quantile target window coverage, in (0, 1).
 * @param coverageOf the coverage of a choice of capacities (default: expected coverage).
 * @returns one capacity per window.
 * @throws {RangeError} for a quantile outside (0, 1) or a window without options.
 */
export function quantileCapacities(
  windows: readonly (readonly WindowOption[])[],
  quantile: number,
  coverageOf?: (capacities: readonly number[]) => number,
): number[] {
  // Options are by ascending capacity and cover; the last one covers every draw (cover 1).
  return smallestReaching(windows, quantile, coverageOf, (level) =>
    windows.map((w) => w.find((o) => o.cover >= level - 1e-12) ?? w[w.length - 1]),
  );
}

/**
 * The choice `pick(x)` for the smallest x >= 0 whose coverage reaches the quantile, by bisection;
 * coverage must not decrease as x grows.
 */
function smallestReaching(
  windows: readonly (readonly WindowOption[])[],
  quantile: number,
  coverageOf: ((capacities: readonly number[]) => number) | undefined,
  pick: (x: number) => WindowOption[],
): number[] {
  if (!(quantile > 0 && quantile < 1)) {
    throw new RangeError(`quantile must be between 0 and 1 (got ${quantile})`);
  }
  if (windows.some((w) => w.length === 0)) throw new RangeError("every window needs an option");
  const coverage = (picked: readonly WindowOption[]): number =>
    coverageOf === undefined
      ? picked.reduce((s, o) => s + o.cover, 0) / picked.length
      : coverageOf(picked.map((o) => o.capacity));
  let lo = 0;
  let hi = 1;
  while (coverage(pick(hi)) < quantile && hi < 1e12) hi *= 2;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (coverage(pick(mid)) >= quantile) hi = mid;
    else lo = mid;
  }
  return pick(hi).map((o) => o.capacity);
}
