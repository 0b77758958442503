/**
 * A slow, high-precision reference for exp(Q·t), for tests only.
 *
 * Arithmetic is exact-integer fixed point: every number is a BigInt standing for x·2⁻ᶠ with
 * F = 320 fractional bits, so each multiplication is exact and then truncated by 2⁻³²⁰ (about
 * 5e-97). The inputs (double-precision Q and t) are converted exactly. The method is plain
 * scaling and squaring with a Taylor series: A = Q·t/2ˢ with ‖A‖∞ ≤ 1/16, exp(A) by Taylor until
 * the terms vanish at 2⁻³²⁰, then s squarings. Squaring amplifies the truncation error by at most
 * about 2ˢ·n (s ≤ ~30 here), so the result is exact far beyond double precision; the only
 * rounding that matters is the final conversion to the nearest double.
 *
 * Nothing is shared with `src/model/matrixExp.ts`: different series, different arithmetic.
 */

const F = 320n;
const ONE = 1n << F;

/** Exact conversion of a finite double to fixed point (x·2^F rounded toward zero). */
function toFixed(x: number): bigint {
  if (!Number.isFinite(x)) throw new Error(`toFixed: ${x}`);
  if (x === 0) return 0n;
  // x = m·2^e with m an integer: doubling is exact for finite doubles well below overflow.
  let m = x;
  let e = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    e -= 1;
  }
  const big = BigInt(m);
  const shift = F + BigInt(e);
  return shift >= 0n ? big << shift : big >> -shift;
}

/** Nearest double to a fixed-point value (BigInt → Number rounds to nearest). */
function toNumber(x: bigint): number {
  // Keep 64 significant fractional bits beyond double precision before converting.
  const neg = x < 0n;
  const ax = neg ? -x : x;
  const shift = F - 200n;
  const v = Number(ax >> shift) / 2 ** 200;
  return neg ? -v : v;
}

const mul = (a: bigint, b: bigint): bigint => (a * b) >> F;

function matMul(a: bigint[][], b: bigint[][]): bigint[][] {
  const n = a.length;
  const out: bigint[][] = [];
  for (let i = 0; i < n; i++) {
    const row: bigint[] = new Array<bigint>(n).fill(0n);
    for (let k = 0; k < n; k++) {
      const x = a[i]![k]!;
      if (x === 0n) continue;
      for (let j = 0; j < n; j++) row[j] = row[j]! + x * b[k]![j]!;
    }
    out.push(row.map((v) => v >> F));
  }
  return out;
}

/** exp(Q·t) to far better than double precision, rounded to doubles at the end. */
export function referenceExpm(
  q: number[][],
  t: number,
  options: { generator?: boolean } = {},
): number[][] {
  const tf = toFixed(t);
  let a = q.map((row) => row.map((v) => mul(toFixed(v), tf)));
  if (options.generator) {
    // The generator defined by the off-diagonal rates: its diagonal is minus the exact row sum
    // (a double diagonal is that sum rounded, which changes exp(Qt) by up to u·|q_ii|·t).
    a.forEach((row, i) => {
      row[i] = 0n;
      row[i] = -row.reduce((s, v) => s + v, 0n);
    });
  }
  // Scale so that the ∞-norm is at most 1/16: the Taylor terms then shrink by 16× per order.
  let norm = 0n;
  for (const row of a) {
    let s = 0n;
    for (const v of row) s += v < 0n ? -v : v;
    if (s > norm) norm = s;
  }
  let s = 0;
  while (norm > ONE >> 4n) {
    norm >>= 1n;
    s += 1;
  }
  a = a.map((row) => row.map((v) => v >> BigInt(s)));
  // Taylor series: X = I + A + A²/2! + …, stopping when a term is all zeros.
  let x = a.map((row, i) => row.map((v, j) => v + (i === j ? ONE : 0n)));
  let term = a;
  for (let k = 2; k < 400; k++) {
    term = matMul(term, a).map((row) => row.map((v) => v / BigInt(k)));
    if (term.every((row) => row.every((v) => v === 0n))) break;
    x = x.map((row, i) => row.map((v, j) => v + term[i]![j]!));
  }
  for (let k = 0; k < s; k++) x = matMul(x, x);
  return x.map((row) => row.map(toNumber));
}
