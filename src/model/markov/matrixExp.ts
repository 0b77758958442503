/**
 * The matrix exponential exp(Q·t): how a generator of intensities becomes the transition matrix
 * over an interval, P(t) = exp(Q·t), with competing transitions handled exactly.
 *
 * Method: scaling and squaring with diagonal Padé approximants, N. J. Higham, "The scaling and
 * squaring method for the matrix exponential revisited", SIAM J. Matrix Anal. Appl. 26(4):
 * 1179–1193 (2005), Algorithm 2.3: pick the degree m ∈ {3, 5, 7, 9, 13} and the number of
 * squarings s from ‖Q·t‖₁ and the thresholds θ_m (Table 2.3), evaluate r_m(A) = q_m(A)⁻¹p_m(A)
 * for A = Q·t/2ˢ with one LU solve, then square s times.
 *
 * Generators (non-negative off-diagonals, rows summing to zero, t ≥ 0) take a structured variant
 * of the same algorithm, because the textbook version loses accuracy exactly where this project
 * lives: rates from 1e-4 to 200 per unit time over 60 units make ‖Q·t‖₁ ≈ 10⁴ and s ≈ 14, and
 * each squaring of a matrix whose rows sum to 1 + δ doubles δ, so a rounding-level δ ≈ 1e-16
 * turns into row sums and entries off by 2ˢ·1e-16 ≈ 4e-12 (measured against a 320-bit reference
 * in tests/model/matrixExp.test.ts). The variant:
 *  1. caps the degree at 7 and scales to ‖A‖₁ ≤ θ₇ ≈ 0.95. Then the Padé denominator q₇(A) is
 *     column diagonally dominant (‖q₇(A)/b₀ − I‖₁ ≤ Σₖ≥₁ (bₖ/b₀)·θ₇ᵏ ≈ 0.59 < 1), so partial
 *     pivoting never swaps rows and a slowly-leaving state's row keeps its small entries to
 *     relative accuracy (with m = 13 at θ₁₃ ≈ 5.4, a fast row can pivot over a slow one, which
 *     costs ~5e-13). Two or three extra squarings cost no accuracy here, and the degree-7
 *     evaluation is cheaper than degree 13, so the cost is about the same;
 *  2. after the Padé step and after every squaring, sets each diagonal entry to 1 − Σ of the
 *     off-diagonal entries of its row. The off-diagonals of a product of non-negative matrices
 *     are sums of non-negative terms (no cancellation), and the exact P(t) has rows summing to
 *     exactly 1, so this restores an invariant of the exact iterates rather than hiding an
 *     error: the doubling of δ never starts. This is the GTH idea (Grassmann, Taksar & Heyman,
 *     Oper. Res. 33(5), 1985) of computing diagonals from off-diagonals, applied to squaring.
 * The diagonal used is minus the sum of the off-diagonal rates (the generator those rates define);
 * a diagonal given in doubles differs from it only by rounding.
 * With both, entries agree with the 320-bit reference to a few 1e-16 for 2–8 states, rates
 * 1e-4..200 and t up to 60 (see the tests). Finally, negatives smaller than 1e-15 in magnitude
 * (rounding in the Padé step) are set to 0; nothing is renormalised.
 */
import {
  fromFlat,
  luFactorFlat,
  luSolveFlat,
  matMulFlat,
  norm1Flat,
  toFlat,
} from '../numeric/linalg';

// Coefficients b₀..b_m of the Padé numerator p_m(x) = Σ bₖxᵏ, denominator p_m(−x)
// (Higham 2005, §2; the same values as in MATLAB's expm).
const B3 = [120, 60, 12, 1];
const B5 = [30240, 15120, 3360, 420, 30, 1];
const B7 = [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1];
const B9 = [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1];
const B13 = [
  64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
  10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
];
// θ_m: the largest ‖A‖₁ for which r_m(A) has backward error ≤ u = 2⁻⁵³ (Higham 2005, Table 2.3).
const THETA3 = 1.495585217958292e-2;
const THETA5 = 2.53939833006323e-1;
const THETA7 = 9.504178996162932e-1;
const THETA9 = 2.097847961257068;
const THETA13 = 5.371920351148152;

/** Entries of a generator's exponential within this of 0 from below are rounding: set to 0. */
const CLAMP = 1e-15;

/**
 * exp(Q·t) for a square matrix Q (row arrays) and a scalar t, in whatever time unit Q's entries
 * are per (for a generator of intensities per year, t is in years). Returns a new matrix.
 * For a generator and t ≥ 0 the result is a transition matrix: rows sum to 1 and entries lie in
 * [0, 1] to rounding (see the module comment). Throws if Q is not square or anything is not
 * finite.
 */
export function matrixExp(q: readonly (readonly number[])[], t: number): number[][] {
  const n = q.length;
  return fromFlat(matrixExpFlat(toFlat(q), n, t), n);
}

/**
 * exp(Q·t) for a flat row-major n×n matrix (`q[i * n + j]`); same contract as `matrixExp`.
 * Returns a new flat array (the hot path of the cohort trace: no row arrays are built).
 */
export function matrixExpFlat(q: Float64Array, n: number, t: number): Float64Array {
  const nn = n * n;
  if (q.length !== nn) throw new Error(`matrixExp: expected ${nn} entries, got ${q.length}.`);
  if (!Number.isFinite(t)) throw new Error(`matrixExp: t must be finite, got ${t}.`);
  const a = new Float64Array(nn);
  for (let i = 0; i < nn; i++) {
    const v = q[i]!;
    if (!Number.isFinite(v)) {
      throw new Error(`matrixExp: entry (${Math.floor(i / n)}, ${i % n}) is not finite (${v}).`);
    }
    a[i] = v * t;
  }
  const norm = norm1Flat(a, n);
  if (norm === 0) {
    const eye = new Float64Array(nn);
    for (let i = 0; i < n; i++) eye[i * n + i] = 1;
    return eye;
  }
  return t >= 0 && isGeneratorFlat(q, n) ? expGenerator(a, n, norm) : expGeneral(a, n, norm);
}

/**
 * True when off-diagonals are ≥ 0 and every row sums to 0 up to rounding (|Σⱼ qᵢⱼ| ≤ 64·u·Σⱼ|qᵢⱼ|).
 */
function isGeneratorFlat(q: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let abs = 0;
    for (let j = 0; j < n; j++) {
      const v = q[i * n + j]!;
      if (j !== i && v < 0) return false;
      sum += v;
      abs += Math.abs(v);
    }
    if (Math.abs(sum) > 64 * Number.EPSILON * abs) return false;
  }
  return true;
}

/** Higham (2005) Algorithm 2.3, unchanged: any real square matrix A = Q·t with ‖A‖₁ = norm. */
function expGeneral(a: Float64Array, n: number, norm: number): Float64Array {
  const nn = n * n;
  let degree = 13;
  let s = 0;
  if (norm <= THETA3) degree = 3;
  else if (norm <= THETA5) degree = 5;
  else if (norm <= THETA7) degree = 7;
  else if (norm <= THETA9) degree = 9;
  else if (norm > THETA13) {
    s = Math.ceil(Math.log2(norm / THETA13));
    const f = 2 ** -s;
    for (let i = 0; i < nn; i++) a[i]! *= f;
  }
  let x: Float64Array = padeMinusIdentity(a, n, degree);
  for (let i = 0; i < n; i++) x[i * n + i]! += 1;
  let tmp: Float64Array = new Float64Array(nn);
  for (let k = 0; k < s; k++) {
    matMulFlat(x, x, n, tmp);
    [x, tmp] = [tmp, x];
  }
  return x;
}

/** The structured variant for a generator times t ≥ 0 (module comment, points 1 and 2). */
function expGenerator(a: Float64Array, n: number, norm: number): Float64Array {
  const nn = n * n;
  let degree = 7;
  let s = 0;
  if (norm <= THETA3) degree = 3;
  else if (norm <= THETA5) degree = 5;
  else if (norm > THETA7) {
    s = Math.ceil(Math.log2(norm / THETA7));
    const f = 2 ** -s;
    for (let i = 0; i < nn; i++) a[i]! *= f;
  }
  // r_m(A) − I, whose off-diagonals are those of r_m(A); the diagonal is rebuilt below.
  let x: Float64Array = padeMinusIdentity(a, n, degree);
  diagonalFromRows(x, n);
  let tmp: Float64Array = new Float64Array(nn);
  for (let k = 0; k < s; k++) {
    matMulFlat(x, x, n, tmp);
    [x, tmp] = [tmp, x];
    diagonalFromRows(x, n);
  }
  for (let i = 0; i < nn; i++) {
    const v = x[i]!;
    if (v < 0 && v > -CLAMP) x[i] = 0;
  }
  return x;
}

/** Sets xᵢᵢ = 1 − Σ_{j≠i} xᵢⱼ: the exact iterates of a generator's exponential are stochastic. */
function diagonalFromRows(x: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    let off = 0;
    for (let j = 0; j < n; j++) if (j !== i) off += x[i * n + j]!;
    x[i * n + i] = 1 - off;
  }
}

/**
 * r_m(A) − I for the [m/m] Padé approximant, without forming I + … and subtracting: with
 * p_m(A) = V + U (V the even, U the odd terms) and q_m(A) = V − U, r_m − I = (V − U)⁻¹·2U
 * (Higham 2005, §2; the m = 13 evaluation uses his eq. 2.5 with A², A⁴, A⁶ only).
 */
function padeMinusIdentity(a: Float64Array, n: number, m: number): Float64Array {
  const nn = n * n;
  const b = m === 3 ? B3 : m === 5 ? B5 : m === 7 ? B7 : m === 9 ? B9 : B13;
  const a2 = matMulFlat(a, a, n);
  const odd = new Float64Array(nn); // U = A·odd
  const v = new Float64Array(nn);
  const addIdentity = (dst: Float64Array, c: number): void => {
    for (let i = 0; i < n; i++) dst[i * n + i]! += c;
  };
  const axpy = (dst: Float64Array, c: number, x: Float64Array): void => {
    for (let i = 0; i < nn; i++) dst[i]! += c * x[i]!;
  };
  if (m === 13) {
    const a4 = matMulFlat(a2, a2, n);
    const a6 = matMulFlat(a4, a2, n);
    const w = new Float64Array(nn);
    axpy(w, b[13]!, a6);
    axpy(w, b[11]!, a4);
    axpy(w, b[9]!, a2);
    matMulFlat(a6, w, n, odd);
    axpy(odd, b[7]!, a6);
    axpy(odd, b[5]!, a4);
    axpy(odd, b[3]!, a2);
    addIdentity(odd, b[1]!);
    const z = new Float64Array(nn);
    axpy(z, b[12]!, a6);
    axpy(z, b[10]!, a4);
    axpy(z, b[8]!, a2);
    matMulFlat(a6, z, n, v);
    axpy(v, b[6]!, a6);
    axpy(v, b[4]!, a4);
    axpy(v, b[2]!, a2);
    addIdentity(v, b[0]!);
  } else {
    addIdentity(odd, b[1]!);
    addIdentity(v, b[0]!);
    let power = a2;
    for (let k = 2; k < m; k += 2) {
      if (k > 2) power = matMulFlat(power, a2, n);
      axpy(odd, b[k + 1]!, power);
      axpy(v, b[k]!, power);
    }
  }
  const u = matMulFlat(a, odd, n);
  const d = new Float64Array(nn);
  for (let i = 0; i < nn; i++) {
    d[i] = v[i]! - u[i]!;
    u[i]! *= 2;
  }
  return luSolveFlat(luFactorFlat(d, n), u, n);
}
