/**
 * The marks on a slot's cloud resource (AWS tags, GCP and Kubernetes labels). Shadowpool writes its
 * own three (pool, slot, state) on top of the user's extra ones; a claimer adds who holds the slot
 * and whether it is being given back, which read back as claims. Each cloud spells the keys its
 * own way and has its own sign of use (an attachment, a user, an annotation); the rules are the
 * same, so they live here once. Pure: no Pulumi, no I/O.
 */
import type { Slot, SlotClaim } from "./slot-types";

/** One cloud's keys for the marks Shadowpool owns. */
export interface SlotMarkKeys {
  readonly pool: string;
  readonly slot: string;
  readonly state: string;
}

/**
 * Pure: the marks of one slot, the extra ones first and Shadowpool's on top, so an extra key can
 * never pass a slot off as another pool's or another state's.
 *
 * @param keys the cloud's keys
 * @param pool the pool mark's value (the pool's name, in a form the cloud accepts)
 * @param slot the slot
 * @param extra the user's extra tags or labels
 * @returns the tags or labels to declare
 */
export function slotMarks(
  keys: SlotMarkKeys,
  pool: string,
  slot: Slot,
  extra: Readonly<Record<string, string>>,
): Record<string, string> {
  return { ...extra, [keys.pool]: pool, [keys.slot]: String(slot.index), [keys.state]: slot.state };
}

/** What was read on one resource, reduced to what decides a claim. */
export interface SlotMarksRead {
  /** The pool mark, if any. */
  readonly pool?: string;
  /** The slot mark (the slot's index as text), if any. */
  readonly slot?: string;
  /** Who holds it: the claimed-by mark, else the cloud's own sign of use; absent or empty: free. */
  readonly by?: string;
  /** The claimer announced giving it back. */
  readonly releasing: boolean;
}

/**
 * Pure: claims from the marks read. Resources of other pools and marks that are not a slot index
 * (an integer >= 0) are ignored; a free resource is a shadow slot, not a claim.
 *
 * @param pool the pool mark's value to keep (as {@link slotMarks} wrote it)
 * @param read the marks read, one entry per resource
 * @returns one claim per held slot, by index
 */
export function claimsFromSlotMarks(pool: string, read: readonly SlotMarksRead[]): SlotClaim[] {
  const claims: SlotClaim[] = [];
  for (const { pool: of, slot, by, releasing } of read) {
    const index = Number(slot);
    if (of !== pool || !Number.isInteger(index) || index < 0) continue;
    if (by === undefined || by === "") continue;
    claims.push(releasing ? { index, by, releasing: true } : { index, by });
  }
  return claims.sort((x, y) => x.index - y.index);
}
