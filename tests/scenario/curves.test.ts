import { describe, expect, it } from 'vitest';
import { getStudy } from '../../src/data';
import { CURVE_IDS, traceCurves } from '../../src/model/estimate/curves';
import { buildModel } from '../../src/model/markov/template';
import { cohortTrace } from '../../src/model/markov/trace';
import {
  CURVE_LIST,
  CURVES,
  curveInfo,
  DIFFERENCE_CURVES,
  PANELS,
} from '../../src/scenario/curves';

describe('the curve catalogue', () => {
  it('describes every simulated curve, on a known panel, with a trace line the model computes', () => {
    const study = getStudy('followup2018')!;
    const spec = buildModel(study.template, study.fitted!);
    const lines = traceCurves(spec, cohortTrace(spec, { horizonMonths: 12, stepMonths: 1 }));
    expect(Object.keys(CURVES).sort()).toEqual([...CURVE_IDS].sort());
    const panels = PANELS.map((p) => p.id);
    expect(new Set(panels).size).toBe(panels.length);
    for (const id of CURVE_IDS) {
      expect(panels).toContain(CURVES[id].panel);
      const trace = CURVES[id].trace;
      if (trace !== null) expect(lines[trace]).toBeInstanceOf(Float64Array);
    }
  });

  it('gives the comparison one curve with a model line on each panel', () => {
    expect(DIFFERENCE_CURVES.map((c) => CURVES[c].panel)).toEqual(PANELS.map((p) => p.id));
    for (const c of DIFFERENCE_CURVES) expect(CURVES[c].trace).not.toBeNull();
  });
});

describe('the one list of curves', () => {
  it('lists each chart curve once, on a known panel, with a label and an explanation', () => {
    const ids = CURVE_LIST.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('inRemissionSurvivors');
    for (const c of CURVE_LIST) {
      expect(PANELS.map((p) => p.id)).toContain(c.panel);
      expect(c.label).not.toBe('');
      expect(c.explain).toMatch(/\.$/);
    }
  });

  it('gives the simulated curves by id the very entries of the list', () => {
    for (const id of CURVE_IDS) expect(CURVES[id]).toBe(curveInfo(id));
    expect(CURVE_LIST.filter((c) => c.id in CURVES)).toHaveLength(CURVE_IDS.length);
  });
});
