/**
 * Small dense linear algebra for the model core: just what the matrix exponential and the cohort
 * trace need (products, an LU solve with partial pivoting, a row-vector times matrix product).
 *
 * Two layouts:
 * - `number[][]` (row arrays) for the public, readable API;
 * - flat row-major `Float64Array`s (`a[i * n + j]`) for hot loops, with the size `n` passed in.
 *
 * All matrices are square unless stated otherwise. Nothing here knows about units.
 */

/** The n×n identity matrix as row arrays. */
export function identity(n: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(n).fill(0);
    row[i] = 1;
    out.push(row);
  }
  return out;
}

/** Copies row arrays into a flat row-major `Float64Array` (throws if the matrix is not square). */
export function toFlat(a: readonly (readonly number[])[]): Float64Array {
  const n = a.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = a[i]!;
    if (row.length !== n) {
      throw new Error(`Matrix must be square: row ${i} has ${row.length} entries, expected ${n}.`);
    }
    for (let j = 0; j < n; j++) out[i * n + j] = row[j]!;
  }
  return out;
}

/** Copies a flat row-major n×n matrix into row arrays. */
export function fromFlat(a: ArrayLike<number>, n: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(n);
    for (let j = 0; j < n; j++) row[j] = a[i * n + j]!;
    out.push(row);
  }
  return out;
}

/** Matrix product A·B of row arrays (A is m×k, B is k×p; throws on a size mismatch). */
export function matMul(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
): number[][] {
  const m = a.length;
  const k = b.length;
  const p = k === 0 ? 0 : b[0]!.length;
  const out: number[][] = [];
  for (let i = 0; i < m; i++) {
    const ai = a[i]!;
    if (ai.length !== k) {
      throw new Error(`matMul: row ${i} of A has ${ai.length} entries, B has ${k} rows.`);
    }
    const row = new Array<number>(p).fill(0);
    for (let l = 0; l < k; l++) {
      const x = ai[l]!;
      if (x === 0) continue;
      const bl = b[l]!;
      for (let j = 0; j < p; j++) row[j]! += x * bl[j]!;
    }
    out.push(row);
  }
  return out;
}

/** Row vector times matrix, v·M (v has length k, M is k×p); returns a new array of length p. */
export function vecMat(v: ArrayLike<number>, m: readonly (readonly number[])[]): number[] {
  const k = m.length;
  if (v.length !== k) throw new Error(`vecMat: vector has ${v.length} entries, matrix ${k} rows.`);
  const p = k === 0 ? 0 : m[0]!.length;
  const out = new Array<number>(p).fill(0);
  for (let l = 0; l < k; l++) {
    const x = v[l]!;
    if (x === 0) continue;
    const ml = m[l]!;
    for (let j = 0; j < p; j++) out[j]! += x * ml[j]!;
  }
  return out;
}

/** Flat n×n product: out = A·B (`out` must not alias `a` or `b`). Returns `out`. */
export function matMulFlat(
  a: Float64Array,
  b: Float64Array,
  n: number,
  out: Float64Array = new Float64Array(n * n),
): Float64Array {
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let l = 0; l < n; l++) {
      const x = a[ri + l]!;
      if (x === 0) continue;
      const rl = l * n;
      for (let j = 0; j < n; j++) out[ri + j]! += x * b[rl + j]!;
    }
  }
  return out;
}

/**
 * Flat row vector times matrix: out = v·M for an n×n flat `m`. `out` must not alias `v`.
 * This is the cohort trace's hot loop: one call per output time.
 */
export function vecMatFlat(
  v: ArrayLike<number>,
  m: Float64Array,
  n: number,
  out: Float64Array = new Float64Array(n),
): Float64Array {
  out.fill(0);
  for (let l = 0; l < n; l++) {
    const x = v[l]!;
    if (x === 0) continue;
    const rl = l * n;
    for (let j = 0; j < n; j++) out[j]! += x * m[rl + j]!;
  }
  return out;
}

/** An LU factorisation with partial pivoting, P·A = L·U, stored compactly (flat, row-major). */
export interface LUFactors {
  n: number;
  /** L strictly below the diagonal (unit diagonal implied), U on and above it. */
  lu: Float64Array;
  /** Row `i` of P·A is row `piv[i]` of A. */
  piv: Int32Array;
}

/**
 * LU factorisation with partial pivoting of a flat n×n matrix (Golub & Van Loan, *Matrix
 * Computations*, 4th ed., Algorithm 3.4.1). Does not modify `a`. Throws if a pivot is exactly
 * zero or not finite (the matrix is singular to working precision).
 */
export function luFactorFlat(a: Float64Array, n: number): LUFactors {
  const lu = Float64Array.from(a);
  const piv = new Int32Array(n);
  for (let i = 0; i < n; i++) piv[i] = i;
  for (let k = 0; k < n; k++) {
    // Partial pivoting: the largest entry of column k on or below the diagonal.
    let p = k;
    let best = Math.abs(lu[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]!);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (!(best > 0) || !Number.isFinite(best)) {
      throw new Error(`LU factorisation: matrix is singular (column ${k}).`);
    }
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j]!;
        lu[k * n + j] = lu[p * n + j]!;
        lu[p * n + j] = t;
      }
      const t = piv[k]!;
      piv[k] = piv[p]!;
      piv[p] = t;
    }
    const pivot = lu[k * n + k]!;
    for (let i = k + 1; i < n; i++) {
      const f = lu[i * n + k]! / pivot;
      lu[i * n + k] = f;
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) lu[i * n + j]! -= f * lu[k * n + j]!;
    }
  }
  return { n, lu, piv };
}

/**
 * Solves A·X = B for X given the LU factors of A; B is flat n×p (row-major), p defaults to n.
 * Returns a new flat n×p array.
 */
export function luSolveFlat(f: LUFactors, b: Float64Array, p: number = f.n): Float64Array {
  const { n, lu, piv } = f;
  const x = new Float64Array(n * p);
  // Apply the row permutation, then forward substitution with unit-lower L.
  for (let i = 0; i < n; i++) {
    const src = piv[i]! * p;
    for (let j = 0; j < p; j++) x[i * p + j] = b[src + j]!;
  }
  for (let i = 1; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const l = lu[i * n + k]!;
      if (l === 0) continue;
      for (let j = 0; j < p; j++) x[i * p + j]! -= l * x[k * p + j]!;
    }
  }
  // Back substitution with U.
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const u = lu[i * n + k]!;
      if (u === 0) continue;
      for (let j = 0; j < p; j++) x[i * p + j]! -= u * x[k * p + j]!;
    }
    const d = lu[i * n + i]!;
    for (let j = 0; j < p; j++) x[i * p + j]! /= d;
  }
  return x;
}

/**
 * Solves A·X = B (row arrays; B is n×p) by LU with partial pivoting. Throws if A is singular to
 * working precision or the sizes do not match.
 */
export function solve(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
): number[][] {
  const n = a.length;
  if (b.length !== n) throw new Error(`solve: A has ${n} rows, B has ${b.length}.`);
  const p = n === 0 ? 0 : b[0]!.length;
  const bf = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const row = b[i]!;
    if (row.length !== p) throw new Error(`solve: row ${i} of B has ${row.length} entries.`);
    for (let j = 0; j < p; j++) bf[i * p + j] = row[j]!;
  }
  const x = luSolveFlat(luFactorFlat(toFlat(a), n), bf, p);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) out.push(Array.from(x.subarray(i * p, (i + 1) * p)));
  return out;
}

/** The matrix 1-norm (largest absolute column sum) of a flat n×n matrix. */
export function norm1Flat(a: Float64Array, n: number): number {
  let best = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(a[i * n + j]!);
    if (s > best || Number.isNaN(s)) best = s;
  }
  return best;
}

/**
 * Cholesky factor of a symmetric positive-definite matrix (row arrays): lower-triangular L with
 * A = L·Lᵀ (Golub & Van Loan, 4th ed., Algorithm 4.2.1). Throws when A is not positive definite
 * to working precision (a pivot ≤ 0) or not square.
 */
export function cholesky(a: readonly (readonly number[])[]): number[][] {
  const n = a.length;
  const l = a.map((row, i) => {
    if (row.length !== n)
      throw new Error(`cholesky: row ${i} has ${row.length} entries, not ${n}.`);
    return new Array<number>(n).fill(0);
  });
  for (let j = 0; j < n; j++) {
    let d = a[j]![j]!;
    for (let k = 0; k < j; k++) d -= l[j]![k]! ** 2;
    if (!(d > 0)) throw new Error(`cholesky: matrix is not positive definite (pivot ${j}).`);
    const ljj = Math.sqrt(d);
    l[j]![j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = s / ljj;
    }
  }
  return l;
}
