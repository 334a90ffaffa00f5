import type { ForecastModel } from "../types";
import { holtWinters } from "./holt-winters";
import { seasonalNaive } from "./seasonal-naive";

/**
 * Every model the selector may choose from, in a fixed order (ties go to the earlier one).
 * Each must earn its place in the rolling-origin backtest.
 */
export const ALL_MODELS: readonly ForecastModel[] = [
  seasonalNaive("daily"),
  seasonalNaive("weekly"),
  holtWinters({
    name: "hw-damped-daily",
    seasonal: "additive",
    period: "shortest",
    trend: "damped",
  }),
  holtWinters({
    name: "hw-damped-weekly",
    seasonal: "additive",
    period: "longest",
    trend: "damped",
  }),
];
