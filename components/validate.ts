/**
 * Small validation helpers for component args. Each pushes a message naming the field, the value
 * and the fix onto `problems`, so callers can report every problem at once.
 */

/** Bounds for {@link checkNumber} / {@link checkInteger} (inclusive). */
export interface Range {
  readonly min?: number;
  readonly max?: number;
}

const show = (v: unknown): string => (typeof v === "string" ? JSON.stringify(v) : String(v));

function rangeText(r: Range): string {
  if (r.min !== undefined && r.max !== undefined) return `between ${r.min} and ${r.max}`;
  if (r.min !== undefined) return `>= ${r.min}`;
  if (r.max !== undefined) return `<= ${r.max}`;
  return "finite";
}

/**
 * Check that `value` is a finite number within `range`.
 *
 * @returns true when valid
 */
export function checkNumber(
  problems: string[],
  field: string,
  value: unknown,
  range: Range,
): boolean {
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max);
  if (!ok) problems.push(`${field} must be a number ${rangeText(range)} (got ${show(value)})`);
  return ok;
}

/**
 * Check that `value` is an integer within `range`.
 *
 * @returns true when valid
 */
export function checkInteger(
  problems: string[],
  field: string,
  value: unknown,
  range: Range,
): boolean {
  const ok =
    typeof value === "number" &&
    Number.isInteger(value) &&
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max);
  if (!ok) problems.push(`${field} must be an integer ${rangeText(range)} (got ${show(value)})`);
  return ok;
}

/**
 * Check that `value` is one of `allowed`.
 *
 * @returns true when valid
 */
export function checkOneOf<T extends string>(
  problems: string[],
  field: string,
  value: unknown,
  allowed: readonly T[],
): value is T {
  const ok = typeof value === "string" && (allowed as readonly string[]).includes(value);
  if (!ok) problems.push(`${field} must be one of ${allowed.join(", ")} (got ${show(value)})`);
  return ok;
}

/**
 * Check that `value` is a non-empty string.
 *
 * @returns true when valid
 */
export function checkNonEmpty(
  problems: string[],
  field: string,
  value: unknown,
  hint = "",
): boolean {
  const ok = typeof value === "string" && value.trim().length > 0;
  if (!ok)
    problems.push(
      `${field} must be a non-empty string${hint ? ` (${hint})` : ""} (got ${show(value)})`,
    );
  return ok;
}

/**
 * Check that `value` is a non-empty array of non-empty strings.
 *
 * @returns true when valid
 */
export function checkStringList(
  problems: string[],
  field: string,
  value: unknown,
  hint = "",
): boolean {
  const ok =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => typeof v === "string" && v.trim().length > 0);
  if (!ok)
    problems.push(
      `${field} must be a non-empty list of strings${hint ? ` (${hint})` : ""} (got ${JSON.stringify(value)})`,
    );
  return ok;
}

/**
 * Throw one error listing every problem (no-op when there are none).
 *
 * @param what what was validated, e.g. `AwsWarmPool "api-warm"`
 * @param problems the collected problems
 * @throws Error with one problem per line
 */
export function throwIfProblems(what: string, problems: readonly string[]): void {
  if (problems.length === 0) return;
  throw new Error(`${what}: ${problems.length} invalid argument(s):\n  ${problems.join("\n  ")}`);
}

/**
 * Check that `value` is a plain object (not an array, not null).
 *
 * @returns true when valid
 */
export function checkObject(problems: string[], field: string, value: unknown): boolean {
  const ok = typeof value === "object" && value !== null && !Array.isArray(value);
  if (!ok)
    problems.push(`${field} must be a mapping of keys to values (got ${JSON.stringify(value)})`);
  return ok;
}

/**
 * Check that `value` is a mapping of strings to strings (tags, labels, node selectors).
 *
 * @returns true when valid
 */
export function checkStringMap(problems: string[], field: string, value: unknown): boolean {
  if (!checkObject(problems, field, value)) return false;
  const bad = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => typeof v !== "string",
  );
  for (const [key, v] of bad) {
    problems.push(
      `${field}["${key}"] must be a string (got ${JSON.stringify(v)}); quote it in the config`,
    );
  }
  return bad.length === 0;
}

/**
 * Check that `value` is an array (of anything; callers check the items).
 *
 * @returns true when valid
 */
export function checkArray(problems: string[], field: string, value: unknown): value is unknown[] {
  const ok = Array.isArray(value);
  if (!ok) problems.push(`${field} must be a list (got ${JSON.stringify(value)})`);
  return ok;
}
