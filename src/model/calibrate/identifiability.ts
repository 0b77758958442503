/**
 * What the targets can and cannot tell: structural dependence of each target on each variable
 * (a variable no target depends on is held at its default), and the Fisher-information check
 * that names weakly identified variables (the prior, not the data, largely decides them).
 */
import { identity, solve } from '../numeric/linalg';
import type { Problem } from './likelihood';

/**
 * For each target, which variables it depends on (`dep[target][variable]`): raises each free
 * variable's log-rate by log 2 at every given point and records a change of the target's value
 * by more than 1e-12.
 */
export function dependence(problem: Problem, points: Float64Array[]): boolean[][] {
  // One row per target, then one per extra term (rows past the targets are never in a subset):
  // a variable only a digitised curve informs is still fitted.
  const m = problem.targets.length;
  const rows = m + problem.extra.length;
  const dep = Array.from({ length: rows }, () => problem.variables.map(() => false));
  const all = (x: Float64Array): Float64Array => {
    const v = new Float64Array(rows);
    v.set(problem.values(x));
    problem.extraTermLogLiks(x).forEach((ll, j) => (v[m + j] = ll));
    return v;
  };
  for (const x of points) {
    const v0 = all(x);
    for (const a of problem.freeVars) {
      const y = Float64Array.from(x);
      problem.setVar(y, a, problem.getVar(x, a) + Math.LN2);
      const v1 = all(y);
      dep.forEach((row, i) => {
        if (Math.abs(v1[i]! - v0[i]!) > 1e-12 * Math.max(1, Math.abs(v0[i]!))) row[a] = true;
      });
    }
  }
  return dep;
}

/**
 * Fitted variables whose posterior SD (log scale) exceeds half the prior SD. Posterior precision =
 * expected Fisher information of the binomial targets, Σᵢ nᵢ/(pᵢ(1−pᵢ))·∇pᵢ∇pᵢᵀ (gradients by
 * central differences in log-rate), plus the prior precision 1/SD² (SD 3 when the prior is
 * off, for this diagnostic only).
 */
export function weaklyIdentified(problem: Problem, logRates: Float64Array): string[] {
  const free = problem.freeVars;
  const d = free.length;
  if (d === 0) return [];
  const sd = Number.isFinite(problem.priorSd) ? problem.priorSd : 3;
  const m = problem.targets.length;
  const grad = problem.jacobian(logRates);
  const v = problem.values(logRates);
  const info = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < m; i++) {
    const t = problem.targets[i]!;
    const p = Math.min(1 - 1e-6, Math.max(1e-6, v[i]!));
    const w = t.n / (p * (1 - p));
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) info[a]![b]! += w * grad[a]![i]! * grad[b]![i]!;
    }
  }
  const extra = extraInformation(problem, logRates);
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) info[a]![b]! += extra[a]![b]!;
  for (let a = 0; a < d; a++) info[a]![a]! += 1 / (sd * sd);
  // The information matrix is positive definite (the prior term alone is), so the LU solve
  // against the identity cannot meet a zero pivot.
  const cov = solve(info, identity(d));
  const out: string[] = [];
  free.forEach((k, a) => {
    const postSd = Math.sqrt(Math.max(0, cov[a]![a]!));
    if (postSd > 0.5 * sd) out.push(problem.variables[k]!.name);
  });
  return out;
}

/**
 * Observed information of the extra terms (reconstructed curves) at `logRates`: −∂²ℓ/∂a∂b over
 * the free variables (in the order of `problem.freeVars`) by central differences with step
 * `h` (log-units); all zeros without extra terms. Non-finite differences count as 0. The one
 * place the calibration measures the curvature of the extra terms: the weak-identification
 * check, the profile's refits and the parameter draws' proposal all take it from here.
 */
export function extraInformation(problem: Problem, logRates: Float64Array, h = 1e-3): number[][] {
  const free = problem.freeVars;
  const d = free.length;
  const info = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  if (problem.extra.length === 0) return info;
  const at = (da: number, a: number, db: number, b: number): number => {
    const x = Float64Array.from(logRates);
    problem.setVar(x, free[a]!, problem.getVar(x, free[a]!) + da);
    problem.setVar(x, free[b]!, problem.getVar(x, free[b]!) + db);
    return problem.extraLogLik(x);
  };
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      // Step 2h on the diagonal, where both shifts land on the same variable.
      const h2 =
        (at(h, a, h, b) - at(h, a, -h, b) - at(-h, a, h, b) + at(-h, a, -h, b)) / (4 * h * h);
      if (Number.isFinite(h2)) {
        info[a]![b] = -h2;
        info[b]![a] = -h2;
      }
    }
  }
  return info;
}
