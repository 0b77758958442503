/**
 * Individual patient data from a digitised Kaplan–Meier curve and its number-at-risk table: the
 * algorithm of Guyot, Ades, Ouwens & Welton (2012), "Enhanced secondary analysis of survival
 * data: reconstructing the data from published Kaplan–Meier survival curves", BMC Medical
 * Research Methodology 12:9, section "Algorithm" and its Additional file 1.
 *
 * Between two consecutive at-risk times the algorithm
 * 1. guesses the number censored in the interval from the drop of the curve
 *    (n_i · S(next)/S(start) − n_next, rounded);
 * 2. spreads those censorings evenly over the interval, and at each digitised point inverts the
 *    KM product, d_k = round(n_k · (1 − S_k / Ŝ_last)), where Ŝ_last is the reconstructed KM
 *    after the last point with an event, and n_{k+1} = n_k − d_k − c_k;
 * 3. corrects the number censored by the difference between the reconstructed and the published
 *    number at risk at the next at-risk time, and repeats until they agree.
 * After the last at-risk time the censoring rate is taken as the average of the earlier
 * intervals; when the paper gives the total number of events, the censoring in that last
 * interval is adjusted until the total agrees. Events are placed at the digitised times,
 * censorings at their evenly spread times, and everyone left at the end is censored at the last
 * digitised time. (Guyot et al.'s code spreads the censorings between the digitised points
 * around the at-risk times and writes them at midpoints between points, so a censoring can land
 * just past an at-risk time and be counted at risk there; spreading them over the at-risk
 * interval itself keeps the reconstructed numbers at risk equal to the ones it matched.)
 *
 * The code is written from the paper's description; the loop guards (a cap on the iterations,
 * never fewer than zero censored, never more censored than at risk) keep noisy input from
 * looping or producing negative counts.
 */

import { kaplanMeier } from '../estimate/kaplanMeier';
import { largestGap, type CurveGap } from './gap';
import {
  prepareDigitised,
  type DigitisedInput,
  type InputMessage,
  type PreparedInput,
} from './digitised';

/** One digitised point with what the reconstruction made of it. */
export interface ReconstructedPoint {
  /** Digitised time (months) and survival (fraction), after repair. */
  time: number;
  survival: number;
  /** Reconstructed number at risk just before this point. */
  atRisk: number;
  /** Reconstructed events at this time. */
  events: number;
  /** Reconstructed censorings between this point and the next. */
  censored: number;
}

/** The published against the reconstructed number at risk at one at-risk time. */
export interface AtRiskComparison {
  time: number;
  published: number;
  reconstructed: number;
}

/** What {@link reconstructIpd} returns. */
export interface Reconstruction {
  /** False when the input could not be used (a `fatal` message says why); arrays are empty. */
  ok: boolean;
  /** Reconstructed patients: time (months), sorted; event 1 = event, 0 = censored. */
  time: Float64Array;
  event: Uint8Array;
  /** Number of patients, events and censorings. */
  n: number;
  events: number;
  censored: number;
  /** The repaired digitised points with the reconstruction's counts. */
  points: ReconstructedPoint[];
  /** Published and reconstructed numbers at risk (the rows of the table that were used). */
  atRisk: AtRiskComparison[];
  /**
   * Largest |Ŝ(t) − S_digitised(t)| over the digitised points, Ŝ the KM of the reconstructed
   * patients, and the time where it is (months).
   */
  largestGap: CurveGap;
  /** Repairs and refusals of the input, and notes from the algorithm. */
  messages: InputMessage[];
}

/** Loops that adjust a number censored stop after this many rounds (they converge in a few). */
const MAX_ROUNDS = 500;

/**
 * Reconstructs individual patient data from a digitised KM curve, its number-at-risk table and,
 * when given, the total number of events (Guyot et al. 2012; see the module comment). The input
 * is first checked and repaired by `prepareDigitised`. Never throws: unusable input gives
 * `ok: false` with messages.
 */
export function reconstructIpd(input: DigitisedInput): Reconstruction {
  const prepared = prepareDigitised(input);
  if (prepared.fatal) {
    return {
      ok: false,
      time: new Float64Array(0),
      event: new Uint8Array(0),
      n: 0,
      events: 0,
      censored: 0,
      points: [],
      atRisk: [],
      largestGap: { value: NaN, time: NaN },
      messages: prepared.messages,
    };
  }
  return reconstructPrepared(prepared);
}

/** The algorithm on input that `prepareDigitised` has already checked. */
export function reconstructPrepared(prepared: PreparedInput): Reconstruction {
  const { time: t, survival: S, riskTime, riskCount, totalEvents } = prepared;
  const messages = [...prepared.messages];
  const m = t.length;
  const K = riskTime.length;
  // lower[i]: first point at or after at-risk time i; upper[i]: last point before time i + 1.
  const lower = riskTime.map((r) => t.findIndex((x) => x >= r));
  const upper = lower.map((_, i) => (i < K - 1 ? lower[i + 1]! - 1 : m - 1));

  const d = new Int32Array(m);
  const c = new Int32Array(m);
  const nHat = new Int32Array(m + 1);
  const km = new Float64Array(m).fill(1);
  /** Index of the last point with an event before each interval (its Ŝ is the reference). */
  const lastBefore = new Int32Array(K);

  // Spreads `nCens` censorings evenly over the at-risk interval (tStart, tEnd) and counts each
  // into the last point lo..hi at or before it (it leaves after that point's events). A
  // censoring before the interval's first point is placed at that point (still at risk there).
  const censorTimes: number[][] = t.map(() => []);
  const spread = (nCens: number, lo: number, hi: number, tStart: number, tEnd: number): void => {
    c.fill(0, lo, hi + 1);
    for (let k = lo; k <= hi; k++) censorTimes[k] = [];
    if (nCens <= 0) return;
    const width = (tEnd - tStart) / (nCens + 1);
    for (let j = 1; j <= nCens; j++) {
      const ct = tStart + j * width;
      let k = hi;
      while (k > lo && t[k]! > ct) k--;
      c[k]!++;
      censorTimes[k]!.push(Math.max(ct, t[k]!));
    }
  };

  // Steps 2: events at each point of interval i, starting with n at risk; returns the last
  // point with an event.
  const fill = (i: number, nStart: number): number => {
    let last = lastBefore[i]!;
    nHat[lower[i]!] = nStart;
    for (let k = lower[i]!; k <= upper[i]!; k++) {
      const n = nHat[k]!;
      const ref = km[last]!;
      let dk = 0;
      if (k > 0 && ref > 0 && n > 0) {
        dk = Math.min(n, Math.max(0, Math.round(n * (1 - S[k]! / ref))));
      }
      d[k] = dk;
      km[k] = k === 0 ? 1 : n > 0 ? ref * (1 - dk / n) : ref;
      let next = n - dk - c[k]!;
      if (next < 0) {
        // Never more censored than are left.
        c[k] = n - dk;
        next = 0;
      }
      nHat[k + 1] = next;
      if (dk > 0) last = k;
    }
    return last;
  };

  let nStart = riskCount[0]!;
  let censoredBefore = 0;
  for (let i = 0; i < K - 1; i++) {
    const lo = lower[i]!;
    const hi = upper[i]!;
    const target = riskCount[i + 1]!;
    const sLo = S[lo]!;
    let nCens = sLo > 0 ? Math.round((nStart * S[lower[i + 1]!]!) / sLo - target) : nStart - target;
    let best = { nCens: Math.max(0, nCens), miss: Infinity };
    const tried = new Set<number>();
    let last = 0;
    let filled = -1;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      nCens = Math.min(Math.max(0, nCens), nStart);
      if (tried.has(nCens)) break; // a cycle: keep the best value seen
      tried.add(nCens);
      spread(nCens, lo, hi, riskTime[i]!, riskTime[i + 1]!);
      last = fill(i, nStart);
      filled = nCens;
      const reached = nHat[lower[i + 1]!]!;
      const miss = Math.abs(reached - target);
      if (miss < best.miss) best = { nCens, miss };
      if (reached === target) break;
      if (reached < target && nCens === 0) break; // more events than the table allows
      nCens += reached - target;
    }
    if (best.nCens !== filled) {
      spread(best.nCens, lo, hi, riskTime[i]!, riskTime[i + 1]!);
      last = fill(i, nStart);
    }
    lastBefore[i + 1] = last;
    const reached = nHat[lower[i + 1]!]!;
    if (reached !== target) {
      messages.push({
        field: 'atRisk',
        line: 0,
        kind: 'repaired',
        text: `at ${riskTime[i + 1]} the curve's drop leaves ${reached} at risk, not the published ${target}; the reconstruction continues from ${reached}`,
      });
    }
    for (let k = lo; k <= hi; k++) censoredBefore += c[k]!;
    nStart = reached;
  }

  // Last interval: censoring at the average rate of the earlier intervals (Guyot et al.).
  const lo = lower[K - 1]!;
  const hi = m - 1;
  const spanBefore = K > 1 ? t[upper[K - 2]!]! - t[0]! : 0;
  let nCens =
    K > 1 && spanBefore > 0
      ? Math.min(Math.round((censoredBefore * (t[hi]! - t[lo]!)) / spanBefore), nStart)
      : 0;
  // The last point gets no censoring of its own: everyone left is censored there anyway.
  const spreadLast = (n: number) => {
    c.fill(0, lo, hi + 1);
    if (n > 0 && hi > lo) spread(n, lo, hi - 1, riskTime[K - 1]!, t[hi]!);
  };
  spreadLast(nCens);
  fill(K - 1, nStart);
  if (totalEvents !== null) {
    let eventsBefore = 0;
    for (let k = 0; k < lo; k++) eventsBefore += d[k]!;
    const sumD = (): number => d.reduce((a, b) => a + b, 0);
    if (K > 1 && eventsBefore >= totalEvents) {
      // Already as many events as published: nothing more happens after the last at-risk time.
      d.fill(0, lo, hi + 1);
      c.fill(0, lo, hi + 1);
      for (let k = lo; k <= hi; k++) nHat[k + 1] = nStart;
      messages.push({
        field: 'totalEvents',
        line: 0,
        kind: 'repaired',
        text: `the curve up to ${riskTime[K - 1]} already has ${eventsBefore} events (published total ${totalEvents}); no events reconstructed after it`,
      });
    } else {
      let total = sumD();
      let filled = nCens;
      const tried = new Set<number>([nCens]);
      let best = { nCens, miss: Math.abs(total - totalEvents) };
      for (let round = 0; round < MAX_ROUNDS; round++) {
        if (total === totalEvents || (total < totalEvents && nCens === 0)) break;
        nCens = Math.min(Math.max(0, nCens + (total - totalEvents)), nStart);
        if (tried.has(nCens)) break;
        tried.add(nCens);
        spreadLast(nCens);
        fill(K - 1, nStart);
        filled = nCens;
        total = sumD();
        const miss = Math.abs(total - totalEvents);
        if (miss < best.miss) best = { nCens, miss };
      }
      if (best.nCens !== filled) {
        nCens = best.nCens;
        spreadLast(nCens);
        fill(K - 1, nStart);
        total = sumD();
      }
      if (total !== totalEvents) {
        messages.push({
          field: 'totalEvents',
          line: 0,
          kind: 'repaired',
          text: `the curve gives ${total} events; the published total ${totalEvents} cannot be met exactly`,
        });
      }
    }
  }

  // Patients: events at the digitised times, censorings between points, the rest at the end.
  const n0 = riskCount[0]!;
  const time = new Float64Array(n0);
  const event = new Uint8Array(n0);
  let p = 0;
  for (let k = 0; k < m && p < n0; k++) {
    for (let j = 0; j < d[k]! && p < n0; j++) {
      time[p] = t[k]!;
      event[p++] = 1;
    }
  }
  const nEvents = p;
  for (let k = 0; k < m && p < n0; k++) {
    // c[k] may have been lowered below the spread count (never more censored than at risk).
    for (let j = 0; j < c[k]! && p < n0; j++) time[p++] = censorTimes[k]![j] ?? t[k]!;
  }
  while (p < n0) time[p++] = t[m - 1]!;
  // Sorted by time (events before censorings at equal times), as a CSV reader would expect.
  const order = Array.from({ length: n0 }, (_, i) => i).sort(
    (a, b) => time[a]! - time[b]! || event[b]! - event[a]!,
  );
  const sortedTime = Float64Array.from(order, (i) => time[i]!);
  const sortedEvent = Uint8Array.from(order, (i) => event[i]!);

  const fit = kaplanMeier(sortedTime, sortedEvent);
  const atRisk = riskTime.map((r, i) => {
    let reconstructed = 0;
    for (let j = 0; j < n0; j++) if (sortedTime[j]! >= r) reconstructed++;
    return { time: r, published: riskCount[i]!, reconstructed };
  });
  return {
    ok: true,
    time: sortedTime,
    event: sortedEvent,
    n: n0,
    events: nEvents,
    censored: n0 - nEvents,
    points: t.map((time, k) => ({
      time,
      survival: S[k]!,
      atRisk: nHat[k]!,
      events: d[k]!,
      censored: c[k]!,
    })),
    atRisk,
    largestGap: largestGap(fit, t, S),
    messages,
  };
}
