/**
 * Durations in stack configuration are strings such as `90s`, `15m`, `2h`, `1d`, `1w` or a sum of
 * them (`1h30m`), so that a reader never has to guess whether `7200` means seconds or milliseconds.
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
};

/** One or more `<integer><unit>` parts, nothing else. */
const DURATION = /^(?:\d+[smhdw])+$/;

/** The hint every duration message ends with. */
export const DURATION_HINT = 'a duration like "90s", "15m", "2h", "1d" or "1h30m"';

/**
 * Parse a duration string into seconds.
 *
 * @param text e.g. `2h` or `1h30m`.
 * @returns seconds, or `null` when the text is not a duration.
 */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (!DURATION.test(trimmed)) return null;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([smhdw])/g)) {
    total += Number(amount) * UNIT_SECONDS[unit];
  }
  return total;
}

/**
 * Seconds of a duration the schema already accepted.
 *
 * @param text a duration that passed the schema's check.
 * @returns seconds.
 */
export function acceptedDuration(text: string): number {
  return parseDuration(text) as number;
}

/**
 * Format seconds as the shortest duration string (`7200` → `2h`, `5400` → `1h30m`).
 *
 * @param seconds a non-negative whole number of seconds.
 * @returns the duration text (`0s` for zero).
 */
export function formatDuration(seconds: number): string {
  // `!(> 0)` rather than `<= 0`: NaN formats as `0s` too (the CLI prints whatever it is given).
  if (!(seconds > 0)) return "0s";
  let rest = Math.round(seconds);
  let out = "";
  for (const unit of ["w", "d", "h", "m", "s"]) {
    const size = UNIT_SECONDS[unit];
    const count = Math.floor(rest / size);
    if (count > 0) out += `${count}${unit}`;
    rest -= count * size;
  }
  return out;
}
