/**
 * The polish of a calibration fit by Fisher scoring with Levenberg–Marquardt damping, which uses
 * the structure of the objective instead of probing it blindly: the objective is a binomial
 * log-likelihood of the target values pᵢ plus a normal prior, so its gradient and its expected
 * Hessian (the Fisher information) follow from the Jacobian ∂pᵢ/∂x of the target values alone
 * (x = log-rates; McCullagh & Nelder 1989, Generalized Linear Models, §2.5; Marquardt 1963,
 * J SIAM 11:431–441):
 *
 *     ∂F/∂x = −Σᵢ (kᵢ − nᵢpᵢ)/(pᵢ(1−pᵢ)) · ∂pᵢ/∂x + (x − x₀)/SD²
 *     I     =  Σᵢ nᵢ/(pᵢ(1−pᵢ)) · ∂pᵢ/∂x ∂pᵢ/∂xᵀ + I/SD²
 *
 * Each step costs 2·dim evaluations for the Jacobian (central differences) and one per trial
 * point, and converges in a handful of steps from the basin the Nelder–Mead starts found, where a
 * Nelder–Mead polish to 1e-10 needs hundreds of evaluations. Steps are taken in the optimiser's
 * unconstrained coordinates u (log r = log rMin + span/(1 + e^(−u))), so they never leave the
 * bounds; a fit whose optimum lies at a bound is left to the Nelder–Mead polish (the caller checks
 * `converged` and `interior`).
 *
 * Extra terms (reconstructed curves, `problem.extra`) count in the objective; their gradient is
 * taken by central differences (2·dim more term evaluations per step) and their curvature is the
 * fixed `extraInfo` the caller measured once (`extraInformation`, made positive semi-definite
 * here by dropping its negative diagonal): the curvature only shapes the step, the damping and
 * the objective check keep every step a descent, and the exact gradient decides where it stops.
 */
import { solve } from '../numeric/linalg';
import { Problem } from './likelihood';

/** What {@link scoringPolish} returns. */
export interface ScoringResult {
  /** The optimiser's coordinates at the end. */
  u: number[];
  /** Objective −ℓ + penalty at `u`. */
  fx: number;
  /** A step changed the objective by < 1e-11 and every coordinate by < 1e-7. */
  converged: boolean;
  /** No coordinate is near a bound (|u| < 6: the rate is not within ~4% of a bound, on the log scale). */
  interior: boolean;
  iterations: number;
  evaluations: number;
}

/**
 * Minimises −ℓ + penalty over the free variables for the targets `subset`, from `u0` (objective
 * `f0` there), by damped Fisher scoring (see the module comment). At most `maxIterations` steps;
 * stops when a step changes the objective by < `tolerance.f` and every u by < `tolerance.x`.
 * `base` holds the log-rates of the variables not optimised (default: their defaults).
 */
export function scoringPolish(
  problem: Problem,
  subset: readonly number[],
  u0: readonly number[],
  f0: number,
  maxIterations = 40,
  tolerance: { f: number; x: number } = { f: 1e-11, x: 1e-7 },
  base: Float64Array = problem.defaultLogRates(),
  extraInfo?: readonly (readonly number[])[],
): ScoringResult {
  const dim = u0.length;
  const span = problem.logMax - problem.logMin;
  const sd = problem.priorSd;
  const prior = Number.isFinite(sd);
  // Log-rates of everything the optimiser does not move (defaults, fixed pieces, or a profiled
  // variable held at its value); `fromU` overwrites the free variables.
  const x = Float64Array.from(base);
  let evaluations = 0;
  const objective = (u: readonly number[]): number => {
    problem.fromU(u, x);
    evaluations++;
    return -problem.totalLogLik(x, subset) + problem.penalty(x);
  };
  const extra = problem.extra.length > 0;
  let u = [...u0];
  let f = f0;
  let lambda = 1e-3;
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations && !converged) {
    iterations++;
    problem.fromU(u, x);
    const v = problem.values(x, subset);
    const jac = problem.jacobian(x, 1e-4, subset);
    evaluations += 1 + 2 * dim;
    // Chain rule into u: dx/du = span·σ(u)(1 − σ(u)).
    const s = u.map((ua) => {
      const sig = 1 / (1 + Math.exp(-ua));
      return span * sig * (1 - sig);
    });
    const g = new Array<number>(dim).fill(0);
    const h = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
    for (const i of subset) {
      const t = problem.targets[i]!;
      const p = Problem.clamp(v[i]!);
      const score = (t.k - t.n * p) / (p * (1 - p));
      const w = t.n / (p * (1 - p));
      for (let a = 0; a < dim; a++) {
        const ja = jac[a]![i]!;
        g[a]! -= score * ja;
        for (let b = 0; b <= a; b++) h[a]![b]! += w * ja * jac[b]![i]!;
      }
    }
    if (extra) {
      // The extra terms' gradient by central differences, and their fixed curvature.
      const hx = 1e-4;
      problem.freeVars.forEach((k, a) => {
        const up = Float64Array.from(x);
        const down = Float64Array.from(x);
        problem.setVar(up, k, problem.getVar(x, k) + hx);
        problem.setVar(down, k, problem.getVar(x, k) - hx);
        const d = (problem.extraLogLik(up) - problem.extraLogLik(down)) / (2 * hx);
        if (Number.isFinite(d)) g[a]! -= d;
        for (let b = 0; b <= a; b++) {
          const c = extraInfo?.[a]?.[b] ?? 0;
          if (Number.isFinite(c) && (a !== b || c > 0)) h[a]![b]! += c;
        }
      });
      evaluations += 2 * dim;
    }
    problem.freeVars.forEach((k, a) => {
      if (prior) {
        g[a]! += (problem.getVar(x, k) - problem.variables[k]!.logDefault) / (sd * sd);
        h[a]![a]! += 1 / (sd * sd);
      }
    });
    for (let a = 0; a < dim; a++) {
      g[a]! *= s[a]!;
      for (let b = 0; b <= a; b++) {
        h[a]![b]! *= s[a]! * s[b]!;
        h[b]![a] = h[a]![b]!;
      }
    }
    // Damped step: (H + λ·diag H) Δ = −g; λ grows until the objective decreases.
    let accepted = false;
    while (!accepted && lambda < 1e10) {
      const a = h.map((row, r) => row.map((e, c) => (r === c ? e * (1 + lambda) + 1e-300 : e)));
      let step: number[];
      try {
        step = solve(
          a,
          g.map((e) => [-e]),
        ).map((r) => r[0]!);
      } catch {
        lambda *= 10;
        continue;
      }
      if (!step.every(Number.isFinite)) {
        lambda *= 10;
        continue;
      }
      const uNew = u.map((ua, k) => ua + step[k]!);
      const fNew = objective(uNew);
      if (fNew <= f) {
        accepted = true;
        const decrease = f - fNew;
        const move = Math.max(...step.map(Math.abs));
        u = uNew;
        f = fNew;
        lambda = Math.max(lambda / 10, 1e-12);
        if (decrease < tolerance.f && move < tolerance.x) converged = true;
      } else {
        lambda *= 10;
      }
    }
    if (!accepted) break;
  }
  return {
    u,
    fx: f,
    converged,
    interior: u.every((ua) => Math.abs(ua) < 6),
    iterations,
    evaluations,
  };
}
