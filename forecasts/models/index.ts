import type { ForecastModel } from "../types";
import { holtWinters } from "./holt-winters";
import { mstlModel } from "./mstl-model";
import { persistence } from "./persistence";
import { robust } from "./robust";
import { seasonalNaive } from "./seasonal-naive";
import { seasonalProfile } from "./seasonal-profile";
import { similarDays } from "./similar-days";

const snaiveDaily = seasonalNaive("daily");
const snaiveWeekly = seasonalNaive("weekly");
const hwDaily = holtWinters({
  name: "hw-damped-daily",
  seasonal: "additive",
  period: "shortest",
  trend: "damped",
});
const hwWeekly = holtWinters({
  name: "hw-damped-weekly",
  seasonal: "additive",
  period: "longest",
  trend: "damped",
});
const mstl = mstlModel();

/**
 * Every model the selector may choose from by default, in a fixed order (ties go to the earlier
 * one). Each must earn its place in the rolling-origin backtest. The weekly Holt-Winters model is
 * included in its robust form only (burst clipping and level re-anchoring cost little and lose
 * nothing on clean data), which keeps a pool's model fitting within a few milliseconds. MSTL
 * (`mstl-robust`, `mstl`) is optional: it costs the most and did not earn its place (without it
 * the selector idled less on two evaluation traces and the same on three).
 * The similar-days profiles (median of the same hour on the recent days that behave alike, with and
 * without growth adjustment) come next: they do not copy one day's noise into the forecast, which
 * is where most of seasonal naive's excess margin came from. Persistence (the last window's
 * maximum) is last: it wins where demand wanders without a pattern strong enough to lean on.
 */
export const ALL_MODELS: readonly ForecastModel[] = [
  snaiveDaily,
  snaiveWeekly,
  robust(snaiveWeekly),
  hwDaily,
  robust(hwWeekly),
  similarDays(),
  similarDays({ levelAdjust: true }),
  persistence(),
];

/** Models that can be asked for by name but are not tried by default (see {@link modelsByName}). */
export const OPTIONAL_MODELS: readonly ForecastModel[] = [
  robust(mstl),
  seasonalProfile({ which: "weekly", cycles: 3, level: "none" }),
  seasonalProfile({ which: "weekly", cycles: 3, level: "ratio" }),
  hwWeekly,
  mstl,
  robust(snaiveDaily),
  robust(hwDaily),
  holtWinters({
    name: "hw-mul-weekly",
    seasonal: "multiplicative",
    period: "longest",
    trend: "damped",
  }),
];

/**
 * The models with the given names, in the order given; all default models when `names` is absent
 * or empty.
 *
 * @param names model names (as in a pool's `models` policy).
 * @returns the models.
 * @throws {RangeError} naming each unknown name and listing the known ones.
 */
export function modelsByName(names?: readonly string[]): ForecastModel[] {
  if (names === undefined || names.length === 0) return [...ALL_MODELS];
  const known = new Map([...ALL_MODELS, ...OPTIONAL_MODELS].map((m) => [m.name, m]));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new RangeError(
      `unknown model name(s) ${unknown.map((n) => `"${n}"`).join(", ")}; known models: ${[...known.keys()].join(", ")}`,
    );
  }
  return names.map((n) => known.get(n) as ForecastModel);
}

/**
 * The allowed models, in registry order (`ALL_MODELS`, then `OPTIONAL_MODELS`): the selector's
 * tie-break order does not depend on how the user listed them.
 *
 * @param names allowed names; empty or absent means `ALL_MODELS`.
 * @returns the models.
 * @throws {RangeError} naming any unknown model and the known ones.
 */
export function resolveModels(names?: readonly string[]): readonly ForecastModel[] {
  if (names === undefined || names.length === 0) return ALL_MODELS;
  const chosen = new Set(modelsByName(names));
  return [...ALL_MODELS, ...OPTIONAL_MODELS].filter((m) => chosen.has(m));
}

export { seasonalNaive } from "./seasonal-naive";
export { holtWinters } from "./holt-winters";
export { mstlModel } from "./mstl-model";
export { persistence } from "./persistence";
export { robust } from "./robust";
export { seasonalProfile } from "./seasonal-profile";
export { similarDays } from "./similar-days";
