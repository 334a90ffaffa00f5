/**
 * The LOESS primitives of STL (Cleveland et al. 1990), ported from the netlib Fortran as
 * statsmodels' `_stl.pyx` has it, so decompositions match statsmodels to rounding. Positions are
 * 1-based inside these functions, as in the original, to keep the port checkable line by line.
 */

/**
 * One local fit: the tricube-weighted (optionally robustness-weighted) degree 0 or 1 estimate of
 * `y` at position `xs` from positions `nleft..nright`.
 *
 * @param y the series (0-based storage, positions 1..n).
 * @param n its length.
 * @param len the smoother's span.
 * @param ideg 0 (local constant) or 1 (local line).
 * @param xs the 1-based position to estimate at (may lie outside 1..n, for STL's end extensions).
 * @param nleft first 1-based position used.
 * @param nright last 1-based position used.
 * @param w scratch for the weights (length >= n).
 * @param rw robustness weights, or null to use none.
 * @returns the estimate, or NaN when every weight is zero.
 */
export function loessEstimate(
  y: ArrayLike<number>,
  n: number,
  len: number,
  ideg: number,
  xs: number,
  nleft: number,
  nright: number,
  w: Float64Array,
  rw: ArrayLike<number> | null,
): number {
  const range = n - 1;
  let h = Math.max(xs - nleft, nright - xs);
  // A span longer than the series widens the bandwidth, as in the original.
  if (len > n) h += Math.floor((len - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  // One pass for the tricube weights and their first two moments about xs. The original normalises
  // the weights and then takes the centre and spread in further passes; the moments give the same
  // numbers (to rounding) with two passes over the window instead of five.
  let a = 0;
  let m1 = 0;
  let m2 = 0;
  for (let j = nleft - 1; j < nright; j++) {
    const d = j + 1 - xs;
    const r = Math.abs(d);
    let wj = 0;
    if (r <= h9) {
      if (r <= h1) wj = 1;
      else {
        const u = r / h;
        const c = 1 - u * u * u;
        wj = c * c * c;
      }
      if (rw !== null) wj *= rw[j];
      a += wj;
      m1 += wj * d;
      m2 += wj * d * d;
    }
    w[j] = wj;
  }
  if (a <= 0) return NaN;
  // Local linear fit: tilt the weights by the slope through the weighted centre.
  let slope = 0;
  let centre = 0;
  if (h > 0 && ideg > 0) {
    centre = m1 / a; // weighted mean of (position − xs)
    const spread = m2 / a - centre * centre; // weighted variance of the positions
    if (Math.sqrt(spread) > 0.001 * range) slope = -centre / spread;
  }
  let ys = 0;
  for (let j = nleft - 1; j < nright; j++) ys += w[j] * (slope * (j + 1 - xs - centre) + 1) * y[j];
  return ys / a;
}

/**
 * LOESS smoothing of a whole series, evaluated every `njump` positions and linearly interpolated
 * in between (jumps make STL fast: statsmodels and R's `stl` support them).
 *
 * @param y the series.
 * @param n its length.
 * @param len the span (odd).
 * @param ideg 0 or 1.
 * @param njump evaluate every njump-th position.
 * @param rw robustness weights, or null.
 * @param ys output, written at offset `ysOffset` (positions 0..n-1).
 * @param res scratch of length >= n.
 * @param ysOffset where position 1 goes in `ys` (STL's seasonal pass writes one slot in).
 */
export function loessSmooth(
  y: ArrayLike<number>,
  n: number,
  len: number,
  ideg: number,
  njump: number,
  rw: ArrayLike<number> | null,
  ys: Float64Array,
  res: Float64Array,
  ysOffset = 0,
): void {
  if (n < 2) {
    ys[ysOffset] = y[0];
    return;
  }
  const o = ysOffset;
  const newnj = Math.min(njump, n - 1);
  let nleft = 0;
  let nright = 0;
  const estimate = (i: number): void => {
    const v = loessEstimate(y, n, len, ideg, i + 1, nleft, nright, res, rw);
    ys[o + i] = Number.isNaN(v) ? y[i] : v;
  };
  if (len >= n) {
    nleft = 1;
    nright = n;
    for (let i = 0; i < n; i += newnj) estimate(i);
  } else if (newnj === 1) {
    // Slide the window with the position, keeping it centred where the ends allow.
    const nsh = Math.floor((len + 2) / 2);
    nleft = 1;
    nright = len;
    for (let i = 0; i < n; i++) {
      if (i + 1 > nsh && nright !== n) {
        nleft++;
        nright++;
      }
      estimate(i);
    }
  } else {
    const nsh = Math.floor((len + 1) / 2);
    for (let i = 0; i < n; i += newnj) {
      if (i + 1 < nsh) {
        nleft = 1;
        nright = len;
      } else if (i + 1 >= n - nsh + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i + 1 - nsh + 1;
        nright = len + i + 1 - nsh;
      }
      estimate(i);
    }
  }
  if (newnj === 1) return;
  // Linear interpolation between the evaluated positions.
  for (let i = 0; i < n - newnj; i += newnj) {
    const delta = (ys[o + i + newnj] - ys[o + i]) / newnj;
    for (let j = i; j < i + newnj; j++) ys[o + j] = ys[o + i] + delta * (j - i);
  }
  const k = Math.floor((n - 1) / newnj) * newnj + 1;
  if (k !== n) {
    // The last position is estimated with the window of the last evaluated one (as the original).
    estimate(n - 1);
    if (k !== n - 1) {
      const delta = (ys[o + n - 1] - ys[o + k - 1]) / (n - k);
      for (let j = k; j < n; j++) ys[o + j] = ys[o + k - 1] + delta * (j + 1 - k);
    }
  }
}
