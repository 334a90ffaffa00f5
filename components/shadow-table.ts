/**
 * The shadow table of an address pool: one row per declared slot, slot → address → state → since
 * when → what it is expected for. Exported as a stack output so a reviewer (or a claimer looking
 * for a free address) reads the pool at a glance.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Slot, SlotState } from "./slots";

/** One row of the shadow table. */
export interface ShadowTableRow {
  /** Slot index (the resource is `${pool}-${slot}`). */
  readonly slot: number;
  /** Slot name, `${pool}-${slot}`. */
  readonly name: string;
  /** The reserved address (private or public IP); empty while the provider has not assigned it. */
  readonly address: string;
  readonly state: SlotState;
  /** ISO-8601 UTC time the slot entered its state. */
  readonly since: string;
  /** What a shadow slot is held for (from the plan), or null. */
  readonly expectedFor: string | null;
  /** Who holds a claimed/releasing slot, or null. */
  readonly claimedBy: string | null;
}

/**
 * Pure: the rows for `slots` and their resolved addresses (same order).
 *
 * @param slots the declared slots
 * @param addresses the address of each slot (undefined/empty when not known yet)
 * @returns one row per slot, in slot order
 * @throws RangeError when the two lists differ in length
 */
export function shadowTableRows(
  slots: readonly Slot[],
  addresses: readonly (string | undefined)[],
): ShadowTableRow[] {
  if (slots.length !== addresses.length) {
    throw new RangeError(`shadow table: ${slots.length} slots but ${addresses.length} addresses`);
  }
  return slots.map((s, i) => ({
    slot: s.index,
    name: s.name,
    address: addresses[i] ?? "",
    state: s.state,
    since: new Date(s.since * 1000).toISOString(),
    expectedFor: s.state === "shadow" ? (s.expectedFor ?? null) : null,
    claimedBy: s.claimedBy ?? null,
  }));
}

/**
 * The shadow table as an Output: waits for every slot's address.
 *
 * @param slots the declared slots
 * @param addresses each slot's address output (same order)
 * @returns the rows once every address is known
 */
export function shadowTable(
  slots: readonly Slot[],
  addresses: readonly pulumi.Output<string>[],
): pulumi.Output<ShadowTableRow[]> {
  return pulumi.all([...addresses]).apply((resolved) => shadowTableRows(slots, resolved));
}
