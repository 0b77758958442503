import { describe, expect, it } from 'vitest';
import { formatPercent, formatPercentRange } from '../../src/scenario/format';

describe('formatPercent', () => {
  it('writes a share as a percentage, a dash for no value', () => {
    expect(formatPercent(0.8395)).toBe('84.0%');
    expect(formatPercent(0.01234, 2)).toBe('1.23%');
    expect(formatPercent(0.2, 1, true)).toBe('20%');
    expect(formatPercent(0.125, 1, true)).toBe('12.5%');
    for (const x of [NaN, Infinity, null, undefined]) expect(formatPercent(x)).toBe('—');
  });

  it('writes a range with one percent sign, a dash when an end is missing', () => {
    expect(formatPercentRange(0.745, 0.904)).toBe('74.5–90.4%');
    expect(formatPercentRange(null, 0.5)).toBe('—');
    expect(formatPercentRange(0.1, NaN)).toBe('—');
  });
});
