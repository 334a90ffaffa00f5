/**
 * Dynamically-tuned adaptive conformal inference (DtACI; Gibbs & Candès, "Conformal inference for
 * online prediction with arbitrary distribution shifts", JMLR 2024, Algorithm 1). Several ACI
 * experts, each with its own step γ, run side by side; the level used is their average weighted by
 * exponential weights of each expert's pinball loss on the realised score level β. A small γ wins
 * while the errors are exchangeable, a large one right after a shift, with no γ chosen by hand.
 */

/** The experts' steps: the paper's grid. */
export const DTACI_GAMMAS: readonly number[] = [
  0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128,
];

/** The local interval I of the paper's regret bound; sets η and σ. */
const LOCAL_INTERVAL = 500;

/** DtACI's state: the experts' miscoverage levels and weights. */
export interface DtaciState {
  readonly target: number;
  readonly alphas: Float64Array;
  readonly weights: Float64Array;
  readonly eta: number;
  readonly sigma: number;
}

/**
 * Start DtACI at the target miscoverage.
 *
 * @param target miscoverage to hold, 1 − quantile, in (0, 1).
 * @returns the initial state.
 * @throws {RangeError} for a target outside (0, 1).
 */
export function dtaciStart(target: number): DtaciState {
  if (!(target > 0 && target < 1)) {
    throw new RangeError(`DtACI needs a miscoverage target in (0, 1) (got ${target})`);
  }
  const k = DTACI_GAMMAS.length;
  const I = LOCAL_INTERVAL;
  // The paper's choices of η and σ for a local interval of I steps (Theorem 3.2).
  const denom = (1 - target) ** 2 * target ** 3 + target ** 2 * (1 - target) ** 3;
  const eta = Math.sqrt(3 / I) * Math.sqrt((Math.log(k * I) + 2) / denom);
  return {
    target,
    alphas: new Float64Array(k).fill(target),
    weights: new Float64Array(k).fill(1),
    eta,
    sigma: 1 / (2 * I),
  };
}

/**
 * The miscoverage level to use now: the experts' levels averaged by weight.
 *
 * @param s the state.
 * @returns the level, clipped to [0, 1].
 */
export function dtaciLevel(s: DtaciState): number {
  let w = 0;
  let a = 0;
  for (let i = 0; i < s.alphas.length; i++) {
    w += s.weights[i];
    a += s.weights[i] * s.alphas[i];
  }
  return Math.min(1, Math.max(0, a / w));
}

/**
 * One realised score: reweight the experts by their pinball loss at β, then step each expert's
 * level by its own γ (a miss when its level exceeded β).
 *
 * @param s the state (updated in place).
 * @param beta the largest miscoverage at which the realised score would have been covered.
 */
export function dtaciUpdate(s: DtaciState, beta: number): void {
  const k = s.alphas.length;
  let total = 0;
  for (let i = 0; i < k; i++) {
    const x = beta - s.alphas[i];
    const loss = s.target * x - Math.min(0, x);
    s.weights[i] *= Math.exp(-s.eta * loss);
    total += s.weights[i];
  }
  for (let i = 0; i < k; i++) {
    s.weights[i] = ((1 - s.sigma) * s.weights[i]) / total + s.sigma / k;
    const err = s.alphas[i] > beta ? 1 : 0;
    s.alphas[i] += DTACI_GAMMAS[i] * (s.target - err);
  }
}
