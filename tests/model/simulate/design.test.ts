import { describe, expect, it } from 'vitest';
import {
  expectedFollowedAt,
  sampleFollowUp,
  validateDesign,
} from '../../../src/model/simulate/design';
import type { StudyDesign } from '../../../src/model/types';

const design: StudyDesign = { accrualMonths: 36, cutoffMonths: 60, lossPerYear: 0.1 };
const HORIZON = 120;

/** ∫₀^H P(followUp ≥ t) dt = E[followUp], by Simpson's rule on a fine grid (months). */
function expectedMean(d: StudyDesign, horizon: number): number {
  const m = 12_000;
  const h = horizon / m;
  let sum = 0;
  for (let i = 0; i <= m; i++) {
    const w = i === 0 || i === m ? 1 : i % 2 === 1 ? 4 : 2;
    sum += w * expectedFollowedAt(d, i * h, horizon);
  }
  return (sum * h) / 3;
}

describe('expectedFollowedAt', () => {
  it('is 1 at time 0, falls linearly over the accrual window, and 0 after the cut-off', () => {
    const noLoss = { accrualMonths: 24, cutoffMonths: 48, lossPerYear: 0 };
    expect(expectedFollowedAt(noLoss, 0)).toBe(1);
    expect(expectedFollowedAt(noLoss, 24)).toBe(1);
    expect(expectedFollowedAt(noLoss, 36)).toBe(0.5);
    expect(expectedFollowedAt(noLoss, 48)).toBe(0);
    expect(expectedFollowedAt(noLoss, 60)).toBe(0);
  });

  it('multiplies by exp(−loss · t) with loss per year and t in months', () => {
    const lossOnly = { accrualMonths: 0, cutoffMonths: 1000, lossPerYear: 0.5 };
    expect(expectedFollowedAt(lossOnly, 24)).toBeCloseTo(Math.exp(-1), 15);
    expect(expectedFollowedAt(lossOnly, 1001)).toBe(0);
    expect(expectedFollowedAt(design, 48)).toBeCloseTo((12 / 36) * Math.exp(-0.4), 15);
  });

  it('is 0 beyond the horizon', () => {
    expect(expectedFollowedAt(design, 30, 24)).toBe(0);
    expect(expectedFollowedAt(design, 24, 24)).toBeGreaterThan(0);
  });
});

describe('sampleFollowUp', () => {
  const n = 100_000;
  const { entry, followUp } = sampleFollowUp(design, n, HORIZON, 'design');

  it('draws entry uniformly over the accrual window', () => {
    let sum = 0;
    let outside = 0;
    for (const e of entry) {
      if (!(e > 0 && e < 36)) outside++;
      sum += e;
    }
    expect(outside).toBe(0);
    // Uniform(0, 36): mean 18, sd 36/√12.
    expect(Math.abs(sum / n - 18)).toBeLessThan((4 * 36) / Math.sqrt(12 * n));
  });

  it('never follows beyond the cut-off, the horizon, or below 0', () => {
    let bad = 0;
    for (let p = 0; p < n; p++) {
      if (!(followUp[p]! > 0 && followUp[p]! <= 60 - entry[p]!)) bad++;
    }
    expect(bad).toBe(0);
    const short = sampleFollowUp(design, 1000, 30, 'design').followUp;
    expect(Math.max(...short)).toBe(30);
  });

  it('matches P(followUp ≥ t) from expectedFollowedAt within 4 SE at several times', () => {
    for (const t of [6, 12, 24, 30, 36, 48, 54, 59]) {
      const p = expectedFollowedAt(design, t, HORIZON);
      let k = 0;
      for (const f of followUp) if (f >= t) k++;
      expect(Math.abs(k / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('has the closed-form mean within 4 SE, and a small KS distance to the closed-form law', () => {
    let sum = 0;
    let sq = 0;
    for (const f of followUp) {
      sum += f;
      sq += f * f;
    }
    const mean = sum / n;
    const sd = Math.sqrt(sq / n - mean * mean);
    expect(Math.abs(mean - expectedMean(design, HORIZON))).toBeLessThan((4 * sd) / Math.sqrt(n));

    // One-sample KS against F(t) = 1 − P(followUp ≥ t) (continuous for this design).
    const sorted = Float64Array.from(followUp).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const F = 1 - expectedFollowedAt(design, sorted[i]!, HORIZON);
      d = Math.max(d, Math.abs(F - i / n), Math.abs((i + 1) / n - F));
    }
    // Critical value at α = 0.001: 1.95 / √n.
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it('follows everyone to min(cut-off, horizon) with no accrual window and no loss', () => {
    const fixed = sampleFollowUp(
      { accrualMonths: 0, cutoffMonths: 48, lossPerYear: 0 },
      100,
      60,
      's',
    );
    expect(fixed.followUp.every((f) => f === 48)).toBe(true);
    expect(fixed.entry.every((e) => e === 0)).toBe(true);
  });

  it('is reproducible, keeps the first patients when n grows, and entries when loss changes', () => {
    const a = sampleFollowUp(design, 500, HORIZON, 'r', ['censoring', 'A']);
    const b = sampleFollowUp(design, 1000, HORIZON, 'r', ['censoring', 'A']);
    expect(b.followUp.subarray(0, 500)).toEqual(a.followUp);
    expect(b.entry.subarray(0, 500)).toEqual(a.entry);
    const c = sampleFollowUp({ ...design, lossPerYear: 0.5 }, 500, HORIZON, 'r', [
      'censoring',
      'A',
    ]);
    expect(c.entry).toEqual(a.entry);
    expect(c.followUp).not.toEqual(a.followUp);
    const other = sampleFollowUp(design, 500, HORIZON, 'r', ['censoring', 'B']);
    expect(other.entry).not.toEqual(a.entry);
  });
});

describe('validateDesign', () => {
  it('names the field in its errors', () => {
    expect(() => validateDesign({ ...design, lossPerYear: -0.1 })).toThrow(/"lossPerYear"/);
    expect(() => validateDesign({ ...design, accrualMonths: NaN })).toThrow(/"accrualMonths"/);
    expect(() => validateDesign({ ...design, cutoffMonths: Infinity })).toThrow(/"cutoffMonths"/);
    expect(() => validateDesign({ ...design, cutoffMonths: 12 })).toThrow(
      /"cutoffMonths".*"accrualMonths"/,
    );
    expect(() => sampleFollowUp({ ...design, lossPerYear: -1 }, 10, 12, 's')).toThrow(
      /"lossPerYear"/,
    );
    expect(() => sampleFollowUp(design, -1, 12, 's')).toThrow(/"n"/);
    expect(() => sampleFollowUp(design, 10, NaN, 's')).toThrow(/"horizonMonths"/);
    expect(() => expectedFollowedAt({ ...design, lossPerYear: -1 }, 1)).toThrow(/"lossPerYear"/);
  });
});
