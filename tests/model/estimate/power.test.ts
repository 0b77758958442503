import { describe, expect, it } from 'vitest';
import { rejectionShare } from '../../../src/model/estimate/power';

describe('rejectionShare', () => {
  it('counts p < alpha and gives the Wilson interval of the share', () => {
    // 3 of 8 below 0.05 (0.05 itself does not count; NaN counts as not rejected).
    // R: prop.test(3, 8, correct = FALSE)$conf.int = 0.136844286 0.694257605
    const p = rejectionShare([0.01, 0.04, 0.05, 0.2, NaN, 0.0001, 0.5, 0.9]);
    expect(p.rejected).toBe(3);
    expect(p.trials).toBe(8);
    expect(p.power).toBe(3 / 8);
    expect(p.lower).toBeCloseTo(0.136844286, 8);
    expect(p.upper).toBeCloseTo(0.694257605, 8);
  });
  it('has no estimate without trials', () => {
    expect(rejectionShare([]).power).toBeNaN();
  });
  it('rejects a bad alpha', () => {
    expect(() => rejectionShare([0.1], 0)).toThrow(/alpha/);
  });
});
