import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent, formatPercentRange } from '../../src/scenario/format';

describe('formatCount', () => {
  it('writes whole numbers with thousands separators, as a room reads them', () => {
    expect(formatCount(1_000_000)).toBe('1,000,000');
    expect(formatCount(959587)).toBe('959,587');
    expect(formatCount(81)).toBe('81');
    expect(formatCount(0)).toBe('0');
  });
  it('writes a fraction as it is and a missing value as a dash, never NaN', () => {
    expect(formatCount(2.5)).toBe('2.5');
    expect(formatCount(NaN)).toBe('—');
    expect(formatCount(null)).toBe('—');
  });
});

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
