import { describe, expect, it } from 'vitest';
import { followup2018 } from '../../../src/data/followup2018';
import { rct2012 } from '../../../src/data/rct2012';
import { stateMasks } from '../../../src/model/estimate/cohortQueries';
import { CURVE_IDS, monthlyGrid } from '../../../src/model/estimate/curves';
import { curveDifference, replicateDifference } from '../../../src/model/simulate/difference';
import { defaultScenario } from '../../../src/scenario/defaults';
import { simulateScenario } from '../../../src/scenario/simulation';
import { buildModel, type Intensities } from '../../../src/model/markov/template';
import { occupancyAt } from '../../../src/model/markov/trace';
import type { ModelSpec } from '../../../src/model/types';

const base = defaultScenario(followup2018);
const specOf = (intensities: Intensities): ModelSpec => buildModel(base.template, intensities);
/** The fitted intensities with every piece of `param` multiplied by `factor`. */
const scaled = (param: string, factor: number): Intensities => ({
  ...base.intensities,
  [param]: (base.intensities[param as keyof Intensities] ?? []).map((v) => v * factor),
});
const specA = specOf(base.intensities);
const options = {
  nA: 81,
  nB: 81,
  horizonMonths: 60,
  replicates: 100,
  seed: 'difference-test',
};

/** Exact share alive at t (months) from the cohort trace. */
function aliveAt(spec: ModelSpec, t: number): number {
  const o = occupancyAt(spec, t);
  const { alive } = stateMasks(spec);
  let s = 0;
  for (let i = 0; i < o.length; i++) if (alive[i]) s += o[i]!;
  return s;
}

const width = (b: { lower: Float64Array; upper: Float64Array }, g: number) =>
  b.upper[g]! - b.lower[g]!;

describe('curveDifference', () => {
  it('subtracts A from B and keeps missing values missing', () => {
    const a = Object.fromEntries(CURVE_IDS.map((id) => [id, Float64Array.of(0.5, NaN, 1)]));
    const b = Object.fromEntries(CURVE_IDS.map((id) => [id, Float64Array.of(0.25, 0.3, NaN)]));
    const d = curveDifference(a as never, b as never);
    expect([...d.os]).toEqual([-0.25, NaN, NaN]);
  });
});

describe('replicateDifference', () => {
  it('is exactly zero everywhere for identical arms with common random numbers', () => {
    const d = replicateDifference(specA, specOf(base.intensities), {
      ...options,
      replicates: 30,
      crn: true,
      design: base.design,
    });
    for (const id of CURVE_IDS) {
      for (const col of [d.observed[id], d.bands[id].lower, d.bands[id].median, d.bands[id].upper])
        for (const v of col) if (!Number.isNaN(v)) expect(v).toBe(0);
    }
    // Survival is defined at every grid time, so "everywhere" is not vacuous.
    expect(d.bands.os.upper.every((v) => v === 0)).toBe(true);
    expect(d.observed.os.every((v) => v === 0)).toBe(true);
  });

  it('is not zero for identical arms drawn independently (a sanity check of the pairing)', () => {
    const d = replicateDifference(specA, specOf(base.intensities), {
      ...options,
      replicates: 30,
      crn: false,
    });
    expect(width(d.bands.os, 60)).toBeGreaterThan(0.05);
  });

  it('gives a narrower band with common random numbers for a small parameter change', () => {
    const specB = specOf(scaled('deathActive', 1.3));
    const withCrn = replicateDifference(specA, specB, { ...options, crn: true });
    const without = replicateDifference(specA, specB, { ...options, crn: false });
    const grid = withCrn.grid;
    for (const month of [24, 60]) {
      const g = grid.indexOf(month);
      expect(g).toBeGreaterThan(0);
      // Independent trials of 81 wobble by several points each; paired ones move together.
      expect(width(withCrn.bands.os, g)).toBeLessThan(0.5 * width(without.bands.os, g));
    }
  });

  it('has a band containing the exact model difference for a clear parameter change', () => {
    const specB = specOf(scaled('deathActive', 3));
    for (const crn of [true, false]) {
      const d = replicateDifference(specA, specB, { ...options, replicates: 200, crn });
      for (const month of [12, 24, 36, 60]) {
        const g = d.grid.indexOf(month);
        const exact = aliveAt(specB, month) - aliveAt(specA, month);
        expect(exact).toBeLessThan(-0.02);
        expect(d.bands.os.lower[g]!).toBeLessThanOrEqual(exact);
        expect(d.bands.os.upper[g]!).toBeGreaterThanOrEqual(exact);
        // The median of the paired differences is near it (no censoring here: KM = share alive).
        expect(Math.abs(d.bands.os.median[g]! - exact)).toBeLessThan(0.03);
      }
    }
  });

  it('uses the grid given and simulates the shown cohorts on their documented streams', () => {
    const grid = monthlyGrid(24, 6);
    const d = replicateDifference(specA, specA, { ...options, replicates: 2, crn: false, grid });
    expect([...d.grid]).toEqual([0, 6, 12, 18, 24]);
    expect(d.observed.os).toHaveLength(5);
    expect(() =>
      replicateDifference(specA, specA, { ...options, replicates: -1, crn: true }),
    ).toThrow(/replicates/);
  });
});

describe('simulateScenario with a comparison', () => {
  const scenario = {
    ...defaultScenario(rct2012, rct2012.design.arms[0]!.id),
    replicates: 25,
  };
  const targets = rct2012.figures.filter((f) => rct2012.calibration.targetIds.includes(f.id));

  it('has no difference without arm B', () => {
    expect(simulateScenario(scenario, targets).diff).toBeNull();
  });

  it.each([true, false])(
    'returns the difference of its arms, the same as replicateDifference (crn %s)',
    (crn) => {
      const s = {
        ...scenario,
        compare: {
          label: 'Double',
          intensities: { ...scenario.intensities },
          n: rct2012.design.arms[1]!.n,
          crn,
        },
      };
      s.compare.intensities.relapse = (s.intensities.relapse ?? []).map((v) => v * 2);
      const r = simulateScenario(s, targets);
      expect(r.diff).not.toBeNull();
      const diff = r.diff!;
      expect(diff.crn).toBe(crn);
      expect(diff.replicates).toBe(25);
      const g = diff.grid.length - 1;
      // The observed difference is that of the two shown cohorts' curves.
      expect(diff.observed.relapseCif[g]).toBe(
        r.B!.estimates.values.relapseCif[g]! - r.A.estimates.values.relapseCif[g]!,
      );
      const direct = replicateDifference(
        buildModel(s.template, s.intensities),
        buildModel(s.template, s.compare.intensities),
        {
          nA: s.n,
          nB: s.compare.n,
          horizonMonths: s.horizon,
          replicates: 25,
          seed: s.seed,
          crn,
          design: s.design,
        },
      );
      for (const id of CURVE_IDS) {
        expect([...diff.bands[id].lower]).toEqual([...direct.bands[id].lower]);
        expect([...diff.bands[id].upper]).toEqual([...direct.bands[id].upper]);
        expect([...diff.observed[id]]).toEqual([...direct.observed[id]]);
      }
    },
  );
});
