import type { FittedModel, ForecastModel, ModelContext } from "../types";
import { clipBursts, type BurstClipOptions } from "./burst-clip";

/** Options of {@link robust}. */
export interface RobustOptions {
  /** Model name. Default `<base>-robust`. */
  readonly name?: string;
  /** Burst clipping options. */
  readonly clip?: BurstClipOptions;
  /** Steps of recent one-step errors whose median re-anchors the level. Default: a quarter of the shortest period, at least 3. */
  readonly window?: number;
  /** Re-anchor only when |median error| exceeds this many robust standard deviations. Default 2. */
  readonly threshold?: number;
  /** …and at least this many demand units (integer counts often have a zero error scale). Default 0.5. */
  readonly minShift?: number;
}

function median(a: number[]): number {
  a.sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 === 1 ? a[m] : (a[m - 1] + a[m]) / 2;
}

/**
 * Make a model robust to bursts and level shifts:
 * (a) bursts: the base model is fitted to, and updated with, the series after causal burst clipping
 *     (`clipBursts`), so one spike does not inflate a seasonal profile or the next day's forecast;
 * (b) level shifts: the base model's one-step errors on the cleaned series are tracked; when the
 *     median of the last `window` errors before the origin is beyond `threshold` robust standard
 *     deviations (σ estimated on the errors of the last week before the fit end), that median is
 *     added to the forecasts. After a shift the level is re-anchored to the post-shift data within
 *     hours, not after a full season; once the base model has caught up its errors are centred
 *     again and the correction switches itself off.
 * Everything is causal: a forecast from `origin` uses values before `origin` only.
 *
 * The base model must accept origins from one week (its longest period) before the fit end, to
 * produce in-sample one-step errors; every model in this folder does.
 *
 * @param base the model to wrap.
 * @param opts name, clipping and re-anchoring options.
 * @returns the wrapped model.
 */
export function robust(base: ForecastModel, opts: RobustOptions = {}): ForecastModel {
  const name = opts.name ?? `${base.name}-robust`;
  return {
    name,
    minLength: (ctx) => base.minLength(ctx),
    fit(values: readonly number[], fitEnd: number, ctx: ModelContext): FittedModel {
      const n = values.length;
      const cleaned = Array.from(clipBursts(values, fitEnd, ctx, opts.clip).values);
      const fitted = base.fit(cleaned, fitEnd, ctx);
      const longest = Math.max(...ctx.periods);
      const window = opts.window ?? Math.max(3, Math.round(ctx.periods[0] / 4));
      const threshold = opts.threshold ?? 2;
      const minShift = opts.minShift ?? 0.5;
      // One-step errors from a week before the fit end on (lazily filled; NaN = not yet computed).
      const first = Math.max(longest, fitEnd - longest);
      const errors = new Float64Array(Math.max(0, n - first)).fill(NaN);
      const errorAt = (t: number): number => {
        const i = t - first;
        if (Number.isNaN(errors[i])) errors[i] = cleaned[t] - fitted.forecastFrom(t, 1)[0];
        return errors[i];
      };
      let sigma = NaN;
      const scale = (): number => {
        if (Number.isNaN(sigma)) {
          const abs: number[] = [];
          for (let t = first; t < fitEnd; t++) abs.push(Math.abs(errorAt(t)));
          sigma = abs.length > 0 ? 1.4826 * median(abs) : 0;
        }
        return sigma;
      };
      return {
        forecastFrom(origin: number, h: number): number[] {
          const f = fitted.forecastFrom(origin, h);
          if (origin - window < first) return f;
          const recent: number[] = [];
          for (let t = origin - window; t < origin; t++) recent.push(errorAt(t));
          const shift = median(recent);
          // A sustained bias well beyond the usual error is a level shift: re-anchor to it.
          if (!(Math.abs(shift) > Math.max(threshold * scale(), minShift))) return f;
          return f.map((v) => Math.max(0, v + shift));
        },
      };
    },
  };
}
