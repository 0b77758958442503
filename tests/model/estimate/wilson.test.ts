import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../src/model/estimate/wilson';

describe('wilsonInterval', () => {
  // Wilson 95% intervals in percent to one decimal, as the targets table of the source notes
  // quotes them; R agrees: round(100 * prop.test(k, n, correct = FALSE)$conf.int, 1).
  it.each([
    [68, 81, 74.5, 90.4], // F1
    [2, 13, 4.3, 42.2], // A1
    [11, 13, 57.8, 95.7], // A2
    [9, 37, 13.4, 40.1], // F6
    [0, 16, 0, 19.4], // C1
    [16, 16, 80.6, 100], // C2
    [3, 6, 18.8, 81.2], // E5
    [1, 6, 3, 56.4], // E9
    [28, 81, 25.1, 45.4], // F4
    [37, 81, 35.3, 56.5], // F5
    [23, 83, 19.2, 38.2], // E2
    [14, 40, 22.1, 50.5], // D1
    [29, 40, 57.2, 83.9], // D3
    [82, 87, 87.2, 97.5], // E1
  ])('%i/%i matches the reference table %f–%f%%', (k, n, lo, hi) => {
    const { lower, upper } = wilsonInterval(k, n);
    expect(Math.round(lower * 1000) / 10).toBeCloseTo(lo, 10);
    expect(Math.round(upper * 1000) / 10).toBeCloseTo(hi, 10);
  });

  // Newcombe (1998) Stat Med 17:857–872, Table I, method 3 (score interval without continuity
  // correction), the worked examples; R: prop.test(k, n, correct = FALSE)$conf.int.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i matches Newcombe 1998 (%f, %f)', (k, n, lo, hi) => {
    const { lower, upper } = wilsonInterval(k, n);
    expect(lower).toBeCloseTo(lo, 4);
    expect(upper).toBeCloseTo(hi, 4);
  });

  // Full-precision values computed with mpmath at 40 digits from the closed form.
  it.each([
    [68, 81, 0.7445295089488065, 0.9037384577328869],
    [2, 13, 0.0432581783580812, 0.4223463101948254],
    [9, 37, 0.13361352989116398, 0.4011729212144265],
    [0, 16, 0, 0.19360768053443653],
    [3, 6, 0.1876163064826505, 0.8123836935173495],
  ])('%i/%i agrees with a 40-digit computation', (k, n, lo, hi) => {
    const { lower, upper } = wilsonInterval(k, n);
    expect(Math.abs(lower - lo)).toBeLessThan(1e-14);
    expect(Math.abs(upper - hi)).toBeLessThan(1e-14);
  });

  it('gives exact 0 and 1 at the edges and is symmetric under k ↔ n − k', () => {
    expect(wilsonInterval(0, 5).lower).toBe(0);
    expect(wilsonInterval(5, 5).upper).toBe(1);
    for (const [k, n] of [
      [3, 10],
      [0, 7],
      [12, 40],
    ] as const) {
      const a = wilsonInterval(k, n);
      const b = wilsonInterval(n - k, n);
      expect(a.lower).toBeCloseTo(1 - b.upper, 14);
      expect(a.upper).toBeCloseTo(1 - b.lower, 14);
    }
  });

  it('honours other levels (90% and 99% from a 40-digit computation)', () => {
    const i90 = wilsonInterval(68, 81, 0.9);
    expect(i90.lower).toBeCloseTo(0.7616344503170644, 13);
    expect(i90.upper).toBeCloseTo(0.8954307538550141, 13);
    const i99 = wilsonInterval(2, 13, 0.99);
    expect(i99.lower).toBeCloseTo(0.030668894315631027, 13);
    expect(i99.upper).toBeCloseTo(0.5109635276482357, 13);
    // Wider level, wider interval.
    expect(i99.upper - i99.lower).toBeGreaterThan(
      wilsonInterval(2, 13).upper - wilsonInterval(2, 13).lower,
    );
  });

  it.each([
    [1.5, 10, /k must be an integer/],
    [-1, 10, /k must be an integer/],
    [11, 10, /k must be an integer/],
    [Number.NaN, 10, /k must be/],
    [0, 0, /n must be an integer > 0/],
    [1, 2.5, /n must be an integer > 0/],
    [1, Number.POSITIVE_INFINITY, /n must be/],
  ])('rejects k = %s, n = %s naming the field', (k, n, message) => {
    expect(() => wilsonInterval(k, n)).toThrow(message);
  });

  it('rejects a level outside (0, 1)', () => {
    expect(() => wilsonInterval(1, 2, 1)).toThrow(/level/);
    expect(() => wilsonInterval(1, 2, 0)).toThrow(/level/);
    expect(() => wilsonInterval(1, 2, Number.NaN)).toThrow(/level/);
  });
});
