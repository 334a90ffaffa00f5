/**
 * Traffic weights from ready capacity. Pure: no Pulumi, no I/O, no clock.
 *
 * Rules, in the order applied (every step is reported in `why`):
 *
 * 1. Target share ∝ ready capacity: `target_i = ready_i / Σready × total`. Capacity still warming
 *    counts for nothing until it is ready. With no ready capacity anywhere the previous weights are
 *    held (or, without previous weights, the total is split evenly).
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
 *    dropped for this deployment and `why` says so: the step limit is never broken.
 * 4. Integers: largest-remainder rounding (floors, then +1 to the largest fractional parts, ties
 *    broken by backend name). Step bounds are integers, so rounding keeps them; a cap can be
 *    exceeded by less than one weight unit by rounding.
 *
 * Previous weights are first mapped onto the current backends and total: a new backend starts at
 * 0; when the previous weights of current backends do not sum to `total` (a backend was removed,
 * or the total changed), they are rescaled to `total` by the same rounding and the step limit
 * applies from there. Backends are processed sorted by name, so input order never matters.
 */

import type { Slot, SlotChanges } from "./slots";

/** One weighted backend (a target group, a record, a backend service, a Service). */
export interface WeightBackend {
  /** Unique name: the key of the weights. */
  readonly name: string;
  /** Capacity ready now (slots in use + shadow slots ready), in pool units. */
  readonly ready: number;
  /** Capacity still warming (not ready yet): reported, never weighted. Default 0. */
  readonly warming?: number;
}

/** Arguments of {@link planWeights}. */
export interface PlanWeightsInput {
  readonly backends: readonly WeightBackend[];
  /** Forecast demand (the plan's peak), in pool units. 0 disables the caps. */
  readonly demand: number;
  /** Sum of the weights, an integer ≥ 1 (the provider decides the maximum). */
  readonly total: number;
  /** Most a weight moves per deployment, in percent points of `total` (1..100). */
  readonly maxStep: number;
  /** Weights of the previous deployment, by backend name. Default: none (no step limit). */
  readonly previous?: Readonly<Record<string, number>>;
}

/** How one backend's weight changes. */
export interface WeightChange {
  readonly name: string;
  /** Previous weight (after mapping to the current total), or null without previous weights. */
  readonly previous: number | null;
  readonly next: number;
  /** `next - previous` (or `next` without previous weights). */
  readonly delta: number;
}

/** The result of {@link planWeights}: plain data, exported as a stack output as is. */
export interface WeightPlan {
  readonly total: number;
  /** The step limit in weight units: `floor(maxStep × total / 100)`. */
  readonly stepUnits: number;
  /** Integer weights summing exactly to `total`, keyed by backend name (sorted by name). */
  readonly weights: Record<string, number>;
  /** Integer weights the plan heads to without the step limit. */
  readonly target: Record<string, number>;
  /** Deployments still needed to reach `target` at this step (0 when `weights` equals it). */
  readonly deploymentsToTarget: number;
  /** Per backend: previous → next. */
  readonly changes: WeightChange[];
  /** The why, one sentence per line. */
  readonly why: string[];
}

const isFiniteNonNeg = (x: unknown): x is number =>
  typeof x === "number" && Number.isFinite(x) && x >= 0;

/**
 * Problems with the weight inputs, as `${path}.field must … (got …)` messages with the fix.
 *
 * @param input the inputs to check
 * @param path prefix for messages, e.g. `args` or `traffic[0]`
 * @param maxTotal largest total the provider allows (default unlimited)
 * @returns every problem found (empty when valid)
 */
export function validateWeightsInput(
  input: PlanWeightsInput,
  path: string,
  maxTotal = Number.MAX_SAFE_INTEGER,
): string[] {
  const p: string[] = [];
  const backends = input.backends;
  if (!Array.isArray(backends) || backends.length === 0) {
    p.push(
      `${path}.backends must list at least one backend (got ${JSON.stringify(backends)}); add { name, ready }`,
    );
  } else {
    const seen = new Map<string, number>();
    backends.forEach((b, i) => {
      if (typeof b.name !== "string" || b.name.length === 0) {
        p.push(
          `${path}.backends[${i}].name must be a non-empty string (got ${JSON.stringify(b.name)})`,
        );
      } else if (seen.has(b.name)) {
        p.push(
          `${path}.backends[${i}].name must be unique: "${b.name}" is also ${path}.backends[${seen.get(b.name)}]; rename one`,
        );
      } else {
        seen.set(b.name, i);
      }
      if (!isFiniteNonNeg(b.ready)) {
        p.push(
          `${path}.backends[${i}].ready must be a finite number >= 0 (got ${b.ready}); pass in use + ready shadow slots`,
        );
      }
      if (b.warming !== undefined && !isFiniteNonNeg(b.warming)) {
        p.push(
          `${path}.backends[${i}].warming must be a finite number >= 0 (got ${b.warming}); omit it for 0`,
        );
      }
    });
  }
  if (!isFiniteNonNeg(input.demand)) {
    p.push(
      `${path}.demand must be a finite number >= 0 (got ${input.demand}); pass the plan's peak`,
    );
  }
  const totalOk = Number.isInteger(input.total) && input.total >= 1 && input.total <= maxTotal;
  if (!totalOk) {
    p.push(
      `${path}.total must be an integer between 1 and ${maxTotal} for this provider (got ${input.total}); use e.g. 100`,
    );
  }
  const stepOk = typeof input.maxStep === "number" && input.maxStep >= 1 && input.maxStep <= 100;
  if (!stepOk) {
    p.push(
      `${path}.maxStep must be between 1 and 100 percent points of the total (got ${input.maxStep}); use e.g. 20`,
    );
  } else if (totalOk && Math.floor((input.maxStep * input.total) / 100) < 1) {
    p.push(
      `${path}.maxStep of ${input.maxStep}% of total ${input.total} is less than one weight unit; raise maxStep to at least ${Math.ceil(100 / input.total)} or the total`,
    );
  }
  if (input.previous !== undefined) {
    if (input.previous === null || typeof input.previous !== "object") {
      p.push(
        `${path}.previous must be an object of weights by backend name (got ${String(input.previous)})`,
      );
    } else {
      for (const [name, w] of Object.entries(input.previous)) {
        if (!isFiniteNonNeg(w))
          p.push(`${path}.previous["${name}"] must be a finite number >= 0 (got ${w})`);
      }
    }
  }
  return p;
}

/**
 * Integer weights summing exactly to `total` by largest remainder: floors first, then +1 to the
 * largest fractional parts (ties by position, i.e. by name since callers sort by name).
 *
 * @param x real weights, non-negative, summing to `total` up to float error
 * @param total the exact integer sum wanted
 * @returns integers with `Σ = total`, each `floor(x_i)` or `floor(x_i) + 1`
 */
export function largestRemainder(x: readonly number[], total: number): number[] {
  // A tiny epsilon so that 33.9999999999 (float error) floors to 34, not 33.
  const floors = x.map((v) => Math.max(0, Math.floor(v + 1e-9)));
  let rest = total - floors.reduce((a, b) => a + b, 0);
  const order = x
    // Remainders are compared to 1e-9 so that float noise (5/9 computed two ways) never breaks a
    // true tie: ties always go to the earlier name.
    .map((v, i) => ({ i, frac: Math.round((v - floors[i]) * 1e9) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) floors[order[k].i]++;
  // Float error the other way (Σ floors > total): take back from the smallest remainders.
  for (let k = order.length - 1; rest < 0; k = (k - 1 + order.length) % order.length) {
    if (floors[order[k].i] > 0) {
      floors[order[k].i]--;
      rest++;
    }
  }
  return floors;
}

/**
 * The point of `{lo ≤ w ≤ hi, Σw = total}` closest to `t`: `w_i = clamp(t_i + λ, lo_i, hi_i)`
 * with λ found exactly on the piecewise-linear, non-decreasing `g(λ) = Σ clamp(t_i + λ)`.
 * Requires `Σlo ≤ total ≤ Σhi`.
 */
function project(
  t: readonly number[],
  lo: readonly number[],
  hi: readonly number[],
  total: number,
): number[] {
  // The target itself when it is inside the box: exact, no float noise from a search.
  if (t.every((ti, i) => ti >= lo[i] && ti <= hi[i])) return [...t];
  const at = (lam: number): number[] =>
    t.map((ti, i) => Math.min(hi[i], Math.max(lo[i], ti + lam)));
  const g = (lam: number): number => at(lam).reduce((a, b) => a + b, 0);
  const breaks = [...new Set(t.flatMap((ti, i) => [lo[i] - ti, hi[i] - ti]))].sort((a, b) => a - b);
  if (g(breaks[0]) >= total) return at(breaks[0]);
  for (let k = 1; k < breaks.length; k++) {
    const gk = g(breaks[k]);
    if (gk >= total) {
      // g is linear between consecutive breakpoints: interpolate.
      const g0 = g(breaks[k - 1]);
      const lam = breaks[k - 1] + ((total - g0) * (breaks[k] - breaks[k - 1])) / (gk - g0);
      return at(lam);
    }
  }
  return at(breaks[breaks.length - 1]);
}

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
  const backends = [...input.backends].sort(byName);
  const names = backends.map((b) => b.name);
  const n = backends.length;
  const stepUnits = Math.floor((input.maxStep * total) / 100);
  const why: string[] = [];

  const prev = mapPrevious(input.previous, names, total, why);
  const ready = backends.map((b) => b.ready);
  const readySum = sum(ready);

  // Rule 1: the target.
  let target: number[];
  if (readySum > 0) {
    target = ready.map((r) => (r / readySum) * total);
    why.push(
      `shares follow ready capacity: ${fmt(readySum)} ready in all, against forecast demand ${fmt(demand)}`,
    );
  } else if (prev !== null) {
    target = [...prev];
    why.push("no backend has ready capacity: previous weights held");
  } else {
    target = names.map(() => total / n);
    why.push(`no backend has ready capacity and no previous weights: total ${total} split evenly`);
  }

  // Rule 2: the caps.
  const capsApply = demand > 0 && readySum >= demand;
  const cap = ready.map((r) => (capsApply ? (r / demand) * total : Infinity));
  if (demand > 0 && readySum > 0 && !capsApply) {
    why.push(
      `ready capacity ${fmt(readySum)} is below demand ${fmt(demand)}: every backend is short, shares stay proportional`,
    );
  }

  // Rule 3: the step limit.
  let real = target;
  if (prev !== null) {
    const lo = prev.map((p) => Math.max(0, p - stepUnits));
    const hi = prev.map((p) => p + stepUnits);
    const hiCapped = hi.map((h, i) => Math.min(h, Math.max(lo[i], cap[i])));
    const capsFeasible = sum(hiCapped) >= total;
    if (capsApply && !capsFeasible) {
      why.push(
        "caps dropped for this deployment: the step limit keeps a backend above what its capacity serves",
      );
    }
    real = project(target, lo, capsFeasible ? hiCapped : hi, total);
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

/** `blue: 20 ready (+5 warming), target 67 of 100, weight 40 → 60 (cap 80)`. */
function describeBackend(
  b: WeightBackend,
  c: WeightChange,
  target: number,
  total: number,
  cap: number,
): string {
  const warming = b.warming ? ` (+${fmt(b.warming)} warming, not weighted yet)` : "";
  const move = c.previous === null ? `weight ${c.next}` : `weight ${c.previous} → ${c.next}`;
  const capText = Number.isFinite(cap) ? ` (cap ${fmt(cap)})` : "";
  return `${b.name}: ${fmt(b.ready)} ready${warming}, target ${target} of ${total}, ${move}${capText}`;
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

/** A slot pool's table as far as capacity goes (structurally a `ResolvedPool` from ./pool). */
export interface PoolCapacitySource {
  readonly declared: readonly Slot[];
  readonly changes: SlotChanges;
}

/**
 * Ready and warming capacity of a slot pool, for a weighted backend: shadow slots this deployment
 * adds are still warming (they become ready after it); every other declared slot (in use, or a
 * shadow slot that already existed) is ready.
 *
 * @param pool the pool's resolved table (`component.resolved`)
 * @returns `{ ready, warming }` in slots
 */
export function poolCapacity(pool: PoolCapacitySource): { ready: number; warming: number } {
  const added = new Set(pool.changes.added);
  const warming = pool.declared.filter((s) => s.state === "shadow" && added.has(s.index)).length;
  return { ready: pool.declared.length - warming, warming };
}

/** Default step limit of the traffic-weight components: 20 percent points per deployment. */
export const DEFAULT_MAX_STEP = 20;
/** Default total of the traffic-weight components (fits Route 53, ALB, URL maps and HTTPRoute). */
export const DEFAULT_TOTAL = 100;

/** Fields every traffic-weight component's args share. Plain data: they decide the weights. */
export interface TrafficWeightsArgsBase<B extends WeightBackend = WeightBackend> {
  /** The weighted backends with their ready capacity (in use + ready shadow slots). Required, ≥ 1. */
  readonly backends: readonly B[];
  /** Forecast demand (a pool plan's `peak`), in the same units as `ready`. 0 disables the caps. */
  readonly demand: number;
  /** Sum of the weights. Default {@link DEFAULT_TOTAL} (100); at most the provider's limit. */
  readonly total?: number;
  /** Most a weight moves per deployment, in percent points of `total` (1..100). Default 20. */
  readonly maxStep?: number;
  /** Weights the previous deployment declared, by backend name. Default: none (no step limit). */
  readonly previous?: Readonly<Record<string, number>>;
}

/** The pure weight inputs of a component's args, defaults applied. */
export function weightsInputOf(args: TrafficWeightsArgsBase): PlanWeightsInput {
  return {
    backends: args.backends,
    demand: args.demand,
    total: args.total ?? DEFAULT_TOTAL,
    maxStep: args.maxStep ?? DEFAULT_MAX_STEP,
    previous: args.previous,
  };
}

/** One line for humans: `web: blue 100 → 80, green 0 → 20 (step 20 of 100, 3 more deployment(s) to target)`. */
export function summarizeWeights(name: string, plan: WeightPlan): string {
  const moves = plan.changes
    .map((c) =>
      c.previous === null ? `${c.name} ${c.next}` : `${c.name} ${c.previous} → ${c.next}`,
    )
    .join(", ");
  const rest =
    plan.deploymentsToTarget === 0
      ? "at target"
      : `${plan.deploymentsToTarget} more deployment(s) to target`;
  return `${name}: ${moves} (step ${plan.stepUnits} of ${plan.total}, ${rest})`;
}
