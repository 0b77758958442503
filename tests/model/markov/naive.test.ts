import { describe, expect, it } from 'vitest';
import { matrixExp } from '../../../src/model/markov/matrixExp';
import { naiveError, naiveTransitionMatrix } from '../../../src/model/markov/naive';

// Active → Remission (0.3/yr), Active → Dead (0.05/yr), Remission → Dead (0.01/yr).
const competing = [
  [-0.35, 0.3, 0.05],
  [0, -0.01, 0.01],
  [0, 0, 0],
];

describe('naiveTransitionMatrix (the naive per-transition conversion)', () => {
  it('is exact for a row with a single exit: 1 − e^{−r·dt} is the probability of leaving', () => {
    const q = [
      [-0.8, 0.8],
      [0, 0],
    ];
    for (const dt of [1 / 12, 1, 5]) {
      const naive = naiveTransitionMatrix(q, dt);
      const exact = matrixExp(q, dt);
      expect(naive[0]![1]!).toBeCloseTo(exact[0]![1]!, 15);
      expect(naive[0]![0]!).toBeCloseTo(exact[0]![0]!, 15);
      expect(naiveError(q, dt).maxAbsError).toBeLessThan(1e-15);
    }
    // The single-exit row of a bigger model is exact too, even when other rows are not.
    const naive = naiveTransitionMatrix(competing, 1);
    expect(naive[1]![2]!).toBeCloseTo(matrixExp(competing, 1)[1]![2]!, 15);
  });

  it('differs from exp(Q·dt) when exits compete, and the error grows with dt', () => {
    const monthly = naiveError(competing, 1 / 12);
    const yearly = naiveError(competing, 1);
    expect(monthly.maxAbsError).toBeGreaterThan(1e-5);
    expect(yearly.maxAbsError).toBeGreaterThan(monthly.maxAbsError * 50);
    // Each exit is overstated: 1 − e^{−0.3} ignores that death may come first.
    expect(naiveTransitionMatrix(competing, 1)[0]![1]!).toBeGreaterThan(
      matrixExp(competing, 1)[0]![1]!,
    );
    // Rows still sum to 1 by construction; the diagonal is the complement.
    expect(yearly.rowSumsOk).toBe(true);
    expect(yearly.negativeDiagonal).toBe(false);
  });

  it('reports a negative diagonal when the exits add up to more than 1 (large dt)', () => {
    const q = [
      [-4, 2, 2],
      [0, 0, 0],
      [0, 0, 0],
    ];
    const r = naiveError(q, 1);
    // 2·(1 − e^{−2}) ≈ 1.73 > 1, so the diagonal is ≈ −0.73: not a transition matrix.
    expect(r.matrix[0]![0]!).toBeCloseTo(1 - 2 * (1 - Math.exp(-2)), 14);
    expect(r.negativeDiagonal).toBe(true);
    expect(r.maxAbsError).toBeGreaterThan(0.5);
  });

  it('rejects a bad dt or rate', () => {
    expect(() => naiveTransitionMatrix(competing, -1)).toThrow(/dt/);
    expect(() =>
      naiveTransitionMatrix(
        [
          [0, NaN],
          [0, 0],
        ],
        1,
      ),
    ).toThrow(/rate \(0, 1\)/);
  });
});
