/**
 * Slot tables: naming, claims and diffs, shared by every pool component. Pure: no Pulumi, no I/O.
 *
 * A pool is a set of interchangeable slots, each `shadow` (ready, unused), `claimed` (in use) or
 * `releasing` (in use, announced or predicted to be given back). Rules, in the order applied:
 *
 * 1. Existing slots keep their index (and so their resource name `${pool}-${index}`) forever.
 * 2. Claims set the state: a claimed index becomes `claimed` (or `releasing`); a previously
 *    claimed/releasing index with no claim now is released and becomes `shadow`. A claim on an index
 *    that is not in the previous table (e.g. the first deployment reading the cloud) is adopted as
 *    a claimed slot at that index.
 * 3. The number of `shadow` slots is then brought to `targetShadow`:
 *    - growing adds the LOWEST UNUSED indices (gaps left by earlier shrinks are reused first, then
 *      the next indices above the highest one), so names stay compact;
 *    - shrinking removes the HIGHEST-NUMBERED shadow slots.
 *    Claimed and releasing slots are never removed, so the table always holds
 *    claimed + releasing + targetShadow slots: when claims exceed the plan, the pool grows.
 */

export type SlotState = "shadow" | "claimed" | "releasing";

export interface Slot {
  /** Stable index: the slot's resource name is `${pool}-${index}`. */
  readonly index: number;
  /** `${pool}-${index}`. */
  readonly name: string;
  readonly state: SlotState;
  /** Epoch seconds when the slot entered this state. */
  readonly since: number;
  /** Who claimed it (from tags/labels), for claimed/releasing slots. */
  readonly claimedBy?: string;
  /** What a shadow slot is expected for (e.g. `peak q95 = 41 by mstl before 2026-11-24T09:00Z`). */
  readonly expectedFor?: string;
}

/** A claim read from the cloud: slot `index` is in use by `by` (releasing when announced). */
export interface SlotClaim {
  readonly index: number;
  readonly by: string;
  readonly releasing?: boolean;
}

/** What changed between the previous table and the next one (indices, ascending). */
export interface SlotChanges {
  /** Indices present now and not before (new shadow slots and adopted claims). */
  readonly added: readonly number[];
  /** Indices present before and not now (always shadow slots). */
  readonly removed: readonly number[];
  /** Indices that became claimed/releasing (from shadow, or adopted). */
  readonly claimed: readonly number[];
  /** Indices that were claimed/releasing and are shadow (or removed) now. */
  readonly released: readonly number[];
}

/** Arguments of {@link planSlots}. */
export interface PlanSlotsArgs {
  /** Pool name: slot names are `${pool}-${index}`. */
  readonly pool: string;
  /** The previous deployment's table (empty for a first deployment). */
  readonly previous: readonly Slot[];
  /** Claims read from the cloud now. */
  readonly claims: readonly SlotClaim[];
  /** Shadow slots to hold (the plan's `shadow`). */
  readonly targetShadow: number;
  /** Epoch seconds: `since` of every slot that changes state. */
  readonly now: number;
  /** Stamped on every shadow slot; absent keeps each slot's previous `expectedFor`. */
  readonly expectedFor?: string;
}

/** Name of slot `index` of `pool`. */
export function slotName(pool: string, index: number): string {
  return `${pool}-${index}`;
}

const isNonNegInt = (n: number): boolean => Number.isInteger(n) && n >= 0;

/**
 * Problems with claims, as `${path}[i].field must … (got …)` messages.
 *
 * @param claims claims to check
 * @param path prefix for messages, e.g. `pools[2].claims`
 * @returns every problem found (empty when valid)
 */
export function validateClaims(claims: readonly SlotClaim[], path: string): string[] {
  if (!Array.isArray(claims))
    return [`${path} must be a list of claims (got ${JSON.stringify(claims)})`];
  const problems: string[] = [];
  const seen = new Map<number, number>();
  claims.forEach((c, i) => {
    if (typeof c !== "object" || c === null) {
      problems.push(`${path}[${i}] must be a claim { index, by } (got ${JSON.stringify(c)})`);
      return;
    }
    if (!isNonNegInt(c.index)) {
      problems.push(`${path}[${i}].index must be an integer >= 0 (got ${c.index})`);
    } else if (seen.has(c.index)) {
      problems.push(
        `${path}[${i}].index must be unique: slot ${c.index} is already claimed by ${path}[${seen.get(c.index)}]; merge the two claims`,
      );
    } else {
      seen.set(c.index, i);
    }
    if (typeof c.by !== "string" || c.by.length === 0) {
      problems.push(
        `${path}[${i}].by must be a non-empty string naming the claimant (got ${JSON.stringify(c.by)})`,
      );
    }
  });
  return problems;
}

/**
 * Problems with a previous slot table (duplicate or invalid indices).
 *
 * @param slots previous table
 * @param path prefix for messages
 * @returns every problem found
 */
export function validateSlots(slots: readonly Slot[], path: string): string[] {
  if (!Array.isArray(slots))
    return [`${path} must be a list of slots (got ${JSON.stringify(slots)})`];
  const problems: string[] = [];
  const seen = new Set<number>();
  slots.forEach((s, i) => {
    if (typeof s !== "object" || s === null) {
      problems.push(
        `${path}[${i}] must be a slot { index, name, state, since } (got ${JSON.stringify(s)})`,
      );
      return;
    }
    if (!isNonNegInt(s.index)) {
      problems.push(`${path}[${i}].index must be an integer >= 0 (got ${s.index})`);
    } else if (seen.has(s.index)) {
      problems.push(
        `${path}[${i}].index must be unique (got ${s.index} twice); fix the saved state`,
      );
    }
    seen.add(s.index);
    if (!["shadow", "claimed", "releasing"].includes(s.state)) {
      problems.push(
        `${path}[${i}].state must be shadow, claimed or releasing (got ${JSON.stringify(s.state)})`,
      );
    }
  });
  return problems;
}

/**
 * Pure: the next slot table (rules in the module comment).
 *
 * @param args previous table, claims, target shadow count, now
 * @returns the next table sorted by index, and what changed
 * @throws Error listing every invalid argument
 */
export function planSlots(args: PlanSlotsArgs): { slots: Slot[]; changes: SlotChanges } {
  const problems = [
    ...validateClaims(args.claims, "claims"),
    ...validateSlots(args.previous, "previous"),
  ];
  if (args.pool.length === 0) problems.push('pool must be a non-empty name (got "")');
  if (!isNonNegInt(args.targetShadow)) {
    problems.push(`targetShadow must be an integer >= 0 (got ${args.targetShadow})`);
  }
  if (problems.length > 0) throw new Error(`planSlots: ${problems.join("; ")}`);

  const claimByIndex = new Map(args.claims.map((c) => [c.index, c]));
  const prevByIndex = new Map(args.previous.map((s) => [s.index, s]));
  const next = new Map<number, Slot>();

  // Step 2: apply claims to previous slots; release slots whose claim disappeared.
  for (const prev of args.previous) {
    next.set(prev.index, applyClaim(args, prev, claimByIndex.get(prev.index)));
  }
  // Adopt claims on indices the previous table did not have.
  for (const claim of args.claims) {
    if (!next.has(claim.index)) next.set(claim.index, applyClaim(args, undefined, claim));
  }

  // Step 3: bring the shadow count to the target.
  let shadowCount = [...next.values()].filter((s) => s.state === "shadow").length;
  if (shadowCount < args.targetShadow) {
    for (let index = 0; shadowCount < args.targetShadow; index++) {
      if (next.has(index)) continue;
      next.set(index, shadowSlot(args, index));
      shadowCount++;
    }
  } else if (shadowCount > args.targetShadow) {
    const removable = [...next.values()]
      .filter((s) => s.state === "shadow")
      .map((s) => s.index)
      .sort((a, b) => b - a)
      .slice(0, shadowCount - args.targetShadow);
    for (const index of removable) next.delete(index);
  }

  const slots = [...next.values()].sort((a, b) => a.index - b.index);
  return { slots, changes: diffSlots(args.previous, slots, prevByIndex) };
}

/** A fresh shadow slot at `index`. */
function shadowSlot(args: PlanSlotsArgs, index: number): Slot {
  return withExpected(
    { index, name: slotName(args.pool, index), state: "shadow", since: args.now },
    args.expectedFor,
  );
}

/** The slot at `prev`'s index (or a new one) after applying `claim` (or its absence). */
function applyClaim(
  args: PlanSlotsArgs,
  prev: Slot | undefined,
  claim: SlotClaim | undefined,
): Slot {
  const index = prev?.index ?? (claim as SlotClaim).index;
  const name = slotName(args.pool, index);
  if (claim === undefined) {
    const p = prev as Slot;
    // A slot whose claim disappeared is free again, from now.
    if (p.state !== "shadow") return shadowSlot(args, index);
    return withExpected(
      { index, name, state: "shadow", since: p.since },
      args.expectedFor ?? p.expectedFor,
    );
  }
  const state: SlotState = claim.releasing === true ? "releasing" : "claimed";
  // `since` only moves when the state (or the claimant) changes.
  const unchanged = prev !== undefined && prev.state === state && prev.claimedBy === claim.by;
  return { index, name, state, since: unchanged ? prev.since : args.now, claimedBy: claim.by };
}

function withExpected(slot: Slot, expectedFor: string | undefined): Slot {
  return expectedFor === undefined ? slot : { ...slot, expectedFor };
}

const inUse = (s: Slot | undefined): boolean => s !== undefined && s.state !== "shadow";

/**
 * What changed from `previous` to `next`.
 *
 * @param previous previous table
 * @param next next table
 * @param prevByIndex optional index of `previous` (computed when absent)
 * @returns added/removed/claimed/released indices, ascending
 */
export function diffSlots(
  previous: readonly Slot[],
  next: readonly Slot[],
  prevByIndex: ReadonlyMap<number, Slot> = new Map(previous.map((s) => [s.index, s])),
): SlotChanges {
  const nextByIndex = new Map(next.map((s) => [s.index, s]));
  const all = [...new Set([...prevByIndex.keys(), ...nextByIndex.keys()])].sort((a, b) => a - b);
  const added: number[] = [];
  const removed: number[] = [];
  const claimed: number[] = [];
  const released: number[] = [];
  for (const i of all) {
    const before = prevByIndex.get(i);
    const after = nextByIndex.get(i);
    if (before === undefined) added.push(i);
    if (after === undefined) removed.push(i);
    if (!inUse(before) && inUse(after)) claimed.push(i);
    if (inUse(before) && !inUse(after)) released.push(i);
  }
  return { added, removed, claimed, released };
}

/**
 * Map holders that cannot be named by slot (ASG instances, MIG VMs, pods) onto stable slot indices:
 * a holder keeps the index it had in the previous table (matched by `claimedBy`); new holders take
 * the lowest indices not held by anyone else, preferring the previous table's free (shadow) slots.
 *
 * @param holders identifiers of what is in use now (e.g. instance ids), unique
 * @param previous previous slot table
 * @param releasing identifiers among `holders` announced to be given back (default none)
 * @returns one claim per holder
 */
export function claimsFromHolders(
  holders: readonly string[],
  previous: readonly Slot[],
  releasing: ReadonlySet<string> = new Set(),
): SlotClaim[] {
  const held = new Map<string, number>();
  for (const s of previous) {
    if (s.state !== "shadow" && s.claimedBy !== undefined) held.set(s.claimedBy, s.index);
  }
  const taken = new Set<number>();
  const claims: SlotClaim[] = [];
  const pending: string[] = [];
  for (const h of [...new Set(holders)]) {
    const index = held.get(h);
    if (index === undefined) {
      pending.push(h);
    } else {
      taken.add(index);
      claims.push({ index, by: h, releasing: releasing.has(h) || undefined });
    }
  }
  // New holders fill existing shadow slots first (lowest first), then the lowest unused indices.
  const prevIndices = new Set(previous.map((s) => s.index));
  const free = previous
    .filter((s) => !taken.has(s.index))
    .map((s) => s.index)
    .sort((a, b) => a - b);
  let probe = 0;
  for (const h of pending) {
    let index = free.shift();
    if (index === undefined) {
      while (taken.has(probe) || prevIndices.has(probe)) probe++;
      index = probe;
    }
    taken.add(index);
    claims.push({ index, by: h, releasing: releasing.has(h) || undefined });
  }
  return claims
    .map((c) => (c.releasing ? c : { index: c.index, by: c.by }))
    .sort((a, b) => a.index - b.index);
}

/**
 * Claims from a count, for pools whose holders have no identity Shadowpool can see (an Auto
 * Scaling group's in-service instances as `desiredCapacity`, a MIG's running VMs, a workload's pods
 * in slot units). Churn is kept low: the slots already in use stay in use (lowest indices first),
 * then free (shadow) slots are taken lowest first, then the lowest unused indices.
 *
 * @param count how many slots are in use now (integer >= 0)
 * @param previous previous slot table
 * @param by the claimant recorded on every claim (default `"in service"`)
 * @returns `count` claims on distinct indices
 * @throws RangeError when `count` is not an integer >= 0
 */
export function claimsFromCount(
  count: number,
  previous: readonly Slot[],
  by = "in service",
): SlotClaim[] {
  if (!isNonNegInt(count)) {
    throw new RangeError(`count must be an integer >= 0 (got ${count}); pass the in-use count`);
  }
  const byIndex = [...previous].sort((a, b) => a.index - b.index);
  const chosen = [
    ...byIndex.filter((s) => s.state !== "shadow"),
    ...byIndex.filter((s) => s.state === "shadow"),
  ]
    .slice(0, count)
    .map((s) => s.index);
  const used = new Set(previous.map((s) => s.index));
  for (let index = 0; chosen.length < count; index++) {
    if (!used.has(index)) chosen.push(index);
  }
  return chosen.sort((a, b) => a - b).map((index) => ({ index, by }));
}
