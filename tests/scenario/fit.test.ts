import { describe, expect, it } from 'vitest';
import { getStudy } from '../../src/data';
import { calibrationOptions } from '../../src/scenario/calibrationPlan';
import { decodeLink } from '../../src/scenario/builtIn';
import { fittedIntensities, planFit, roundIntensities } from '../../src/scenario/fit';

const study = getStudy('followup2018')!;

describe('planFit', () => {
  it("fits the study's plan for its own structure and figures", () => {
    const plan = planFit(decodeLink('study=followup2018').scenario, study);
    expect(plan.options).toEqual(calibrationOptions(study));
    expect(plan.targetSource).toBe('study');
    expect(plan.left).toEqual([]);
  });

  it("frees every intensity on another structure, fitting the study's figures", () => {
    const { scenario } = decodeLink('study=followup2018&bp=12');
    const plan = planFit(scenario, study);
    expect(plan.options.template.breakpoints).toEqual([12]);
    expect(plan.options.fixed).toBeUndefined();
    expect(plan.options.targets.map((t) => t.id)).toEqual(
      calibrationOptions(study).targets.map((t) => t.id),
    );
  });

  it('fits typed-in figures, leaving out and naming what the structure cannot express', () => {
    const { scenario } = decodeLink('study=followup2018&t=a:os:60:60:81;b:cr:24:20:81');
    const plan = planFit(scenario, study);
    expect(plan.targetSource).toBe('scenario');
    expect(plan.options.targets.map((t) => t.id)).toEqual(['a']);
    expect(plan.left).toEqual(['b']);
  });

  it('says why there is nothing to fit', () => {
    expect(() => planFit(decodeLink('study=followup2018&t=').scenario, study)).toThrow(
      /empty target list/,
    );
    expect(() => planFit(decodeLink('study=uc2010').scenario, getStudy('uc2010')!)).toThrow(
      'Study uc2010 has no calibration targets',
    );
    expect(() => planFit(decodeLink('study=followup2018&t=b:cr:24:20:81').scenario, study)).toThrow(
      /None of the figures/,
    );
  });
});

describe('fittedIntensities', () => {
  it('rounds to four significant digits and keeps zeros', () => {
    expect(
      fittedIntensities({ intensities: { relapse: [0, 0.123456789], remission: [12.34567] } }),
    ).toEqual({ relapse: [0, 0.1235], remission: [12.35] });
    expect(roundIntensities({ deathActive: [1e-7 * 1.23456] })).toEqual({
      deathActive: [1.235e-7],
    });
  });
});
