import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matMul } from '../../../src/model/numeric/linalg';
import { matrixExp, matrixExpFlat } from '../../../src/model/markov/matrixExp';
import { referenceExpm } from './expmReference';

const maxAbsDiff = (a: number[][], b: number[][]): number => {
  let m = 0;
  a.forEach((row, i) => row.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i]![j]!)))));
  return m;
};

/** A generator from off-diagonal rates (diagonal = −row sum). */
const fromRates = (rates: number[][]): number[][] =>
  rates.map((row, i) => {
    const out = row.map((v, j) => (j === i ? 0 : v));
    out[i] = -out.reduce((s, v) => s + v, 0);
    return out;
  });

/** Two-state chain 0 ⇄ 1 (0 → 1 at λ, 1 → 0 at μ): the textbook closed form. */
const twoState = (lambda: number, mu: number, t: number): number[][] => {
  const s = lambda + mu;
  const leave = -Math.expm1(-s * t); // 1 − e^{−(λ+μ)t}, no cancellation for small t
  const p01 = (lambda / s) * leave;
  const p10 = (mu / s) * leave;
  return [
    [1 - p01, p01],
    [p10, 1 - p10],
  ];
};

// Random generators of 2–8 states with intensities from 1e-4 to 200 per unit time (log-uniform),
// each off-diagonal present with probability 2/3; `acyclic` keeps only i < j (like the template,
// whose expanded chain has no cycles unless re-remission is on).
const generatorArb = (acyclic: boolean) =>
  fc.integer({ min: 2, max: 8 }).chain((n) =>
    fc
      .array(
        fc.option(fc.double({ min: -4, max: Math.log10(200), noNaN: true }), {
          nil: null,
          freq: 3,
        }),
        { minLength: n * n, maxLength: n * n },
      )
      .map((cells) =>
        fromRates(
          Array.from({ length: n }, (_, i) =>
            Array.from({ length: n }, (_, j) => {
              const c = cells[i * n + j];
              return c == null || i === j || (acyclic && j < i) ? 0 : 10 ** c;
            }),
          ),
        ),
      ),
  );
const anyGeneratorArb = fc.oneof(generatorArb(false), generatorArb(true));
const timeArb = fc.double({ min: 0, max: 60, noNaN: true });

describe('referenceExpm (the test oracle)', () => {
  it('matches the two-state closed form to double precision', () => {
    for (const [l, m, t] of [
      [0.3, 0.1, 5],
      [200, 1e-4, 60],
      [1e-4, 1e-4, 0.01],
    ] as const) {
      const ref = referenceExpm(
        fromRates([
          [0, l],
          [m, 0],
        ]),
        t,
        { generator: true },
      );
      expect(maxAbsDiff(ref, twoState(l, m, t))).toBeLessThan(4e-16);
    }
  });
});

describe('matrixExp', () => {
  it('returns the identity at t = 0 and for the zero matrix', () => {
    const q = fromRates([
      [0, 2, 3],
      [1, 0, 0],
      [0, 0, 0],
    ]);
    expect(matrixExp(q, 0)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(
      matrixExp(
        [
          [0, 0],
          [0, 0],
        ],
        37,
      ),
    ).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(matrixExp([], 1)).toEqual([]);
  });

  it('matches the two-state closed form P₀₀ = μ/(λ+μ) + λ/(λ+μ)·e^{−(λ+μ)t}', () => {
    for (const lambda of [1e-4, 0.05, 0.3, 2, 45, 200]) {
      for (const mu of [0, 1e-4, 0.1, 7, 200]) {
        for (const t of [1 / 12, 0.5, 1, 5, 60]) {
          const p = matrixExp(
            fromRates([
              [0, lambda],
              [mu, 0],
            ]),
            t,
          );
          expect(maxAbsDiff(p, twoState(lambda, mu, t))).toBeLessThan(1e-14);
          // and the un-rearranged textbook form of P₀₀:
          const s = lambda + mu;
          expect(p[0]![0]!).toBeCloseTo(mu / s + (lambda / s) * Math.exp(-s * t), 14);
        }
      }
    }
  });

  it('matches the linear death process: P_{N,k}(t) = C(N,k)·e^{−kμt}(1 − e^{−μt})^{N−k}', () => {
    // N individuals each dying at rate μ; state k = number alive, k → k−1 at rate kμ.
    const N = 5;
    const binom = (n: number, k: number): number => {
      let c = 1;
      for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
      return c;
    };
    for (const mu of [1e-3, 0.2, 3, 150]) {
      for (const t of [0.01, 1, 10, 60]) {
        const rates = Array.from({ length: N + 1 }, (_, i) =>
          Array.from({ length: N + 1 }, (_, j) => (j === i - 1 ? i * mu : 0)),
        );
        const p = matrixExp(fromRates(rates), t);
        const alive = Math.exp(-mu * t);
        const dead = -Math.expm1(-mu * t);
        for (let k = 0; k <= N; k++) {
          const exact = binom(N, k) * alive ** k * dead ** (N - k);
          expect(Math.abs(p[N]![k]! - exact)).toBeLessThan(1e-14);
        }
      }
    }
  });

  it('matches a truncated Poisson process: P₀ₖ = e^{−λt}(λt)ᵏ/k! below the absorbing end', () => {
    const K = 7; // states 0..7, the last absorbing
    for (const lambda of [0.01, 0.8, 12, 200]) {
      for (const t of [0.05, 1, 3, 60]) {
        const rates = Array.from({ length: K + 1 }, (_, i) =>
          Array.from({ length: K + 1 }, (_, j) => (j === i + 1 ? lambda : 0)),
        );
        const p = matrixExp(fromRates(rates), t);
        let term = Math.exp(-lambda * t);
        let below = 0;
        for (let k = 0; k < K; k++) {
          expect(Math.abs(p[0]![k]! - term)).toBeLessThan(1e-14);
          below += term;
          term = (term * lambda * t) / (k + 1);
        }
        expect(Math.abs(p[0]![K]! - (1 - below))).toBeLessThan(1e-14);
      }
    }
  });

  it('reproduces the Moler–Van Loan example A = [−49 24; −64 31] (not a generator)', () => {
    // C. Moler & C. Van Loan, "Nineteen dubious ways to compute the exponential of a matrix,
    // twenty-five years later", SIAM Review 45(1):3–49, 2003, §1: e^A ≈ [−0.735759 0.551819;
    // −1.471518 1.103638]. Exactly: A = V·diag(−1, −17)·V⁻¹ with V = [1 3; 2 4] (A·[1,2]ᵀ =
    // −[1,2]ᵀ, A·[3,4]ᵀ = −17·[3,4]ᵀ), V⁻¹ = [−2 1.5; 1 −0.5], so e^A is as below.
    const e1 = Math.exp(-1);
    const e17 = Math.exp(-17);
    const exact = [
      [-2 * e1 + 3 * e17, 1.5 * e1 - 1.5 * e17],
      [-4 * e1 + 4 * e17, 3 * e1 - 2 * e17],
    ];
    const p = matrixExp(
      [
        [-49, 24],
        [-64, 31],
      ],
      1,
    );
    // This matrix is ill-conditioned for the exponential (MVL use it as a warning for Taylor
    // series); a relative error of ~1e-14 is what Higham's algorithm achieves on it.
    p.forEach((row, i) =>
      row.forEach((v, j) => expect(Math.abs(v / exact[i]![j]! - 1)).toBeLessThan(5e-14)),
    );
    expect(p[0]![0]!).toBeCloseTo(-0.735759, 6);
    expect(p[1]![1]!).toBeCloseTo(1.103638, 6);
  });

  it('handles a generator with negative t and a non-generator without the generator path', () => {
    // exp(Q·(−t)) is the inverse of exp(Q·t).
    const q = fromRates([
      [0, 0.3, 0.05],
      [0.1, 0, 0.02],
      [0, 0, 0],
    ]);
    const back = matMul(matrixExp(q, 2), matrixExp(q, -2));
    expect(
      maxAbsDiff(back, [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]),
    ).toBeLessThan(1e-14);
  });

  it('agrees with the flat version', () => {
    const q = fromRates([
      [0, 0.3, 0.05],
      [0.1, 0, 0.02],
      [0, 0, 0],
    ]);
    expect(Array.from(matrixExpFlat(Float64Array.from(q.flat()), 3, 4))).toEqual(
      matrixExp(q, 4).flat(),
    );
  });

  it('rejects non-finite input and non-square matrices', () => {
    expect(() => matrixExp([[NaN]], 1)).toThrow(/entry \(0, 0\) is not finite/);
    expect(() => matrixExp([[0]], Infinity)).toThrow(/t must be finite/);
    expect(() => matrixExp([[0, 1]], 1)).toThrow(/square/);
  });

  describe('stiff generators (rates 1e-4..200 per unit time, t up to 60)', () => {
    // ‖Q·t‖₁ reaches ~10⁵ here, so ~17 squarings: the plain algorithm's row sums drift by
    // 2ˢ·u ≈ 4e-12 on such cases; the generator path must stay within 1e-12 of the 320-bit
    // reference everywhere.
    it('meets 1e-12 on hand-picked hard cases', () => {
      const cases: { rates: number[][]; t: number }[] = [
        // fast recurrent pair next to a slowly leaving state
        {
          rates: [
            [0, 200, 0],
            [200, 0, 1e-4],
            [0, 0, 0],
          ],
          t: 60,
        },
        // slow state fed by a fast one (pivoting hazard for the degree-13 Padé step)
        {
          rates: [
            [0, 0, 1e-4],
            [0, 0, 198],
            [0.002, 0, 0],
          ],
          t: 60,
        },
        // the template's shape with extreme rates
        {
          rates: [
            [0, 200, 0, 1e-4, 0, 0],
            [0, 0, 1e-4, 0, 200, 0],
            [0, 0, 0, 0, 0, 150],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0],
          ],
          t: 60,
        },
        // Found by search: plain Higham 2005 (m = 13, plain squaring) is off by 2.6e-12 and
        // 2.2e-12 on these two, and by ~3e-12 on the fast two-state flip below.
        {
          rates: [
            [0, 5, 0, 5.3, 0.013, 29],
            [0.0014, 0, 0, 0, 0, 0.016],
            [0, 0.003, 0, 0.04, 0.00033, 0.78],
            [0, 0.017, 11, 0, 0, 0.78],
            [0, 0, 0.0014, 1.4, 0, 0],
            [0.0046, 160, 0, 0, 0.1, 0],
          ],
          t: 60,
        },
        {
          rates: [
            [0, 0.16, 0, 21, 0, 0.0047],
            [13, 0, 0.024, 0, 0, 120],
            [140, 0.53, 0, 0.0028, 0, 0.093],
            [73, 2.2, 0, 0, 0.00013, 0],
            [0, 0.002, 160, 0, 0, 200],
            [0.71, 0.0044, 0.24, 0.00014, 0, 0],
          ],
          t: 60,
        },
        {
          rates: [
            [0, 200],
            [200, 0],
          ],
          t: 60,
        },
        // a cycle of eight with mixed speeds
        {
          rates: Array.from({ length: 8 }, (_, i) =>
            Array.from({ length: 8 }, (_, j) => (j === (i + 1) % 8 ? [200, 1e-4, 3][i % 3]! : 0)),
          ),
          t: 59.9,
        },
      ];
      for (const { rates, t } of cases) {
        const q = fromRates(rates);
        const ref = referenceExpm(q, t, { generator: true });
        expect(maxAbsDiff(matrixExp(q, t), ref)).toBeLessThanOrEqual(1e-12);
      }
    });

    it('meets 1e-12 against the reference for random generators of 2–8 states', () => {
      fc.assert(
        fc.property(anyGeneratorArb, timeArb, (q, t) => {
          const ref = referenceExpm(q, t, { generator: true });
          return maxAbsDiff(matrixExp(q, t), ref) <= 1e-12;
        }),
        { numRuns: 150 },
      );
    });
  });

  describe('properties of exp(Q·t) for generators', () => {
    it('has rows summing to 1 and entries in [0, 1] within 1e-12', () => {
      fc.assert(
        fc.property(anyGeneratorArb, timeArb, (q, t) => {
          const p = matrixExp(q, t);
          return p.every(
            (row) =>
              Math.abs(row.reduce((s, v) => s + v, 0) - 1) <= 1e-12 &&
              row.every((v) => v >= -1e-12 && v <= 1 + 1e-12),
          );
        }),
        { numRuns: 300 },
      );
    });

    it('satisfies the semigroup law exp(Q(s+t)) = exp(Qs)·exp(Qt)', () => {
      fc.assert(
        fc.property(
          anyGeneratorArb,
          fc.double({ min: 0, max: 30, noNaN: true }),
          fc.double({ min: 0, max: 30, noNaN: true }),
          (q, s, t) =>
            maxAbsDiff(matrixExp(q, s + t), matMul(matrixExp(q, s), matrixExp(q, t))) <= 1e-12,
        ),
        { numRuns: 300 },
      );
    });
  });
});
