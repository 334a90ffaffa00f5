import type { HwInit, HwSeasonal } from "./holt-winters-filter";

/**
 * R's `HoltWinters` starting values (R `stats` source, `HoltWinters.R`): classical decomposition
 * (`decompose`) of the first two periods — a centred moving average of order m (weights ½, 1, …, 1, ½
 * over m for even m), the seasonal figure as the per-position mean of the detrended values
 * normalised to mean 0 (additive) or 1 (multiplicative) — and level/trend as the intercept and
 * slope of a least-squares line through the available moving-average values against 1..k.
 * Filtering then starts at index m (R's `start.time = f + 1`).
 *
 * @param values the series (at least two periods).
 * @param period m.
 * @param seasonal additive or multiplicative.
 * @returns the state before index m.
 * @throws {RangeError} with fewer than two periods, or a non-positive average for multiplicative.
 */
export function holtWintersInitR(
  values: ArrayLike<number>,
  period: number,
  seasonal: HwSeasonal,
): HwInit {
  const m = period;
  if (!Number.isInteger(m) || m < 2)
    throw new RangeError(`Holt-Winters period must be an integer >= 2 (got ${m})`);
  if (values.length < 2 * m) {
    throw new RangeError(
      `Holt-Winters needs two periods to start (${2 * m} values, got ${values.length})`,
    );
  }
  const w = 2 * m;
  const even = m % 2 === 0;
  const half = Math.floor(m / 2);
  // Centred moving average, defined on [half, w − 1 − half] (R's filter(sides = 2)).
  const ma = new Float64Array(w).fill(NaN);
  for (let i = half; i <= w - 1 - half; i++) {
    let sum = 0;
    if (even) {
      sum = 0.5 * values[i - half] + 0.5 * values[i + half];
      for (let j = i - half + 1; j < i + half; j++) sum += values[j];
    } else {
      for (let j = i - half; j <= i + half; j++) sum += values[j];
    }
    ma[i] = sum / m;
  }
  // Seasonal figure: mean of the detrended values at each position, then normalised.
  const figure = new Array<number>(m).fill(0);
  const count = new Array<number>(m).fill(0);
  for (let i = 0; i < w; i++) {
    if (Number.isNaN(ma[i])) continue;
    if (seasonal === "multiplicative" && !(ma[i] > 0)) {
      throw new RangeError(
        "multiplicative Holt-Winters needs positive values in its first two periods",
      );
    }
    figure[i % m] += seasonal === "multiplicative" ? values[i] / ma[i] : values[i] - ma[i];
    count[i % m]++;
  }
  for (let j = 0; j < m; j++) figure[j] /= count[j];
  const mean = figure.reduce((a, b) => a + b, 0) / m;
  const season = figure.map((f) => (seasonal === "multiplicative" ? f / mean : f - mean));
  // Least-squares line through the moving-average values against 1..k.
  let k = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < w; i++) {
    if (Number.isNaN(ma[i])) continue;
    k++;
    sx += k;
    sy += ma[i];
    sxx += k * k;
    sxy += k * ma[i];
  }
  const slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
  return { level: (sy - slope * sx) / k, trend: slope, season };
}
