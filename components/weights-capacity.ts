/** Ready and warming capacity of a slot pool, for a weighted backend that references it. Pure. */
import type { Slot, SlotChanges } from "./slots";

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
