/**
 * Traffic weights from ready capacity. Pure: no Pulumi, no I/O, no clock.
 *
 * Rules, in the order applied (every step is reported in `why`):
 *
 * 1. Target share ∝ the capacity each backend serves of the demand (`weights-affinity.ts`): the
 *    healthy backends serve it in descending order of affinity, each up to its ready capacity;
 *    with every affinity equal (the default) that is `target_i = ready_i / Σready × total`.
 *    Capacity still warming counts for nothing until it is ready; an unhealthy backend (rollback)
 *    gets nothing. With no healthy ready capacity the previous weights of the healthy backends are
 *    held (or, without any, the total is split evenly among them).
 * 2. Capacity cap: when Σready ≥ demand > 0, a backend may take at most `ready_i / demand × total`
 *    (the share of the forecast demand its ready capacity can serve). The proportional target is
 *    always within the caps; the caps matter when the step limit (3) pushes weight around. When
 *    Σready < demand every backend is short, no set of weights can respect every cap, and shares
 *    stay proportional (each backend equally overloaded).
 * 3. Step limit: with previous weights, each weight stays within `previous ± step`, where
 *    `step = floor(maxStep × total / 100)` weight units. The weights are the point of that box
 *    (intersected with the caps, and with Σ = total) closest to the target in squared distance:
 *    `w_i = clamp(target_i + λ, lo_i, hi_i)` with one shift λ chosen so the sum is exactly `total`
 *    (the previous weights are inside the box, so a solution always exists). If the caps make the
 *    box infeasible (a backend cannot shed weight faster than the step allows), the caps are
 *    dropped for this deployment and `why` says so. The step limit is broken only by a rollback:
 *    an unhealthy backend drops to 0 at once and the healthy ones may rise without limit.
 * 4. Integers: largest-remainder rounding (floors, then +1 to the largest fractional parts, ties
 *    broken by backend name). Step bounds are integers, so rounding keeps them; a cap can be
 *    exceeded by less than one weight unit by rounding.
 *
 * Previous weights are first mapped onto the current backends and total: a new backend starts at
 * 0; when the previous weights of current backends do not sum to `total` (a backend was removed,
 * or the total changed), they are rescaled to `total` by the same rounding and the step limit
 * applies from there. Backends are processed sorted by name, so input order never matters.
 */

import { affinityOf, affinityShares, isHealthy, rollbackBounds } from "./weights-affinity";
import { projectOntoBox } from "./weights-projection";
import { largestRemainder } from "./weights-rounding";
import type { PlanWeightsInput, WeightBackend, WeightChange, WeightPlan } from "./weights-types";
import { validateWeightsInput } from "./weights-validate";

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const byName = (a: WeightBackend, b: WeightBackend): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
const fmt = (x: number): string => String(Number(x.toFixed(2)));

/**
 * Pure: integer weights for the backends (rules in the module comment).
 *
 * @param input backends with ready capacity, demand, total, step limit, previous weights
 * @param maxTotal the provider's largest total, for validation (default unlimited)
 * @returns weights summing to `total`, the target, changes and the why
 * @throws Error listing every invalid field (with the fix)
 */
export function planWeights(input: PlanWeightsInput, maxTotal?: number): WeightPlan {
  const problems = validateWeightsInput(input, "weights", maxTotal);
  if (problems.length > 0) throw new Error(`invalid weight inputs:\n  ${problems.join("\n  ")}`);
  const { total, demand } = input;
  const sorted = [...input.backends].sort(byName);
  // With every backend unhealthy there is nothing to roll back to: health is ignored, and said.
  const noneHealthy = !sorted.some(isHealthy);
  const backends = noneHealthy ? sorted.map((b) => ({ ...b, healthy: true })) : sorted;
  const names = backends.map((b) => b.name);
  const stepUnits = Math.floor((input.maxStep * total) / 100);
  const why: string[] = [];
  if (noneHealthy)
    why.push("every backend is marked unhealthy: nothing to roll back to, health ignored");

  const prev = mapPrevious(input.previous, names, total, why);
  const healthy = backends.map(isHealthy);
  const ready = backends.map((b, i) => (healthy[i] ? b.ready : 0));
  const readySum = sum(ready);

  // Rule 1: the target.
  const shares = affinityShares(backends, demand);
  const heldPrev = prev?.map((p, i) => (healthy[i] ? p : 0));
  let target: number[];
  if (sum(shares) > 0) {
    target = shares.map((x) => x * total);
    why.push(
      `shares follow ready capacity: ${fmt(readySum)} ready in all, against forecast demand ${fmt(demand)}`,
    );
    if (new Set(backends.filter((_, i) => healthy[i]).map(affinityOf)).size > 1) {
      why.push(`migration by affinity: demand served first by ${servingOrder(backends, shares)}`);
    }
  } else if (heldPrev !== undefined && sum(heldPrev) > 0) {
    target = heldPrev.map((p) => (p / sum(heldPrev)) * total);
    why.push("no healthy backend has ready capacity: previous weights of the healthy ones held");
  } else {
    const count = healthy.filter(Boolean).length;
    target = healthy.map((h) => (h ? total / count : 0));
    why.push(
      `no healthy backend has ready capacity and no previous weights: total ${total} split evenly`,
    );
  }

  // Rule 2: the caps.
  const capsApply = demand > 0 && readySum >= demand;
  const cap = ready.map((r) => (capsApply ? (r / demand) * total : Infinity));
  if (demand > 0 && readySum > 0 && !capsApply) {
    why.push(
      `ready capacity ${fmt(readySum)} is below demand ${fmt(demand)}: every backend is short, shares stay proportional`,
    );
  }

  // Rule 3: the step limit (lifted for a rollback).
  let real = target;
  if (prev !== null) {
    const { lo, hi, rollingBack } = rollbackBounds(backends, prev, stepUnits);
    if (rollingBack) {
      const off = names.filter((_, i) => !healthy[i] && prev[i] > 0).join(", ");
      why.push(
        `rollback: ${off} marked unhealthy: weight to 0 on this deployment, taken over without the step limit`,
      );
    }
    const hiCapped = hi.map((h, i) => Math.min(h, Math.max(lo[i], cap[i])));
    const capsFeasible = sum(hiCapped) >= total;
    if (capsApply && !capsFeasible) {
      why.push(
        "caps dropped for this deployment: the step limit keeps a backend above what its capacity serves",
      );
    }
    real = projectOntoBox(target, lo, capsFeasible ? hiCapped : hi, total);
  } else if (input.previous === undefined) {
    why.push("no previous weights: no step limit on this deployment");
  }

  // Rule 4: integers.
  const weights = largestRemainder(real, total);
  const targetInt = largestRemainder(target, total);
  const gap = Math.max(0, ...weights.map((w, i) => Math.abs(targetInt[i] - w)));
  const deploymentsToTarget = Math.ceil(gap / stepUnits);
  const changes: WeightChange[] = backends.map((b, i) => ({
    name: b.name,
    previous: prev === null ? null : prev[i],
    next: weights[i],
    delta: weights[i] - (prev === null ? 0 : prev[i]),
  }));
  backends.forEach((b, i) => why.push(describeBackend(b, changes[i], targetInt[i], total, cap[i])));
  if (prev !== null) {
    why.push(
      deploymentsToTarget === 0
        ? `step limit ${stepUnits} of ${total} per deployment (${input.maxStep}%): target reached`
        : `step limit ${stepUnits} of ${total} per deployment (${input.maxStep}%): ${deploymentsToTarget} more deployment(s) to reach the target`,
    );
  }
  return {
    total,
    stepUnits,
    weights: Object.fromEntries(names.map((nm, i) => [nm, weights[i]])),
    target: Object.fromEntries(names.map((nm, i) => [nm, targetInt[i]])),
    deploymentsToTarget,
    changes,
    why,
  };
}

/** `blue (affinity 0.5): 20 ready (+5 warming), target 67 of 100, weight 40 → 60 (cap 80)`. */
function describeBackend(
  b: WeightBackend,
  c: WeightChange,
  target: number,
  total: number,
  cap: number,
): string {
  const warming = b.warming ? ` (+${fmt(b.warming)} warming, not weighted yet)` : "";
  const health = isHealthy(b) ? "" : " [unhealthy: rolled back]";
  const affinity = b.affinity === undefined ? "" : ` (affinity ${fmt(b.affinity)})`;
  const move = c.previous === null ? `weight ${c.next}` : `weight ${c.previous} → ${c.next}`;
  const capText = Number.isFinite(cap) ? ` (cap ${fmt(cap)})` : "";
  return `${b.name}${affinity}${health}: ${fmt(b.ready)} ready${warming}, target ${target} of ${total}, ${move}${capText}`;
}

/** `green (affinity 1), then blue (affinity 0.5)`: who serves the demand, in order. */
function servingOrder(backends: readonly WeightBackend[], shares: readonly number[]): string {
  return backends
    .filter((_, i) => shares[i] > 0)
    .sort((x, y) => affinityOf(y) - affinityOf(x))
    .map((b) => `${b.name} (affinity ${fmt(affinityOf(b))})`)
    .join(", then ");
}

/**
 * Previous weights as integers over the current backends (sorted by name) summing to `total`,
 * or null when there are none to start from.
 */
function mapPrevious(
  previous: Readonly<Record<string, number>> | undefined,
  names: readonly string[],
  total: number,
  why: string[],
): number[] | null {
  if (previous === undefined) return null;
  const raw = names.map((nm) => previous[nm] ?? 0);
  const rawSum = sum(raw);
  const gone = Object.keys(previous).filter((k) => !names.includes(k));
  if (gone.length > 0)
    why.push(`previous weights of removed backends redistributed: ${gone.sort().join(", ")}`);
  if (rawSum === 0) {
    why.push("previous weights of the current backends are all 0: starting without a step limit");
    return null;
  }
  if (rawSum === total && raw.every(Number.isInteger)) return raw;
  // A removed backend or a new total: rescale so the step limit starts from a valid point.
  why.push(`previous weights (sum ${fmt(rawSum)}) rescaled to the total ${total}`);
  return largestRemainder(
    raw.map((r) => (r / rawSum) * total),
    total,
  );
}
