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
 * - `relapseFree` (among remitters, time u since remission; event = relapse, death censors): the
 *   net relapse-free function the KM with deaths censored estimates,
 *   R(u) = ∫ π(s) · exp(−(H(s + u) − H(s))) ds, with density −R′(u) = ∫ π(s) · h(s + u) ·
 *   exp(−(H(s + u) − H(s))) ds, and ℓ = Σ_events log(−R′(tᵢ)) + Σ_censored log R(tᵢ). Here h is
 *   the relapse hazard out of the first remission state, H its integral, both on the clock since
 *   transplant, and π the model's density of the time s of first remission among those who remit,
 *   π(s) ∝ P(still in the initial state at s) · (rate into that remission state at s). The clock
 *   since transplant of a reconstructed patient is unknown, so it is integrated out. With
 *   piecewise-constant intensities the integrand is e^(α + β·s) between consecutive points of
 *   {breakpoints} ∪ {breakpoints − u}, so the integral is a finite sum, exact. When h is constant,
 *   R(u) = e^(−h·u) whatever π (the cause-specific likelihood of the constant case). A model in
 *   which nobody remits is read as remission at transplant (π a point mass at 0).
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
    case 'relapseFree':
      return relapseFreeLogLik(spec, data);
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
  if (endpoint === 'relapseFree') {
    const rf = relapseFreeModel(spec);
    for (let i = 0; i < times.length; i++) out[i] = rf.survival(times[i]!);
    return out;
  }
  const hazards = remissionHazards(spec);
  for (let i = 0; i < times.length; i++) out[i] = Math.exp(-cumulative(spec, hazards, times[i]!));
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

/**
 * The relapse-free model among remitters (see the module comment): per piece (per month) the
 * relapse hazard h out of the first remission state entered from the start, the rate r into it
 * and the total rate e out of the initial state; `survival(u)` is R(u) and `density(u)` −R′(u),
 * u in months since remission.
 */
function relapseFreeModel(spec: ModelSpec): {
  survival: (u: number) => number;
  density: (u: number) => number;
} {
  const first = spec.transitions.find(
    (tr) => tr.from === spec.initialState && spec.states[tr.to]!.inRemission,
  );
  if (!first) throw new Error('reconstructedLogLik: the model has no remission state.');
  const bp = spec.breakpoints;
  const pieces = bp.length + 1;
  const perMonth = (keep: (tr: ModelSpec['transitions'][number]) => boolean) =>
    Array.from({ length: pieces }, (_, p) => {
      let x = 0;
      for (const tr of spec.transitions)
        if (keep(tr)) x += tr.ratesPerYear[p]! * RATE_YEARS_PER_MONTH;
      return x;
    });
  const h = perMonth(
    (tr) => tr.from === first.to && spec.states[tr.to]!.everRelapsed && spec.states[tr.to]!.alive,
  );
  const r = perMonth((tr) => tr.from === first.from && tr.to === first.to);
  const e = perMonth((tr) => tr.from === spec.initialState && tr.to !== spec.initialState);
  if (h.every((x) => x === h[0])) {
    // Constant relapse hazard: R(u) = e^(−h·u) for any distribution of remission times.
    const h0 = h[0]!;
    return { survival: (u) => Math.exp(-h0 * u), density: (u) => h0 * Math.exp(-h0 * u) };
  }
  const piece = (x: number) => {
    let p = 0;
    while (p < bp.length && bp[p]! <= x) p++;
    return p;
  };
  /** ∫₀ˣ of a per-piece rate. */
  const integral = (rate: readonly number[], x: number) => {
    let total = 0;
    let start = 0;
    for (let p = 0; p < pieces && start < x; p++) {
      const end = p < bp.length ? Math.min(bp[p]!, x) : x;
      total += rate[p]! * Math.max(0, end - start);
      start = end;
    }
    return total;
  };
  /**
   * ∫₀^∞ P(initial at s) · r(s) · [h(s + u)]^withHazard · e^(−(H(s + u) − H(s))) ds, exactly:
   * between consecutive cut points both s and s + u stay in one piece, so the integrand is
   * e^(α + β·s) there.
   */
  const mixture = (u: number, withHazard: boolean): number => {
    const cuts = [0, ...bp, ...bp.map((b) => b - u).filter((c) => c > 0)]
      .sort((a, b) => a - b)
      .filter((c, i, all) => i === 0 || c > all[i - 1]!);
    let total = 0;
    for (let k = 0; k < cuts.length; k++) {
      const s1 = cuts[k]!;
      const s2 = cuts[k + 1] ?? Infinity;
      const p = piece(s1);
      const q = piece(s1 + u);
      if (r[p]! === 0 || (withHazard && h[q]! === 0)) continue;
      const logAt =
        -integral(e, s1) -
        (integral(h, s1 + u) - integral(h, s1)) +
        Math.log(r[p]!) +
        (withHazard ? Math.log(h[q]!) : 0);
      const beta = -e[p]! - h[q]! + h[p]!;
      const width = s2 - s1;
      // The last stretch is in the last piece, where β = −(rate out of the initial state) < 0
      // since its rate into remission is above 0.
      const part =
        width === Infinity ? -1 / beta : beta === 0 ? width : Math.expm1(beta * width) / beta;
      total += Math.exp(logAt) * part;
    }
    return total;
  };
  const z = mixture(0, false);
  if (!(z > 0 && Number.isFinite(z))) {
    // Nobody remits under this model: read as remission at transplant.
    const H = (u: number) => integral(h, u);
    return {
      survival: (u) => Math.exp(-H(u)),
      density: (u) => h[piece(u)]! * Math.exp(-H(u)),
    };
  }
  return { survival: (u) => mixture(u, false) / z, density: (u) => mixture(u, true) / z };
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

/** ℓ = Σ_events log(−R′(tᵢ)) + Σ_censored log R(tᵢ) for the relapse-free model. */
function relapseFreeLogLik(spec: ModelSpec, data: TimeEventData): number {
  const rf = relapseFreeModel(spec);
  let ll = 0;
  for (let i = 0; i < data.time.length; i++) {
    const t = data.time[i]!;
    const x = data.event[i] === 1 ? rf.density(t) : rf.survival(t);
    ll += x > 0 ? Math.log(x) : LOG_TINY;
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
