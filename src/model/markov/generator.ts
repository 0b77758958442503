/**
 * From a model spec to generator matrices: one Q per piece of piecewise-constant time, in
 * intensities PER YEAR (the spec's unit). Times (breakpoints, piece bounds) are in MONTHS.
 */
import type { ModelSpec } from '../types';

/** Largest number of states: state codes are stored in a `Uint8Array` (`Cohort.eventState`). */
export const MAX_STATES = 255;

const stateName = (spec: ModelSpec, i: number): string => {
  const s = spec.states[i];
  return s ? s.label || s.id || `#${i}` : `#${i}`;
};

/**
 * Checks that a spec describes a valid piecewise-constant multi-state model; throws an Error
 * naming the offending state or transition (e.g. "transition Active → Remission (piece 2): rate
 * must be finite and ≥ 0, got NaN"). Checks: 1–255 states; `initialState` in range;
 * breakpoints finite, > 0 and strictly increasing (months); every transition's `from`/`to` in
 * range, not a self-loop, not a duplicate, with `breakpoints.length + 1` finite rates ≥ 0
 * (per year).
 */
export function validateSpec(spec: ModelSpec): void {
  const n = spec.states.length;
  if (n < 1) throw new Error('Model has no states.');
  if (n > MAX_STATES) {
    throw new Error(`Model has ${n} states; at most ${MAX_STATES} are supported.`);
  }
  if (!Number.isInteger(spec.initialState) || spec.initialState < 0 || spec.initialState >= n) {
    throw new Error(`Initial state ${spec.initialState} is out of range (0–${n - 1}).`);
  }
  let previous = 0;
  spec.breakpoints.forEach((b, i) => {
    if (!Number.isFinite(b) || b <= 0) {
      throw new Error(`Breakpoint ${i + 1} must be a finite number of months > 0, got ${b}.`);
    }
    if (i > 0 && b <= previous) {
      throw new Error(
        `Breakpoints must be strictly increasing: breakpoint ${i + 1} (${b}) follows ${previous}.`,
      );
    }
    previous = b;
  });
  const pieces = spec.breakpoints.length + 1;
  const seen = new Set<number>();
  spec.transitions.forEach((tr, k) => {
    const inRange = (i: number) => Number.isInteger(i) && i >= 0 && i < n;
    if (!inRange(tr.from) || !inRange(tr.to)) {
      throw new Error(
        `Transition ${k + 1} (${tr.from} → ${tr.to}): state index out of range (0–${n - 1}).`,
      );
    }
    const name = `transition ${stateName(spec, tr.from)} → ${stateName(spec, tr.to)}`;
    if (tr.from === tr.to) throw new Error(`${name}: a state cannot move to itself.`);
    const key = tr.from * n + tr.to;
    if (seen.has(key)) throw new Error(`${name}: defined more than once.`);
    seen.add(key);
    if (tr.ratesPerYear.length !== pieces) {
      throw new Error(
        `${name}: has ${tr.ratesPerYear.length} rate(s); the breakpoints define ${pieces} piece(s).`,
      );
    }
    tr.ratesPerYear.forEach((r, p) => {
      if (!Number.isFinite(r) || r < 0) {
        throw new Error(`${name} (piece ${p + 1}): rate must be finite and ≥ 0, got ${r}.`);
      }
    });
  });
}

/**
 * The generator Q (intensities per YEAR) of piece `piece` (0-based; piece p runs from
 * breakpoint p−1 to breakpoint p, in months). Off-diagonal qᵢⱼ is the rate i → j; the diagonal is
 * minus the row's off-diagonal sum, so rows sum to zero. Validates the spec first; throws if
 * `piece` is out of range.
 */
export function generatorMatrix(spec: ModelSpec, piece: number): number[][] {
  validateSpec(spec);
  const pieces = spec.breakpoints.length + 1;
  if (!Number.isInteger(piece) || piece < 0 || piece >= pieces) {
    throw new Error(`Piece ${piece} is out of range (0–${pieces - 1}).`);
  }
  const n = spec.states.length;
  const flat = generatorFlat(spec, piece);
  const q: number[][] = [];
  for (let i = 0; i < n; i++) q.push(Array.from(flat.subarray(i * n, (i + 1) * n)));
  return q;
}

/**
 * The generator of one piece as a flat row-major `Float64Array` (per year), without validating:
 * for callers that have already called `validateSpec`.
 */
export function generatorFlat(spec: ModelSpec, piece: number): Float64Array {
  const n = spec.states.length;
  const q = new Float64Array(n * n);
  for (const tr of spec.transitions) q[tr.from * n + tr.to]! += tr.ratesPerYear[piece]!;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) if (j !== i) sum += q[i * n + j]!;
    // 0 − sum rather than −sum: an absorbing row gets +0, not −0.
    q[i * n + i] = 0 - sum;
  }
  return q;
}

/**
 * Checks that Q is a generator: square, finite, off-diagonals ≥ 0, each row summing to zero
 * within `tolerance` × the row's absolute sum (default 1e-12). Throws an Error naming the row
 * and column.
 */
export function validateGenerator(q: readonly (readonly number[])[], tolerance = 1e-12): void {
  const n = q.length;
  q.forEach((row, i) => {
    if (row.length !== n) {
      throw new Error(`Generator row ${i} has ${row.length} entries; expected ${n}.`);
    }
    let sum = 0;
    let abs = 0;
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new Error(`Generator entry (${i}, ${j}) is not finite: ${v}.`);
      if (j !== i && v < 0) {
        throw new Error(`Generator entry (${i}, ${j}) is off-diagonal and negative: ${v}.`);
      }
      sum += v;
      abs += Math.abs(v);
    });
    if (Math.abs(sum) > tolerance * Math.max(abs, Number.MIN_VALUE)) {
      throw new Error(`Generator row ${i} sums to ${sum}, not 0.`);
    }
  });
}

/**
 * The piece (0-based) that contains time `tMonths`: the number of breakpoints ≤ tMonths, so a
 * time exactly at a breakpoint belongs to the piece that starts there (pieces are [start, end)).
 */
export function pieceAt(spec: ModelSpec, tMonths: number): number {
  const bp = spec.breakpoints;
  let p = 0;
  while (p < bp.length && bp[p]! <= tMonths) p++;
  return p;
}

/** Start and end (months) of every piece: [0, b₁), [b₁, b₂), …, [b_k, Infinity). */
export function pieceBounds(spec: ModelSpec): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (const b of spec.breakpoints) {
    out.push({ start, end: b });
    start = b;
  }
  out.push({ start, end: Infinity });
  return out;
}
