import type { Cohort, ModelSpec } from '../../model/types';
import { sortTimes } from '../../model/numeric/sortTimes';

/**
 * The cohort view at sizes dots cannot show (issue 14: a million patients): a fixed sample of
 * patients drawn as dots, and every lane's count of the whole cohort at any time.
 */

/** Above this many patients the cohort view draws a sample of this many dots. */
export const DOT_LIMIT = 4000;

/**
 * The first `k` patients of a cohort as a cohort of their own (views, no copies). Patients are
 * exchangeable (each draws its own numbers from the seed, see microsim.ts), so the first k are a
 * simple random sample of the cohort, and the same patients whatever n is or a slider does:
 * their dots move only when their own paths change. Events are stored patient by patient, so
 * the first k patients' events are a prefix of the event columns.
 */
export function firstPatients(cohort: Cohort, k: number): Cohort {
  const m = Math.max(0, Math.min(cohort.n, Math.floor(k)));
  const events = cohort.offsets[m]!;
  return {
    n: m,
    horizon: cohort.horizon,
    offsets: cohort.offsets.subarray(0, m + 1),
    eventTime: cohort.eventTime.subarray(0, events),
    eventState: cohort.eventState.subarray(0, events),
    followUp: cohort.followUp.subarray(0, m),
    entry: cohort.entry.subarray(0, m),
  };
}

/** Counts per lane at any time, from `createLaneCounts`. */
export interface LaneCounts {
  /**
   * Writes into `out` (length lanes + 1) the patients in each lane at t (months), censored
   * excluded, and the number censored at the end: what the dot layout counts for every patient
   * (a patient is in the lane of its last event at or before t within follow-up; a living patient
   * is censored once t is past its follow-up). O(lanes · log n).
   */
  countsAt(t: number, out: Int32Array): void;
}

/** The index of the first entry of the increasing `a` greater than t (entries ≤ t). */
function countAtOrBefore(a: Float64Array, t: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The number of entries of the increasing `a` below t. */
function countBefore(a: Float64Array, t: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Every lane's count as a function of time for the whole cohort: per lane the sorted times at
 * which patients enter it and leave it (by an event, or by censoring), so that a frame reads
 * the counts by binary search instead of walking a million patients. `laneIds` in display order
 * (`lanesOf`).
 */
export function createLaneCounts(
  cohort: Cohort,
  spec: ModelSpec,
  laneIds: readonly string[],
): LaneCounts {
  const L = laneIds.length;
  const laneOfState = spec.states.map((s) => laneIds.indexOf(s.lane));
  const { n, offsets, eventTime, eventState, followUp } = cohort;
  // Two passes: count each lane's entries and exits, then fill exactly sized columns.
  const nEnter = new Uint32Array(L);
  const nLeave = new Uint32Array(L);
  const nCensor = new Uint32Array(L);
  const walk = (
    onEnter: (lane: number, t: number) => void,
    onLeave: (lane: number, t: number) => void,
    onCensor: (lane: number, t: number) => void,
  ) => {
    for (let p = 0; p < n; p++) {
      const fu = followUp[p]!;
      const end = offsets[p + 1]!;
      let e = offsets[p]!;
      let lane = laneOfState[eventState[e]!]!;
      let alive = spec.states[eventState[e]!]!.alive;
      onEnter(lane, 0);
      for (e++; e < end && eventTime[e]! <= fu; e++) {
        const s = eventState[e]!;
        alive = spec.states[s]!.alive;
        const next = laneOfState[s]!;
        if (next === lane) continue;
        onLeave(lane, eventTime[e]!);
        onEnter(next, eventTime[e]!);
        lane = next;
      }
      if (alive) onCensor(lane, fu);
    }
  };
  walk(
    (l) => nEnter[l]!++,
    (l) => nLeave[l]!++,
    (l) => nCensor[l]!++,
  );
  const enter = Array.from(nEnter, (c) => new Float64Array(c));
  const leave = Array.from(nLeave, (c) => new Float64Array(c));
  const censor = Array.from(nCensor, (c) => new Float64Array(c));
  nEnter.fill(0);
  nLeave.fill(0);
  nCensor.fill(0);
  walk(
    (l, t) => (enter[l]![nEnter[l]!++] = t),
    (l, t) => (leave[l]![nLeave[l]!++] = t),
    (l, t) => (censor[l]![nCensor[l]!++] = t),
  );
  for (const a of [...enter, ...leave, ...censor]) sortTimes(a);
  return {
    countsAt(tIn, out) {
      const t = Number.isFinite(tIn) ? Math.max(0, tIn) : 0;
      let censored = 0;
      for (let l = 0; l < L; l++) {
        // Censoring counts once t is strictly past the follow-up, as in the dot layout.
        const c = countBefore(censor[l]!, t);
        censored += c;
        out[l] = countAtOrBefore(enter[l]!, t) - countAtOrBefore(leave[l]!, t) - c;
      }
      out[L] = censored;
    },
  };
}
