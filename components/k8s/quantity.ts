/**
 * Kubernetes resource quantities (`500m`, `1.5Gi`, `2e3`, `4`), parsed exactly.
 *
 * Grammar (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/):
 * `<signedNumber><suffix>`, where the number is `<digits>`, `<digits>.<digits>`, `<digits>.` or
 * `.<digits>` with an optional sign, and the suffix is a binary SI suffix (`Ki Mi Gi Ti Pi Ei`),
 * a decimal SI suffix (`m "" k M G T P E`) or a decimal exponent (`e<signedNumber>`,
 * `E<signedNumber>`). apimachinery's parser also accepts `n` and `u` (nano, micro), which the API
 * server itself writes for tiny values, so they are accepted here too.
 *
 * Why not a library: `@kubernetes/client-node` 1.4.0 has `quantityToScalar`, but it is an ES module
 * that jest's CommonJS runtime cannot load (the components are tested under jest), it returns a
 * float for `m` (0.1 + 0.2 style errors would then round `100m` up to `101m`) and it rejects
 * `1.5Gi` and e-notation. Quantities here are exact fractions of BigInts, as Kubernetes keeps them
 * in fixed point, never in floating point.
 */

/** An exact quantity: `num / den` (den > 0). */
export interface Quantity {
  readonly num: bigint;
  readonly den: bigint;
}

const BINARY: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
// Sign, then digits with an optional fraction (at least one digit), then the rest is the suffix.
const NUMBER = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/;
const EXPONENT = /^[eE]([+-]?[0-9]+)$/;
/** Exponents beyond this are far outside what Kubernetes can hold (2^63 − 1): refused, not computed. */
const MAX_EXPONENT = 40;

/** Zero, as a quantity. */
export const ZERO: Quantity = { num: 0n, den: 1n };

/**
 * Parse a Kubernetes quantity exactly.
 *
 * @param text the quantity, e.g. `"250m"`, `"1.5Gi"`, `"1e3"`, `"2"`
 * @returns the quantity, or null when `text` is not a Kubernetes quantity
 */
export function parseQuantity(text: unknown): Quantity | null {
  if (typeof text !== "string") return null;
  const m = NUMBER.exec(text);
  if (m === null) return null;
  const [, sign, whole, fraction = "", suffix] = m;
  if (whole === "" && fraction === "") return null;
  let num = BigInt(`${whole}${fraction}` || "0") * (sign === "-" ? -1n : 1n);
  let den = 10n ** BigInt(fraction.length);
  let power10: number;
  if (suffix in BINARY) {
    num *= 1024n ** BigInt(BINARY[suffix]);
    power10 = 0;
  } else if (suffix in DECIMAL) {
    power10 = DECIMAL[suffix];
  } else {
    const e = EXPONENT.exec(suffix);
    if (e === null) return null;
    power10 = Number(e[1]);
    if (Math.abs(power10) > MAX_EXPONENT) return null;
  }
  if (power10 >= 0) num *= 10n ** BigInt(power10);
  else den *= 10n ** BigInt(-power10);
  return reduce(num, den);
}

/**
 * Whether `text` is a quantity >= 0 (requests cannot be negative).
 *
 * @param text the value to check
 * @returns true for a non-negative Kubernetes quantity
 */
export function isNonNegativeQuantity(text: unknown): boolean {
  const q = parseQuantity(text);
  return q !== null && q.num >= 0n;
}

/**
 * The sum of two quantities.
 *
 * @param a first
 * @param b second
 * @returns a + b, exactly
 */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return reduce(a.num * b.den + b.num * a.den, a.den * b.den);
}

/**
 * The larger of two quantities.
 *
 * @param a first
 * @param b second
 * @returns max(a, b)
 */
export function maxQuantity(a: Quantity, b: Quantity): Quantity {
  return a.num * b.den >= b.num * a.den ? a : b;
}

/**
 * How many whole `unit`s it takes to hold `q`, rounded up (Kubernetes rounds `0.1m` up to `1m`).
 *
 * @param q the quantity (negative values count as 0)
 * @param unit the unit, e.g. 1/1000 for millicores or 2^20 for Mi
 * @returns ceil(q / unit), at least 0
 * @throws {RangeError} when `unit` is not positive
 */
export function ceilUnits(q: Quantity, unit: Quantity): bigint {
  if (unit.num <= 0n) throw new RangeError(`unit must be positive (got ${unit.num}/${unit.den})`);
  if (q.num <= 0n) return 0n;
  // q / unit = (q.num * unit.den) / (q.den * unit.num); both positive here.
  const n = q.num * unit.den;
  const d = q.den * unit.num;
  return (n + d - 1n) / d;
}

/** num/den in lowest terms with a positive denominator. */
function reduce(num: bigint, den: bigint): Quantity {
  const g = gcd(num < 0n ? -num : num, den);
  return g <= 1n ? { num, den } : { num: num / g, den: den / g };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
