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

const inRange = (v: number, r: Range): boolean =>
  (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max);

const isNonEmptyString = (v: unknown): boolean => typeof v === "string" && v.trim().length > 0;

/**
 * The one message every check writes: `<field> must be <what>[ (<hint>)] (got <value>)`. `got` is
 * called only for a problem, as before: rendering a valid value can throw (`JSON.stringify` on a
 * BigInt or a cycle).
 *
 * @returns `ok`
 */
function judge(
  problems: string[],
  field: string,
  ok: boolean,
  what: string,
  got: () => string,
  hint = "",
): boolean {
  if (!ok) problems.push(`${field} must be ${what}${hint ? ` (${hint})` : ""} (got ${got()})`);
  return ok;
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
  const ok = typeof value === "number" && Number.isFinite(value) && inRange(value, range);
  return judge(problems, field, ok, `a number ${rangeText(range)}`, () => show(value));
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
  const ok = typeof value === "number" && Number.isInteger(value) && inRange(value, range);
  return judge(problems, field, ok, `an integer ${rangeText(range)}`, () => show(value));
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
  return judge(problems, field, ok, `one of ${allowed.join(", ")}`, () => show(value));
}

/**
 * Check that `value` is a non-empty string.
 *
 * @param hint what a valid value looks like, added to the message
 * @returns true when valid
 */
export function checkNonEmpty(
  problems: string[],
  field: string,
  value: unknown,
  hint = "",
): boolean {
  const ok = isNonEmptyString(value);
  return judge(problems, field, ok, "a non-empty string", () => show(value), hint);
}

/**
 * Check that `value`, when given, is `true` or `false`.
 *
 * @param hint what each value does, added to the message
 * @returns true when valid or absent
 */
export function checkOptionalBoolean(
  problems: string[],
  field: string,
  value: unknown,
  hint = "",
): boolean {
  const ok = value === undefined || typeof value === "boolean";
  return judge(problems, field, ok, "true or false", () => show(value), hint);
}

/**
 * Check that `value` is a non-empty array of non-empty strings.
 *
 * @param hint what a valid value looks like, added to the message
 * @returns true when valid
 */
export function checkStringList(
  problems: string[],
  field: string,
  value: unknown,
  hint = "",
): boolean {
  const ok = Array.isArray(value) && value.length > 0 && value.every(isNonEmptyString);
  return judge(
    problems,
    field,
    ok,
    "a non-empty list of strings",
    () => JSON.stringify(value),
    hint,
  );
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
  return judge(problems, field, ok, "a mapping of keys to values", () => JSON.stringify(value));
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
 * Check that `value`, a mapping of extra provider args passed through to a resource (a warm pool's
 * `groupArgs`), sets none of the fields Shadowpool owns: those would fight the pool's sizing.
 *
 * @param owned the fields refused
 * @param setBy who sets them instead, for the message, e.g. `Shadowpool (targetSize by the autoscaler)`
 * @returns true when valid
 */
export function checkNoOwnedFields(
  problems: string[],
  field: string,
  value: unknown,
  owned: readonly string[],
  setBy: string,
): boolean {
  if (!checkObject(problems, field, value)) return false;
  const bag = field.slice(field.lastIndexOf(".") + 1);
  const set = owned.filter((name) => name in (value as object));
  for (const name of set)
    problems.push(`${field}.${name} is set by ${setBy}; remove it from ${bag}`);
  return set.length === 0;
}

/**
 * Check that `value` is an array (of anything; callers check the items).
 *
 * @returns true when valid
 */
export function checkArray(problems: string[], field: string, value: unknown): value is unknown[] {
  return judge(problems, field, Array.isArray(value), "a list", () => JSON.stringify(value));
}
