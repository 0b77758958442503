import { describe, expect, it } from 'vitest';
import type { IntensityInterval } from '../../src/model/calibrate/calibrate';
import { formatInterval, intervalOf } from '../../src/ui/uncertainty';

const iv = (name: string, extra: Partial<IntensityInterval> = {}): IntensityInterval => ({
  name,
  estimate: 0.1,
  lower: 0.05,
  upper: 0.2,
  lowerAtSearchEnd: false,
  upperAtSearchEnd: false,
  weaklyIdentified: false,
  ...extra,
});

describe('intervalOf (which interval a slider shows)', () => {
  const list = [iv('remission'), iv('relapse[2]'), iv('deathActive=deathRemission=deathRelapse')];
  it('matches plain names, a piece of a piecewise value, and every member of a tie', () => {
    expect(intervalOf(list, 'remission', 0)?.name).toBe('remission');
    expect(intervalOf(list, 'remission', 1)?.name).toBe('remission');
    expect(intervalOf(list, 'relapse', 1)?.name).toBe('relapse[2]');
    expect(intervalOf(list, 'relapse', 0)).toBeUndefined();
    expect(intervalOf(list, 'deathRemission', 0)?.name).toBe(
      'deathActive=deathRemission=deathRelapse',
    );
    expect(intervalOf(list, 'reRemission', 0)).toBeUndefined();
  });

  it('formats search-range ends and the weak flag', () => {
    expect(formatInterval(iv('x'))).toBe('95%: 0.050–0.20');
    expect(
      formatInterval(iv('x', { lower: 1e-4, lowerAtSearchEnd: true, weaklyIdentified: true })),
    ).toBe('95%: ≤ 0.00010–0.20 (weakly identified)');
  });
});
