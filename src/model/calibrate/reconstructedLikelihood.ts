/**
 * The exact log-likelihood of reconstructed individual patient data (time, event), e.g. from a
 * digitised Kaplan–Meier figure (`src/model/reconstruct`), under the model's piecewise-constant
 * intensities: a term the calibration adds beside the binomial terms of the k/n targets.
 *
 * Right-censored data with density f and survival S give ℓ = Σ_events log f(tᵢ) + Σ_censored
 * log S(tᵢ) (Kalbfleisch & Prentice 2002, §3.2). Which f and S depends on the curve:
 *
 * - `overallSurvival` (time to death): S(t) = Σ_alive pₛ(t) and f(t) = Σ_alive pₛ(t)·q_{s→dead}(t),
 *   p(t) the exact state occupancy (matrix exponentials between consecutive distinct times). This
 *   is the exact marginal likelihood of the time of death in the multi-state model.
 * - `timeToRemission` (the curve's 1 − KM is "remitted by t"; death and end of follow-up censor):
 *   the patient is in the initial state until the first remission, so the cause-specific hazard
 *   is h(t) = Σ rates from the initial state into remission states, piecewise constant, and
 *   ℓ = Σ_events log h(tᵢ) − Σ_all H(tᵢ). With death as a competing event this is the
 *   cause-specific partial likelihood, exact for the remission intensities (Kalbfleisch &
 *   Prentice 2002, §8.2): death carries no information on them.
 * - `relapseFree` (among remitters, time since remission; event = relapse, death censors): the
 *   relapse hazard from the first remission state, as above on the clock since remission. Exact
 *   when that hazard is constant in time; with intensities that change at breakpoints the clock
 *   since transplant is unknown, so it is refused (an error naming the piece).
 *
 * Times are in months, intensities per year (converted with `RATE_YEARS_PER_MONTH`).
 */

import { generatorFlat, pieceAt, validateSpec } from '../markov/generator';
import { matrixExpFlat } from '../markov/matrixExp';
import { RATE_YEARS_PER_MONTH, type ModelSpec } from '../types';

/** Which curve reconstructed data come from. */
export type CurveEndpoint = 'overallSurvival' | 'timeToRemission' | 'relapseFree';

/** Human names of the endpoints, for tables and messages. */
export const CURVE_ENDPOINT_LABELS: Record<CurveEndpoint, string> = {
  overallSurvival: 'Overall survival (time to death)',
  timeToRemission: 'Time to first remission (1 − curve)',
  relapseFree: 'Relapse-free among remitters (time since remission)',
};

/** An extra log-likelihood term of the calibration: a function of the model, in nats. */
export interface LogLikTerm {
  /** Unique id, e.g. `curve:OS`. */
  id: string;
  /** Label for the fit table. */
  label: string;
  /** Log-likelihood of the term's data under `spec` (−Infinity when impossible). */
  logLik(spec: ModelSpec): number;
}

/** Right-censored data: time (months) and event (1 = event, 0 = censored). */
export interface TimeEventData {
  time: ArrayLike<number>;
  event: ArrayLike<number>;
}

/** A log of a density that is 0 (an event where the hazard is 0) stays finite but very low. */
const LOG_TINY = Math.log(1e-300);

/**
 * The exact log-likelihood (nats) of right-censored (time, event) data, time in months, under
 * `spec` for the given endpoint (see the module comment). Throws an Error naming the field for
 * invalid data, and for `relapseFree` when the relapse hazard changes over time.
 */
export function reconstructedLogLik(
  spec: ModelSpec,
  endpoint: CurveEndpoint,
  data: TimeEventData,
): number {
  checkData(data);
  validateSpec(spec);
  switch (endpoint) {
    case 'overallSurvival':
      return overallSurvivalLogLik(spec, data);
    case 'timeToRemission':
      return hazardLogLik(spec, remissionHazards(spec), data);
    case 'relapseFree': {
      const h = relapseHazards(spec);
      if (h.some((x) => x !== h[0])) {
        throw new Error(
          'reconstructedLogLik: a relapse-free curve (time since remission) needs the relapse and ' +
            `death-in-remission intensities constant in time; they change at breakpoints ${spec.breakpoints.join(', ')} months.`,
        );
      }
      return hazardLogLik({ ...spec, breakpoints: [] }, [h[0]!], data);
    }
    default:
      throw new Error(`reconstructedLogLik: unknown endpoint "${String(endpoint)}".`);
  }
}

/**
 * A calibration term for reconstructed data of one curve: `id`, `label`, and the log-likelihood
 * of the data under the model (`reconstructedLogLik`). The data are checked once, here.
 */
export function reconstructedTerm(
  id: string,
  label: string,
  endpoint: CurveEndpoint,
  data: TimeEventData,
): LogLikTerm {
  checkData(data);
  const copy = { time: Float64Array.from(data.time), event: Uint8Array.from(data.event) };
  return { id, label, logLik: (spec) => reconstructedLogLik(spec, endpoint, copy) };
}

/**
 * The model's curve for an endpoint at times (months), on the scale the published figure shows:
 * survival S(t) for overall survival, the remission-free probability exp(−H(t)) for time to
 * remission (the KM with deaths censored estimates it; the figure may show 1 − it), and the
 * relapse-free probability exp(−H(u)) u months after remission.
 */
export function modelCurve(
  spec: ModelSpec,
  endpoint: CurveEndpoint,
  times: ArrayLike<number>,
): Float64Array {
  validateSpec(spec);
  const out = new Float64Array(times.length);
  if (endpoint === 'overallSurvival') {
    const order = sortedOrder(times);
    const alive = spec.states.map((s) => s.alive);
    forEachOccupancy(
      spec,
      order.map((i) => times[i]!),
      (k, p) => {
        let s = 0;
        for (let j = 0; j < p.length; j++) if (alive[j]) s += p[j]!;
        out[order[k]!] = s;
      },
    );
    return out;
  }
  const hazards = endpoint === 'timeToRemission' ? remissionHazards(spec) : relapseHazards(spec);
  const m = endpoint === 'timeToRemission' ? spec : { ...spec, breakpoints: [] };
  for (let i = 0; i < times.length; i++) out[i] = Math.exp(-cumulative(m, hazards, times[i]!));
  return out;
}

function checkData(data: TimeEventData): void {
  if (!data || data.time.length !== data.event.length) {
    throw new Error('reconstructedLogLik: data.time and data.event must have the same length.');
  }
  for (let i = 0; i < data.time.length; i++) {
    const t = data.time[i]!;
    if (!(Number.isFinite(t) && t >= 0)) {
      throw new Error(
        `reconstructedLogLik: data.time[${i}] must be a number of months ≥ 0, got ${t}.`,
      );
    }
    const e = data.event[i];
    if (e !== 0 && e !== 1) {
      throw new Error(`reconstructedLogLik: data.event[${i}] must be 0 or 1, got ${e}.`);
    }
  }
}

/** Per piece: total rate (per month) from the initial state into any remission state. */
function remissionHazards(spec: ModelSpec): number[] {
  const pieces = spec.breakpoints.length + 1;
  return Array.from({ length: pieces }, (_, p) => {
    let h = 0;
    for (const tr of spec.transitions) {
      if (tr.from === spec.initialState && spec.states[tr.to]!.inRemission) {
        h += tr.ratesPerYear[p]! * RATE_YEARS_PER_MONTH;
      }
    }
    return h;
  });
}

/** Per piece: relapse rate (per month) from the first remission state entered from the start. */
function relapseHazards(spec: ModelSpec): number[] {
  const first = spec.transitions.find(
    (tr) => tr.from === spec.initialState && spec.states[tr.to]!.inRemission,
  );
  if (!first) throw new Error('reconstructedLogLik: the model has no remission state.');
  const pieces = spec.breakpoints.length + 1;
  return Array.from({ length: pieces }, (_, p) => {
    let h = 0;
    for (const tr of spec.transitions) {
      if (tr.from === first.to && spec.states[tr.to]!.everRelapsed && spec.states[tr.to]!.alive) {
        h += tr.ratesPerYear[p]! * RATE_YEARS_PER_MONTH;
      }
    }
    return h;
  });
}

/** ∫₀ᵗ h (h per month, piecewise constant on the spec's pieces), t in months. */
function cumulative(spec: ModelSpec, hazards: readonly number[], t: number): number {
  let H = 0;
  let start = 0;
  for (let p = 0; p < hazards.length && start < t; p++) {
    const end = p < spec.breakpoints.length ? Math.min(spec.breakpoints[p]!, t) : t;
    H += hazards[p]! * Math.max(0, end - start);
    start = end;
  }
  return H;
}

/** ℓ = Σ_events log h(tᵢ) − Σ_all H(tᵢ) for a piecewise-constant hazard (per month). */
function hazardLogLik(spec: ModelSpec, hazards: readonly number[], data: TimeEventData): number {
  let ll = 0;
  for (let i = 0; i < data.time.length; i++) {
    const t = data.time[i]!;
    ll -= cumulative(spec, hazards, t);
    if (data.event[i] === 1) {
      const h = hazards[pieceAt(spec, t)]!;
      ll += h > 0 ? Math.log(h) : LOG_TINY;
    }
  }
  return ll;
}

/** Indices of `times` in increasing order of time. */
function sortedOrder(times: ArrayLike<number>): number[] {
  return Array.from({ length: times.length }, (_, i) => i).sort((a, b) => times[a]! - times[b]!);
}

/**
 * Calls `visit(k, p)` with the exact occupancy p at each of the increasing times `sorted`
 * (months), propagating from the previous time (one matrix exponential per piece crossed; equal
 * times share one).
 */
function forEachOccupancy(
  spec: ModelSpec,
  sorted: readonly number[],
  visit: (k: number, occupancy: Float64Array) => void,
): void {
  const n = spec.states.length;
  const q = Array.from({ length: spec.breakpoints.length + 1 }, (_, p) => generatorFlat(spec, p));
  let v = new Float64Array(n);
  v[spec.initialState] = 1;
  let next = new Float64Array(n);
  let now = 0;
  for (let k = 0; k < sorted.length; k++) {
    const t = sorted[k]!;
    while (now < t) {
      const p = pieceAt(spec, now);
      const end = p < spec.breakpoints.length ? Math.min(spec.breakpoints[p]!, t) : t;
      const e = matrixExpFlat(q[p]!, n, (end - now) * RATE_YEARS_PER_MONTH);
      next.fill(0);
      for (let i = 0; i < n; i++) {
        const vi = v[i]!;
        if (vi === 0) continue;
        for (let j = 0; j < n; j++) next[j]! += vi * e[i * n + j]!;
      }
      [v, next] = [next, v];
      now = end;
    }
    visit(k, v);
  }
}

function overallSurvivalLogLik(spec: ModelSpec, data: TimeEventData): number {
  const n = spec.states.length;
  const alive = spec.states.map((s) => s.alive);
  // Death rate (per month) out of each alive state, per piece.
  const deathRate = Array.from({ length: spec.breakpoints.length + 1 }, () => new Float64Array(n));
  for (const tr of spec.transitions) {
    if (alive[tr.from] && !alive[tr.to]) {
      tr.ratesPerYear.forEach((r, p) => (deathRate[p]![tr.from]! += r * RATE_YEARS_PER_MONTH));
    }
  }
  const order = sortedOrder(data.time);
  let ll = 0;
  forEachOccupancy(
    spec,
    order.map((i) => data.time[i]!),
    (k, p) => {
      const i = order[k]!;
      const t = data.time[i]!;
      if (data.event[i] === 1) {
        const rates = deathRate[pieceAt(spec, t)]!;
        let f = 0;
        for (let s = 0; s < n; s++) if (alive[s]) f += p[s]! * rates[s]!;
        ll += f > 0 ? Math.log(f) : LOG_TINY;
      } else {
        let s = 0;
        for (let j = 0; j < n; j++) if (alive[j]) s += p[j]!;
        ll += s > 0 ? Math.log(s) : LOG_TINY;
      }
    },
  );
  return ll;
}
