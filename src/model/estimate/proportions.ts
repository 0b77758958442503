/**
 * Crude k/n proportions exactly as the papers define them (docs/data.md gives each figure's
 * definition and traps), computed two ways with ONE set of definitions:
 * - `crudeProportion`: counting patients of a simulated cohort (with its censoring);
 * - `quantityFromOccupancy`: from expected state occupancies (a cohort-trace row), for
 *   calibration.
 * On a large cohort followed to `t` the first converges to the second (tested).
 *
 * All times are months since transplant. The definitions, with S(t) the state at t:
 * - survival: alive at t / everyone;
 * - inState: in the set `which` at t / everyone (`enrolled`, the dead count as not in it:
 *   Stem Cell Reports 2018's 28/81) or / alive at t (`survivors`: EULAR 2017's 28/68);
 * - everRemitted: ever entered remission by t / everyone (37/81);
 * - relapsedAmongRemitted: ever relapsed by t / ever remitted by t (9/37; not a KM);
 * - newRelapses: first relapses in (fromMonth, t] / everyone, / alive at fromMonth, or / ever
 *   remitted by t (ACR 2012 3/40 vs ART 2014 3/24; Cell Transplant 10/83, 7/39, …);
 * - relapsedDuringFollowUp: relapsed by min(own follow-up, t) / everyone enrolled, whatever their
 *   follow-up (Cell Transplant's overall 20/87). Its model value needs the follow-up
 *   distribution: `relapsedDuringFollowUpModel`, not `quantityFromOccupancy`.
 *
 * "Everyone" is the population at t, which depends on follow-up (see `Population`).
 */

import { NOT_OBSERVED, stateAt, stateMasks, type StateMasks } from './cohortQueries';
import { cohortTrace } from '../markov/trace';
import { expectedFollowedAt } from '../simulate/design';
import type { Cohort, ModelSpec, Quantity, StudyDesign, Trace } from '../types';

/**
 * Who "everyone" is at time t in a simulated cohort.
 * - `followed` (default): patients under observation at t (`followUp[p] ≥ t`). A study with
 *   staggered entry reports yearly figures this way, and its denominators shrink
 *   (Cell Transplant 2013: 83 → 39 → 12 → 6). Without a study design everyone is followed to
 *   the horizon and this is everyone enrolled.
 * - `enrolled`: every patient enrolled, whatever their follow-up. Patients not followed to t stay
 *   in the denominator and count in no numerator (like the dead in "in remission at 5 years,
 *   28/81": non-responder imputation), so with censoring this is biased low, as the paper's
 *   figure would be.
 */
export type Population = 'followed' | 'enrolled';

/** Options of `crudeProportion`. */
export interface CrudeOptions {
  /** Who counts as "everyone" at t. @default 'followed' */
  population?: Population;
}

/** A crude proportion k/n. `value` is never NaN: 0 with `empty: true` when n = 0. */
export interface Proportion {
  k: number;
  n: number;
  value: number;
  empty?: true;
}

function selectionMask(masks: StateMasks, which: Extract<Quantity, { kind: 'inState' }>['which']) {
  switch (which) {
    case 'remission':
      return masks.inRemission;
    case 'complete':
      return masks.inComplete;
    case 'partial':
      return masks.inPartial;
    case 'active':
      return masks.active;
    case 'relapse':
      return masks.relapse;
  }
}

/**
 * Whether the model's states can express a quantity: `inState` complete/partial needs states
 * flagged `inComplete`/`inPartial` (template option `splitRemission`), `active`/`relapse` need a
 * state in that lane. Every other kind is always supported.
 */
export function supportsQuantity(spec: ModelSpec, quantity: Quantity): boolean {
  if (quantity.kind !== 'inState') return true;
  return selectionMask(stateMasks(spec), quantity.which).some((v) => v === 1);
}

/**
 * Whether calibration can fit a quantity: every kind read at one time can; a figure read at each
 * patient's own follow-up (`relapsedDuringFollowUp`) depends on the study design, which the
 * calibrator does not model, so it is shown and checked but not fitted.
 */
export function fittable(quantity: Quantity): boolean {
  return quantity.kind !== 'relapsedDuringFollowUp';
}

function check(spec: ModelSpec, quantity: Quantity, timeMonths: number): void {
  if (!Number.isFinite(timeMonths) || timeMonths < 0) {
    throw new Error(`Time must be a finite number of months ≥ 0, got ${timeMonths}.`);
  }
  if (quantity.kind === 'newRelapses') {
    const from = quantity.fromMonth;
    if (!Number.isFinite(from) || from < 0 || from > timeMonths) {
      throw new Error(
        `newRelapses: fromMonth must be between 0 and the time (${timeMonths} months), got ${from}.`,
      );
    }
  }
  if (!supportsQuantity(spec, quantity) && quantity.kind === 'inState') {
    throw new Error(
      `inState "${quantity.which}" needs a model with such states` +
        (quantity.which === 'complete' || quantity.which === 'partial'
          ? ' (split remission into complete and partial).'
          : '.'),
    );
  }
}

function proportion(k: number, n: number): Proportion {
  return n > 0 ? { k, n, value: k / n } : { k: 0, n: 0, value: 0, empty: true };
}

/**
 * The crude proportion k/n of a published quantity at `timeMonths` (months) in a simulated
 * cohort, honouring each patient's follow-up (`options.population`, default `'followed'`).
 * Throws when the model cannot express the quantity (see `supportsQuantity`) or when times are
 * invalid.
 */
export function crudeProportion(
  cohort: Cohort,
  spec: ModelSpec,
  quantity: Quantity,
  timeMonths: number,
  options: CrudeOptions = {},
): Proportion {
  check(spec, quantity, timeMonths);
  const masks = stateMasks(spec);
  const { alive, everRemitted, everRelapsed } = masks;
  const population = options.population ?? 'followed';
  const t = timeMonths;
  let k = 0;
  let n = 0;
  for (let p = 0; p < cohort.n; p++) {
    const followed = cohort.followUp[p]! >= t;
    // relapsedDuringFollowUp counts everyone enrolled, however long they were followed.
    const ownFollowUp = quantity.kind === 'relapsedDuringFollowUp';
    if (population === 'followed' && !followed && !ownFollowUp) continue;
    // s = NOT_OBSERVED only in the 'enrolled' population: such a patient is in "everyone"
    // denominators and in no numerator.
    const s = stateAt(cohort, p, t);
    const seen = s !== NOT_OBSERVED;
    switch (quantity.kind) {
      case 'survival':
        n++;
        if (seen && alive[s]) k++;
        break;
      case 'inState': {
        const inSet = seen && alive[s] === 1 && selectionMask(masks, quantity.which)[s] === 1;
        if (quantity.denominator === 'enrolled') n++;
        else if (seen && alive[s]) n++;
        if (inSet) k++;
        break;
      }
      case 'everRemitted':
        n++;
        if (seen && everRemitted[s]) k++;
        break;
      case 'relapsedAmongRemitted':
        if (seen && everRemitted[s]) {
          n++;
          if (everRelapsed[s]) k++;
        }
        break;
      case 'relapsedDuringFollowUp': {
        // The numerator looks at the last moment each patient was seen, up to t.
        n++;
        const last = stateAt(cohort, p, Math.min(cohort.followUp[p]!, t));
        if (last !== NOT_OBSERVED && everRelapsed[last]) k++;
        break;
      }
      case 'newRelapses': {
        const f = stateAt(cohort, p, quantity.fromMonth);
        const inDenominator =
          quantity.denominator === 'enrolled'
            ? true
            : quantity.denominator === 'alive-at-start'
              ? f !== NOT_OBSERVED && alive[f] === 1
              : seen && everRemitted[s] === 1;
        if (!inDenominator) break;
        n++;
        if (seen && f !== NOT_OBSERVED && everRelapsed[s] && !everRelapsed[f]) k++;
        break;
      }
    }
  }
  return proportion(k, n);
}

function share(mask: Uint8Array, occupancy: ArrayLike<number>, also?: Uint8Array): number {
  let sum = 0;
  for (let s = 0; s < mask.length; s++) {
    if (mask[s] && (!also || also[s])) sum += occupancy[s]!;
  }
  return sum;
}

function total(occupancy: ArrayLike<number>, nStates: number): number {
  let sum = 0;
  for (let s = 0; s < nStates; s++) sum += occupancy[s]!;
  return sum;
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

/**
 * The model value of a quantity from expected state occupancies at its time (`occupancy[s]` for
 * each state code s: shares, or expected counts, since every value is a ratio). Same definitions
 * as `crudeProportion` with everyone followed; `occupancyAtFrom` (the occupancy at
 * `quantity.fromMonth`) is required for `newRelapses` and ignored otherwise.
 *
 * newRelapses = (ever-relapsed share at t − at fromMonth) / denominator share (1, alive at
 * fromMonth, or ever remitted at t). This equals the probability of a first relapse in the
 * interval because the history flags only switch on (states are expanded by history), and every
 * first relapse in (fromMonth, t] was alive at fromMonth and has remitted by t.
 * Returns 0, never NaN, when the denominator is 0. Throws when the model cannot express the
 * quantity (see `supportsQuantity`).
 */
export function quantityFromOccupancy(
  spec: ModelSpec,
  occupancy: ArrayLike<number>,
  occupancyAtFrom: ArrayLike<number> | undefined,
  quantity: Quantity,
): number {
  const m = spec.states.length;
  if (occupancy.length < m) {
    throw new Error(`Occupancy has ${occupancy.length} entries; the model has ${m} states.`);
  }
  if (!supportsQuantity(spec, quantity) && quantity.kind === 'inState') {
    check(spec, quantity, 0); // throws the explanatory error
  }
  const masks = stateMasks(spec);
  const tot = total(occupancy, m);
  switch (quantity.kind) {
    case 'survival':
      return ratio(share(masks.alive, occupancy), tot);
    case 'inState': {
      const inSet = share(selectionMask(masks, quantity.which), occupancy, masks.alive);
      return ratio(
        inSet,
        quantity.denominator === 'enrolled' ? tot : share(masks.alive, occupancy),
      );
    }
    case 'everRemitted':
      return ratio(share(masks.everRemitted, occupancy), tot);
    case 'relapsedAmongRemitted':
      return ratio(
        share(masks.everRelapsed, occupancy, masks.everRemitted),
        share(masks.everRemitted, occupancy),
      );
    case 'relapsedDuringFollowUp':
      throw new Error(
        'relapsedDuringFollowUp depends on each patient’s follow-up, not on one time: use relapsedDuringFollowUpModel.',
      );
    case 'newRelapses': {
      if (!occupancyAtFrom || occupancyAtFrom.length < m) {
        throw new Error('newRelapses needs the occupancy at fromMonth (occupancyAtFrom).');
      }
      const totFrom = total(occupancyAtFrom, m);
      const newShare =
        ratio(share(masks.everRelapsed, occupancy), tot) -
        ratio(share(masks.everRelapsed, occupancyAtFrom), totFrom);
      const denominator =
        quantity.denominator === 'enrolled'
          ? 1
          : quantity.denominator === 'alive-at-start'
            ? ratio(share(masks.alive, occupancyAtFrom), totFrom)
            : ratio(share(masks.everRemitted, occupancy), tot);
      return ratio(Math.max(0, newShare), denominator);
    }
  }
}

/**
 * `quantityFromOccupancy` read off a cohort trace at `timeMonths` (months). The trace must have
 * a row at `timeMonths` (and at `fromMonth` for newRelapses), matched within 1e-9 months;
 * otherwise it throws, naming the missing time, rather than interpolate.
 */
export function quantityFromTrace(
  spec: ModelSpec,
  trace: Trace,
  quantity: Quantity,
  timeMonths: number,
): number {
  check(spec, quantity, timeMonths);
  const row = (t: number): Float64Array => {
    const times = trace.times;
    let lo = 0;
    let hi = times.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! < t - 1e-9) lo = mid + 1;
      else hi = mid;
    }
    if (times.length === 0 || Math.abs(times[lo]! - t) > 1e-9) {
      throw new Error(`The trace has no row at ${t} months.`);
    }
    return trace.occupancy.subarray(lo * trace.nStates, (lo + 1) * trace.nStates);
  };
  const from = quantity.kind === 'newRelapses' ? row(quantity.fromMonth) : undefined;
  return quantityFromOccupancy(spec, row(timeMonths), from, quantity);
}

/** Step of the integration grid of `relapsedDuringFollowUpModel`, in months. */
const FOLLOW_UP_STEP_MONTHS = 0.25;

/**
 * The model value of `relapsedDuringFollowUp` at `timeMonths`: the expected share of everyone
 * enrolled whose first relapse falls within their own follow-up C (and by t), with C drawn from
 * the study design as the simulation draws it (`design`, capped at `horizonMonths`; without a
 * design everyone is followed to t):
 *
 *     E[F(min(C, t))] = ∫₀ᵗ P(C ≥ u) dF(u),
 *
 * F(u) the ever-relapsed share of the cohort trace at u (states are expanded by history, so the
 * flag only switches on, and death keeps it). P(C ≥ u) is `expectedFollowedAt` in closed form;
 * the Stieltjes integral is a midpoint sum over a 0.25-month trace,
 * Σ (F(uᵢ) − F(uᵢ₋₁)) · P(C ≥ (uᵢ₋₁ + uᵢ)/2), accurate to about 1e-5 for these smooth curves.
 */
export function relapsedDuringFollowUpModel(
  spec: ModelSpec,
  timeMonths: number,
  design?: StudyDesign,
  horizonMonths = Infinity,
): number {
  if (!Number.isFinite(timeMonths) || timeMonths < 0) {
    throw new Error(`Time must be a finite number of months ≥ 0, got ${timeMonths}.`);
  }
  if (timeMonths === 0) return 0;
  const masks = stateMasks(spec);
  const m = spec.states.length;
  const steps = Math.ceil(timeMonths / FOLLOW_UP_STEP_MONTHS);
  const trace = cohortTrace(spec, { horizonMonths: timeMonths, stepMonths: timeMonths / steps });
  const relapsedShare = (i: number): number => {
    const row = trace.occupancy.subarray(i * m, (i + 1) * m);
    return ratio(share(masks.everRelapsed, row), total(row, m));
  };
  const followed = (u: number): number =>
    design ? expectedFollowedAt(design, u, horizonMonths) : u <= horizonMonths ? 1 : 0;
  let sum = 0;
  let previous = relapsedShare(0);
  for (let i = 1; i < trace.times.length; i++) {
    const current = relapsedShare(i);
    sum += (current - previous) * followed((trace.times[i - 1]! + trace.times[i]!) / 2);
    previous = current;
  }
  return sum;
}
