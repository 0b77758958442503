/**
 * Seeded draws of intensity sets from what the published figures allow: sampling-importance-
 * resampling (Rubin 1988, Bayesian Statistics 3:395–402; Gelman et al., Bayesian Data Analysis,
 * 3rd ed., §10.4) from the calibration's posterior, likelihood of the figures × the weak prior
 * (flat within the bounds when the prior is off).
 *
 * Proposal: a multivariate t (4 degrees of freedom) on the fitted log-intensities, centred at
 * the fit. Its correlations are those of the normal approximation (inverse of the posterior's
 * expected information: Fisher information of the binomial figures + prior precision, SD 3
 * log-units standing in when the prior is off); each coordinate's scale is the larger of that
 * approximation's SD and the profile-likelihood interval's half-width / 1.96 (when the intervals
 * were computed), so a long tail the curvature at the mode does not see — a rate that may be
 * near 0 — is still proposed. Draws outside the bounds get weight 0. Each proposal x gets weight
 * w ∝ exp(ℓ(x) − penalty(x)) / q(x); `count` sets are then drawn with probability ∝ w by
 * systematic resampling. The effective sample size (Σw)²/Σw² of the proposals says how well the
 * proposal matched: reported with the draws.
 *
 * The likelihood is the whole one the fit maximises: the k/n figures and the extra terms (the
 * reconstructed patients of digitised curves), whose observed information joins the proposal's.
 * The weighing yields every `DRAW_BATCH` proposals (`drawParameterSteps`), so a caller can spread
 * it over time and stop it.
 *
 * Every uniform comes from the scenario's seeded streams (`simulate/random.ts`, path
 * `['parameterDraws']`): same seed, same draws, in every JS engine.
 */
import { cholesky, identity, solve } from '../numeric/linalg';
import { normalQuantile, Z_975 } from '../numeric/distributions';
import type { Intensities } from '../markov/template';
import { createStream } from '../simulate/random';
import type { Problem } from './likelihood';
import type { IntensityInterval } from './profile';
import { extraInformation } from './identifiability';
import { runSteps } from '../numeric/runSteps';

/** Proposals weighed between two yields of {@link drawParameterSteps}. */
export const DRAW_BATCH = 100;

/** Where the weighing is: `done` of `total` proposals. */
export interface DrawStep {
  done: number;
  total: number;
}

/** Degrees of freedom of the t proposal: heavy tails, so no region of the posterior is starved. */
const NU = 4;

/** What {@link drawParameters} returns. */
export interface ParameterDraws {
  /** The drawn intensity sets (per year; every parameter, fixed and held ones at their values). */
  sets: Intensities[];
  /** Proposals weighed. */
  proposals: number;
  /** Effective sample size of the weighted proposals, (Σw)²/Σw². */
  effectiveSize: number;
  /** The seed and stream path the uniforms came from. */
  seed: string;
}

/**
 * `count` seeded intensity sets from the calibration's posterior around the fit `fitLogRates`
 * (targets `subset`), weighing `proposals` normal proposals (see the module comment).
 */
export function drawParameters(
  problem: Problem,
  subset: readonly number[],
  fitLogRates: Float64Array,
  count: number,
  seed: string,
  intervals?: readonly IntensityInterval[],
  proposals = Math.max(2000, 10 * count),
): ParameterDraws {
  return runSteps(
    drawParameterSteps(problem, subset, fitLogRates, count, seed, intervals, proposals),
  );
}

/** {@link drawParameters}, yielding every `DRAW_BATCH` proposals. */
export function* drawParameterSteps(
  problem: Problem,
  subset: readonly number[],
  fitLogRates: Float64Array,
  count: number,
  seed: string,
  intervals?: readonly IntensityInterval[],
  proposals = Math.max(2000, 10 * count),
): Generator<DrawStep, ParameterDraws> {
  const free = problem.freeVars;
  const d = free.length;
  const stream = createStream(seed, 'parameterDraws');
  if (d === 0) {
    const only = problem.intensitiesOf(fitLogRates);
    return {
      sets: Array.from({ length: count }, () => only),
      proposals: 0,
      effectiveSize: count,
      seed,
    };
  }
  // Posterior expected information (log-rate scale), as in `identifiability.ts`.
  const sd = Number.isFinite(problem.priorSd) ? problem.priorSd : 3;
  const jac = problem.jacobian(fitLogRates, 1e-4, subset);
  const v = problem.values(fitLogRates, subset);
  const info = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const i of subset) {
    const t = problem.targets[i]!;
    const p = Math.min(1 - 1e-9, Math.max(1e-9, v[i]!));
    const w = t.n / (p * (1 - p));
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) info[a]![b]! += w * jac[a]![i]! * jac[b]![i]!;
    }
  }
  for (let a = 0; a < d; a++) info[a]![a]! += 1 / (sd * sd);
  // The curves' observed information, where it keeps the matrix positive definite (far from
  // their optimum, or along a flat direction, a numerical curvature may not be): else only
  // its positive diagonal.
  const extra = extraInformation(problem, fitLogRates);
  const withExtra = info.map((row, a) => row.map((x, b) => x + extra[a]![b]!));
  let positive = true;
  try {
    cholesky(withExtra);
  } catch {
    positive = false;
  }
  for (let a = 0; a < d; a++)
    for (let b = 0; b < d; b++)
      info[a]![b] = positive
        ? withExtra[a]![b]!
        : info[a]![b]! + (a === b ? Math.max(0, extra[a]![a]!) : 0);
  const laplace = solve(info, identity(d));
  // Scale: the larger of the normal approximation's SD and the half-width of the profile
  // interval / 1.96 (when given), so a long tail the curvature at the mode does not see (a rate
  // that may be near 0) is still proposed; correlations from the normal approximation.
  const sdOf = free.map((k, a) => {
    const own = Math.sqrt(Math.max(laplace[a]![a]!, 1e-12));
    const iv = intervals?.[a];
    if (!iv) return own;
    const x = problem.getVar(fitLogRates, k);
    const half = Math.max(x - Math.log(iv.lower), Math.log(iv.upper) - x);
    return Math.max(own, half / Z_975);
  });
  const cov = laplace.map((row, a) =>
    row.map(
      (c, b) =>
        (c / Math.sqrt(Math.max(laplace[a]![a]! * laplace[b]![b]!, 1e-300))) *
        sdOf[a]! *
        sdOf[b]! *
        (a === b ? 1 : 0.999),
    ),
  );
  const l = cholesky(cov);
  const centre = free.map((k) => problem.getVar(fitLogRates, k));

  const points: Float64Array[] = [];
  const logW: number[] = [];
  const z = new Array<number>(d);
  for (let s = 0; s < proposals; s++) {
    if (s > 0 && s % DRAW_BATCH === 0) yield { done: s, total: proposals };
    // A multivariate t with NU degrees of freedom: a normal vector scaled by √(NU/χ²_NU).
    for (let a = 0; a < d; a++) z[a] = normalQuantile(stream.next());
    let chi2 = 0;
    for (let j = 0; j < NU; j++) chi2 += normalQuantile(stream.next()) ** 2;
    const scale = Math.sqrt(NU / chi2);
    for (let a = 0; a < d; a++) z[a]! *= scale;
    const x = Float64Array.from(fitLogRates);
    let inBounds = true;
    free.forEach((k, a) => {
      let y = centre[a]!;
      for (let b = 0; b <= a; b++) y += l[a]![b]! * z[b]!;
      if (y < problem.logMin || y > problem.logMax) inBounds = false;
      problem.setVar(x, k, y);
    });
    points.push(x);
    if (!inBounds) {
      logW.push(Number.NEGATIVE_INFINITY);
      continue;
    }
    // log q(x) up to a constant is −(NU + d)/2 · log(1 + |z|²/NU); the target's log density
    // is ℓ − penalty.
    let zz = 0;
    for (let a = 0; a < d; a++) zz += z[a]! * z[a]!;
    const ll = problem.totalLogLik(x, subset);
    logW.push(ll - problem.penalty(x) + ((NU + d) / 2) * Math.log1p(zz / NU));
  }
  const top = Math.max(...logW);
  const w = logW.map((x) => (Number.isFinite(x) ? Math.exp(x - top) : 0));
  const sum = w.reduce((a, b) => a + b, 0);
  const sumSq = w.reduce((a, b) => a + b * b, 0);
  // Systematic resampling: one uniform, `count` equally spaced pointers into the cumulative
  // weights (lower variance than independent multinomial draws).
  const u0 = stream.next();
  const sets: Intensities[] = [];
  let cum = 0;
  let j = -1;
  for (let m = 0; m < count; m++) {
    const target = ((m + u0) / count) * sum;
    while (cum < target && j < w.length - 1) cum += w[++j]!;
    sets.push(problem.intensitiesOf(points[Math.max(0, j)]!));
  }
  return { sets, proposals, effectiveSize: (sum * sum) / sumSq, seed };
}
