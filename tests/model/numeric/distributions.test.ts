import { describe, expect, it } from 'vitest';
import { chiSquareSf, normalQuantile, Z_975 } from '../../../src/model/numeric/distributions';

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
