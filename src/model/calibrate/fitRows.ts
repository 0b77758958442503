/**
 * How well a fit meets its targets: the fit table (each target's k/n, Wilson interval and model
 * value) and the goodness-of-fit statistics (log-likelihood, saturated log-likelihood, deviance,
 * its degrees of freedom and chi-square p-value, targets outside their intervals).
 */
import { chiSquareSf } from '../numeric/distributions';
import { insideInterval, type ProportionInterval } from '../estimate/wilson';
import type { Target } from '../types';
import { binomialLogLik, type Problem } from './likelihood';

/** One row of the fit table. Proportions are fractions in [0, 1], not percent. */
export interface FitRow {
  /** Target id, e.g. `F1`. */
  id: string;
  /** Target label. */
  label: string;
  /** Months since transplant. */
  time: number;
  /** Numerator as published. */
  k: number;
  /** Denominator as published. */
  n: number;
  /** k/n. */
  observed: number;
  /** Wilson 95% interval, lower end. */
  lower: number;
  /** Wilson 95% interval, upper end. */
  upper: number;
  /** Model value at the fitted intensities. */
  model: number;
  /** `lower ≤ model ≤ upper` (`insideInterval`: ends included, NaN never inside). */
  inside: boolean;
}

/** Goodness of fit of a subset of targets at some log-rates. */
export interface Statistics {
  logLik: number;
  logLikSaturated: number;
  deviance: number;
  /** #targets − #fitted values they inform, at least 0. */
  df: number;
  /** P(χ²_df ≥ deviance), or null at 0 df: the deviance then has no reference distribution. */
  pValue: number | null;
  /** Indices of targets whose model value is outside the Wilson interval. */
  outside: number[];
  /** Per-target deviance contribution 2(ℓ_sat,i − ℓ_i). */
  contributions: number[];
}

/**
 * One fit-table row: a target, the model's value and the target's Wilson interval (the one
 * place a row is built, for calibration and for the browser's and the CLI's fit tables).
 */
export function fitRow(t: Target, model: number, interval: ProportionInterval): FitRow {
  return {
    id: t.id,
    label: t.label,
    time: t.time,
    k: t.k,
    n: t.n,
    observed: t.k / t.n,
    lower: interval.lower,
    upper: interval.upper,
    model,
    inside: insideInterval(model, interval),
  };
}

/** The fit table at these log-rates, in the order of the problem's targets. */
export function fitRows(problem: Problem, logRates: Float64Array): FitRow[] {
  const v = problem.values(logRates);
  return problem.targets.map((t, i) => fitRow(t, v[i]!, problem.intervals[i]!));
}

/**
 * Goodness of fit of the targets `subset` at `logRates`. `dep[target][variable]` (from
 * `dependence`) says which fitted variables cost this subset a degree of freedom.
 */
export function statistics(
  problem: Problem,
  subset: readonly number[],
  logRates: Float64Array,
  dep: boolean[][],
): Statistics {
  const v = problem.values(logRates, subset);
  let logLik = 0;
  let logLikSaturated = 0;
  const outside: number[] = [];
  const contributions = problem.targets.map(() => 0);
  for (const i of subset) {
    const t = problem.targets[i]!;
    const li = problem.logLik(v, [i]);
    const si = binomialLogLik(t.k, t.n, t.k / t.n);
    logLik += li;
    logLikSaturated += si;
    contributions[i] = Math.max(0, 2 * (si - li));
    const { lower, upper } = problem.intervals[i]!;
    const m = v[i]!;
    if (!(m >= lower && m <= upper)) outside.push(i);
  }
  // Fitted variables that this subset informs (the others do not cost a degree of freedom).
  let p = 0;
  for (const a of problem.freeVars) if (subset.some((i) => dep[i]![a])) p++;
  const df = Math.max(0, subset.length - p);
  const deviance = Math.max(0, 2 * (logLikSaturated - logLik));
  return {
    logLik,
    logLikSaturated,
    deviance,
    df,
    pValue: df > 0 ? chiSquareSf(deviance, df) : null,
    outside,
    contributions,
  };
}

/** χ²₁'s 0.1% point, qchisq(0.999, 1) in R. */
const CHI2_1DF_999 = 10.827566170662729;

/**
 * Whether a deviance is too large to be chance: P(χ²_df ≥ D) < 0.001. With no degrees of freedom
 * left there is no p-value, and the deviance of a model that could meet every target should be
 * about 0; it counts as too large beyond χ²₁'s 0.1% point (10.83), the 1-df rule as a threshold.
 */
export function tooLarge(s: Statistics): boolean {
  return s.pValue === null ? s.deviance > CHI2_1DF_999 : s.pValue < 0.001;
}

/** Infeasible: some target outside its Wilson interval AND a deviance too large (`tooLarge`). */
export function infeasible(
  problem: Problem,
  subset: readonly number[],
  logRates: Float64Array,
  dep: boolean[][],
): boolean {
  const s = statistics(problem, subset, logRates, dep);
  return s.outside.length > 0 && tooLarge(s);
}
