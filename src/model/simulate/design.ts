/**
 * Study design → follow-up times (administrative censoring and loss to follow-up).
 *
 * A patient enters at a uniform time in the accrual window, is followed until the data cut-off
 * (measured from the start of accrual) unless lost to follow-up first (exponential, constant
 * rate), and never beyond the simulated horizon:
 *   entry ~ Uniform(0, accrualMonths),
 *   followUp = min(horizon, cutoffMonths − entry, Exp(lossPerYear / 12 per month)).
 * Draws come from their own stream (default path `['censoring']`), two per patient in patient
 * order whatever the design, so changing the design or `n` never shifts another patient's draws,
 * and switching censoring on never touches the trajectories (see `random.ts`).
 */

import { RATE_YEARS_PER_MONTH, type StudyDesign } from '../types';
import { aleaNext, aleaState, detLog } from './random';

/** Entry times and follow-up per patient, both in months. */
export interface FollowUp {
  /** Month of transplant counted from the start of accrual. */
  entry: Float64Array;
  /** Months each patient is observed for (≤ horizon). */
  followUp: Float64Array;
}

/**
 * Throws an error naming the field when a study design is not usable: every field must be a
 * finite number ≥ 0 (months, months, per year) and `cutoffMonths ≥ accrualMonths`.
 */
export function validateDesign(design: StudyDesign): void {
  if (design === null || typeof design !== 'object') {
    throw new Error(`"design" must be an object, got ${String(design)}.`);
  }
  const check = (field: keyof StudyDesign, unit: string): void => {
    const v = design[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new Error(`Study design "${field}" must be a finite number ≥ 0 (${unit}), got ${v}.`);
    }
  };
  check('accrualMonths', 'months');
  check('cutoffMonths', 'months');
  check('lossPerYear', 'per year');
  if (design.cutoffMonths < design.accrualMonths) {
    throw new Error(
      `Study design "cutoffMonths" (${design.cutoffMonths}) must be ≥ "accrualMonths" ` +
        `(${design.accrualMonths}): the cut-off comes after the last patient enters.`,
    );
  }
}

/**
 * Samples entry (months from the start of accrual) and follow-up (months, capped at
 * `horizonMonths`) for `n` patients from the stream `seed` / `path` (default `['censoring']`).
 */
export function sampleFollowUp(
  design: StudyDesign,
  n: number,
  horizonMonths: number,
  seed: string,
  path: readonly (string | number)[] = ['censoring'],
): FollowUp {
  validateDesign(design);
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`"n" must be a non-negative integer, got ${n}.`);
  }
  if (typeof horizonMonths !== 'number' || Number.isNaN(horizonMonths) || horizonMonths <= 0) {
    throw new Error(`"horizonMonths" must be a number > 0 (months), got ${horizonMonths}.`);
  }
  const st = aleaState(seed, path);
  const entry = new Float64Array(n);
  const followUp = new Float64Array(n);
  const { accrualMonths, cutoffMonths } = design;
  const lossPerMonth = design.lossPerYear * RATE_YEARS_PER_MONTH;
  for (let p = 0; p < n; p++) {
    // Always two draws per patient (even with no accrual window or no loss) so that patient p's
    // numbers do not depend on the design.
    let u1: number;
    do u1 = aleaNext(st);
    while (u1 === 0);
    let u2: number;
    do u2 = aleaNext(st);
    while (u2 === 0);
    const e = u1 * accrualMonths;
    let f = cutoffMonths - e;
    if (lossPerMonth > 0) {
      const loss = -detLog(u2) / lossPerMonth;
      if (loss < f) f = loss;
    }
    if (horizonMonths < f) f = horizonMonths;
    entry[p] = e;
    followUp[p] = f;
  }
  return { entry, followUp };
}

/**
 * Probability that a patient's follow-up reaches `t` months, P(followUp ≥ t), in closed form:
 * P(cutoff − entry ≥ t) · exp(−lossPerYear/12 · t), with P(cutoff − entry ≥ t) =
 * clamp((cutoff − t) / accrual, 0, 1) (a step at the cut-off when accrual is 0); 0 beyond
 * `horizonMonths` (default Infinity). n × this is the expected number still followed at t (the
 * 83 → 39 → 12 → 6 of a paper's risk table).
 */
export function expectedFollowedAt(
  design: StudyDesign,
  t: number,
  horizonMonths: number = Infinity,
): number {
  validateDesign(design);
  if (t <= 0) return 1;
  if (t > horizonMonths) return 0;
  const { accrualMonths: a, cutoffMonths: c } = design;
  let admin: number;
  if (a > 0) admin = Math.min(1, Math.max(0, (c - t) / a));
  else admin = t <= c ? 1 : 0;
  return admin * Math.exp(-design.lossPerYear * RATE_YEARS_PER_MONTH * t);
}
