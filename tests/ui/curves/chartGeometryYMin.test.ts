import { describe, expect, it } from 'vitest';
import {
  chartLayout,
  chartScales,
  pointGeometry,
  valueTicks,
} from '../../../src/ui/curves/chartGeometry';

describe('a value axis below zero (difference charts)', () => {
  const layout = chartLayout(400, 240, 60);

  it('maps yMin..yMax onto the plot, zero in the middle of a symmetric axis', () => {
    const s = chartScales(layout, 60, 0.2, -0.2);
    expect(s.yMin).toBe(-0.2);
    expect(s.y(-0.2)).toBeCloseTo(layout.margin.top + layout.plotHeight);
    expect(s.y(0.2)).toBeCloseTo(layout.margin.top);
    expect(s.y(0)).toBeCloseTo(layout.margin.top + layout.plotHeight / 2);
    expect(s.yTicks).toContain(0);
    expect(s.yTicks.some((v) => v < 0)).toBe(true);
    expect(s.yTicks.every((v) => !Object.is(v, -0))).toBe(true);
  });

  it('keeps 0 as the default bottom', () => {
    const s = chartScales(layout, 60);
    expect(s.yMin).toBe(0);
    expect(s.y(0)).toBeCloseTo(layout.margin.top + layout.plotHeight);
    expect(valueTicks(1, 200)).toEqual(valueTicks(1, 200, undefined, 0));
    expect(Math.min(...valueTicks(1, 200))).toBe(0);
  });

  it('clamps published points to yMin..yMax', () => {
    const s = chartScales(layout, 60, 0.1, -0.1);
    const g = pointGeometry(
      {
        id: 'p',
        label: 'p',
        x: 12,
        y: -0.05,
        lower: -0.5,
        upper: 0.02,
        color: '#000',
        tooltip: { title: '', lines: [] },
      },
      s,
    )!;
    expect(g.cy).toBeCloseTo(s.y(-0.05));
    expect(g.bottom).toBeCloseTo(s.y(-0.1));
  });
});
