import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cholesky,
  fromFlat,
  identity,
  luFactorFlat,
  luSolveFlat,
  matMul,
  matMulFlat,
  norm1Flat,
  solve,
  toFlat,
  vecMat,
  vecMatFlat,
} from '../../../src/model/numeric/linalg';

const matrixArb = (n: number) =>
  fc.array(
    fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
    {
      minLength: n,
      maxLength: n,
    },
  );

describe('linalg', () => {
  it('builds identities and converts between layouts', () => {
    expect(identity(2)).toEqual([
      [1, 0],
      [0, 1],
    ]);
    const a = [
      [1, 2],
      [3, 4],
    ];
    expect(Array.from(toFlat(a))).toEqual([1, 2, 3, 4]);
    expect(fromFlat(toFlat(a), 2)).toEqual(a);
    expect(() => toFlat([[1, 2]])).toThrow(/square/);
  });

  it('multiplies matrices and row vectors', () => {
    const a = [
      [1, 2],
      [3, 4],
    ];
    const b = [
      [0, 1],
      [1, 0],
    ];
    expect(matMul(a, b)).toEqual([
      [2, 1],
      [4, 3],
    ]);
    expect(Array.from(matMulFlat(toFlat(a), toFlat(b), 2))).toEqual([2, 1, 4, 3]);
    expect(vecMat([1, 1], a)).toEqual([4, 6]);
    expect(Array.from(vecMatFlat([1, 1], toFlat(a), 2))).toEqual([4, 6]);
    expect(matMul([[1, 2, 3]], [[1], [1], [1]])).toEqual([[6]]);
    expect(() => matMul([[1, 2]], [[1, 2]])).toThrow(/B has 1 rows/);
  });

  it('solves a system that needs pivoting (zero leading entry)', () => {
    const x = solve(
      [
        [0, 1],
        [2, 0],
      ],
      [
        [3, 0],
        [4, 2],
      ],
    );
    expect(x).toEqual([
      [2, 1],
      [3, 0],
    ]);
  });

  it('throws on a singular matrix', () => {
    expect(() =>
      solve(
        [
          [1, 2],
          [2, 4],
        ],
        [[1], [1]],
      ),
    ).toThrow(/singular/);
  });

  it('leaves a small residual A·X − B for random well-scaled systems', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(matrixArb(n), matrixArb(n))),
        ([a, b]) => {
          const n = a.length;
          // Make A diagonally dominant so it is safely non-singular.
          const ad = a.map((row, i) => row.map((v, j) => (i === j ? v + 100 : v)));
          const x = luSolveFlat(luFactorFlat(toFlat(ad), n), toFlat(b), n);
          const r = matMulFlat(toFlat(ad), x, n);
          const bf = toFlat(b);
          return r.every((v, i) => Math.abs(v - bf[i]!) <= 1e-12 * 100);
        },
      ),
    );
  });

  it('computes the 1-norm as the largest absolute column sum', () => {
    expect(norm1Flat(Float64Array.from([1, -2, -3, 4]), 2)).toBe(6);
  });
});

describe('cholesky', () => {
  it('factors a symmetric positive-definite matrix: L·Lᵀ = A, L lower-triangular', () => {
    const a = [
      [4, 12, -16],
      [12, 37, -43],
      [-16, -43, 98],
    ];
    // The textbook example with integer factor [[2,0,0],[6,1,0],[-8,5,3]].
    expect(cholesky(a)).toEqual([
      [2, 0, 0],
      [6, 1, 0],
      [-8, 5, 3],
    ]);
  });

  it('rejects a matrix that is not positive definite', () => {
    expect(() =>
      cholesky([
        [1, 2],
        [2, 1],
      ]),
    ).toThrow(/not positive definite/);
  });
});
