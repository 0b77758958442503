import { chiSquareSf, normalSurvival, Z_975 } from '../numeric/distributions';
import { sortedOrder } from './logRank';

/**
 * Cox proportional hazards model with one binary covariate (group 1 against group 0), fitted as
 * R's `coxph(Surv(time, status) ~ group)` does by default: Efron's approximation for tied event
 * times, Newton–Raphson from β = 0 with step halving, at most 20 iterations, stopping when the
 * log partial likelihood changes by at most 1e-9 relatively (`coxph.control()` defaults; R
 * survival `src/coxfit6.c`, `R/coxph.fit.R`). A 0/1 covariate is neither centred nor scaled by
 * coxph, and neither is it here.
 *
 * Efron (1977, JASA 72:557): at an event time with d deaths, risk-set sums S₀ = Σ e^(βx),
 * S₁ = Σ x e^(βx) and the deaths' sums D₀, D₁, the k-th of the d terms (k = 0…d−1) uses
 * a₀ = S₀ − (k/d) D₀ and a₁ = S₁ − (k/d) D₁:
 *
 *     log L += β Σ_deaths x − Σ_k log a₀
 *     U     += Σ_deaths x − Σ_k a₁/a₀
 *     I     += Σ_k (a₁/a₀ − (a₁/a₀)²)          (x² = x for a 0/1 covariate)
 *
 * The hazard ratio e^β̂ gets the Wald interval exp(β̂ ± z₀.₉₇₅ · se) that `summary(coxph)` prints
 * ("lower .95", "upper .95"), se = 1/√I(β̂).
 */

/**
 * Whether the maximum partial likelihood estimate exists. With a binary covariate it is infinite
 * exactly when no event of one group happens while the other group has someone at risk (e.g.
 * one arm has no events): the likelihood then keeps rising as β → ±∞ (monotone likelihood).
 */
export type CoxEstimability = 'finite' | 'plusInfinity' | 'minusInfinity' | 'noInformation';

/** A fitted Cox model of one binary covariate. β is a log hazard ratio (unitless). */
export interface CoxBinaryFit {
  /** 'finite' when β̂ exists; otherwise the Wald figures below are NaN (see `CoxEstimability`). */
  estimability: CoxEstimability;
  /** β̂ = log hazard ratio of group 1 against group 0 (R's `coef`); ±Infinity when infinite, NaN without information. */
  coef: number;
  /** Standard error of β̂ from the observed information, 1/√I(β̂) (R's `se(coef)`); NaN if not finite. */
  se: number;
  /** e^β̂ (R's `exp(coef)`); 0 or Infinity when β̂ is. */
  hazardRatio: number;
  /** Wald 95% interval of the hazard ratio, exp(β̂ ± 1.959964 · se); NaN when β̂ is not finite. */
  lower: number;
  upper: number;
  /** Wald z = β̂/se and its two-sided p-value (R's `z`, `Pr(>|z|)`). NaN when β̂ is not finite. */
  waldZ: number;
  waldP: number;
  /**
   * Likelihood-ratio test 2(log L(β̂) − log L(0)) on 1 df and its p-value (R's "Likelihood ratio
   * test"). With an infinite β̂ it is the supremum's, approached as R's iterations approach it.
   */
  likelihoodRatio: number;
  likelihoodRatioP: number;
  /** Score (log-rank) test U(0)²/I(0) on 1 df and its p-value (R's "Score (logrank) test"). */
  score: number;
  scoreP: number;
  /** Log partial likelihood at β = 0 and at the final β (R's `loglik`). */
  loglik: [number, number];
  /** Newton–Raphson iterations used (R's `iter`). */
  iterations: number;
}

/** Risk-set and death counts by group at each distinct event time. */
interface EventTable {
  r0: Float64Array;
  r1: Float64Array;
  d0: Float64Array;
  d1: Float64Array;
}

function eventTable(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  group: ArrayLike<number>,
): EventTable {
  const N = time.length;
  const order = sortedOrder(time);
  const r0: number[] = [];
  const r1: number[] = [];
  const d0: number[] = [];
  const d1: number[] = [];
  let at0 = 0;
  let at1 = 0;
  for (let k = N - 1; k >= 0;) {
    const t = time[order[k]!]!;
    let e0 = 0;
    let e1 = 0;
    for (; k >= 0 && time[order[k]!] === t; k--) {
      const i = order[k]!;
      if (group[i] === 1) {
        at1++;
        e1 += event[i]!;
      } else {
        at0++;
        e0 += event[i]!;
      }
    }
    if (e0 + e1 === 0) continue;
    r0.push(at0);
    r1.push(at1);
    d0.push(e0);
    d1.push(e1);
  }
  return {
    r0: Float64Array.from(r0),
    r1: Float64Array.from(r1),
    d0: Float64Array.from(d0),
    d1: Float64Array.from(d1),
  };
}

/** Log partial likelihood, score and information at β (Efron ties). */
function efron(tab: EventTable, beta: number): { loglik: number; u: number; info: number } {
  const w = Math.exp(beta);
  let loglik = 0;
  let u = 0;
  let info = 0;
  for (let j = 0; j < tab.r0.length; j++) {
    const d0 = tab.d0[j]!;
    const d1 = tab.d1[j]!;
    const d = d0 + d1;
    const s0 = tab.r0[j]! + tab.r1[j]! * w;
    const s1 = tab.r1[j]! * w;
    const D0 = d0 + d1 * w;
    const D1 = d1 * w;
    loglik += beta * d1;
    u += d1;
    for (let k = 0; k < d; k++) {
      const f = k / d;
      const a0 = s0 - f * D0;
      const m = (s1 - f * D1) / a0;
      loglik -= Math.log(a0);
      u -= m;
      info += m - m * m;
    }
  }
  return { loglik, u, info };
}

/** Options of `coxBinary`, R's `coxph.control()` names and defaults. */
export interface CoxOptions {
  /** @default 20 */
  iterMax?: number;
  /** Relative change of the log partial likelihood that counts as converged. @default 1e-9 */
  eps?: number;
}

/**
 * Fits the Cox model of `group` (0/1) to right-censored data (`time` ≥ 0 in any unit, `event` 1 =
 * event, 0 = censored) as R's `coxph(Surv(time, event) ~ group)` with Efron ties.
 */
export function coxBinary(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  group: ArrayLike<number>,
  options: CoxOptions = {},
): CoxBinaryFit {
  const N = time.length;
  if (event.length !== N || group.length !== N) {
    throw new Error(
      `coxBinary: time, event and group must have the same length, got ${N}, ${event.length} and ${group.length}.`,
    );
  }
  for (let i = 0; i < N; i++) {
    const t = time[i]!;
    if (!Number.isFinite(t) || t < 0) {
      throw new Error(`coxBinary: time[${i}] must be a finite number ≥ 0, got ${t}.`);
    }
    if (event[i] !== 0 && event[i] !== 1) {
      throw new Error(`coxBinary: event[${i}] must be 0 or 1, got ${event[i]}.`);
    }
    if (group[i] !== 0 && group[i] !== 1) {
      throw new Error(`coxBinary: group[${i}] must be 0 or 1, got ${group[i]}.`);
    }
  }
  const iterMax = options.iterMax ?? 20;
  const eps = options.eps ?? 1e-9;
  const tab = eventTable(time, event, group);

  // A group-1 death with group 0 at risk bounds β from below; a group-0 death with group 1 at
  // risk bounds it from above. Without both, the likelihood is monotone (or flat).
  let boundedBelow = false;
  let boundedAbove = false;
  for (let j = 0; j < tab.r0.length; j++) {
    if (tab.d1[j]! > 0 && tab.r0[j]! > 0) boundedBelow = true;
    if (tab.d0[j]! > 0 && tab.r1[j]! > 0) boundedAbove = true;
  }
  const estimability: CoxEstimability =
    boundedBelow && boundedAbove
      ? 'finite'
      : boundedBelow
        ? 'plusInfinity'
        : boundedAbove
          ? 'minusInfinity'
          : 'noInformation';

  // Newton–Raphson with step halving, step for step as coxfit6.c.
  const start = efron(tab, 0);
  const score = start.info > 0 ? (start.u * start.u) / start.info : NaN;
  let beta = 0;
  let oldLik = start.loglik;
  let cur = start;
  let newBeta = start.info > 0 ? start.u / start.info : 0;
  let halving = false;
  let iterations = 0;
  if (estimability !== 'noInformation') {
    for (iterations = 1; iterations <= iterMax; iterations++) {
      cur = efron(tab, newBeta);
      if (Math.abs(1 - oldLik / cur.loglik) <= eps && !halving) break;
      if (iterations === iterMax) break;
      if (cur.loglik < oldLik) {
        halving = true;
        newBeta = (newBeta + beta) / 2;
      } else {
        halving = false;
        oldLik = cur.loglik;
        beta = newBeta;
        newBeta = newBeta + cur.u / cur.info;
      }
    }
    iterations = Math.min(iterations, iterMax);
  } else {
    newBeta = 0;
  }
  const likelihoodRatio = 2 * (cur.loglik - start.loglik);
  const common = {
    likelihoodRatio,
    likelihoodRatioP: chiSquareSf(likelihoodRatio, 1),
    score,
    scoreP: chiSquareSf(score, 1),
    loglik: [start.loglik, cur.loglik] as [number, number],
    iterations,
  };
  if (estimability !== 'finite') {
    const coef =
      estimability === 'plusInfinity'
        ? Infinity
        : estimability === 'minusInfinity'
          ? -Infinity
          : NaN;
    return {
      estimability,
      coef,
      se: NaN,
      hazardRatio: Math.exp(coef),
      lower: NaN,
      upper: NaN,
      waldZ: NaN,
      waldP: NaN,
      ...common,
    };
  }
  const se = 1 / Math.sqrt(cur.info);
  const z = newBeta / se;
  return {
    estimability,
    coef: newBeta,
    se,
    hazardRatio: Math.exp(newBeta),
    lower: Math.exp(newBeta - Z_975 * se),
    upper: Math.exp(newBeta + Z_975 * se),
    waldZ: z,
    waldP: 2 * normalSurvival(Math.abs(z)),
    ...common,
  };
}
