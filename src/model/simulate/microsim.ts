/**
 * Continuous-time microsimulation of a multi-state Markov model with piecewise-constant
 * intensities: competing clocks on per-patient random numbers (sampler version 2).
 *
 * ## Sampling
 * Every (patient p, transition a → b, occurrence k) has its own unit exponential
 * E = `hashExponential(clockHash(key, patientHash(key, p), a, b, k))` (see random.ts: a pure
 * function of the stream key, p, a, b and k, so no draw depends on another). When a patient
 * enters a at time t₀ (its k-th stay in a), the clock of each a → b fires at the time t where the
 * integrated intensity ∫_{t₀}^{t} q_ab(s) ds reaches E_ab; the earliest clock wins, the patient
 * moves to its b, and the other clocks of this stay are discarded. With q piecewise constant the
 * integral is exact: within piece [τ, end) the clock fires at τ + E_rem / q if that is before
 * `end`; otherwise E_rem −= q·(end − τ) and the next piece starts. A clock fired this way is the
 * inverse of its cumulative hazard at a unit exponential, so it has hazard q_ab (Bender, Augustin
 * & Blettner, Stat Med 2005;24:1713), and the earliest of independent exponential clocks is the
 * next jump of the Markov chain, each b winning with probability q_ab / Σ q (Norris, Markov
 * Chains, 1997, Thm 2.3.3 and §2.6): the law is exactly the model's, with no discretisation.
 *
 * ## What the coupling guarantees (tests/model/simulate/microsimCoupling.test.ts proves each)
 * (a) Changing q_ab on some pieces leaves a patient's path unchanged up to the first moment the
 *     patient is in a during a changed piece: before then no computed quantity involves it.
 * (b) A patient who never enters a is identical, event for event.
 * (c) Raising q_ab (others fixed) never makes a patient's first a → b later; lowering it never
 *     makes it earlier: until that first transition, at every stay in a the a → b clock fires no
 *     later (E is fixed; E_rem/q and q·Δ are monotone also in rounded arithmetic), so either it
 *     wins earlier or the stay ends as before and the path is unchanged. (An exact tie between
 *     two clocks, which needs two equal firing times in doubles, is the only exception.)
 * (d) Patient p's numbers do not depend on n, censoring or the design (their own stream).
 * (e) Two arms on the same stream (common random numbers) give patient p the same E for every
 *     transition and occurrence for the whole path: arm B's patient p is arm A's patient p with
 *     arm B's intensities.
 * Cost: one hash and one table-driven log per possible destination per stay (the total-rate
 * method of version 1 used one alea draw and one fdlibm log per stay and piece, plus one draw to
 * pick the destination, but couples nothing). `npm run bench` times both: about the same speed.
 *
 * The hot loop holds the key in locals and inlines `clockHash`; the per-(piece, state)
 * destination rates are precomputed into typed arrays and the per-stay clocks live in one
 * preallocated array, so nothing is allocated per patient.
 */

import { RATE_YEARS_PER_MONTH, type Cohort, type ModelSpec, type StudyDesign } from '../types';
import { hashExponential, patientHash, streamKeyWords } from './random';
import { sampleFollowUp } from './design';
// One validation of model specs for the whole core (state count ≤ MAX_STATES = 255, since codes
// are stored in a Uint8Array; breakpoints; transitions; rates per piece).
import { validateSpec } from '../markov/generator';
import { grow, widen, type EventColumns } from './eventColumns';
import { sampleV1 } from './microsimV1';
import { SAMPLER_VERSION, type SamplerVersion } from './samplerVersion';

export { SAMPLER_VERSION, type SamplerVersion } from './samplerVersion';

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
  /**
   * Sampler version: 2 (current: patient clocks) or 1 (frozen, for links made before version 2).
   * @default SAMPLER_VERSION
   */
  sampler?: SamplerVersion;
}

/** Tables the hot loop reads. Destination slots: state a owns slots `first[a] .. first[a+1]-1`. */
interface Compiled {
  S: number;
  /** Number of pieces that start before the horizon. */
  P: number;
  /** End of each piece, clipped to the horizon (months); the last used piece ends at the horizon. */
  pieceEnd: Float64Array;
  /** First destination slot of each state (length S + 1). */
  first: Uint16Array;
  /** Destination state of each slot. */
  to: Uint8Array;
  /** Total destination slots D. */
  D: number;
  /** Rate per month of slot j in piece p at `rate[p·D + j]` (duplicate transitions summed). */
  rate: Float64Array;
  /** 1 / rate, or 0 where the rate is 0. */
  invRate: Float64Array;
  /** 1 at `live[p·S + a]` when a has an exit with a positive rate in piece p or later. */
  live: Uint8Array;
  /** Most destinations of any state. */
  maxDest: number;
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
  // A slot for every a → b with a positive rate in some piece before the horizon.
  const first = new Uint16Array(S + 1);
  const slots: number[] = [];
  let maxDest = 1;
  for (let a = 0; a < S; a++) {
    first[a] = slots.length;
    for (let b = 0; b < S; b++) {
      let any = false;
      for (let p = 0; p < P; p++) if (q[(p * S + a) * S + b]! > 0) any = true;
      if (any) slots.push(b);
    }
    maxDest = Math.max(maxDest, slots.length - first[a]!);
  }
  first[S] = slots.length;
  const D = slots.length;
  const to = Uint8Array.from(slots);
  const rate = new Float64Array(P * D);
  const invRate = new Float64Array(P * D);
  const live = new Uint8Array(P * S);
  for (let a = 0; a < S; a++) {
    for (let j = first[a]!; j < first[a + 1]!; j++) {
      for (let p = 0; p < P; p++) {
        const r = q[(p * S + a) * S + to[j]!]!;
        rate[p * D + j] = r;
        invRate[p * D + j] = r > 0 ? 1 / r : 0;
      }
    }
    let exits = false;
    for (let p = P - 1; p >= 0; p--) {
      for (let j = first[a]!; j < first[a + 1]!; j++) if (rate[p * D + j]! > 0) exits = true;
      live[p * S + a] = exits ? 1 : 0;
    }
  }
  return { S, P, pieceEnd, first, to, D, rate, invRate, live, maxDest };
}

/**
 * Version-2 paths (patient clocks, see the header) of `n` patients of a validated `spec` up to
 * `horizon` (months), with the clocks of stream `seed` / `path`.
 */
function sampleV2(
  spec: ModelSpec,
  n: number,
  horizon: number,
  seed: string,
  path: readonly (string | number)[],
  maxEvents: number,
): EventColumns {
  const { S, P, pieceEnd, first, to, D, rate, invRate, live, maxDest } = compile(spec, horizon);
  const init = spec.initialState;

  // Event buffers grow geometrically; the first guess fits an acyclic model of up to 4 events
  // per patient without any growth.
  let cap = Math.min(maxEvents, Math.max(16, n * Math.min(S, 4)));
  let eventTime = new Float64Array(cap);
  let eventState = new Uint8Array(cap);
  const offsets = new Uint32Array(n + 1);
  let len = 0;

  const key = streamKeyWords(seed, path);
  const k1 = key[1];
  const k2 = key[2];
  // Remaining integrated intensity of each clock of the current stay; stays counted per state.
  const clock = new Float64Array(maxDest);
  const stays = new Uint32Array(S);
  const lastPiece = P - 1;

  for (let p = 0; p < n; p++) {
    offsets[p] = len;
    // Room for the initial event; further events check again below.
    if (len === cap) {
      cap = grow(cap, n, p, maxEvents);
      ({ eventTime, eventState } = widen(eventTime, eventState, cap));
    }
    eventTime[len] = 0;
    eventState[len] = init;
    len++;
    const ph = patientHash(key, p);
    stays.fill(0);
    let s = init;
    let t = 0;
    let piece = 0;
    stay: for (;;) {
      if (live[piece * S + s] === 0) break;
      const j0 = first[s]!;
      const nd = first[s + 1]! - j0;
      const occ = stays[s]!;
      stays[s] = occ + 1;
      // One unit exponential per destination: clockHash (random.ts) inlined.
      for (let i = 0; i < nd; i++) {
        let w = Math.imul(((s << 8) | to[j0 + i]!) ^ k1, 0xcc9e2d51);
        w = (w << 15) | (w >>> 17);
        let h = ph ^ Math.imul(w, 0x1b873593);
        h = (h << 13) | (h >>> 19);
        h = (Math.imul(h, 5) + 0xe6546b64) | 0;
        w = Math.imul(occ ^ k2, 0xcc9e2d51);
        w = (w << 15) | (w >>> 17);
        h ^= Math.imul(w, 0x1b873593);
        h = (h << 13) | (h >>> 19);
        h = (Math.imul(h, 5) + 0xe6546b64) | 0;
        h ^= 12;
        h ^= h >>> 16;
        h = Math.imul(h, 0x85ebca6b);
        h ^= h >>> 13;
        h = Math.imul(h, 0xc2b2ae35);
        h ^= h >>> 16;
        clock[i] = hashExponential(h);
      }
      // Walk the pieces until a clock fires or the horizon passes.
      for (;;) {
        const end = pieceEnd[piece]!;
        const row = piece * D + j0;
        let best = Infinity;
        let win = -1;
        for (let i = 0; i < nd; i++) {
          const inv = invRate[row + i]!;
          if (inv === 0) continue;
          const ti = t + clock[i]! * inv;
          if (ti < best) {
            best = ti;
            win = i;
          }
        }
        if (best < end) {
          s = to[j0 + win]!;
          t = best;
          break;
        }
        if (piece === lastPiece) break stay;
        // No clock fires in this piece: spend each one's intensity over [t, end).
        const span = end - t;
        for (let i = 0; i < nd; i++) {
          const left = clock[i]! - rate[row + i]! * span;
          // Rounding may leave −tiny where the clock was due exactly at `end`.
          clock[i] = left > 0 ? left : 0;
        }
        t = end;
        piece++;
      }
      if (len === cap) {
        cap = grow(cap, n, p, maxEvents);
        ({ eventTime, eventState } = widen(eventTime, eventState, cap));
      }
      eventTime[len] = t;
      eventState[len] = s;
      len++;
    }
  }
  offsets[n] = len;
  return { offsets, eventTime: eventTime.slice(0, len), eventState: eventState.slice(0, len) };
}

/**
 * Simulates `n` patients of `spec` in continuous time up to `horizonMonths` (months) from the
 * stream `seed` / `stream` (default `['cohort']`) with sampler `sampler` (default the current
 * one, `SAMPLER_VERSION`). With `design`, follow-up and entry come from
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
  const sampler = options.sampler ?? SAMPLER_VERSION;
  if (sampler !== 1 && sampler !== 2) {
    throw new Error(`"sampler" must be 1 or 2, got ${String(sampler)}.`);
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

  const sample = sampler === 1 ? sampleV1 : sampleV2;
  const { offsets, eventTime, eventState } = sample(spec, n, horizon, seed, path, maxEvents);
  let followUp: Float64Array;
  let entry: Float64Array;
  if (fu) {
    followUp = fu.followUp;
    entry = fu.entry;
  } else {
    followUp = new Float64Array(n).fill(horizon);
    entry = new Float64Array(n);
  }
  // The samplers return exact-length copies: a cohort posted from a worker should not carry the
  // spare capacity.
  return { n, horizon, offsets, eventTime, eventState, followUp, entry };
}
