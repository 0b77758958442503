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

  // As in kaplanMeier, only native numeric sorts: all times (for the risk sets) and, per cause,
  // that cause's event times; the K sorted lists are then merged (K is small: usually 2).
  const K = rows.length;
  const all = Float64Array.from(time).sort();
  const byCause = rows.map((c) => new Float64Array(c <= maxCause ? counts[c]! : 0));
  const fill = new Uint32Array(K);
  for (let i = 0; i < n; i++) {
    const c = cause[i]!;
    if (c === 0) continue;
    const r = rowOf[c]!;
    byCause[r]![fill[r]!++] = time[i]!;
  }
  for (const a of byCause) a.sort();

  const out: CumulativeIncidence = {
    time: [],
    causes: rows,
    incidence: rows.map(() => []),
    nRisk: [],
    nEvent: rows.map(() => []),
    survival: [],
  };
  const F = new Float64Array(K);
  const d = new Uint32Array(K);
  const next = new Uint32Array(K); // read position in each byCause list
  let s = 1; // all-cause KM, S(t_j−) while processing t_j
  let before = 0;
  for (;;) {
    let t = Infinity;
    for (let k = 0; k < K; k++) {
      const a = byCause[k]!;
      if (next[k]! < a.length && a[next[k]!]! < t) t = a[next[k]!]!;
    }
    if (t === Infinity) break;
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
    while (before < n && all[before]! < t) before++;
    const atRisk = n - before;
    for (let k = 0; k < K; k++) {
      F[k]! += (s * d[k]!) / atRisk;
      out.incidence[k]!.push(F[k]!);
      out.nEvent[k]!.push(d[k]!);
    }
    s *= (atRisk - dAll) / atRisk;
    out.time.push(t);
    out.nRisk.push(atRisk);
    out.survival.push(s);
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
