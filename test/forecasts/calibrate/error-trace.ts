/** Online-calibration inputs built from forecast errors alone, for the ACI, DtACI and tracking tests. */
import type { OnlineConformalOptions } from "../../../forecasts/calibrate/online";
import type { WindowMaxTrace } from "../../../forecasts/calibrate/window-max";

/**
 * A trace of one origin per error: the model always predicts a window maximum of 50 and the
 * realised maximum is 50 + the error, so a score is the error itself (absolute normalisation).
 */
export function traceOfErrors(errors: readonly number[]): WindowMaxTrace {
  return {
    origins: errors.map((_, i) => i),
    predicted: errors.map(() => 50),
    actual: errors.map((e) => 50 + e),
    predictedNow: 50,
  };
}

/** The quantile 0.95 on unscaled scores, each window resolved one origin later. */
export function errorTraceOptions(evalFrom: number): OnlineConformalOptions {
  return {
    quantile: 0.95,
    normalisation: "absolute",
    floor: 1,
    integerValued: false,
    delay: 1,
    evalFrom,
  };
}
