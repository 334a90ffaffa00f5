/**
 * Capacity comes in whole units. For demand counted in slots the unit is one slot; for demand
 * that is not whole numbers (a CPU share, a normalised trace) a whole unit of demand can be most of
 * the peak — rounding a share of 0.3 up to 1 would hide everything a backtest measures. Such demand
 * is replayed in finer units: a power of ten about a thousandth of its largest value.
 */

/** Finest capacity unit: a replay in units below 1e-15 of the demand would lose float precision. */
const MAX_DIGITS = 15;

/**
 * How many capacity units one unit of demand holds: 1 for whole-number demand (or any demand
 * reaching 1,000, where a whole unit is at most a thousandth of the peak), else the power of ten
 * that makes the largest value reach the thousands.
 *
 * @param values demand values (non-negative).
 * @returns an integer power of ten, 1 to 1e15.
 */
export function capacityScale(values: readonly number[]): number {
  let max = 0;
  let whole = true;
  for (const v of values) {
    if (v > max) max = v;
    if (whole && !Number.isInteger(v)) whole = false;
  }
  if (whole || max === 0) return 1;
  // floor(log10(max)) = 3 for values in the thousands: scale 10^(3 − that), never below 1.
  const digits = Math.min(MAX_DIGITS, Math.max(0, 3 - Math.floor(Math.log10(max))));
  return 10 ** digits;
}

/**
 * A demand value in capacity units. Multiplying by a power of ten leaves float noise (0.0051 × 10⁴
 * is 51.00000000000001), which would count a demand met by 51 units as missed: values are rounded
 * to a millionth of a unit.
 *
 * @param value demand in its own unit.
 * @param scale from {@link capacityScale}.
 * @returns the value in capacity units.
 */
export function toCapacityUnits(value: number, scale: number): number {
  return scale === 1 ? value : Math.round(value * scale * 1e6) / 1e6;
}

/**
 * A capacity back in demand units. Dividing by the integer scale gives the double nearest the
 * decimal (3512 / 10⁴ is exactly the double read from "0.3512"), so a capacity equal to a demand
 * value compares equal to it.
 *
 * @param units capacity in capacity units.
 * @param scale from {@link capacityScale}.
 * @returns the capacity in demand units.
 */
export function fromCapacityUnits(units: number, scale: number): number {
  return scale === 1 ? units : units / scale;
}
