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
 *
 * The code lives in files of one job each (this file keeps the import path stable):
 *
 * - `slot-types.ts`: the data (slots, claims, changes) and `slotName`
 * - `slot-validate.ts`: validation of claims and slot tables
 * - `slots.ts` (here): `planSlots` (the rules above) and `diffSlots`
 * - `slot-claims.ts`: claims from holders or a count, for pools whose holders have no slot names
 */
import {
  slotName,
  type PlanSlotsArgs,
  type Slot,
  type SlotChanges,
  type SlotClaim,
  type SlotState,
} from "./slot-types";
import { isNonNegInt, validateClaims, validateSlots } from "./slot-validate";

export type { PlanSlotsArgs, Slot, SlotChanges, SlotClaim, SlotState } from "./slot-types";
export { slotName } from "./slot-types";
export { validateClaims, validateSlots } from "./slot-validate";
export { claimsFromCount, claimsFromHolders } from "./slot-claims";

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
