import { describe, expect, it } from 'vitest';
import { CURVE_LIST } from '../../../src/scenario/curves';
import { CHART_CURVES, curveInfo, defaultCurves } from '../../../src/ui/curves/curveCatalogue';

describe('the charts’ side of the curve catalogue', () => {
  it('draws the scenario catalogue’s curves, in its order, each with a colour', () => {
    expect(CHART_CURVES.map((c) => c.id)).toEqual(CURVE_LIST.map((c) => c.id));
    for (const c of CHART_CURVES) {
      expect(c.color).toMatch(/^#[0-9A-F]{6}$/i);
      expect(c.label).toBe(CURVE_LIST.find((x) => x.id === c.id)!.label);
    }
    expect(curveInfo('relapseCif').color).toBe('#9C3F7E');
  });

  it('shows by default the main curve and at most one fitted curve of the same panel', () => {
    const fitted = new Set(['inRemission', 'inRemissionSurvivors', 'relapseCif'] as const);
    expect(defaultCurves('remission', 'everRemitted', fitted)).toEqual([
      'everRemitted',
      'inRemission',
    ]);
    expect(defaultCurves('os', 'os', fitted)).toEqual(['os']);
  });
});
