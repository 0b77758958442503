/**
 * Nelder–Mead simplex minimiser (Nelder & Mead 1965, Computer Journal 7:308–313), in the form
 * analysed by Lagarias, Reeds, Wright & Wright (1998, SIAM J Optim 9:112–147) and used by MATLAB's
 * `fminsearch`: reflection ρ = 1, expansion χ = 2, contraction γ = ½, shrink σ = ½, with inside
 * and outside contractions. Optionally the dimension-adaptive coefficients of Gao & Han (2012,
 * Comput Optim Appl 51:259–277), ρ = 1, χ = 1 + 2/n, γ = ¾ − 1/(2n), σ = 1 − 1/n, which keep the
 * method making progress in more than a handful of dimensions.
 *
 * Derivative-free, so it copes with objectives that are only piecewise smooth (a matrix
 * exponential evaluated at a few times, clamped probabilities) — that is why calibration uses it.
 */

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /**
   * Stop after this many iterations (one reflection step, with whatever follows it, each).
   * @default 200 × dimension
   */
  maxIterations?: number;
  /** Stop after this many objective evaluations. @default 200 × dimension (at least 400) */
  maxEvaluations?: number;
  /**
   * Converged when the objective values at all vertices lie within this (absolute) distance of
   * the best, in the objective's units. @default 1e-8
   */
  fTolerance?: number;
  /**
   * …and every vertex lies within this distance (maximum norm, in the units of x) of the best.
   * @default 1e-8
   */
  xTolerance?: number;
  /**
   * Edge of the initial simplex along each coordinate: one number for all coordinates or one per
   * coordinate (units of x). @default 5% of |x₀ⱼ|, or 0.00025 where x₀ⱼ = 0 (as `fminsearch`)
   */
  initialStep?: number | readonly number[];
  /** Use the Gao–Han dimension-adaptive coefficients instead of the standard ones. @default false */
  adaptive?: boolean;
}

/** What {@link nelderMead} returns. */
export interface NelderMeadResult {
  /** Best point found. */
  x: number[];
  /** Objective at `x`. */
  fx: number;
  /** Iterations performed. */
  iterations: number;
  /** Objective evaluations performed (including the initial simplex). */
  evaluations: number;
  /** True when both tolerances were met before the iteration/evaluation limits. */
  converged: boolean;
}

/**
 * Minimises `f` from `x0` with the Nelder–Mead simplex method (unit-free; defaults in
 * {@link NelderMeadOptions}).
 *
 * Convergence test (as `fminsearch`): max over vertices of |f(vᵢ) − f(v₀)| ≤ `fTolerance` and
 * max over vertices of ‖vᵢ − v₀‖∞ ≤ `xTolerance`, where v₀ is the best vertex. A non-finite
 * objective value (NaN, ±Infinity) is treated as +Infinity, so such points are rejected.
 *
 * @param f Objective; receives a scratch array it must not keep.
 * @param x0 Starting point (its length is the dimension, ≥ 1).
 * @param options See {@link NelderMeadOptions}.
 * @throws Error naming the field when `x0` is empty or not finite, or an option is invalid.
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = x0.length;
  if (n < 1) throw new Error('nelderMead: x0 must have at least one coordinate.');
  x0.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new Error(`nelderMead: x0[${i}] must be finite, got ${v}.`);
  });
  const maxIterations = options.maxIterations ?? 200 * n;
  const maxEvaluations = options.maxEvaluations ?? Math.max(400, 200 * n);
  const fTol = options.fTolerance ?? 1e-8;
  const xTol = options.xTolerance ?? 1e-8;
  for (const [name, v] of [
    ['maxIterations', maxIterations],
    ['maxEvaluations', maxEvaluations],
  ] as const) {
    if (!(Number.isInteger(v) && v >= 0)) {
      throw new Error(`nelderMead: ${name} must be an integer ≥ 0, got ${v}.`);
    }
  }
  for (const [name, v] of [
    ['fTolerance', fTol],
    ['xTolerance', xTol],
  ] as const) {
    if (!(v >= 0)) throw new Error(`nelderMead: ${name} must be ≥ 0, got ${v}.`);
  }
  const step = (j: number): number => {
    const s = options.initialStep;
    const x = x0[j]!;
    const v =
      s === undefined ? (x !== 0 ? 0.05 * Math.abs(x) : 0.00025) : typeof s === 'number' ? s : s[j];
    if (v === undefined || !Number.isFinite(v) || v === 0) {
      throw new Error(`nelderMead: initialStep[${j}] must be finite and non-zero, got ${v}.`);
    }
    return v;
  };
  if (Array.isArray(options.initialStep) && options.initialStep.length !== n) {
    throw new Error(
      `nelderMead: initialStep has ${options.initialStep.length} entries; x0 has ${n}.`,
    );
  }

  const adaptive = options.adaptive ?? false;
  const rho = 1;
  const chi = adaptive ? 1 + 2 / n : 2;
  const gamma = adaptive ? 0.75 - 1 / (2 * n) : 0.5;
  const sigma = adaptive ? 1 - 1 / n : 0.5;

  let evaluations = 0;
  const evaluate = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) || v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY
      ? Number.POSITIVE_INFINITY
      : v;
  };

  // Vertices and their values; `order` lists vertex indices from best to worst, so sorting moves
  // indices, not arrays.
  const verts: Float64Array[] = [];
  const fv = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const v = Float64Array.from(x0);
    if (i > 0) v[i - 1]! += step(i - 1);
    verts.push(v);
    fv[i] = evaluate(v);
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  // Stable sort keeps older vertices ahead on ties (Lagarias et al.'s tie-breaking rule for the
  // ordering; it matters only for exact ties).
  const sortOrder = () => order.sort((a, b) => (fv[a]! < fv[b]! ? -1 : fv[a]! > fv[b]! ? 1 : 0));
  sortOrder();

  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  const along = (out: Float64Array, t: number, worst: Float64Array) => {
    // out = centroid + t·(centroid − worst)
    for (let j = 0; j < n; j++) out[j] = centroid[j]! + t * (centroid[j]! - worst[j]!);
  };
  const replaceWorst = (x: Float64Array, fx: number) => {
    const w = order[n]!;
    verts[w]!.set(x);
    fv[w] = fx;
  };

  const hasConverged = (): boolean => {
    const b = order[0]!;
    const best = verts[b]!;
    const fb = fv[b]!;
    for (let i = 1; i <= n; i++) {
      const k = order[i]!;
      if (!(Math.abs(fv[k]! - fb) <= fTol)) return false;
      const v = verts[k]!;
      for (let j = 0; j < n; j++) if (Math.abs(v[j]! - best[j]!) > xTol) return false;
    }
    return true;
  };

  let iterations = 0;
  let converged = hasConverged();
  while (!converged && iterations < maxIterations && evaluations < maxEvaluations) {
    iterations++;
    const worst = verts[order[n]!]!;
    const fBest = fv[order[0]!]!;
    const fSecondWorst = fv[order[n - 1]!]!;
    const fWorst = fv[order[n]!]!;
    centroid.fill(0);
    for (let i = 0; i < n; i++) {
      const v = verts[order[i]!]!;
      for (let j = 0; j < n; j++) centroid[j]! += v[j]! / n;
    }
    along(xr, rho, worst);
    const fr = evaluate(xr);
    let shrink = false;
    if (fr < fBest) {
      along(xe, rho * chi, worst);
      const fe = evaluate(xe);
      if (fe < fr) replaceWorst(xe, fe);
      else replaceWorst(xr, fr);
    } else if (fr < fSecondWorst) {
      replaceWorst(xr, fr);
    } else if (fr < fWorst) {
      // Outside contraction: between the centroid and the reflected point.
      along(xc, rho * gamma, worst);
      const fc = evaluate(xc);
      if (fc <= fr) replaceWorst(xc, fc);
      else shrink = true;
    } else {
      // Inside contraction: between the centroid and the worst vertex.
      along(xc, -gamma, worst);
      const fc = evaluate(xc);
      if (fc < fWorst) replaceWorst(xc, fc);
      else shrink = true;
    }
    if (shrink) {
      const best = verts[order[0]!]!;
      for (let i = 1; i <= n; i++) {
        const k = order[i]!;
        const v = verts[k]!;
        for (let j = 0; j < n; j++) v[j] = best[j]! + sigma * (v[j]! - best[j]!);
        fv[k] = evaluate(v);
      }
    }
    sortOrder();
    converged = hasConverged();
  }
  const b = order[0]!;
  return { x: Array.from(verts[b]!), fx: fv[b]!, iterations, evaluations, converged };
}
