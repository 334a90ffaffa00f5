/**
 * Where traffic should go before the step limit: migration by affinity, and rollback. Pure.
 *
 * Each backend has an affinity score (default 1): how well it suits the traffic — the new version
 * a migration moves to, the zone nearest the clients. The forecast demand is served by the
 * healthy backends in descending order of affinity, each up to its ready capacity; backends of one
 * score share their part in proportion to ready capacity. So a pre-warmed shadow of higher
 * affinity takes the traffic as fast as its ready capacity can serve it, and the rest stays where it
 * was. With every score equal (the default) the shares are proportional to ready capacity.
 *
 * A backend marked unhealthy (`healthy: false`) gets no traffic: that is the rollback. Its weight
 * drops to 0 at once (see `rollbackBounds`), and the healthy backends take it over by affinity.
 */
import type { WeightBackend } from "./weights-types";

/** Default affinity of a backend: every backend alike, so shares follow ready capacity. */
export const DEFAULT_AFFINITY = 1;

/** A backend's affinity with the default applied. */
export const affinityOf = (b: WeightBackend): number => b.affinity ?? DEFAULT_AFFINITY;

/** Whether a backend may carry traffic (`healthy` defaults to true). */
export const isHealthy = (b: WeightBackend): boolean => b.healthy !== false;

/**
 * Each backend's share of the traffic, by affinity (rules in the module comment). Unhealthy
 * backends get none. When the healthy ready capacity is below the demand every healthy backend
 * serves all it has (each is short); with a demand of 0 the healthy backends of the highest
 * affinity that have ready capacity take it all (the limit of a vanishing demand).
 *
 * @param backends the backends (any order; the result follows it).
 * @param demand forecast demand, >= 0.
 * @returns shares summing to 1, or all 0 when no healthy backend has ready capacity.
 */
export function affinityShares(backends: readonly WeightBackend[], demand: number): number[] {
  const served = backends.map(() => 0);
  const healthy = backends.map((_, i) => i).filter((i) => isHealthy(backends[i]));
  const readyOf = (i: number): number => backends[i].ready;
  const healthyReady = healthy.reduce((s, i) => s + readyOf(i), 0);
  if (healthyReady === 0) return served;
  if (demand >= healthyReady) {
    for (const i of healthy) served[i] = readyOf(i) / healthyReady;
    return served;
  }
  // Scores from the highest down; a group of equal scores shares its part by ready capacity.
  // Parts are fractions of the demand, so a tiny demand does not underflow to nothing.
  const scores = [...new Set(healthy.map((i) => affinityOf(backends[i])))].sort((a, b) => b - a);
  let remaining = 1;
  for (const score of scores) {
    const group = healthy.filter((i) => affinityOf(backends[i]) === score);
    const groupReady = group.reduce((s, i) => s + readyOf(i), 0);
    if (groupReady === 0) continue;
    // A demand of 0 still sends the traffic somewhere: all of it to the first group with capacity.
    const take = demand === 0 ? 1 : Math.min(remaining, groupReady / demand);
    for (const i of group) served[i] = (take * readyOf(i)) / groupReady;
    remaining -= take;
    if (remaining <= 0) break;
  }
  return served;
}

/**
 * The step limit's box during a rollback. An unhealthy backend is pinned at 0 (its weight leaves
 * at once, whatever the step); when one had weight before, the healthy backends may rise without
 * the step limit (the traffic must land somewhere now) but still fall by at most the step.
 *
 * @param backends the backends, in the order of `prev`.
 * @param prev previous weights.
 * @param stepUnits the step limit in weight units.
 * @returns the lower and upper bounds per backend, and whether a rollback is under way.
 */
export function rollbackBounds(
  backends: readonly WeightBackend[],
  prev: readonly number[],
  stepUnits: number,
): { lo: number[]; hi: number[]; rollingBack: boolean } {
  const rollingBack = backends.some((b, i) => !isHealthy(b) && prev[i] > 0);
  const lo = prev.map((p, i) => (isHealthy(backends[i]) ? Math.max(0, p - stepUnits) : 0));
  const hi = prev.map((p, i) => {
    if (!isHealthy(backends[i])) return 0;
    return rollingBack ? Infinity : p + stepUnits;
  });
  return { lo, hi, rollingBack };
}
