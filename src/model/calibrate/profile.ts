/**
 * 95% intervals for the fitted intensities from the likelihood of the published figures: the
 * profile likelihood (Venzon & Moolgavkar 1988, Appl Stat 37:87–94; Pawitan 2001, In All
 * Likelihood, §3.4). For a fitted variable a (a log-intensity), the profile is
 *
 *     ℓₚ(c) = ℓ at the best values of every other fitted variable with a held at c,
 *
 * and the interval is { c : 2(ℓ̂ − ℓₚ(c)) ≤ χ²₁(0.95) = 1.96² }. The other variables are refitted
 * by the calibration's own objective (with its weak prior, if on, which keeps them off flat
 * ridges); the drop is measured in the likelihood of the figures alone, so the prior does not
 * narrow the interval.
 *
 * The search runs along c from the estimate towards each end of the allowed range (the
 * calibration bounds): where the likelihood never drops far enough before the end, the interval
 * ends at the end of the searched range and says so (`lowerAtSearchEnd` / `upperAtSearchEnd`) —
 * the figures do not rule out smaller (larger) values, which is what "weakly identified" means.
 * Crossings are found by the secant method on the signed root r(c) = √(2(ℓ̂ − ℓₚ(c))), nearly
 * linear in c, to 1e-3 on the log scale (0.1% of the intensity).
 *
 * ℓ is the whole likelihood the fit maximises: the k/n figures and the extra terms (the
 * reconstructed patients of digitised curves), so a curve in the fit narrows the intervals of
 * the rates it informs. The work yields after every refit (`profileIntervalSteps`), so a caller
 * can spread it over time and stop it.
 */
import { Z_975 } from '../numeric/distributions';
import type { Problem } from './likelihood';
import { extraInformation } from './identifiability';
import { scoringPolish } from './scoring';
import { runSteps } from '../numeric/runSteps';

/** A fitted intensity's 95% profile-likelihood interval (per year). */
export interface IntensityInterval {
  /** The fitted value's name, as in `CalibrationResult.free` (e.g. `relapse`, `deathActive=deathRelapse`). */
  name: string;
  /** The fitted intensity, per year. */
  estimate: number;
  /** Lower end, per year. */
  lower: number;
  /** Upper end, per year. */
  upper: number;
  /** The likelihood stays within the cut down to the lower end of the searched range (`bounds.min`). */
  lowerAtSearchEnd: boolean;
  /** The likelihood stays within the cut up to the upper end of the searched range (`bounds.max`). */
  upperAtSearchEnd: boolean;
  /**
   * The figures barely inform it: an end of the interval is the end of the searched range, or the
   * Fisher-information check (`weaklyIdentified` of the result) names it.
   */
  weaklyIdentified: boolean;
}

/** The profile at one value c of variable a: the drop and the refitted log-rates. */
interface ProfilePoint {
  c: number;
  /** 2(ℓ̂ − ℓₚ(c)), ≥ 0. */
  drop: number;
  logRates: Float64Array;
}

/** Where a profile computation is: `done` of `total` fitted values (one step per refit). */
export interface ProfileStep {
  done: number;
  total: number;
}

/**
 * Profile-likelihood intervals of every fitted variable at the fit `fitLogRates` (targets
 * `subset`, usually all). `weak` lists the names the Fisher-information check flagged.
 */
export function profileIntervals(
  problem: Problem,
  subset: readonly number[],
  fitLogRates: Float64Array,
  weak: readonly string[],
): IntensityInterval[] {
  return runSteps(profileIntervalSteps(problem, subset, fitLogRates, weak));
}

/** {@link profileIntervals} one refit at a time: yields after each, returns the intervals. */
export function* profileIntervalSteps(
  problem: Problem,
  subset: readonly number[],
  fitLogRates: Float64Array,
  weak: readonly string[],
): Generator<ProfileStep, IntensityInterval[]> {
  const free = [...problem.freeVars];
  const cut = Z_975;
  const logLikAt = (x: Float64Array) => problem.totalLogLik(x, subset);
  // ℓ̂: the best likelihood seen, starting with the fit's (under a prior the fit is not quite
  // the likelihood's maximum, so a profile point may beat it; the reference then moves up).
  let best = logLikAt(fitLogRates);
  // Standard errors from the expected information at the fit: only the first guess of where
  // each crossing lies.
  const jac = problem.jacobian(fitLogRates, 1e-4, subset);
  const v = problem.values(fitLogRates, subset);
  const infoDiag = free.map((_, a) => {
    let s = 0;
    for (const i of subset) {
      const t = problem.targets[i]!;
      const p = Math.min(1 - 1e-9, Math.max(1e-9, v[i]!));
      s += (t.n / (p * (1 - p))) * jac[a]![i]! ** 2;
    }
    return s;
  });
  // The extra terms' curvature at the fit: their share of the first guesses, and the fixed
  // curvature of the refits' scoring steps (`scoring.ts`).
  const extraInfo = extraInformation(problem, fitLogRates);
  free.forEach((_, a) => (infoDiag[a]! += Math.max(0, extraInfo[a]![a]!)));

  const out: IntensityInterval[] = [];
  try {
    for (let a = 0; a < free.length; a++) {
      const k = free[a]!;
      const others = free.filter((j) => j !== k);
      const othersInfo = free
        .map((_, i) => i)
        .filter((i) => i !== a)
        .map((i) =>
          free
            .map((_, j) => j)
            .filter((j) => j !== a)
            .map((j) => extraInfo[i]![j]!),
        );
      const xHat = problem.getVar(fitLogRates, k);
      problem.freeVars = others;
      // Refits the others with variable k held at c, from the nearest earlier point.
      const at = (c: number, warm: Float64Array): ProfilePoint => {
        const base = Float64Array.from(warm);
        problem.setVar(base, k, c);
        let x: Float64Array = base;
        if (others.length > 0) {
          const u0 = problem.toU(base);
          const f0 = -logLikAt(base) + problem.penalty(base);
          const r = scoringPolish(
            problem,
            subset,
            u0,
            f0,
            30,
            { f: 1e-9, x: 1e-6 },
            base,
            othersInfo,
          );
          x = problem.fromU(r.u, Float64Array.from(base));
        }
        const ll = logLikAt(x);
        if (ll > best) best = ll;
        return { c, drop: Math.max(0, 2 * (best - ll)), logRates: x };
      };
      const se = Math.min(3, 1 / Math.sqrt(Math.max(infoDiag[a]!, 1e-12)));
      const search = function* (
        dir: 1 | -1,
      ): Generator<ProfileStep, { end: number; atSearchEnd: boolean }> {
        const limit = dir > 0 ? problem.logMax : problem.logMin;
        const root = (p: ProfilePoint) => Math.sqrt(p.drop);
        let inside: ProfilePoint = { c: xHat, drop: 0, logRates: fitLogRates };
        let c = xHat + dir * cut * se;
        let outside: ProfilePoint | undefined;
        for (let step = 0; step < 12; step++) {
          if ((c - limit) * dir >= 0) c = limit;
          const p = at(c, inside.logRates);
          yield { done: a, total: free.length };
          if (root(p) >= cut) {
            outside = p;
            break;
          }
          if (c === limit) return { end: limit, atSearchEnd: true };
          inside = p;
          // Extrapolate the signed root linearly through the last two points, a little beyond
          // the crossing, at most 4 standard errors further.
          const slope = root(p) / Math.abs(p.c - xHat);
          const jump = slope > 0 ? (1.1 * (cut - root(p))) / slope : 4 * se;
          c = p.c + dir * Math.min(Math.max(jump, 0.1 * se), 4 * se);
        }
        if (!outside) return { end: inside.c, atSearchEnd: false };
        // Secant (regula falsi, Illinois variant) on r(c) − cut between inside and outside.
        let a0 = inside;
        let b0 = outside;
        let fa = root(a0) - cut;
        let fb = root(b0) - cut;
        for (let it = 0; it < 30 && Math.abs(b0.c - a0.c) > 1e-3; it++) {
          const cNew = b0.c - (fb * (b0.c - a0.c)) / (fb - fa);
          const p = at(cNew, a0.logRates);
          yield { done: a, total: free.length };
          const fp = root(p) - cut;
          if (fp < 0) {
            a0 = p;
            fa = fp;
            fb /= 2;
          } else {
            b0 = p;
            fb = fp;
            fa /= 2;
          }
        }
        return { end: (a0.c + b0.c) / 2, atSearchEnd: false };
      };
      const lo = yield* search(-1);
      const hi = yield* search(1);
      const name = problem.variables[k]!.name;
      out.push({
        name,
        estimate: Math.exp(xHat),
        lower: Math.exp(lo.end),
        upper: Math.exp(hi.end),
        lowerAtSearchEnd: lo.atSearchEnd,
        upperAtSearchEnd: hi.atSearchEnd,
        weaklyIdentified: lo.atSearchEnd || hi.atSearchEnd || weak.includes(name),
      });
    }
    return out;
  } finally {
    problem.freeVars = free;
  }
}
