import { describe, expect, it } from 'vitest';
import { countOf, hasRange, shadedRangeText } from '../../src/scenario/wording';

describe('wording', () => {
  it('counts in the singular for one and the plural otherwise', () => {
    expect(countOf(1, 'patient')).toBe('1 patient');
    expect(countOf(81, 'patient')).toBe('81 patients');
    expect(countOf(1_000_000, 'patient')).toBe('1,000,000 patients');
    expect(countOf(0, 'replicate trial')).toBe('0 replicate trials');
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
    expect(countOf(2, 'entry', 'entries')).toBe('2 entries');
  });

  it('calls a range a range only from 2 replicate trials on', () => {
    expect([0, 1, 2, 200].map(hasRange)).toEqual([false, false, true, true]);
    expect(shadedRangeText(200, 81)).toBe(
      'shaded = 95% range over 200 replicate trials of 81 patients',
    );
    expect(shadedRangeText(2, 1)).toBe('shaded = 95% range over 2 replicate trials of 1 patient');
    for (const r of [0, 1]) {
      const t = shadedRangeText(r, 81);
      expect(t).not.toMatch(/95%|over [01] replicate trials/);
      expect(t).toMatch(/no shaded range/);
      expect(t).toMatch(/2 or more/);
    }
    expect(shadedRangeText(1, 81)).toContain('1 replicate trial ');
  });
});
