import { describe, expect, it } from 'vitest';
import { getStudy } from '../../../src/data';
import { replicateDifference } from '../../../src/model/simulate/difference';
import { defaultScenario } from '../../../src/scenario/defaults';
import { buildModel } from '../../../src/model/markov/template';
import { cohortTrace } from '../../../src/model/markov/trace';
import { buildDifferenceSpecs, symmetricLimit } from '../../../src/ui/compare/differenceSpecs';

const s = defaultScenario(getStudy('followup2018')!);
const specA = buildModel(s.template, s.intensities);
const specB = buildModel(s.template, {
  ...s.intensities,
  deathActive: (s.intensities.deathActive ?? []).map((v) => v * 3),
});
const arm = (spec: typeof specA) => ({
  spec,
  trace: cohortTrace(spec, { horizonMonths: 60, stepMonths: 1 }),
});

describe('symmetricLimit', () => {
  it('rounds the largest absolute value up to 5 points (10 above 50%), within 5–100%', () => {
    expect(symmetricLimit([0.01, -0.02])).toBe(0.05);
    expect(symmetricLimit([0.1])).toBe(0.1);
    expect(symmetricLimit([0.07, -0.12, NaN])).toBe(0.15);
    expect(symmetricLimit([0.61])).toBe(0.7);
    expect(symmetricLimit([-3])).toBe(1);
    expect(symmetricLimit()).toBe(0.05);
  });
});

describe('buildDifferenceSpecs', () => {
  it('draws the model difference alone while the simulation runs', () => {
    const specs = buildDifferenceSpecs({ diff: null, a: arm(specA), b: arm(specB), horizon: 60 });
    expect(specs.map((c) => c.id)).toEqual(['diff-os', 'diff-remission', 'diff-relapse']);
    for (const c of specs) {
      expect(c.series.map((x) => x.id)).toEqual([`${c.id}-model`]);
      expect(c.bands).toEqual([]);
      expect(c.yMin).toBe(-c.yMax!);
    }
    // More deaths while active in B: B − A survival falls below zero.
    const os = specs[0]!.series[0]!;
    expect(os.y[60]!).toBeLessThan(-0.02);
  });

  it('adds the simulated pair and the paired-replicate band, on an axis that holds them', () => {
    const diff = replicateDifference(specA, specB, {
      nA: 81,
      nB: 81,
      horizonMonths: 60,
      replicates: 40,
      seed: 't',
      crn: true,
    });
    const specs = buildDifferenceSpecs({ diff, a: arm(specA), b: arm(specB), horizon: 60 });
    const os = specs[0]!;
    expect(os.series.map((x) => x.id)).toEqual(['diff-os-sim', 'diff-os-model']);
    expect(os.bands[0]!.label).toBe(
      '95% range, 40 paired replicate trials (common random numbers)',
    );
    expect(os.bands[0]!.lower).toBe(diff.bands.os.lower);
    expect(specs[2]!.series[0]!.y).toBe(diff.observed.relapseCif);
    for (const c of specs) {
      const values = [
        ...Array.from(c.bands[0]!.lower),
        ...Array.from(c.bands[0]!.upper),
        ...Array.from(c.series[0]!.y),
      ].filter(Number.isFinite);
      expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(c.yMax!);
    }
  });

  it('draws no band from a single pair of replicate trials (one pair is not a range)', () => {
    const diff = replicateDifference(specA, specB, {
      nA: 20,
      nB: 20,
      horizonMonths: 60,
      replicates: 1,
      seed: 't',
      crn: true,
    });
    const specs = buildDifferenceSpecs({ diff, a: arm(specA), b: arm(specB), horizon: 60 });
    for (const c of specs) expect(c.bands).toEqual([]);
  });
});
