/**
 * Leaked addresses: objects in the cloud that carry an address pool's tag (or label) but are not
 * among the slots the last deployment recorded — left by a failed run, a lost or rolled-back
 * state, or allocated by hand. They cost money and no plan counts them; a held one is worse, since
 * the pool will declare its slot anew beside it. The claim reader already lists every object of
 * the pool, so finding them costs no extra call. Shadowpool reports each with the command that
 * reclaims it (adopt it into the stack as its slot, or delete it); it never deletes or imports
 * one by itself. Pure.
 */
import type { ClaimMarks } from "./check";

/** One leaked object and how to reclaim it. */
export interface LeakedAddress {
  /** How the reader names it, e.g. `network interface eni-0abc`. */
  readonly ref: string;
  /** The cloud's id, for the import command. */
  readonly id: string;
  /** Its slot number, or null when its slot tag is not one. */
  readonly slot: number | null;
  /** Who holds it (claimed-by tag, or what it is attached to), or null when free. */
  readonly heldBy: string | null;
  /** What to do, with the command. */
  readonly fix: string;
}

/** What the fix text needs to know about the pool. */
export interface LeakContext {
  readonly pool: string;
  /** The Pulumi type token of a slot, e.g. `aws:ec2/networkInterface:NetworkInterface`. */
  readonly resourceType: string;
  /** The tag or label that holds the slot number, for messages. */
  readonly slotKey: string;
  /** URN of the pool's component: an adopted slot must be imported as its child. */
  readonly parentUrn: string;
  /**
   * The pool's mode. In observe mode the pool declares only the slots it had, so a slot imported
   * then would be deleted by the next run: adopting must come with the switch to enforce.
   */
  readonly mode: "observe" | "enforce";
}

/**
 * The pool's objects that the last deployment did not record as its slots.
 *
 * @param marks every object of the pool the reader saw, with its cloud id.
 * @param managed slot indices the last deployment declared (empty on a first deployment).
 * @param ctx the pool's name, slot type and slot key.
 * @returns the leaked ones, in the order read.
 */
export function leakedAddresses(
  marks: readonly (ClaimMarks & { readonly id: string })[],
  managed: ReadonlySet<number>,
  ctx: LeakContext,
): LeakedAddress[] {
  const leaks: LeakedAddress[] = [];
  for (const m of marks) {
    const raw = m.slot?.trim();
    const slot = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : null;
    if (slot !== null && managed.has(slot)) continue;
    const heldBy = m.by ? m.by : null;
    leaks.push({ ref: m.ref, id: m.id, slot, heldBy, fix: fixFor(slot, heldBy, m.id, ctx) });
  }
  return leaks;
}

/** The reclaim advice for one leaked object. */
function fixFor(slot: number | null, heldBy: string | null, id: string, ctx: LeakContext): string {
  const where =
    "not among the slots the last deployment recorded (a failed run, a lost state, or made by hand)";
  if (slot === null) {
    return `${where}, and its ${ctx.slotKey} is not a slot number: delete it, or set ${ctx.slotKey} to a free slot number and adopt it`;
  }
  const command = `\`pulumi import ${ctx.resourceType} ${ctx.pool}-${slot} ${id} --parent pool=${ctx.parentUrn}\``;
  const adopt =
    ctx.mode === "enforce"
      ? command
      : `${command} in the same change that switches the pool to enforce (in observe mode it declares no new slot, and would delete an imported one)`;
  return heldBy === null
    ? `${where}; free: delete it, or adopt it as slot ${slot} with ${adopt}`
    : `${where}; held by ${heldBy}: adopt it with ${adopt}` +
        (ctx.mode === "enforce" ? ` before the pool declares slot ${slot} anew beside it` : "");
}
