/**
 * Aalen–Johansen cumulative incidence for competing risks (a single initial state, K absorbing
 * causes).
 *
 * F_k(t) = Σ_{t_j ≤ t} S(t_j−) · d_kj / n_j, with S the all-cause Kaplan–Meier survival,
 * d_kj the events of cause k at t_j and n_j the number at risk just before t_j.
 * References: Aalen & Johansen (1978) Scand J Stat 5:141; Kalbfleisch & Prentice (2002) §8.2.2;
 * it is what R survival's `survfit(Surv(time, factor(cause)) ~ 1)` reports as `pstate`.
 *
 * Why not 1 − KM of one cause with the others censored: that treats patients who died as if they
 * could still remit, so it overstates the probability of the event when death competes.
 */

import { lastIndexAtOrBefore } from './kaplanMeier';
import { sortedByCode } from '../numeric/sortTimes';

/** Cumulative incidence curves, one column per distinct time with at least one event. */
export interface CumulativeIncidence {
  /** Distinct times with ≥ 1 event of any cause, increasing (months). */
  time: number[];
  /** The cause codes (≥ 1), increasing; row `i` of `incidence` belongs to `causes[i]`. */
  causes: number[];
  /** `incidence[i][j]`: cumulative incidence of `causes[i]` just after `time[j]`. */
  incidence: number[][];
  /** Number at risk just before each time (censorings tied with events count as at risk). */
  nRisk: number[];
  /** `nEvent[i][j]`: events of `causes[i]` at `time[j]`. */
  nEvent: number[][];
  /** All-cause Kaplan–Meier survival just after each time; survival + Σ incidence = 1. */
  survival: number[];
}

/**
 * Aalen–Johansen cumulative incidence of each cause (times in months; `cause` 0 = censored,
 * 1..K = the competing event that ended follow-up).
 *
 * `causes` fixes which causes get a row (default: the distinct non-zero codes present, sorted).
 * Pass e.g. `[1, 2]` so that replicates without any death still have a (zero) death row.
 * Censorings tied with events are at risk at that time, as in R survival. Errors name the index
 * of the first invalid entry (times must be finite and ≥ 0; causes integers ≥ 0).
 */
export function cumulativeIncidence(
  time: ArrayLike<number>,
  cause: ArrayLike<number>,
  causes?: readonly number[],
): CumulativeIncidence {
  const n = time.length;
  if (cause.length !== n) {
    throw new Error(
      `cumulativeIncidence: time has ${n} entries but cause has ${cause.length}; they must match.`,
    );
  }
  let maxCause = 0;
  for (let i = 0; i < n; i++) {
    const t = time[i]!;
    if (!Number.isFinite(t) || t < 0) {
      throw new Error(`cumulativeIncidence: time[${i}] must be a finite number ≥ 0, got ${t}.`);
    }
    const c = cause[i]!;
    if (!Number.isInteger(c) || c < 0) {
      throw new Error(
        `cumulativeIncidence: cause[${i}] must be 0 (censored) or a cause code 1, 2, …, got ${c}.`,
      );
    }
    if (c > maxCause) maxCause = c;
  }

  // Per-code event counts; the code → row map is dense because codes are small integers.
  const counts = new Uint32Array(maxCause + 1);
  for (let i = 0; i < n; i++) counts[cause[i]!]!++;
  let rows: number[];
  if (causes) {
    rows = [...causes];
    rows.forEach((c, i) => {
      if (!Number.isInteger(c) || c < 1) {
        throw new Error(`cumulativeIncidence: causes[${i}] must be an integer ≥ 1, got ${c}.`);
      }
      if (i > 0 && c <= rows[i - 1]!) {
        throw new Error('cumulativeIncidence: causes must be strictly increasing.');
      }
    });
    for (let c = 1; c <= maxCause; c++) {
      if (counts[c]! > 0 && !rows.includes(c)) {
        throw new Error(`cumulativeIncidence: cause ${c} occurs in the data but not in causes.`);
      }
    }
  } else {
    rows = [];
    for (let c = 1; c <= maxCause; c++) if (counts[c]! > 0) rows.push(c);
  }
  const rowOf = new Int32Array(maxCause + 1).fill(-1);
  rows.forEach((c, i) => {
    if (c <= maxCause) rowOf[c] = i;
  });

  // As in kaplanMeier: every time sorted once, by part (0 = censored, 1 + r = cause row r), and
  // the K event parts merged (K is small: usually 2) with the censored part giving the risk sets.
  const K = rows.length;
  const part = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = cause[i]!;
    part[i] = c === 0 ? 0 : 1 + rowOf[c]!;
  }
  const parts = sortedByCode(time, part, K + 1);
  const cens = parts[0]!;
  const byCause = parts.slice(1);

  // Distinct event times (over all causes), so that the output arrays are sized once.
  let m = 0;
  {
    const next = new Uint32Array(K);
    for (;;) {
      let t = Infinity;
      for (let k = 0; k < K; k++) {
        const a = byCause[k]!;
        if (next[k]! < a.length && a[next[k]!]! < t) t = a[next[k]!]!;
      }
      if (t === Infinity) break;
      m++;
      for (let k = 0; k < K; k++) {
        const a = byCause[k]!;
        while (next[k]! < a.length && a[next[k]!] === t) next[k]!++;
      }
    }
  }

  const out: CumulativeIncidence = {
    time: new Array<number>(m),
    causes: rows,
    incidence: rows.map(() => new Array<number>(m)),
    nRisk: new Array<number>(m),
    nEvent: rows.map(() => new Array<number>(m)),
    survival: new Array<number>(m),
  };
  const F = new Float64Array(K);
  const d = new Uint32Array(K);
  const next = new Uint32Array(K); // read position in each byCause list
  let s = 1; // all-cause KM, S(t_j−) while processing t_j
  let eventsBefore = 0;
  let c = 0; // censorings before the current time
  for (let j = 0; j < m; j++) {
    let t = Infinity;
    for (let k = 0; k < K; k++) {
      const a = byCause[k]!;
      if (next[k]! < a.length && a[next[k]!]! < t) t = a[next[k]!]!;
    }
    let dAll = 0;
    for (let k = 0; k < K; k++) {
      const a = byCause[k]!;
      let dk = 0;
      while (next[k]! < a.length && a[next[k]!] === t) {
        dk++;
        next[k]!++;
      }
      d[k] = dk;
      dAll += dk;
    }
    while (c < cens.length && cens[c]! < t) c++;
    const atRisk = n - eventsBefore - c; // every time ≥ t, tied censorings included
    for (let k = 0; k < K; k++) {
      F[k]! += (s * d[k]!) / atRisk;
      out.incidence[k]![j] = F[k]!;
      out.nEvent[k]![j] = d[k]!;
    }
    s *= (atRisk - dAll) / atRisk;
    out.time[j] = t;
    out.nRisk[j] = atRisk;
    out.survival[j] = s;
    eventsBefore += dAll;
  }
  return out;
}

/**
 * Cumulative incidence of row `row` (index into `cif.causes`) at time `t` (months): 0 before the
 * first event time, right-continuous steps afterwards, constant past the last time.
 */
export function incidenceAt(cif: CumulativeIncidence, row: number, t: number): number {
  const curve = cif.incidence[row];
  if (!curve) throw new Error(`incidenceAt: no cause row ${row} (there are ${cif.causes.length}).`);
  if (Number.isNaN(t)) return NaN;
  const i = lastIndexAtOrBefore(cif.time, t);
  return i < 0 ? 0 : curve[i]!;
}

/** Two competing-risks curves sampled on a grid, from `competingOnGrid`. */
export interface CompetingOnGrid {
  /** Aalen–Johansen cumulative incidence of cause 1 at each grid time. */
  incidence: Float64Array;
  /** 1 − Kaplan–Meier of cause 1 with cause 2 censored (the naive curve) at each grid time. */
  oneMinusKm: Float64Array;
}

/**
 * The cumulative incidence of cause 1 (cause 2 competing) and the naive 1 − Kaplan–Meier of
 * cause 1 (cause 2 censored), sampled on an increasing grid (times in months; `cause` 0 =
 * censored, 1, 2; inputs as `cumulativeIncidence` takes them, not validated again here).
 *
 * The same numbers as `incidenceOnGrid(cumulativeIncidence(time, cause, [1, 2]), 0, grid)` and
 * 1 − `survivalOnGrid(kaplanMeier(time, cause === 1), grid)`, computed in the same order, but in
 * one merged pass that writes only the grid values: with a million patients the full step
 * functions are about a million entries each, which cost more to write than to compute.
 */
export function competingOnGrid(
  time: ArrayLike<number>,
  cause: ArrayLike<number>,
  grid: ArrayLike<number>,
): CompetingOnGrid {
  const n = time.length;
  const G = grid.length;
  const [cens, one, two] = sortedByCode(time, cause, 3) as [
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const incidence = new Float64Array(G);
  const oneMinusKm = new Float64Array(G);
  let F = 0; // cumulative incidence of cause 1
  let s = 1; // all-cause KM (Aalen–Johansen), S(t_j−) while processing t_j
  let km = 1; // KM of cause 1, cause 2 censored
  let i1 = 0;
  let i2 = 0;
  let c = 0; // censorings (cause 0) before the current time
  let g = 0;
  for (;;) {
    const t = Math.min(
      i1 < one.length ? one[i1]! : Infinity,
      i2 < two.length ? two[i2]! : Infinity,
    );
    // Grid times before this event time read the curves as they stand (right-continuous steps).
    while (g < G && !(grid[g]! >= t)) {
      incidence[g] = F;
      oneMinusKm[g] = 1 - km;
      g++;
    }
    if (t === Infinity) break;
    let d1 = 0;
    let d2 = 0;
    const before1 = i1;
    const before2 = i2;
    while (i1 < one.length && one[i1] === t) {
      d1++;
      i1++;
    }
    while (i2 < two.length && two[i2] === t) {
      d2++;
      i2++;
    }
    while (c < cens.length && cens[c]! < t) c++;
    // At risk: every time ≥ t (tied censorings included), as in both estimators above.
    const atRisk = n - before1 - before2 - c;
    F += (s * d1) / atRisk;
    s *= (atRisk - d1 - d2) / atRisk;
    if (d1 > 0) km *= (atRisk - d1) / atRisk;
  }
  return { incidence, oneMinusKm };
}
