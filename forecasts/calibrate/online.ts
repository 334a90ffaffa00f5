import { lowerBound } from "../lower-bound";
import { aciUpdate } from "./aci";
import { dtaciLevel, dtaciStart, dtaciUpdate } from "./dtaci";
import { conformalLowerQuantile, conformalQuantile, insertSorted } from "./conformal";
import { type Normalisation, scaleOf } from "./normalise";
import { pinballLoss } from "./pinball";
import { trackerStep, trackerUpdate } from "./quantile-tracker";
import type { WindowMaxTrace } from "./window-max";

/**
 * How the calibration's level adapts as windows resolve.
 *
 * - `aci`: adaptive conformal inference with one step γ (Gibbs & Candès 2021): a miss raises the
 *   level by γ(1 − α), a covered window lowers it by γα — slowly, so after a jump in demand the
 *   misses of its first days keep the bound wide for weeks.
 * - `dtaci`: DtACI (`dtaci.ts`): eight ACI steps from 0.001 to 0.128, weighted by how well each
 *   tracked the realised scores, so the level comes back down as fast as the errors allow.
 * - `tracking`: quantile tracking (`quantile-tracker.ts`): the level stays at the quantile and an
 *   offset in score units moves instead, by a fixed step per miss, so a run of burst misses on a
 *   heavy-tailed series widens the bound less than a higher level would.
 *
 * The selector scores every model with ACI, tries DtACI and tracking on the leading three, and
 * keeps whichever needs less capacity on the pool's own backtest (ACI, then DtACI, on a tie).
 */
export type Adaptation = "aci" | "dtaci" | "tracking";

/** Options of {@link onlineConformal}. */
export interface OnlineConformalOptions {
  /** Quantile of the window maximum to hold, in (0, 1). */
  readonly quantile: number;
  readonly normalisation: Normalisation;
  /** Positive floor of the scale (see `scaleFloor`). */
  readonly floor: number;
  /** Whole-number demand: bounds are rounded up before being compared, as the planner will. */
  readonly integerValued: boolean;
  /** Steps from an origin until its window is fully observed (gap + horizon). */
  readonly delay: number;
  /** Index of the first origin whose bound is scored by the pinball loss. */
  readonly evalFrom: number;
  /** How the level adapts (see {@link Adaptation}). Default `aci`. */
  readonly adaptation?: Adaptation;
  /** ACI's step size γ (0 turns the correction off). Default 0.005 (Gibbs & Candès 2021). */
  readonly gamma?: number;
}

/** What the online pass found: the backtest score and the calibrated bound for now. */
export interface OnlineConformalResult {
  /** Mean pinball loss of the window maximum over the evaluated origins. */
  readonly pinball: number;
  /** Origins evaluated. */
  readonly evaluated: number;
  /** Share of evaluated windows whose maximum stayed within the bound. */
  readonly coverage: number;
  /** Calibrated upper bound of the window maximum at now (unrounded, may be negative). */
  readonly bound: number;
  /**
   * Calibrated lower bound of the window maximum at now: the maximum stays at or above it with
   * probability `quantile` (split conformal on the same scores, without the adaptive correction).
   */
  readonly lowerBound: number;
  /** Scores behind the bound at now. */
  readonly n: number;
  /** Coverage level used at now after the adaptive correction (1 − α_t; the quantile for tracking). */
  readonly adaptedLevel: number;
  /** Offset added to the score quantile by quantile tracking (score units; 0 for ACI and DtACI). */
  readonly offset: number;
  /** The conformal quantile of the normalised scores at the adapted level. */
  readonly scoreQuantile: number;
  /** Scale of the score at now. */
  readonly scaleNow: number;
  /** The bound in force at each origin (as held: rounded up for whole units), NaN before any score. */
  readonly bounds: readonly number[];
}

/**
 * Sequential split-conformal calibration of the window maximum with adaptive conformal inference.
 * Origins are replayed in time order. At origin i the bound is
 * `m̂_i + Q(scores resolved before i, 1 − α_t) · scale_i`, where a score is resolved only once its
 * whole window lies before origin i (no peeking: windows overlap, so the delay matters), Q is the
 * `⌈(n + 1)(1 − α_t)⌉`-th smallest score, and α_t adapts each time a window resolves (ACI or
 * DtACI; with quantile tracking α_t stays at the target and an offset added to Q adapts instead,
 * see {@link Adaptation}). Bounds from the first third of origins are not scored (too few
 * scores yet); the rest give the backtest pinball loss used for model selection. After the last origin every window has
 * resolved, and the same rule gives the bound for now.
 *
 * @param trace predicted and realised window maxima per origin (see `windowMaxTrace`).
 * @param opts quantile, normalisation, delay and evaluation start.
 * @returns pinball loss, coverage and the calibrated bound at now.
 * @throws {RangeError} when the trace has no origin.
 */
export function onlineConformal(
  trace: WindowMaxTrace,
  opts: OnlineConformalOptions,
): OnlineConformalResult {
  const { origins, predicted, actual } = trace;
  const m = origins.length;
  if (m === 0) throw new RangeError("online conformal calibration needs at least one origin");
  const { quantile, normalisation, floor, integerValued, delay, evalFrom } = opts;
  const target = 1 - quantile;
  // The capacity actually held: the planner rounds whole-number demand up to whole slots.
  const held = (u: number): number => (integerValued ? Math.ceil(u - 1e-9) : u);
  // Whole-number demand M is covered by ceil(u) exactly when u > M − 1, so the score measures the
  // distance to M − 1 and the bound sits just above it: rounding up then adds no hidden margin
  // (without this, ceil adds half a slot on average and coverage overshoots the quantile).
  const shift = integerValued ? 1 : 0;
  const nudge = integerValued ? 1e-6 : 0;
  // Each origin's scale, once: it serves both the score and the bound.
  const scales = new Float64Array(m);
  for (let i = 0; i < m; i++) scales[i] = scaleOf(normalisation, predicted[i], floor);
  // Resolved scores, ascending, in the first `count` entries.
  const sorted = new Float64Array(m);
  let count = 0;
  const bounds = new Array<number>(m).fill(NaN);
  let alphaT = target;
  let resolved = 0;
  const gamma = opts.gamma ?? 0.005;
  const dt = opts.adaptation === "dtaci" ? dtaciStart(target) : null;
  const tracking = opts.adaptation === "tracking";
  let offset = 0;
  const quantileOf = (level: number): number => conformalQuantile(sorted, level, count).score;
  // A window resolves: if a bound was held for it, the correction adapts (the offset by a step of
  // the scores' spread for tracking, the level to its β for DtACI or to whether the bound missed
  // for a single ACI step); then its score joins the calibration set.
  const resolve = (j: number): void => {
    const score = (actual[j] - shift - predicted[j]) / scales[j];
    if (!Number.isNaN(bounds[j])) {
      if (tracking) {
        const eta = trackerStep(quantileOf(quantile), quantileOf(0.5));
        offset = trackerUpdate(offset, target, actual[j] > bounds[j], eta);
      } else if (dt === null) {
        alphaT = aciUpdate(alphaT, target, actual[j] > bounds[j], gamma);
      } else {
        dtaciUpdate(dt, coveringLevel(sorted, count, score));
        alphaT = dtaciLevel(dt);
      }
    }
    count = insertSorted(sorted, count, score);
  };
  const scoreAt = (level: number): number => quantileOf(level) + offset;
  let loss = 0;
  let evaluated = 0;
  let covered = 0;
  for (let i = 0; i < m; i++) {
    while (resolved < i && origins[resolved] + delay <= origins[i]) resolve(resolved++);
    if (count === 0) continue;
    bounds[i] = held(predicted[i] + scoreAt(1 - alphaT) * scales[i] + nudge);
    if (i >= evalFrom) {
      loss += pinballLoss(actual[i], bounds[i], quantile);
      evaluated++;
      if (actual[i] <= bounds[i]) covered++;
    }
  }
  while (resolved < m) resolve(resolved++);
  const scaleNow = scaleOf(normalisation, trace.predictedNow, floor);
  const scoreQuantile = scoreAt(1 - alphaT);
  return {
    pinball: evaluated > 0 ? loss / evaluated : Infinity,
    evaluated,
    coverage: evaluated > 0 ? covered / evaluated : NaN,
    bound: trace.predictedNow + scoreQuantile * scaleNow + nudge,
    // Whole units were scored against M − 1: M − 1 at or above the bound means M at or above it + 1.
    lowerBound:
      trace.predictedNow + conformalLowerQuantile(sorted, quantile, count).score * scaleNow + shift,
    n: count,
    adaptedLevel: 1 - alphaT,
    offset,
    scoreQuantile,
    scaleNow,
    bounds,
  };
}

/**
 * DtACI's β for a realised score: the largest miscoverage α whose conformal quantile of the
 * current scores, the `⌈(n + 1)(1 − α)⌉`-th smallest, still covers it. With g scores at or above
 * it that rank must reach n − g + 1, so β = (g + 1) / (n + 1) (1 with no score yet). The scores
 * are those held when the window resolves — the delay's few more than when its bound was set, a
 * simplification of the paper's β against the very set that made the bound.
 *
 * @param sorted ascending scores in the first `count` entries.
 * @param count scores held.
 * @param score the realised score.
 * @returns β in (0, 1].
 */
function coveringLevel(sorted: Float64Array, count: number, score: number): number {
  return (count - lowerBound(sorted, score, count) + 1) / (count + 1);
}
