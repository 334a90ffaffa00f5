/**
 * Shared checks for claim readers: a claim the program cannot place (a slot tag that is not a
 * number, two resources claiming one slot) stops the deployment with every problem listed, since
 * guessing could delete a slot in use.
 */
import type { SlotClaim } from "../../components/slots";

/** A cloud object of the pool as a reader saw it, reduced to what decides a claim. */
export interface ClaimMarks {
  /** How to find the object (an ENI id, an address's self link, a namespace name). */
  readonly ref: string;
  /** The raw slot tag/label, if any. */
  readonly slot?: string;
  /** Who holds it: the claimed-by tag/label, else what it is attached to; empty when free. */
  readonly by?: string;
  /** How likely it is released in time, from its releasing tag/label (0: not releasing). */
  readonly releasing: number;
}

/** What an address pool's reader returns: the claims, and every object's marks with its id. */
export interface AddressReading {
  readonly claims: SlotClaim[];
  readonly marks: (ClaimMarks & { readonly id: string })[];
}

/** Error listing every claim problem of one reader, one per line. */
export class ClaimError extends Error {
  readonly problems: readonly string[];

  /**
   * @param source what was read, e.g. `aws network interfaces tagged shadowpool:pool=api`.
   * @param problems one sentence each.
   */
  constructor(source: string, problems: readonly string[]) {
    super(`${source}: cannot read claims safely:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ClaimError";
    this.problems = problems;
  }
}

/**
 * Turn marks into claims: held objects become claims; free objects are shadow slots, not claims.
 *
 * @param source names the read in messages.
 * @param slotKey the tag/label holding the slot number, for messages.
 * @param marks what the reader saw.
 * @returns claims sorted by index.
 * @throws {ClaimError} when a held object has no valid slot number, or two claim one slot.
 */
export function claimsFromMarks(
  source: string,
  slotKey: string,
  marks: readonly ClaimMarks[],
): SlotClaim[] {
  const problems: string[] = [];
  const claims: SlotClaim[] = [];
  const holderOf = new Map<number, ClaimMarks>();
  for (const m of marks) {
    if (!m.by) continue;
    const index = m.slot !== undefined && /^\d+$/.test(m.slot.trim()) ? Number(m.slot) : NaN;
    if (!Number.isSafeInteger(index)) {
      problems.push(
        `${m.ref} is held by ${m.by} but its ${slotKey} is ${JSON.stringify(m.slot ?? null)}, not a slot number; ` +
          `set ${slotKey} to the slot's index (e.g. "3") or take it out of the pool`,
      );
      continue;
    }
    const first = holderOf.get(index);
    if (first) {
      problems.push(
        `${m.ref} (held by ${m.by}) and ${first.ref} (held by ${first.by}) both claim slot ${index}; ` +
          `give one of them a free slot number in ${slotKey}`,
      );
      continue;
    }
    holderOf.set(index, m);
    claims.push(
      m.releasing > 0
        ? {
            index,
            by: m.by,
            releasing: true,
            ...(m.releasing < 1 ? { releaseConfidence: m.releasing } : {}),
          }
        : { index, by: m.by },
    );
  }
  claims.sort((a, b) => a.index - b.index);
  if (problems.length > 0) throw new ClaimError(source, problems);
  return claims;
}

/**
 * A releasing tag or label's value as the probability that the slot is released in time: `true`
 * (any case) is certain; a whole percentage from 0 to 100 (`80`) is that likely — a form every
 * cloud's tags and labels accept; anything else (absent, `false`, a typo) is not releasing, which
 * keeps the capacity rather than counting on a release.
 *
 * @param value the tag or label value.
 * @returns the probability, 0 when not releasing.
 */
export function releaseMark(value: string | undefined): number {
  const text = value?.trim().toLowerCase() ?? "";
  if (text === "true") return 1;
  if (!/^\d{1,3}$/.test(text)) return 0;
  const percent = Number(text);
  return percent <= 100 ? percent / 100 : 0;
}

/** An invoke error's text; Pulumi's mock monitor drops the message, so never print nothing. */
export function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.trim() === "" ? "the provider gave no details (check credentials and region)" : text;
}
