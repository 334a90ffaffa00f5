/**
 * How many of the announced releases a plan may count on. Each releasing slot comes with the
 * probability that it is back before the window (1 when its holder simply said it is releasing).
 * Counting every announced release makes the pool too small whenever some are late; counting none
 * ignores what holders said. The count kept is the largest k such that at least k releases happen
 * with probability `quantile` — the same quantile the peak is held at — where the number of
 * releases is a sum of independent Bernoulli draws (a Poisson-binomial distribution).
 *
 * @param confidences per releasing slot, the probability it is released in time, in [0, 1].
 * @param quantile the pool's quantile, in (0, 1).
 * @returns the number of releases to count (0 … confidences.length).
 * @throws {RangeError} for a confidence outside [0, 1] or a quantile outside (0, 1).
 */
export function releasesAtQuantile(confidences: readonly number[], quantile: number): number {
  if (!(quantile > 0 && quantile < 1)) {
    throw new RangeError(`quantile must be between 0 and 1, e.g. 0.95 (got ${quantile})`);
  }
  const bad = confidences.findIndex((p) => !(p >= 0 && p <= 1));
  if (bad >= 0) {
    throw new RangeError(
      `release confidence ${bad} must be a probability from 0 to 1 (got ${confidences[bad]})`,
    );
  }
  // dist[k] = P(exactly k of the releases seen so far happen), built one release at a time.
  let dist = [1];
  for (const p of confidences) {
    const next = new Array<number>(dist.length + 1).fill(0);
    dist.forEach((d, k) => {
      next[k] += d * (1 - p);
      next[k + 1] += d * p;
    });
    dist = next;
  }
  // From the top: the first k whose tail P(R >= k) reaches the quantile (the slack absorbs
  // rounding, so certain releases are always counted).
  let tail = 0;
  for (let k = dist.length - 1; k > 0; k--) {
    tail += dist[k];
    if (tail >= quantile - 1e-12) return k;
  }
  return 0;
}
