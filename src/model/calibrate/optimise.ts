/**
 * Optimisation of the calibration objective −ℓ + penalty (see `likelihood.ts`): Nelder–Mead
 * (`nelderMead.ts`) over u, where each free log-intensity is a logistic function of u between
 * the log bounds — smooth, unconstrained, and never outside the bounds.
 *
 * Several starts (the defaults, then seeded random ones drawn from the scenario's seeded streams,
 * `simulate/random.ts`), a loose fit from each, and a polish of the best by repeated restarts
 * with a fresh simplex (the remedy for Nelder–Mead stagnating on a collapsed simplex; Kelley
 * 1999, SIAM J Optim 10:43–55).
 */
import { nelderMead, type NelderMeadResult } from './nelderMead';
import { createStream } from '../simulate/random';
import type { Problem } from './likelihood';
import { scoringPolish } from './scoring';

/** The outcome of one fit. */
export interface FitOutcome {
  logRates: Float64Array;
  objective: number;
  converged: boolean;
  iterations: number;
  evaluations: number;
  startsAtBest: number;
}

/**
 * Minimises −ℓ + penalty over the free pieces for the targets `subset`: a loose Nelder–Mead
 * run from each start, then a polish of the best by restarts until the objective stops
 * improving. `warm` (log-rates) is used as an extra first start when given. `quick` (for the
 * conflict search, which only asks inside-or-not questions) polishes to 1e-7 instead of 1e-10.
 */
export function fitTargets(
  problem: Problem,
  subset: readonly number[],
  starts: number,
  seed: string,
  stream: string,
  warm: Float64Array | undefined,
  quick = false,
): FitOutcome {
  const base = problem.defaultLogRates();
  const dim = problem.freeVars.length;
  if (dim === 0) {
    const v = problem.values(base, subset);
    return {
      logRates: base,
      objective: -problem.logLik(v, subset) - problem.extraLogLik(base),
      converged: true,
      iterations: 0,
      evaluations: 1,
      startsAtBest: 1,
    };
  }
  const scratch = Float64Array.from(base);
  const objective = (u: ArrayLike<number>): number => {
    problem.fromU(u, scratch);
    const ll =
      problem.logLik(problem.values(scratch, subset), subset) + problem.extraLogLik(scratch);
    return -ll + problem.penalty(scratch);
  };
  const rng = createStream(seed, 'calibrate', stream);
  const startPoints: Float64Array[] = [];
  if (warm) startPoints.push(warm);
  startPoints.push(base);
  while (startPoints.length < starts + (warm ? 1 : 0))
    startPoints.push(problem.randomLogRates(rng, 2.5));

  let iterations = 0;
  let evaluations = 0;
  const runs: NelderMeadResult[] = [];
  // Loose runs: enough to find the basin; the polish below does the precise work once. Fisher
  // scoring (`scoring.ts`) first — a few steps of 2·dim + 1 evaluations each — and Nelder–Mead
  // from the same start where scoring does not settle (a start far out on a flat plateau, or an
  // optimum at a bound). The conflict search's quick fits keep Nelder–Mead throughout.
  // Fisher scoring knows the binomial terms only: with extra terms, Nelder–Mead throughout.
  const scoring = !quick && problem.extra.length === 0;
  for (const s of startPoints) {
    const u0 = problem.toU(s);
    if (scoring) {
      const f0 = objective(u0);
      const sc = scoringPolish(problem, subset, u0, f0, 30, { f: 1e-4, x: 1e-3 });
      iterations += sc.iterations;
      evaluations += sc.evaluations + 1;
      if (sc.converged && sc.interior) {
        const { u: x, fx, iterations: its, evaluations: evs } = sc;
        runs.push({ x, fx, converged: true, iterations: its, evaluations: evs });
        continue;
      }
    }
    const r = nelderMead(objective, u0, {
      initialStep: 0.6,
      fTolerance: 1e-4,
      xTolerance: 1e-3,
      maxIterations: 150 * dim,
      maxEvaluations: 300 * dim,
      adaptive: dim > 3,
    });
    iterations += r.iterations;
    evaluations += r.evaluations;
    runs.push(r);
  }
  let best = runs.reduce((a, b) => (b.fx < a.fx ? b : a));
  const startsAtBest = runs.filter((r) => r.fx <= best.fx + 0.01).length;

  // Polish: Fisher scoring from the best start (a handful of steps; `scoring.ts`). Where it
  // does not settle, or the optimum lies at a bound (where scoring's steps in u shrink to
  // nothing), and in the conflict search's quick fits: Nelder–Mead restarts with a fresh,
  // smaller simplex at the best point until a restart no longer improves the objective by more
  // than 1e-9.
  let converged = false;
  const scored = scoring ? scoringPolish(problem, subset, best.x, best.fx) : undefined;
  if (scored) {
    iterations += scored.iterations;
    evaluations += scored.evaluations;
  }
  if (scored && scored.converged && scored.interior && scored.fx <= best.fx) {
    best = { ...best, x: scored.u, fx: scored.fx };
    converged = true;
  } else {
    for (let k = 0; k < (quick ? 2 : 6); k++) {
      const r = nelderMead(objective, best.x, {
        initialStep: k === 0 ? 0.2 : 0.05,
        fTolerance: quick ? 1e-7 : 1e-10,
        xTolerance: quick ? 1e-5 : 1e-7,
        maxIterations: 1000 * dim,
        maxEvaluations: 2000 * dim,
        adaptive: dim > 3,
      });
      iterations += r.iterations;
      evaluations += r.evaluations;
      const improved = best.fx - r.fx;
      if (r.fx <= best.fx) best = r;
      converged = r.converged;
      if (r.converged && improved <= 1e-9) break;
    }
  }
  const logRates = problem.fromU(best.x, Float64Array.from(base));
  return { logRates, objective: best.fx, converged, iterations, evaluations, startsAtBest };
}
