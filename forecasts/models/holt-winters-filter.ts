/** Seasonal form of a Holt-Winters model. */
export type HwSeasonal = "additive" | "multiplicative";

/** Smoothing parameters. `phi` = 1 is the undamped (R `HoltWinters`) trend; `beta` null means no trend. */
export interface HwParams {
  readonly alpha: number;
  readonly beta: number | null;
  readonly gamma: number;
  readonly phi: number;
}

/** The state just before the first filtered observation. */
export interface HwInit {
  readonly level: number;
  readonly trend: number;
  /** Seasonal terms for the `period` steps before `start`, oldest first. */
  readonly season: readonly number[];
}

/** Filtered states, indexed so that any origin can be forecast from in O(h). */
export interface HwStates {
  readonly period: number;
  readonly seasonal: HwSeasonal;
  readonly phi: number;
  /** `level[i]`, `trend[i]`: state after observing values[0..i) (the state at origin i), i >= start. */
  readonly level: Float64Array;
  readonly trend: Float64Array;
  /** `season[t + period]`: seasonal term of time t, updated when t was observed (t >= start − period). */
  readonly season: Float64Array;
  /** Index of the first filtered observation. */
  readonly start: number;
  /** Sum of squared one-step errors over [start, sseEnd). */
  readonly sse: number;
}

/**
 * Holt-Winters filtering with fixed parameters, in R's `HoltWinters` form (Winters 1960; R's C
 * routine `HoltWinters`), extended with a damped trend (Gardner & McKenzie 1985):
 *
 *   ŷ_t = (ℓ + φb) ⊕ s_{t−m}
 *   ℓ' = α (y_t ⊖ s_{t−m}) + (1 − α)(ℓ + φb)
 *   b' = β (ℓ' − ℓ) + (1 − β) φ b
 *   s_t = γ (y_t ⊖ ℓ') + (1 − γ) s_{t−m}
 *
 * where ⊕/⊖ are +/− (additive) or ×/÷ (multiplicative). With φ = 1 this is exactly R's recursion.
 * (statsmodels/ETS update the season with ℓ + φb instead of ℓ'; for the additive model that is the
 * same recursion with γ_ETS = γ (1 − α).)
 *
 * @param values the observations.
 * @param start index of the first observation to filter (R: one period).
 * @param period seasonal period m.
 * @param seasonal additive or multiplicative.
 * @param params α, β (null: no trend), γ, φ.
 * @param init state before `start`.
 * @param sseEnd one-step errors are summed over [start, sseEnd); default values.length.
 * @returns states at every origin from `start` to values.length.
 * @throws {RangeError} when init.season does not hold one period or start is out of range.
 */
export function holtWintersFilter(
  values: ArrayLike<number>,
  start: number,
  period: number,
  seasonal: HwSeasonal,
  params: HwParams,
  init: HwInit,
  sseEnd = values.length,
): HwStates {
  const n = values.length;
  if (init.season.length !== period) {
    throw new RangeError(
      `Holt-Winters init needs ${period} seasonal terms (got ${init.season.length})`,
    );
  }
  if (!(start >= 0 && start <= n))
    throw new RangeError(`Holt-Winters start ${start} outside [0, ${n}]`);
  const { alpha, gamma } = params;
  const beta = params.beta ?? 0;
  const useTrend = params.beta !== null;
  const phi = useTrend ? params.phi : 0;
  const mult = seasonal === "multiplicative";
  const level = new Float64Array(n + 1);
  const trend = new Float64Array(n + 1);
  const season = new Float64Array(n + period);
  for (let j = 0; j < period; j++) season[start + j] = init.season[j];
  let l = init.level;
  let b = useTrend ? init.trend : 0;
  level[start] = l;
  trend[start] = b;
  let sse = 0;
  for (let t = start; t < n; t++) {
    const y = values[t];
    const s = season[t];
    const base = l + phi * b;
    const yhat = mult ? base * s : base + s;
    if (t < sseEnd) sse += (y - yhat) * (y - yhat);
    const lNew = alpha * (mult ? y / s : y - s) + (1 - alpha) * base;
    if (useTrend) b = beta * (lNew - l) + (1 - beta) * phi * b;
    l = lNew;
    season[t + period] = gamma * (mult ? y / l : y - l) + (1 - gamma) * s;
    level[t + 1] = l;
    trend[t + 1] = b;
  }
  return { period, seasonal, phi, level, trend, season, start, sse };
}

/**
 * Point forecasts from filtered states: ŷ_{origin+k} = (ℓ + (φ + … + φ^{k+1}) b) ⊕ s, where s is the
 * latest seasonal term of the same phase observed before `origin`.
 *
 * @param st states from {@link holtWintersFilter}.
 * @param origin forecast origin, start <= origin <= values.length.
 * @param h number of steps.
 * @returns h forecasts (not clamped).
 */
export function holtWintersForecast(st: HwStates, origin: number, h: number): number[] {
  const m = st.period;
  const l = st.level[origin];
  const b = st.trend[origin];
  const out = new Array<number>(h);
  let damp = 0;
  let phiK = 1;
  for (let k = 0; k < h; k++) {
    phiK *= st.phi;
    damp += phiK;
    // Time origin+k has phase (origin+k) mod m; its latest estimate is at origin + (k mod m) − m.
    const s = st.season[origin + (k % m)];
    const base = l + damp * b;
    out[k] = st.seasonal === "multiplicative" ? base * s : base + s;
  }
  return out;
}

/**
 * R's `coef()` of a fitted HoltWinters: level a, trend b, and s1..sm for the next m steps.
 *
 * @param st states from {@link holtWintersFilter}.
 * @param origin usually values.length.
 * @returns { a, b, s }.
 */
export function holtWintersCoefficients(
  st: HwStates,
  origin: number,
): { a: number; b: number; s: number[] } {
  const s: number[] = [];
  for (let j = 0; j < st.period; j++) s.push(st.season[origin + j]);
  return { a: st.level[origin], b: st.trend[origin], s };
}

/**
 * The one-step sum of squared errors of {@link holtWintersFilter} over [start, end), without
 * storing states: the optimiser's objective, kept allocation-free.
 *
 * @param values the observations.
 * @param start first filtered index.
 * @param end end of the summed range.
 * @param period m.
 * @param seasonal additive or multiplicative.
 * @param params α, β (null: no trend), γ, φ.
 * @param init state before `start`.
 * @param ring scratch of length >= period.
 * @returns the SSE (NaN or Infinity when the recursion breaks down).
 */
export function holtWintersSse(
  values: ArrayLike<number>,
  start: number,
  end: number,
  period: number,
  seasonal: HwSeasonal,
  params: HwParams,
  init: HwInit,
  ring: Float64Array,
): number {
  const { alpha, gamma } = params;
  const beta = params.beta ?? 0;
  const useTrend = params.beta !== null;
  const phi = useTrend ? params.phi : 0;
  const mult = seasonal === "multiplicative";
  for (let j = 0; j < period; j++) ring[j] = init.season[j];
  let l = init.level;
  let b = useTrend ? init.trend : 0;
  let sse = 0;
  // ring[j] holds the latest seasonal term of phase j (relative to start).
  for (let t = start, j = 0; t < end; t++, j = j + 1 === period ? 0 : j + 1) {
    const y = values[t];
    const s = ring[j];
    const base = l + phi * b;
    const e = y - (mult ? base * s : base + s);
    sse += e * e;
    const lNew = alpha * (mult ? y / s : y - s) + (1 - alpha) * base;
    if (useTrend) b = beta * (lNew - l) + (1 - beta) * phi * b;
    l = lNew;
    ring[j] = gamma * (mult ? y / l : y - l) + (1 - gamma) * s;
  }
  return sse;
}
