/**
 * The slot table's data: slots, claims, changes, and the slot naming rule. Pure: no Pulumi, no I/O.
 * The rules that move slots between states are in `slots.ts`.
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
  /**
   * How likely a releasing slot is back before the window, in (0, 1), when its holder said so
   * (e.g. `shadowpool:releasing=80`); absent means certain.
   */
  readonly releaseConfidence?: number;
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
