/**
 * Validation of slot tables and claims (as read from config, state or the cloud). Pure.
 */
import type { Slot, SlotClaim } from "./slot-types";

/** True for an integer >= 0 (slot indices and counts). */
export const isNonNegInt = (n: number): boolean => Number.isInteger(n) && n >= 0;

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
