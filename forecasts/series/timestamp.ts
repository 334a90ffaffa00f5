/** Timestamps like `2024-01-01T00:00:00Z`, `2024-01-01 00:00`, `2024-01-01T00:00:00.5+02:00`. */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
/** Epoch seconds, integer or decimal. */
const EPOCH = /^[+-]?\d+(?:\.\d+)?$/;
/** Epoch seconds above this (year 5138) are taken to be milliseconds by mistake. */
const MAX_EPOCH_SECONDS = 1e11;

/**
 * Parse one history timestamp to epoch seconds (UTC).
 *
 * Accepted: epoch seconds (integer or decimal), and ISO-8601 dates or date-times with `T` or a space,
 * optional seconds and fraction, and an optional zone (`Z`, `+02:00`, `+0200`, `+02`).
 * A date-time without a zone is taken as UTC (not as the machine's local time, which would make the
 * result depend on where it runs); a date alone is midnight UTC.
 *
 * @param text the cell, already trimmed.
 * @returns epoch seconds, or a string explaining why the text is not a timestamp.
 */
export function parseTimestamp(text: string): number | string {
  if (text === "") return "timestamp is empty";
  if (EPOCH.test(text)) {
    const seconds = Number(text);
    if (Math.abs(seconds) > MAX_EPOCH_SECONDS) {
      return `timestamp ${text} is too large for epoch seconds (milliseconds?); give epoch seconds or ISO-8601`;
    }
    return seconds;
  }
  const m = ISO.exec(text);
  if (m === null) {
    return `timestamp "${text}" is neither ISO-8601 (2024-01-31T13:00:00Z) nor epoch seconds`;
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls over out-of-range fields (Feb 30 → Mar 2): reject instead of guessing.
  const back = new Date(ms);
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day ||
    back.getUTCHours() !== hour ||
    back.getUTCMinutes() !== minute ||
    back.getUTCSeconds() !== second
  ) {
    return `timestamp "${text}" is not a valid date and time`;
  }
  return ms / 1000 + fraction - zoneOffsetSeconds(m[8]);
}

/** Offset east of UTC in seconds for `Z`, `+02:00`, `-0530`, `+02`; 0 when absent. */
function zoneOffsetSeconds(zone: string | undefined): number {
  if (zone === undefined || zone === "Z" || zone === "z") return 0;
  const sign = zone[0] === "-" ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 3600 + minutes * 60);
}

/**
 * Format epoch seconds as ISO-8601 UTC for messages (`2024-01-01T00:00:00Z`).
 *
 * @param t epoch seconds.
 * @returns the ISO string without milliseconds when they are zero.
 */
export function isoUtc(t: number): string {
  if (!Number.isFinite(t)) return String(t);
  return new Date(t * 1000).toISOString().replace(".000Z", "Z");
}
