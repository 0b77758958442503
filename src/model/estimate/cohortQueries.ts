/**
 * Reading a simulated `Cohort` (typed-array columns) through the meaning of its states
 * (`StateDef` flags): the state of a patient at a time, and the (time, event) / (time, cause)
 * columns the estimators take. All times are months since the patient's transplant.
 *
 * Censoring convention: patient `p` is observed on [0, followUp[p]]. An event at exactly
 * `followUp[p]` is observed; anything later is not. `followUp` is the censoring time
 * (administrative cut-off or loss to follow-up), not truncated at death: a patient who died at
 * month 10 and was transplanted 30 months before the cut-off has followUp 30.
 */

import type { Cohort, ModelSpec } from '../types';

/** Returned by `stateAt` when the patient is not under observation at that time. */
export const NOT_OBSERVED = -1;

/**
 * Lookup tables from state code to the flags the papers' definitions use (1 = yes).
 * `active` and `relapse` are lanes (`lane === 'active'` / `'relapse'`), so they cover every
 * state drawn in that lane.
 */
export interface StateMasks {
  alive: Uint8Array;
  inRemission: Uint8Array;
  everRemitted: Uint8Array;
  everRelapsed: Uint8Array;
  inComplete: Uint8Array;
  inPartial: Uint8Array;
  active: Uint8Array;
  relapse: Uint8Array;
}

const maskCache = new WeakMap<ModelSpec, StateMasks>();

/** The flag lookup tables of a model (cached per spec object; treat specs as immutable). */
export function stateMasks(spec: ModelSpec): StateMasks {
  const cached = maskCache.get(spec);
  if (cached) return cached;
  const m = spec.states.length;
  const make = (f: (i: number) => boolean | undefined): Uint8Array => {
    const a = new Uint8Array(m);
    for (let i = 0; i < m; i++) a[i] = f(i) ? 1 : 0;
    return a;
  };
  const s = spec.states;
  const masks: StateMasks = {
    alive: make((i) => s[i]!.alive),
    inRemission: make((i) => s[i]!.inRemission),
    everRemitted: make((i) => s[i]!.everRemitted),
    everRelapsed: make((i) => s[i]!.everRelapsed),
    inComplete: make((i) => s[i]!.inComplete),
    inPartial: make((i) => s[i]!.inPartial),
    active: make((i) => s[i]!.lane === 'active'),
    relapse: make((i) => s[i]!.lane === 'relapse'),
  };
  maskCache.set(spec, masks);
  return masks;
}

function checkPatient(cohort: Cohort, p: number): void {
  if (!Number.isInteger(p) || p < 0 || p >= cohort.n) {
    throw new Error(`Patient index ${p} is outside the cohort (0 … ${cohort.n - 1}).`);
  }
}

/**
 * The state of patient `p` at time `t` (months) on the simulated path, ignoring censoring:
 * the state entered by the last event at or before `t` (right-continuous). −1 for t < 0.
 * For animation of the whole simulated path and for tests; estimators use `stateAt`.
 */
export function pathStateAt(cohort: Cohort, p: number, t: number): number {
  checkPatient(cohort, p);
  const end = cohort.offsets[p + 1]!;
  let state = NOT_OBSERVED;
  // Paths hold a handful of events, so a linear scan beats a binary search.
  for (let e = cohort.offsets[p]!; e < end; e++) {
    if (cohort.eventTime[e]! > t) break;
    state = cohort.eventState[e]!;
  }
  return state;
}

/**
 * The observed state of patient `p` at time `t` (months): as `pathStateAt` when
 * `0 ≤ t ≤ followUp[p]`, otherwise `NOT_OBSERVED` (−1), even for a patient seen to die earlier
 * (a patient not followed to `t` is not in a "followed to t" denominator, dead or alive).
 */
export function stateAt(cohort: Cohort, p: number, t: number): number {
  checkPatient(cohort, p);
  if (!(t <= cohort.followUp[p]!)) return NOT_OBSERVED;
  return pathStateAt(cohort, p, t);
}

/** Whether patient `p` is under observation at time `t` (months): 0 ≤ t ≤ followUp[p]. */
export function isFollowedAt(cohort: Cohort, p: number, t: number): boolean {
  checkPatient(cohort, p);
  return t >= 0 && t <= cohort.followUp[p]!;
}

/** Right-censored data for Kaplan–Meier: `event` 1 = event at `time`, 0 = censored (months). */
export interface SurvivalData {
  time: Float64Array;
  event: Uint8Array;
}

/** Competing-risks data for Aalen–Johansen: `cause` 0 = censored, 1, 2 = which event (months). */
export interface CompetingData {
  time: Float64Array;
  cause: Uint8Array;
}

/**
 * Overall survival: time to death (entering a state with `alive = false`), censored at
 * `followUp[p]`. One row per patient, in patient order.
 */
export function overallSurvivalData(cohort: Cohort, spec: ModelSpec): SurvivalData {
  const { alive } = stateMasks(spec);
  const { n, offsets, eventTime, eventState, followUp } = cohort;
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const fu = followUp[p]!;
    time[p] = fu;
    const end = offsets[p + 1]!;
    for (let e = offsets[p]!; e < end; e++) {
      const et = eventTime[e]!;
      if (et > fu) break;
      if (!alive[eventState[e]!]) {
        time[p] = et;
        event[p] = 1;
        break;
      }
    }
  }
  return { time, event };
}

/**
 * Time to first remission (entering a state with `inRemission`), one row per patient.
 * `km`: event 1 = remission; death first and end of follow-up both censor (the usual, biased
 * "1 − KM" analysis). `cif`: cause 1 = remission, 2 = death before any remission, 0 = censored at
 * `followUp[p]`. Both share one `time` column (months).
 */
export function timeToRemissionData(
  cohort: Cohort,
  spec: ModelSpec,
): { km: SurvivalData; cif: CompetingData } {
  const { time, event, cause } = firstEntryData(cohort, spec, stateMasks(spec).inRemission);
  return { km: { time, event }, cif: { time, cause } };
}

/**
 * Time to the first entry into any state of `mask`, with death first as the competing cause:
 * cause 1 = entered, 2 = died first, 0 = censored at follow-up (months).
 */
export function firstEntryData(
  cohort: Cohort,
  spec: ModelSpec,
  mask: Uint8Array,
): { time: Float64Array; cause: Uint8Array; event: Uint8Array } {
  const { alive } = stateMasks(spec);
  const { n, offsets, eventTime, eventState, followUp } = cohort;
  const time = new Float64Array(n);
  const cause = new Uint8Array(n);
  const event = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const fu = followUp[p]!;
    time[p] = fu;
    for (let e = offsets[p]!, end = offsets[p + 1]!; e < end; e++) {
      const et = eventTime[e]!;
      if (et > fu) break;
      const s = eventState[e]!;
      if (mask[s]) {
        time[p] = et;
        cause[p] = 1;
        event[p] = 1;
        break;
      }
      if (!alive[s]) {
        time[p] = et;
        cause[p] = 2;
        break;
      }
    }
  }
  return { time, cause, event };
}

/**
 * Time from first remission to first relapse (months), for the patients whose first remission
 * falls within follow-up (`patient` gives their indices, increasing). The first relapse is the
 * first state with `everRelapsed`. `km`: event 1 = relapse; death and end of follow-up censor.
 * `cif`: cause 1 = relapse, 2 = death without relapse, 0 = censored at `followUp[p]`.
 */
export function remissionToRelapseData(
  cohort: Cohort,
  spec: ModelSpec,
): { km: SurvivalData; cif: CompetingData; patient: Uint32Array } {
  const { alive, inRemission, everRelapsed } = stateMasks(spec);
  const { n, offsets, eventTime, eventState, followUp } = cohort;
  // Two passes (count, then fill) keep the output exactly sized without growing arrays.
  const firstEvent = new Int32Array(n).fill(-1); // index of the first remission event
  let m = 0;
  for (let p = 0; p < n; p++) {
    const fu = followUp[p]!;
    const end = offsets[p + 1]!;
    for (let e = offsets[p]!; e < end; e++) {
      const et = eventTime[e]!;
      if (et > fu) break;
      const s = eventState[e]!;
      if (inRemission[s]) {
        firstEvent[p] = e;
        m++;
        break;
      }
      if (!alive[s]) break;
    }
  }
  const time = new Float64Array(m);
  const event = new Uint8Array(m);
  const cause = new Uint8Array(m);
  const patient = new Uint32Array(m);
  for (let p = 0, i = 0; p < n; p++) {
    const e0 = firstEvent[p]!;
    if (e0 < 0) continue;
    const r = eventTime[e0]!;
    const fu = followUp[p]!;
    patient[i] = p;
    time[i] = fu - r;
    const end = offsets[p + 1]!;
    for (let e = e0 + 1; e < end; e++) {
      const et = eventTime[e]!;
      if (et > fu) break;
      const s = eventState[e]!;
      if (everRelapsed[s]) {
        time[i] = et - r;
        event[i] = 1;
        cause[i] = 1;
        break;
      }
      if (!alive[s]) {
        time[i] = et - r;
        cause[i] = 2;
        break;
      }
    }
    i++;
  }
  return { km: { time, event }, cif: { time, cause }, patient };
}
