/**
 * Continuous-time microsimulation of a multi-state Markov model with piecewise-constant
 * intensities.
 *
 * Sampling: a patient in state s during time piece p waits an exponential time with the TOTAL
 * exit rate λ = Σ_j q_sj (one uniform and one log), then picks the destination j with probability
 * q_sj / λ (one more uniform, skipped when only one destination is possible). Competing
 * exponentials (one waiting time per possible destination, keep the smallest) give the same law
 * but cost one uniform AND one log per destination: with k destinations that is k uniforms and k
 * logs per event against at most 2 uniforms and 1 log. Equal uniforms at k = 2 (Active,
 * Remission in the template), fewer logs always, and far fewer draws for richer models, so the
 * total-rate method is used. When the waiting time passes the end of the piece, the patient
 * moves to the piece end without an event and draws again under the next piece's rates: this is
 * exact, because the exponential is memoryless. So there is no discretisation error at all.
 *
 * Draws come from the stream `seed` / `stream` (default `['cohort']`), patient 0 first, so the
 * first patients of a larger cohort are the patients of a smaller one (see `random.ts`). The
 * alea recurrence is inlined in the hot loop with its state in local variables; the per-(piece,
 * state) total rates and cumulative destination tables are precomputed into typed arrays.
 */

import { RATE_YEARS_PER_MONTH, type Cohort, type ModelSpec, type StudyDesign } from '../types';
import { aleaState, detLog } from './random';
import { sampleFollowUp } from './design';
// One validation of model specs for the whole core (state count ≤ MAX_STATES = 255, since codes
// are stored in a Uint8Array; breakpoints; transitions; rates per piece).
import { validateSpec } from '../markov/generator';

/** Largest cohort `simulateCohort` accepts (patients). */
export const MAX_COHORT = 1_000_000;

/** Longest horizon `simulateCohort` accepts (months; 100 years). */
export const MAX_HORIZON_MONTHS = 1200;

/**
 * Most events (rows of the event columns, initial ones included) one cohort may hold: 5·10⁷ rows
 * take 450 MB. Only fast-cycling models with huge n and horizon get there; they get an error
 * instead of an out-of-memory crash.
 */
export const MAX_EVENTS = 50_000_000;

/** Options of `simulateCohort`. */
export interface SimulateOptions {
  /** Number of patients, an integer in [1, MAX_COHORT]. */
  n: number;
  /** Months to simulate, in (0, MAX_HORIZON_MONTHS]. */
  horizonMonths: number;
  /** The scenario seed. */
  seed: string;
  /** Stream path for the trajectories. @default ['cohort'] */
  stream?: (string | number)[];
  /** Study design producing follow-up (censoring). @default none: followUp = horizon, entry = 0 */
  design?: StudyDesign;
  /** Stream path for the design's draws. @default ['censoring', ...stream] */
  censoringStream?: (string | number)[];
  /** Most event rows before giving up with an error (a worker may want less). @default MAX_EVENTS */
  maxEvents?: number;
}

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

function compile(spec: ModelSpec, horizon: number): Compiled {
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

/** The doubled buffer capacity, or an error naming the inputs when it passes MAX_EVENTS. */
function grow(cap: number, n: number, patient: number, maxEvents: number): number {
  if (cap >= maxEvents) {
    throw new Error(
      `The cohort needs more than ${maxEvents} events (reached at patient ${patient + 1} of ${n}); ` +
        'lower "n", "horizonMonths" or the intensities.',
    );
  }
  return Math.min(cap * 2, maxEvents);
}

/**
 * Simulates `n` patients of `spec` in continuous time up to `horizonMonths` (months) from the
 * stream `seed` / `stream` (default `['cohort']`). With `design`, follow-up and entry come from
 * `sampleFollowUp` on its own stream (default `['censoring', ...stream]`); without, follow-up is
 * the horizon and entry 0. Throws an error naming the field on invalid input.
 */
export function simulateCohort(spec: ModelSpec, options: SimulateOptions): Cohort {
  if (options === null || typeof options !== 'object') {
    throw new Error(`"options" must be an object, got ${String(options)}.`);
  }
  const { n, horizonMonths: horizon, seed } = options;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_COHORT) {
    throw new Error(`"n" must be an integer in [1, ${MAX_COHORT}], got ${n}.`);
  }
  if (
    typeof horizon !== 'number' ||
    !Number.isFinite(horizon) ||
    horizon <= 0 ||
    horizon > MAX_HORIZON_MONTHS
  ) {
    throw new Error(
      `"horizonMonths" must be a finite number in (0, ${MAX_HORIZON_MONTHS}] months, got ${horizon}.`,
    );
  }
  if (typeof seed !== 'string') {
    throw new Error(`"seed" must be a string, got ${typeof seed}.`);
  }
  const maxEvents = options.maxEvents ?? MAX_EVENTS;
  if (typeof maxEvents !== 'number' || !(maxEvents >= 1) || maxEvents > MAX_EVENTS) {
    throw new Error(`"maxEvents" must be a number in [1, ${MAX_EVENTS}], got ${maxEvents}.`);
  }
  validateSpec(spec);
  const path = options.stream ?? ['cohort'];
  // Sample the design first: it validates the design before the (long) simulation runs.
  const fu = options.design
    ? sampleFollowUp(
        options.design,
        n,
        horizon,
        seed,
        options.censoringStream ?? ['censoring', ...path],
      )
    : null;

  const { S, pieceEnd, invRate, stop, nDest, dest, cum, maxK } = compile(spec, horizon);
  const init = spec.initialState;

  // Event buffers grow geometrically; the first guess fits an acyclic model of up to 4 events
  // per patient without any growth.
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

  let followUp: Float64Array;
  let entry: Float64Array;
  if (fu) {
    followUp = fu.followUp;
    entry = fu.entry;
  } else {
    followUp = new Float64Array(n).fill(horizon);
    entry = new Float64Array(n);
  }
  return {
    n,
    horizon,
    offsets,
    // Exact-length copies: a cohort posted from a worker should not carry the spare capacity.
    eventTime: eventTime.slice(0, len),
    eventState: eventState.slice(0, len),
    followUp,
    entry,
  };
}
