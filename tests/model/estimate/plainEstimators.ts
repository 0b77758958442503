/**
 * Plain reference implementations of the estimators, kept to test the fast ones in src/ against
 * (the fast code must give the same numbers): Kaplan–Meier and Aalen–Johansen by native sorts of
 * each column and a merge, and point prevalences by walking every patient over every grid time.
 * These are the implementations src/ used before issue 14 made them linear-time; they were
 * themselves tested against R survival's printed values. Inputs are assumed valid.
 */
import { Z_975 } from '../../../src/model/numeric/distributions';
import { stateMasks } from '../../../src/model/estimate/cohortQueries';
import type { CumulativeIncidence } from '../../../src/model/estimate/cumulativeIncidence';
import type { KaplanMeier } from '../../../src/model/estimate/kaplanMeier';
import type { Cohort, ModelSpec } from '../../../src/model/types';

/** Kaplan–Meier as src/ computed it before issue 14 (two native sorts and a merge). */
export function plainKaplanMeier(time: ArrayLike<number>, event: ArrayLike<number>): KaplanMeier {
  const n = time.length;
  let nEvents = 0;
  for (let i = 0; i < n; i++) nEvents += event[i]!;

  // Every time, sorted, gives the risk set (n_j = n − #{times < t_j}); the event times, sorted,
  // give the distinct event times and their counts. Two native numeric sorts beat sorting an
  // index array with a comparator by a wide margin.
  const all = Float64Array.from(time).sort();
  const ev = new Float64Array(nEvents);
  for (let i = 0, k = 0; i < n; i++) if (event[i] === 1) ev[k++] = time[i]!;
  ev.sort();

  const out: KaplanMeier = {
    time: [],
    nRisk: [],
    nEvent: [],
    survival: [],
    stdErr: [],
    lower: [],
    upper: [],
  };
  let s = 1;
  let greenwood = 0; // Σ d/(n(n−d)) = Var(log S) (Greenwood 1926)
  let before = 0; // #{all times < current t}
  for (let j = 0; j < nEvents;) {
    const t = ev[j]!;
    let d = 0;
    while (j < nEvents && ev[j] === t) {
      d++;
      j++;
    }
    while (before < n && all[before]! < t) before++;
    const atRisk = n - before;
    s *= (atRisk - d) / atRisk;
    greenwood += d / (atRisk * (atRisk - d)); // Infinity when atRisk === d, as in R
    out.time.push(t);
    out.nRisk.push(atRisk);
    out.nEvent.push(d);
    out.survival.push(s);
    if (s > 0) {
      const seLog = Math.sqrt(greenwood);
      out.stdErr.push(s * seLog);
      out.lower.push(Math.exp(Math.log(s) - Z_975 * seLog));
      out.upper.push(Math.min(1, Math.exp(Math.log(s) + Z_975 * seLog)));
    } else {
      out.stdErr.push(NaN);
      out.lower.push(NaN);
      out.upper.push(NaN);
    }
  }
  return out;
}

/** Aalen–Johansen as src/ computed it before issue 14 (a native sort per cause and a merge). */
export function plainCumulativeIncidence(
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

/** Point prevalences on the grid, every patient walked over every grid time. */
export function plainPrevalenceOnGrid(
  cohort: Cohort,
  spec: ModelSpec,
  grid: ArrayLike<number>,
): { inRemission: Float64Array; relapsedAmongRemitted: Float64Array } {
  const { inRemission, everRemitted, everRelapsed } = stateMasks(spec);
  const G = grid.length;
  const followed = new Float64Array(G);
  const inRem = new Float64Array(G);
  const remitted = new Float64Array(G);
  const relapsed = new Float64Array(G);
  const { n, offsets, eventTime, eventState, followUp } = cohort;
  for (let p = 0; p < n; p++) {
    const fu = followUp[p]!;
    let e = offsets[p]!;
    const end = offsets[p + 1]!;
    for (let g = 0; g < G; g++) {
      const t = grid[g]!;
      if (t > fu) break;
      while (e + 1 < end && eventTime[e + 1]! <= t) e++;
      const s = eventState[e]!;
      followed[g]!++;
      if (inRemission[s]) inRem[g]!++;
      if (everRemitted[s]) {
        remitted[g]!++;
        if (everRelapsed[s]) relapsed[g]!++;
      }
    }
  }
  const a = new Float64Array(G);
  const b = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    a[g] = followed[g]! > 0 ? inRem[g]! / followed[g]! : NaN;
    b[g] = remitted[g]! > 0 ? relapsed[g]! / remitted[g]! : NaN;
  }
  return { inRemission: a, relapsedAmongRemitted: b };
}

/**
 * The largest absolute difference between two equally long arrays, counting NaN against NaN as
 * equal and NaN against a number as Infinity (so a test can require ≤ 1e-12 and catch both).
 */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) !== Number.isNaN(y)) return Infinity;
      continue;
    }
    if (x === y) continue; // also equal infinities
    worst = Math.max(worst, Math.abs(x - y));
  }
  return worst;
}
