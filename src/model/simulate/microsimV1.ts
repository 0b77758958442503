/**
 * FROZEN: sampler version 1, kept only so that links made before version 2 (URL `v=1`) reopen
 * with exactly the patients they showed. Do not change a single operation here: any change moves
 * old links' patients (`tests/model/simulate/microsimV1.test.ts` pins a cohort's hash). New work
 * goes into `microsim.ts`.
 *
 * Sampling (version 1): a patient in state s during time piece p waits an exponential time with
 * the TOTAL exit rate λ = Σ_j q_sj (one uniform and one log), then picks the destination j with
 * probability q_sj / λ (one more uniform, skipped when only one destination is possible). When
 * the waiting time passes the end of the piece, the patient moves to the piece end without an
 * event and draws again under the next piece's rates (exact: the exponential is memoryless).
 * Draws come from ONE sequential alea stream `seed` / `path`, patient 0 first; so a patient who
 * uses one more draw shifts the numbers of every later patient (why version 2 exists).
 */

import { RATE_YEARS_PER_MONTH, type ModelSpec } from '../types';
import { aleaState, detLog } from './random';
import { grow, type EventColumns } from './eventColumns';

/** Tables the hot loop reads, indexed by k = piece · S + state. */
interface Compiled {
  S: number;
  /** End of each piece, clipped to the horizon (months); the last used piece ends at the horizon. */
  pieceEnd: Float64Array;
  /** 1 / (total exit rate per month), or 0 when the total rate is 0. */
  invRate: Float64Array;
  /** 1 when the state has no exit in this piece or any later one before the horizon: stop. */
  stop: Uint8Array;
  /** Number of destinations with a positive rate. */
  nDest: Uint8Array;
  /** Destinations and cumulative probabilities, `maxK` slots per k; the last used slot is 1. */
  dest: Uint8Array;
  cum: Float64Array;
  maxK: number;
}

function compileV1(spec: ModelSpec, horizon: number): Compiled {
  const S = spec.states.length;
  // Pieces that start before the horizon; later ones are never reached.
  let P = 1;
  while (P <= spec.breakpoints.length && spec.breakpoints[P - 1]! < horizon) P++;
  const pieceEnd = new Float64Array(P);
  for (let p = 0; p < P; p++) pieceEnd[p] = p < P - 1 ? spec.breakpoints[p]! : horizon;

  // Per-piece rate matrix (per month), summing duplicate transitions.
  const q = new Float64Array(P * S * S);
  for (const tr of spec.transitions) {
    for (let p = 0; p < P; p++) {
      q[(p * S + tr.from) * S + tr.to]! += tr.ratesPerYear[p]! * RATE_YEARS_PER_MONTH;
    }
  }
  let maxK = 1;
  for (let k = 0; k < P * S; k++) {
    let c = 0;
    for (let j = 0; j < S; j++) if (q[k * S + j]! > 0) c++;
    if (c > maxK) maxK = c;
  }
  const invRate = new Float64Array(P * S);
  const stop = new Uint8Array(P * S);
  const nDest = new Uint8Array(P * S);
  const dest = new Uint8Array(P * S * maxK);
  const cum = new Float64Array(P * S * maxK);
  for (let k = 0; k < P * S; k++) {
    let total = 0;
    for (let j = 0; j < S; j++) total += q[k * S + j]!;
    if (total === 0) continue;
    invRate[k] = 1 / total;
    let acc = 0;
    let m = 0;
    for (let j = 0; j < S; j++) {
      const r = q[k * S + j]!;
      if (r <= 0) continue;
      acc += r;
      dest[k * maxK + m] = j;
      cum[k * maxK + m] = acc / total;
      m++;
    }
    // Rounding could leave the last cumulative value just below 1; a uniform < 1 must stop there.
    cum[k * maxK + m - 1] = 1;
    nDest[k] = m;
  }
  for (let s = 0; s < S; s++) {
    let exits = false;
    for (let p = P - 1; p >= 0; p--) {
      if (invRate[p * S + s]! > 0) exits = true;
      stop[p * S + s] = exits ? 0 : 1;
    }
  }
  return { S, pieceEnd, invRate, stop, nDest, dest, cum, maxK };
}

/**
 * Version-1 paths of `n` patients of a validated `spec` up to `horizon` (months) from the
 * sequential stream `seed` / `path`. Inputs are validated by `simulateCohort`.
 */
export function sampleV1(
  spec: ModelSpec,
  n: number,
  horizon: number,
  seed: string,
  path: readonly (string | number)[],
  maxEvents: number,
): EventColumns {
  const { S, pieceEnd, invRate, stop, nDest, dest, cum, maxK } = compileV1(spec, horizon);
  const init = spec.initialState;

  let cap = Math.min(maxEvents, Math.max(16, n * Math.min(S, 4)));
  let eventTime = new Float64Array(cap);
  let eventState = new Uint8Array(cap);
  const offsets = new Uint32Array(n + 1);
  let len = 0;

  // Alea state in locals (see random.ts `aleaNext`; the recurrence must stay identical).
  const st = aleaState(seed, path);
  let s0 = st.s0;
  let s1 = st.s1;
  let s2 = st.s2;
  let c = st.c;
  const TWO_POW_M32 = 2.3283064365386963e-10;

  for (let p = 0; p < n; p++) {
    offsets[p] = len;
    // Room for the initial event; further events check again below.
    if (len === cap) {
      cap = grow(cap, n, p, maxEvents);
      const nt = new Float64Array(cap);
      nt.set(eventTime);
      eventTime = nt;
      const ns = new Uint8Array(cap);
      ns.set(eventState);
      eventState = ns;
    }
    eventTime[len] = 0;
    eventState[len] = init;
    len++;
    let s = init;
    let t = 0;
    let piece = 0;
    for (;;) {
      const k = piece * S + s;
      if (stop[k] === 1) break;
      const end = pieceEnd[piece]!;
      const inv = invRate[k]!;
      if (inv === 0) {
        // No exit in this piece but some later: jump to the piece end (end < horizon here).
        t = end;
        piece++;
        continue;
      }
      let tt: number;
      do {
        tt = 2091639 * s0 + c * TWO_POW_M32;
        s0 = s1;
        s1 = s2;
        c = tt | 0;
        s2 = tt - c;
      } while (s2 === 0);
      const tn = t - detLog(s2) * inv;
      if (tn >= end) {
        // No event in this piece (memoryless: redraw under the next piece's rates), or none
        // before the horizon.
        if (piece === pieceEnd.length - 1) break;
        t = end;
        piece++;
        continue;
      }
      const nd = nDest[k]!;
      const base = k * maxK;
      if (nd === 1) {
        s = dest[base]!;
      } else {
        do {
          tt = 2091639 * s0 + c * TWO_POW_M32;
          s0 = s1;
          s1 = s2;
          c = tt | 0;
          s2 = tt - c;
        } while (s2 === 0);
        let j = base;
        while (s2 >= cum[j]!) j++;
        s = dest[j]!;
      }
      t = tn;
      if (len === cap) {
        cap = grow(cap, n, p, maxEvents);
        const nt = new Float64Array(cap);
        nt.set(eventTime);
        eventTime = nt;
        const ns = new Uint8Array(cap);
        ns.set(eventState);
        eventState = ns;
      }
      eventTime[len] = t;
      eventState[len] = s;
      len++;
    }
  }
  offsets[n] = len;
  return { offsets, eventTime: eventTime.slice(0, len), eventState: eventState.slice(0, len) };
}
