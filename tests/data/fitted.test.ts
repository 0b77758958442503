import { describe, expect, it } from 'vitest';
import { STUDIES, getStudy } from '../../src/data';
import { calibrationOptions } from '../../src/scenario/calibrationPlan';
import { calibrate } from '../../src/model/calibrate/calibrate';
import { quantityFromOccupancy } from '../../src/model/estimate/proportions';
import { buildModel, parametersOf } from '../../src/model/markov/template';
import { occupancyAt } from '../../src/model/markov/trace';
import type { ModelSpec, Target } from '../../src/model/types';
import { wilsonInterval } from '../../src/model/estimate/wilson';

const modelValue = (spec: ModelSpec, t: Target) =>
  quantityFromOccupancy(
    spec,
    occupancyAt(spec, t.time),
    t.quantity.kind === 'newRelapses' ? occupancyAt(spec, t.quantity.fromMonth) : undefined,
    t.quantity,
  );

const logLik = (spec: ModelSpec, targets: Target[]) =>
  targets.reduce((s, t) => {
    const p = Math.min(Math.max(modelValue(spec, t), 1e-12), 1 - 1e-12);
    return s + t.k * Math.log(p) + (t.n - t.k) * Math.log(1 - p);
  }, 0);

describe('fitted presets', () => {
  it.each(STUDIES.map((s) => [s.id, s] as const))(
    '%s has a fitted default for every parameter of its structure',
    (_id, study) => {
      expect(study.fitted).not.toBeNull();
      for (const p of parametersOf(study.template)) {
        expect(study.fitted![p]).toHaveLength(study.template.breakpoints.length + 1);
      }
      expect(() => buildModel(study.template, study.fitted!)).not.toThrow();
    },
  );

  it.each(STUDIES.filter((s) => s.calibration.targetIds.length > 0).map((s) => [s.id, s] as const))(
    '%s: every fitted target lies inside its Wilson interval and the stored fit is optimal',
    (_id, study) => {
      const spec = buildModel(study.template, study.fitted!);
      const options = calibrationOptions(study);
      for (const t of options.targets) {
        const { lower, upper } = wilsonInterval(t.k, t.n);
        const v = modelValue(spec, t);
        expect(v, t.id).toBeGreaterThanOrEqual(lower);
        expect(v, t.id).toBeLessThanOrEqual(upper);
      }
      // A fresh fit cannot do materially better than the stored (rounded) values.
      const fresh = calibrate(options);
      expect(fresh.feasible).toBe(true);
      const freshSpec = buildModel(study.template, fresh.intensities);
      expect(logLik(spec, options.targets)).toBeGreaterThan(
        logLik(freshSpec, options.targets) - 0.05,
      );
    },
  );

  it('2018: the F7 balance (37 remitted − 9 relapsed = 28 in remission) holds within one patient', () => {
    const study = getStudy('followup2018')!;
    const spec = buildModel(study.template, study.fitted!);
    const q = (quantity: Target['quantity']) =>
      modelValue(spec, { id: 'x', label: 'x', quantity, time: 60, k: 0, n: 1 });
    const ever = q({ kind: 'everRemitted' }) * 81;
    const relapsed = q({ kind: 'relapsedAmongRemitted' }) * ever;
    const inRemission = q({ kind: 'inState', which: 'remission', denominator: 'enrolled' }) * 81;
    expect(Math.abs(ever - relapsed - inRemission)).toBeLessThan(1);
  });

  it('the RCT shows both arms with the same intensities (no per-arm figures were published)', () => {
    const rct = getStudy('rct2012')!;
    expect(rct.design.arms.map((a) => a.n)).toEqual([30, 28]);
    expect(rct.fitted).toEqual(getStudy('followup2018')!.fitted);
  });

  it('the multicentre trial has no relapse before month 6', () => {
    const mc = getStudy('multicentre2012')!;
    expect(mc.template.breakpoints).toEqual([6]);
    expect(mc.fitted!.relapse![0]).toBe(0);
    expect(mc.fitted!.relapse![1]).toBeGreaterThan(0);
  });

  it('the pilot fits relapse, holds remission fast (every patient improved), borrows deaths', () => {
    const study = getStudy('pilot2010')!;
    const pilot = study.fitted!;
    const five = getStudy('followup2018')!.fitted!;
    for (const p of ['deathActive', 'deathRemission', 'deathRelapse'] as const) {
      expect(pilot[p]).toEqual(five[p]);
    }
    // "All patients clinically improved": remission is not the 5-year cohort's slow 0.14/yr.
    const fixed = study.calibration.fixed?.find((f) => f.parameter === 'remission');
    expect(fixed?.ratePerYear).toBeGreaterThanOrEqual(6);
    expect(pilot.remission).toEqual([fixed!.ratePerYear]);
    expect(study.calibration.freeParameters).toEqual(['relapse']);
  });

  it('the pilot keeps 11 of 13 improved at 1 year (A2) and relapses at about −ln(11/13) per year', () => {
    const study = getStudy('pilot2010')!;
    const spec = buildModel(study.template, study.fitted!);
    const a2 = study.figures.find((f) => f.id === 'A2')!;
    const { lower, upper } = wilsonInterval(a2.k, a2.n);
    const v = modelValue(spec, a2);
    expect(v).toBeGreaterThanOrEqual(lower);
    expect(v).toBeLessThanOrEqual(upper);
    // Everyone improves within weeks, so 2 of 13 relapsing within the year means a relapse
    // intensity near −ln(11/13) = 0.167 per year (a little more: the first weeks are not at risk).
    expect(study.fitted!.relapse![0]!).toBeGreaterThan(0.15);
    expect(study.fitted!.relapse![0]!).toBeLessThan(0.2);
  });
});
