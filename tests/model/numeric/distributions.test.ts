import { describe, expect, it } from 'vitest';
import {
  chiSquareSf,
  normalCdf,
  normalQuantile,
  normalSurvival,
  Z_975,
} from '../../../src/model/numeric/distributions';

describe('normalQuantile (AS 241)', () => {
  it.each([
    [0.975, 1.9599639845400543],
    [0.95, 1.6448536269514726],
    [0.5, 0],
    [0.001, -3.0902323061678136],
    [1e-10, -6.361340902404057],
    // 0.9999999 as a double is 1 − 1.0000000005838672e-07; the value is for that double.
    [0.9999999, 5.199337582290661],
    [0.99, 2.3263478740408408],
    [0.3, -0.5244005127080408],
    [0.08, -1.4050715603096327],
  ])('Φ⁻¹(%f) = %f', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-13 * Math.max(1, Math.abs(z)));
  });

  it('agrees with the exact 97.5% constant', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(Z_975, 14);
  });

  it('rejects p outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(/p must be/);
    expect(() => normalQuantile(1)).toThrow(/p must be/);
  });
});

describe('chiSquareSf', () => {
  it.each([
    // Quantiles from standard tables (R: qchisq(0.95, df), qchisq(0.999, df)).
    [3.841458820694124, 1, 0.05],
    [18.307038053275146, 10, 0.05],
    [10.827566170662733, 1, 0.001],
    [0.454936423119572, 1, 0.5],
    [1, 2, Math.exp(-0.5)], // df = 2 is exponential: P = e^(−x/2)
    [40, 2, Math.exp(-20)],
    [0, 3, 1],
  ])('P(χ² ≥ %f; df %i) = %f', (x, df, p) => {
    expect(chiSquareSf(x, df) / p).toBeCloseTo(1, 9);
  });
});

/** |actual − expected| ≤ tol · |expected| (relative agreement). */
function expectRel(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

// R 4.x: for (z in c(...)) cat(z, sprintf("%.17g", pnorm(z)), sprintf("%.17g", pnorm(z, lower.tail=FALSE)))
const PNORM: [z: number, lower: number, upper: number][] = [
  [-8, 6.2209605742717849e-16, 0.99999999999999933],
  [-3, 0.0013498980316300946, 0.9986501019683699],
  [-1.959963984540054, 0.025000000000000012, 0.97499999999999998],
  [-0.5, 0.30853753872598694, 0.69146246127401301],
  [0, 0.5, 0.5],
  [0.3, 0.61791142218895267, 0.38208857781104733],
  [1, 0.84134474606854293, 0.15865525393145705],
  [1.2, 0.88493032977829178, 0.11506967022170828],
  [1.3, 0.9031995154143897, 0.096800484585610344],
  [2.5, 0.99379033467422384, 0.0062096653257761349],
  [5, 0.99999971334842808, 2.8665157187919391e-7],
  [10, 1, 7.6198530241605269e-24],
];

// R 4.x: sprintf("%.17g", pchisq(x, 1, lower.tail = FALSE))
const PCHISQ1: [x: number, p: number][] = [
  [0, 1],
  [1e-6, 0.99920211557217786],
  [0.17168637532414752, 0.67861740089476574],
  [1, 0.31731050786291415],
  [2.9, 0.088579552579776885],
  [3.3963886989776011, 0.065339322040505132],
  [3.841458820694124, 0.049999999999999975],
  [10, 0.0015654022580025519],
  [50, 1.5374597944280343e-12],
  [200, 2.0884875837625449e-45],
];

describe('normalCdf', () => {
  it('agrees with R pnorm in both tails to 1e-13 relative', () => {
    for (const [z, lower, upper] of PNORM) {
      expectRel(normalCdf(z), lower, 1e-13);
      expectRel(normalSurvival(z), upper, 1e-13);
    }
  });
  it('is symmetric and monotone', () => {
    for (let z = -6; z <= 6; z += 0.37) {
      expect(normalCdf(z) + normalCdf(-z)).toBeCloseTo(1, 15);
      expect(normalCdf(z + 0.01)).toBeGreaterThan(normalCdf(z));
    }
  });
});

describe('chiSquareSf with 1 degree of freedom (log-rank, score, Wald and LR p-values)', () => {
  it('agrees with R pchisq(x, 1, lower.tail = FALSE) to 1e-13 relative', () => {
    for (const [x, p] of PCHISQ1) expectRel(chiSquareSf(x, 1), p, 1e-13);
  });
});
