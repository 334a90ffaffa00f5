import type { FittedModel, ForecastModel } from "../types";

/**
 * Persistence of the recent peak: every step of the next `h` is forecast at the maximum of the
 * last `h` observed steps — the naive forecast of a window maximum, the planner's version of the
 * "last window's max" baseline. Seasonal models lose to it on series that wander without a
 * pattern strong enough to lean on (a random walk, a level that drifts by the hour); there the
 * backtest picks it, and elsewhere its calibrated margin is too wide to win.
 *
 * @returns a model named `persistence`.
 */
export function persistence(): ForecastModel {
  return {
    name: "persistence",
    minLength: () => 1,
    fit(values: readonly number[], fitEnd: number): FittedModel {
      if (!(fitEnd >= 1)) throw new RangeError(`persistence needs 1 observation (got ${fitEnd})`);
      return {
        forecastFrom(origin: number, h: number): number[] {
          if (!(origin >= 1 && origin <= values.length)) {
            throw new RangeError(`origin ${origin} outside [1, ${values.length}]`);
          }
          // The stretch looked back over is as long as the one forecast (at least one step).
          let peak = -Infinity;
          for (let k = Math.max(0, origin - Math.max(1, h)); k < origin; k++)
            if (values[k] > peak) peak = values[k];
          return new Array<number>(h).fill(peak);
        },
      };
    },
  };
}
