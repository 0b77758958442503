import { describe, expect, it } from 'vitest';
import { followup2018 } from '../../../src/data/followup2018';
import { buildModel, type Intensities } from '../../../src/model/markov/template';
import { powerByArmSize, powerCurveSizes, replicatePower } from '../../../src/model/simulate/power';
import { defaultScenario } from '../../../src/scenario/defaults';

const base = defaultScenario(followup2018);
const scaled = (param: keyof Intensities, factor: number): Intensities => ({
  ...base.intensities,
  [param]: (base.intensities[param] ?? []).map((v) => v * factor),
});
const specA = buildModel(base.template, base.intensities);
const options = { horizonMonths: 60, seed: 'power-test' };

describe('replicatePower', () => {
  it('is near 5% (the size of the test) for identical arms over 2,000 replicate pairs', () => {
    // Seeded: 97/2000 for time to first remission and 93/2000 for overall survival; the
    // Wilson interval of each observed share must hold 0.05.
    const p = replicatePower(specA, specA, 40, 40, { ...options, replicates: 2000 });
    expect(p.remission.trials).toBe(2000);
    for (const e of [p.remission, p.os]) {
      expect(e.lower).toBeLessThan(0.05);
      expect(e.upper).toBeGreaterThan(0.05);
    }
    // And it is a real rejection rate, not 0: the arms are independent patients.
    expect(p.remission.rejected).toBeGreaterThan(40);
  });

  it('detects a large difference in most trials and counts every pair', () => {
    const specB = buildModel(base.template, scaled('remission', 4));
    const p = replicatePower(specA, specB, 40, 40, { ...options, replicates: 200 });
    expect(p.remission.power).toBeGreaterThan(0.8);
    expect(p.remission.trials).toBe(200);
    expect(p.os.alpha).toBe(0.05);
  });

  it('rejects a bad number of replicates or patients, naming it', () => {
    expect(() => replicatePower(specA, specA, 10, 10, { ...options, replicates: -1 })).toThrow(
      /replicates/,
    );
    expect(() => replicatePower(specA, specA, 0, 10, { ...options, replicates: 5 })).toThrow(
      /Patients per arm/,
    );
  });
});

describe('powerByArmSize', () => {
  const specB = buildModel(base.template, scaled('remission', 2));

  it('grows with the number of patients per arm', () => {
    const curve = powerByArmSize(specA, specB, [10, 30, 100, 300], {
      ...options,
      replicates: 200,
    });
    const p = curve.power.remission.map((e) => e.power);
    expect(p[0]!).toBeLessThan(p[1]!);
    expect(p[1]!).toBeLessThan(p[2]!);
    expect(p[2]!).toBeLessThan(p[3]!);
    expect(p[3]!).toBeGreaterThan(0.9);
  });

  it('at the trial size is the power of the trial itself (nested trials on the same streams)', () => {
    const curve = powerByArmSize(specA, specB, [20, 35], { ...options, replicates: 60 });
    const one = replicatePower(specA, specB, 35, 35, { ...options, replicates: 60 });
    expect(curve.power.remission[1]).toEqual(one.remission);
    expect(curve.power.os[1]).toEqual(one.os);
  });
});

describe('powerCurveSizes', () => {
  it('adds the trial sizes to the ladder, sorted and without repeats', () => {
    expect(powerCurveSizes(30, 28)).toEqual([10, 20, 28, 30, 50, 75, 100, 150, 200, 300, 500]);
  });
});
