import {
  DEFAULT_SELECTION_SCORE,
  excessAtCoverage,
  type SelectionScore,
} from "./calibrate/capacity-score";
import { NORMALISATIONS, type Normalisation, scaleFloor } from "./calibrate/normalise";
import { type Adaptation, onlineConformal, type OnlineConformalResult } from "./calibrate/online";
import type { CalibrationOrigins } from "./calibrate/origins";
import { ENSEMBLE_MIN_MODELS, ENSEMBLE_NAME, medianTrace } from "./calibrate/ensemble";
import { type WindowMaxTrace, windowMaxTrace } from "./calibrate/window-max";
import type { ModelGrid } from "./grid";
import type { ForecastModel } from "./types";

/**
 * How many of the leading models (by their score under ACI) are also calibrated with DtACI and with
 * quantile tracking. Three: the winner is nearly always among them, and each pass costs about as
 * much as a model's ACI pass.
 */
export const LEADING_MODELS = 3;

/** The corrections tried on the leading models after ACI, in tie-break order. */
const LEADER_ADAPTATIONS: readonly Adaptation[] = ["dtaci", "tracking"];

/** One model's backtest score, for the plan's why. */
export interface CandidateScore {
  readonly model: string;
  /** Mean pinball loss of the calibrated window maximum, or null when the model could not run. */
  readonly pinball: number | null;
  /** The score normalisation that gave this loss. */
  readonly normalisation: Normalisation | null;
  /** How the calibration level adapted (with that normalisation). */
  readonly adaptation: Adaptation | null;
  /** Share of backtest windows covered by the calibrated bound. */
  readonly coverage: number | null;
  /** Mean capacity above the window maximum at equal coverage (see `excessAtCoverage`). */
  readonly capacity: number | null;
  /** Why the model was not scored (too little history, or it failed), when it was not. */
  readonly note?: string;
}

/** The selector's answer: the winner's calibration and every candidate's score. */
export interface Selection {
  readonly model: string | null;
  readonly normalisation: Normalisation | null;
  readonly adaptation: Adaptation | null;
  /** The winner's online calibration (its `bound` is the calibrated peak at now). */
  readonly result: OnlineConformalResult | null;
  /** The winner's predicted window maximum at now (before calibration). */
  readonly pointMax: number | null;
  readonly candidates: CandidateScore[];
}

/**
 * Choose a model per pool by a rolling-origin backtest on the pool's own history. Each eligible
 * model is fitted once on the history before the first calibration origin and replayed over the
 * origins; with three or more, the median of their predictions is one more candidate
 * (`median-ensemble`). For each score normalisation the online conformal pass with ACI (only
 * earlier, fully observed windows calibrate each bound) gives the mean pinball loss of the window
 * maximum at `quantile`, and the mean capacity above the window maximum at equal coverage; the
 * {@link LEADING_MODELS} leading models are calibrated again with DtACI and with quantile
 * tracking at their best normalisation, and keep whichever scores best. The candidate of lowest
 * `score` wins; ties go to the earlier model in `models` (the ensemble comes last), then the
 * earlier normalisation, then ACI, then DtACI. A model that throws or forecasts
 * non-finite numbers is reported, not fatal. Deterministic: no randomness, fixed iteration order.
 *
 * @param grid history on the model grid.
 * @param cal fit end and calibration origins (see `calibrationOrigins`).
 * @param models candidates in preference order.
 * @param quantile quantile of the window maximum, in (0, 1).
 * @param score what the winner minimises: `capacity` (default) or `pinball`.
 * @returns the winner (null when no model could run) and every candidate's score.
 */
export function selectModel(
  grid: ModelGrid,
  cal: CalibrationOrigins,
  models: readonly ForecastModel[],
  quantile: number,
  score: SelectionScore = DEFAULT_SELECTION_SCORE,
): Selection {
  const ctx = { periods: grid.periods };
  const floor = scaleFloor(grid.values, grid.integerValued);
  const delay = grid.gapSteps + grid.horizonSteps;
  // The first third of origins only builds up scores; the rest are scored, the same for all models.
  const evalFrom = Math.floor(cal.origins.length / 3);
  const candidates: CandidateScore[] = [];
  const traced: { name: string; trace: WindowMaxTrace }[] = [];
  for (const model of models) {
    const need = model.minLength(ctx);
    if (!(cal.fitEnd >= need)) {
      candidates.push(
        unscored(model.name, `needs ${need} steps before calibration, has ${cal.fitEnd}`),
      );
      continue;
    }
    try {
      const fitted = model.fit(grid.values, cal.fitEnd, ctx);
      const trace = windowMaxTrace(
        grid.values,
        fitted,
        cal.origins,
        grid.gapSteps,
        grid.horizonSteps,
      );
      traced.push({ name: model.name, trace });
      candidates.push(unscored(model.name, ""));
    } catch (err) {
      candidates.push(
        unscored(model.name, `failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    }
  }
  // The median of the members' predictions is one more candidate, scored the same way.
  if (traced.length >= ENSEMBLE_MIN_MODELS) {
    traced.push({ name: ENSEMBLE_NAME, trace: medianTrace(traced.map((t) => t.trace)) });
    candidates.push(unscored(ENSEMBLE_NAME, ""));
  }
  const calibrate = (
    name: string,
    trace: WindowMaxTrace,
    norm: Normalisation,
    adaptation: Adaptation,
  ) => {
    const result = onlineConformal(trace, {
      quantile,
      normalisation: norm,
      adaptation,
      floor,
      integerValued: grid.integerValued,
      delay,
      evalFrom,
    });
    const capacity = excessAtCoverage(result.bounds, trace.actual, evalFrom, quantile);
    const loss = score === "capacity" ? capacity : result.pinball;
    return { name, trace, norm, adaptation, result, capacity, loss };
  };
  type Scored = ReturnType<typeof calibrate>;
  // Every model with every normalisation, under ACI.
  const scored: Scored[] = [];
  for (const { name, trace } of traced) {
    let modelBest: Scored | null = null;
    for (const norm of NORMALISATIONS) {
      const s = calibrate(name, trace, norm, "aci");
      if (modelBest === null || s.loss < modelBest.loss) modelBest = s;
    }
    if (modelBest !== null) scored.push(modelBest);
  }
  // DtACI and quantile tracking for the leading models only, each with its best normalisation:
  // they change how the bound adapts, not which model fits, and running DtACI for all of them
  // doubled the time per pool. A correction replaces ACI only where it needs strictly less.
  const leaders = [...scored].sort((a, b) => a.loss - b.loss).slice(0, LEADING_MODELS);
  for (const leader of leaders) {
    const at = scored.indexOf(leader);
    for (const adaptation of LEADER_ADAPTATIONS) {
      const s = calibrate(leader.name, leader.trace, leader.norm, adaptation);
      if (s.loss < scored[at].loss) scored[at] = s;
    }
  }
  let best: Scored | null = null;
  for (const s of scored) {
    const at = candidates.findIndex((c) => c.model === s.name);
    candidates[at] = {
      model: s.name,
      pinball: s.result.pinball,
      normalisation: s.norm,
      adaptation: s.adaptation,
      coverage: s.result.coverage,
      capacity: s.capacity,
    };
    if (best === null || s.loss < best.loss) best = s;
  }
  return {
    model: best?.name ?? null,
    normalisation: best?.norm ?? null,
    adaptation: best?.adaptation ?? null,
    result: best?.result ?? null,
    pointMax: best?.trace.predictedNow ?? null,
    candidates,
  };
}

/** A candidate that was not scored, with the reason. */
function unscored(model: string, note: string): CandidateScore {
  return {
    model,
    pinball: null,
    normalisation: null,
    adaptation: null,
    coverage: null,
    capacity: null,
    note,
  };
}
