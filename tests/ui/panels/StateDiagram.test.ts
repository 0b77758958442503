import { describe, expect, it } from 'vitest';
import { flowWidth } from '../../../src/ui/panels/StateDiagram';

describe('flowWidth', () => {
  it('draws no flow as a thin line and grows with the share of patients moving per month', () => {
    expect(flowWidth(0)).toBe(1.5);
    expect(flowWidth(NaN)).toBe(1.5);
    // 81 active patients × 1.17% a month ÷ 81 = 1.17% of the cohort per month: 1.5 + 70·√0.0117.
    expect(flowWidth(0.0117)).toBeCloseTo(1.5 + 70 * Math.sqrt(0.0117), 10);
    const shares = [0.0001, 0.001, 0.01, 0.02];
    const widths = shares.map(flowWidth);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeGreaterThan(widths[i - 1]!);
  });
  it('caps the thickest arrow at 14 px', () => {
    expect(flowWidth(0.5)).toBe(14);
  });
});
