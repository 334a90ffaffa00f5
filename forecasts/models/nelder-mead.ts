/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Initial simplex step per coordinate. Default 0.5. */
  readonly step?: number;
  /** Most objective evaluations. Default 200. */
  readonly maxEvals?: number;
  /** Stop when the simplex's objective values differ by less than this (relative). Default 1e-7. */
  readonly tolerance?: number;
}

/** The best point found. */
export interface NelderMeadResult {
  readonly x: number[];
  readonly value: number;
  readonly evals: number;
}

/**
 * Deterministic Nelder–Mead minimisation (Nelder & Mead 1965, with the usual coefficients:
 * reflection 1, expansion 2, contraction ½, shrink ½) from a fixed start, so the same data always
 * gives the same parameters. Bounded parameters are handled by the caller's transform.
 *
 * @param f objective; non-finite values count as +Infinity.
 * @param x0 starting point.
 * @param opts step, evaluation budget and tolerance.
 * @returns the best point, its value and the evaluations used.
 * @throws {RangeError} for an empty starting point.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  opts: NelderMeadOptions = {},
): NelderMeadResult {
  const d = x0.length;
  if (d === 0) throw new RangeError("nelderMead needs at least one parameter");
  const { step = 0.5, maxEvals = 200, tolerance = 1e-7 } = opts;
  let evals = 0;
  const value = (x: number[]): number => {
    evals++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const pts: number[][] = [x0.slice()];
  for (let i = 0; i < d; i++) {
    const p = x0.slice();
    p[i] += step;
    pts.push(p);
  }
  const vals = pts.map(value);
  const order = pts.map((_, i) => i);
  while (evals < maxEvals) {
    order.sort((a, b) => vals[a] - vals[b] || a - b);
    const best = order[0];
    const worst = order[d];
    const second = order[d - 1];
    const spread = Math.abs(vals[worst] - vals[best]);
    if (spread <= tolerance * (Math.abs(vals[best]) + 1e-12)) break;
    // Centroid of every point but the worst.
    const c = new Array<number>(d).fill(0);
    for (const i of order.slice(0, d)) for (let k = 0; k < d; k++) c[k] += pts[i][k] / d;
    const along = (t: number) => c.map((ck, k) => ck + t * (pts[worst][k] - ck));
    const xr = along(-1);
    const fr = value(xr);
    if (fr < vals[best]) {
      const xe = along(-2);
      const fe = value(xe);
      if (fe < fr) [pts[worst], vals[worst]] = [xe, fe];
      else [pts[worst], vals[worst]] = [xr, fr];
    } else if (fr < vals[second]) {
      [pts[worst], vals[worst]] = [xr, fr];
    } else {
      // Contract towards the better of the worst point and its reflection.
      const outside = fr < vals[worst];
      const xc = along(outside ? -0.5 : 0.5);
      const fc = value(xc);
      if (fc < (outside ? fr : vals[worst])) [pts[worst], vals[worst]] = [xc, fc];
      else {
        for (const i of order.slice(1)) {
          pts[i] = pts[i].map((v, k) => pts[best][k] + 0.5 * (v - pts[best][k]));
          vals[i] = value(pts[i]);
        }
      }
    }
  }
  let bi = 0;
  for (let i = 1; i <= d; i++) if (vals[i] < vals[bi]) bi = i;
  return { x: pts[bi], value: vals[bi], evals };
}
