/**
 * Claims for pools whose holders cannot be named by slot (ASG instances, MIG VMs, pods): map the
 * holders (or just a count) onto stable slot indices with little churn. Pure.
 */
import type { Slot, SlotClaim } from "./slot-types";
import { isNonNegInt } from "./slot-validate";

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
