/**
 * One step of adaptive conformal inference (Gibbs & Candès 2021, "Adaptive Conformal Inference
 * Under Distribution Shift", eq. 2): `α_{t+1} = α_t + γ (α − err_t)`, where `α` is the target miss
 * rate (1 − quantile), `α_t` the miss rate used at step t and `err_t` 1 when the bound at t was
 * exceeded. A miss lowers α_t (a higher level, wider bounds), a hit raises it slightly, so the
 * long-run miss rate tracks α even when the score distribution drifts.
 *
 * The result is clamped to [0, 1]: below 0 the conformal bound is already the largest score, and
 * letting α_t run further negative would only delay the recovery once the drift is over.
 *
 * @param alphaT current miss rate in use.
 * @param target target miss rate α = 1 − quantile.
 * @param miss whether the latest resolved bound was exceeded.
 * @param gamma step size γ (> 0); Gibbs & Candès use 0.005.
 * @returns the next miss rate to use.
 */
export function aciUpdate(alphaT: number, target: number, miss: boolean, gamma: number): number {
  const next = alphaT + gamma * (target - (miss ? 1 : 0));
  return Math.min(1, Math.max(0, next));
}
