import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CURVE_IDS,
  estimateCurves,
  incidenceOnGrid,
  monthlyGrid,
  type CurveId,
} from '../../../src/model/estimate/curves';
import {
  firstEntryData,
  overallSurvivalData,
  stateMasks,
  timeToRemissionData,
} from '../../../src/model/estimate/cohortQueries';
import { cumulativeIncidence, incidenceAt } from '../../../src/model/estimate/cumulativeIncidence';
import { kaplanMeier, survivalAt, survivalOnGrid } from '../../../src/model/estimate/kaplanMeier';
import { simulateCohort } from '../../../src/model/simulate/microsim';
import { crudeProportion } from '../../../src/model/estimate/proportions';
import { buildModel, DEFAULT_TEMPLATE_OPTIONS } from '../../../src/model/markov/template';
import { makeCohort, type PatientPath } from './cohortFixture';
import {
  maxDifference,
  plainCumulativeIncidence,
  plainKaplanMeier,
  plainPrevalenceOnGrid,
} from './plainEstimators';
import type { Cohort } from '../../../src/model/types';

const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
  remission: [0.3],
  relapse: [0.1],
  deathActive: [0.05],
  deathRemission: [0.01],
  deathRelapse: [0.05],
});

describe('monthlyGrid', () => {
  it('runs from 0 to the horizon in steps of one month, horizon included', () => {
    expect([...monthlyGrid(3)]).toEqual([0, 1, 2, 3]);
    expect(monthlyGrid(60)).toHaveLength(61);
    expect(monthlyGrid(60)[60]).toBe(60);
  });

  it('ends with the horizon itself when it is not a multiple of the step', () => {
    expect([...monthlyGrid(2.5)]).toEqual([0, 1, 2, 2.5]);
    expect([...monthlyGrid(6, 4)]).toEqual([0, 4, 6]);
    expect([...monthlyGrid(6, 1.5)]).toEqual([0, 1.5, 3, 4.5, 6]);
    expect([...monthlyGrid(0.5)]).toEqual([0, 0.5]);
  });

  it('ends exactly at the horizon when the step is not a binary fraction', () => {
    // 3 · 0.1 = 0.30000000000000004 and 3 · 0.3 = 0.8999999999999999 in floating point.
    const a = monthlyGrid(0.3, 0.1);
    expect(a).toHaveLength(4);
    expect(a[3]).toBe(0.3);
    const b = monthlyGrid(0.9, 0.3);
    expect(b).toHaveLength(4);
    expect(b[3]).toBe(0.9);
  });

  it('is increasing', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 240, noNaN: true }),
        fc.constantFrom(0.25, 0.5, 1, 3, 12),
        (h, step) => {
          const g = monthlyGrid(h, step);
          for (let i = 1; i < g.length; i++) if (!(g[i]! > g[i - 1]!)) return false;
          return g[0] === 0 && g[g.length - 1] === h;
        },
      ),
    );
  });
});

/**
 * Eight patients (months) worked by hand below. B is censored at 1 before an unseen remission,
 * E is censored at the very time of its remission (observed: events at followUp count), H at 15
 * before an unseen relapse.
 */
const PATIENTS: PatientPath[] = [
  {
    path: [
      [0, 'active'],
      [2, 'remission'],
      [7, 'relapse'],
    ],
    followUp: 20,
  }, // A
  {
    path: [
      [0, 'active'],
      [3, 'remission'],
    ],
    followUp: 1,
  }, // B
  {
    path: [
      [0, 'active'],
      [4, 'dead_never_remitted'],
    ],
    followUp: 20,
  }, // C
  {
    path: [
      [0, 'active'],
      [5, 'remission'],
      [9, 'dead_remitted'],
    ],
    followUp: 20,
  }, // D
  {
    path: [
      [0, 'active'],
      [6, 'remission'],
    ],
    followUp: 6,
  }, // E
  { path: [[0, 'active']], followUp: 20 }, // F
  {
    path: [
      [0, 'active'],
      [3, 'remission'],
      [5, 'relapse'],
      [8, 'dead_relapsed'],
    ],
    followUp: 20,
  }, // G
  {
    path: [
      [0, 'active'],
      [10, 'remission'],
      [30, 'relapse'],
    ],
    followUp: 15,
  }, // H
];
const cohort = makeCohort(spec, PATIENTS, 20);
const grid = monthlyGrid(20);
const est = estimateCurves(cohort, spec, grid);
const at = (values: Float64Array, t: number): number => values[grid.indexOf(t)]!;

describe('estimateCurves on eight hand-worked patients', () => {
  it('gives overall survival as the Kaplan–Meier step function on the grid', () => {
    // Deaths at 4 (7 at risk: B left at 1), 8 (5 at risk), 9 (4 at risk).
    expect(at(est.values.os, 3)).toBe(1);
    expect(at(est.values.os, 4)).toBeCloseTo(6 / 7, 14);
    expect(at(est.values.os, 8)).toBeCloseTo((6 / 7) * (4 / 5), 14);
    expect(at(est.values.os, 20)).toBeCloseTo((6 / 7) * (4 / 5) * (3 / 4), 14);
    // And equal, point by point, to kaplanMeier on the (time, event) columns written by hand.
    const km = kaplanMeier([20, 1, 4, 9, 6, 20, 8, 15], [0, 0, 1, 1, 0, 0, 1, 0]);
    grid.forEach((t, g) => expect(est.values.os[g]).toBe(survivalAt(km, t)));
    expect(est.os.time).toEqual([4, 8, 9]);
  });

  it('gives ever-remitted as the Aalen–Johansen incidence, not the crude share', () => {
    // Remissions at 2, 3, 5, 6, 10 and a death first at 4; each step is S(t−)/n = 1/7.
    const expected = (t: number) =>
      t < 2 ? 0 : t < 3 ? 1 / 7 : t < 5 ? 2 / 7 : t < 6 ? 3 / 7 : t < 10 ? 4 / 7 : 5 / 7;
    grid.forEach((t, g) => expect(est.values.everRemitted[g]).toBeCloseTo(expected(t), 14));
    const cif = cumulativeIncidence([2, 1, 4, 5, 6, 20, 3, 10], [1, 0, 2, 1, 1, 0, 1, 1], [1, 2]);
    grid.forEach((t, g) => expect(est.values.everRemitted[g]).toBe(incidenceAt(cif, 0, t)));
  });

  it('gives relapse by Aalen–Johansen and by 1 − KM, the latter larger once death competes', () => {
    // First relapses at 5 (A, D, E, F, G, H at risk) and 7 (A, D, F, H); death first at 4 and 9.
    expect(at(est.values.relapseCif, 4)).toBe(0);
    expect(at(est.values.relapseCif, 5)).toBeCloseTo(1 / 7, 14);
    expect(at(est.values.relapseCif, 7)).toBeCloseTo(1 / 7 + (5 / 7) * (1 / 4), 14);
    expect(at(est.values.relapseKm, 5)).toBeCloseTo(1 / 6, 14);
    expect(at(est.values.relapseKm, 20)).toBeCloseTo(1 - (5 / 6) * (3 / 4), 14);
    grid.forEach((_, g) =>
      expect(est.values.relapseKm[g]!).toBeGreaterThanOrEqual(est.values.relapseCif[g]!),
    );
    expect(at(est.values.relapseKm, 20)).toBeGreaterThan(at(est.values.relapseCif, 20));
  });

  it('gives the point prevalences among the patients followed to each time', () => {
    expect(at(est.values.inRemission, 2)).toBeCloseTo(1 / 7, 14); // A of 7 (B gone)
    expect(at(est.values.inRemission, 6)).toBeCloseTo(3 / 7, 14); // A, D, E
    expect(at(est.values.inRemission, 7)).toBeCloseTo(1 / 6, 14); // D of 6 (E gone, A relapsed)
    expect(at(est.values.inRemission, 16)).toBe(0); // H gone
    expect(at(est.values.relapsedAmongRemitted, 5)).toBeCloseTo(1 / 3, 14); // G of A, D, G
    expect(at(est.values.relapsedAmongRemitted, 10)).toBeCloseTo(2 / 4, 14); // A, G of A, D, G, H
    expect(at(est.values.relapsedAmongRemitted, 16)).toBeCloseTo(2 / 3, 14);
  });

  it("equals crudeProportion(…, 'followed') at every grid time, NaN only for empty denominators", () => {
    const inRem = { kind: 'inState', which: 'remission', denominator: 'enrolled' } as const;
    const relRem = { kind: 'relapsedAmongRemitted' } as const;
    grid.forEach((t, g) => {
      const a = crudeProportion(cohort, spec, inRem, t, { population: 'followed' });
      const b = crudeProportion(cohort, spec, relRem, t, { population: 'followed' });
      expect(est.values.inRemission[g]).toBe(a.empty ? NaN : a.value);
      expect(est.values.relapsedAmongRemitted[g]).toBe(b.empty ? NaN : b.value);
    });
    // Nobody has remitted at 0 and 1: the only NaNs.
    const nan = [...est.values.relapsedAmongRemitted].flatMap((v, g) =>
      isNaN(v) ? [grid[g]] : [],
    );
    expect(nan).toEqual([0, 1]);
    expect(est.values.inRemission.some((v) => Number.isNaN(v))).toBe(false);
  });

  it('has NaN prevalences past the last follow-up but finite KM and Aalen–Johansen curves', () => {
    const short = makeCohort(
      spec,
      PATIENTS.map((p) => ({ ...p, followUp: Math.min(p.followUp, 12) })),
      20,
    );
    const e = estimateCurves(short, spec, grid);
    grid.forEach((t, g) => {
      expect(Number.isNaN(e.values.inRemission[g]!)).toBe(t > 12);
      expect(Number.isNaN(e.values.relapsedAmongRemitted[g]!)).toBe(t > 12 || t < 2);
      for (const id of ['os', 'everRemitted', 'relapseCif', 'relapseKm'] as const) {
        expect(Number.isFinite(e.values[id][g]!)).toBe(true);
      }
    });
  });
});

describe('estimateCurves on simulated cohorts', () => {
  it('never puts 1 − KM relapse below the Aalen–Johansen incidence (death competes)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.integer({ min: 5, max: 150 }),
        fc.boolean(),
        (seed, n, censor) => {
          const cohort = simulateCohort(spec, {
            n,
            horizonMonths: 60,
            seed,
            design: censor ? { accrualMonths: 36, cutoffMonths: 60, lossPerYear: 0.2 } : undefined,
          });
          const g = monthlyGrid(60);
          const v = estimateCurves(cohort, spec, g).values;
          for (let i = 0; i < g.length; i++) {
            if (!(v.relapseKm[i]! >= v.relapseCif[i]! - 1e-12)) return false;
          }
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });

  it('tracks the exact model on a large uncensored cohort (sanity check on the wiring)', () => {
    const big = simulateCohort(spec, { n: 20_000, horizonMonths: 60, seed: 'curves' });
    const v = estimateCurves(big, spec, monthlyGrid(60)).values;
    // Without censoring, KM survival at 60 is the crude share alive.
    const alive = crudeProportion(big, spec, { kind: 'survival' }, 60);
    expect(v.os[60]).toBeCloseTo(alive.value, 12);
    // Without censoring, Aalen–Johansen ever-remitted is the crude share ever remitted.
    const ever = crudeProportion(big, spec, { kind: 'everRemitted' }, 60);
    expect(v.everRemitted[60]).toBeCloseTo(ever.value, 12);
  });
});

describe('estimateCurves equals the plain estimators', () => {
  // The curves as the plain estimators (plainEstimators.ts) give them: KM, Aalen–Johansen and
  // 1 − KM sampled on the grid, prevalences by walking every patient over every grid time.
  // Faster rates than the file's model, so that small cohorts see every kind of event.
  const fastSpec = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
    remission: [2],
    relapse: [0.8],
    deathActive: [0.1],
    deathRemission: [0.05],
    deathRelapse: [0.2],
  });

  function plainValues(cohort: Cohort, g: Float64Array): Record<CurveId, Float64Array> {
    const os = overallSurvivalData(cohort, fastSpec);
    const rem = timeToRemissionData(cohort, fastSpec).cif;
    const rel = firstEntryData(cohort, fastSpec, stateMasks(fastSpec).everRelapsed);
    const prev = plainPrevalenceOnGrid(cohort, fastSpec, g);
    return {
      os: survivalOnGrid(plainKaplanMeier(os.time, os.event), g),
      everRemitted: incidenceOnGrid(plainCumulativeIncidence(rem.time, rem.cause, [1, 2]), 0, g),
      inRemission: prev.inRemission,
      relapseCif: incidenceOnGrid(plainCumulativeIncidence(rel.time, rel.cause, [1, 2]), 0, g),
      relapseKm: survivalOnGrid(plainKaplanMeier(rel.time, rel.event), g).map((s) => 1 - s),
      relapsedAmongRemitted: prev.relapsedAmongRemitted,
    };
  }

  it('on simulated cohorts with censoring, every curve to 1e-12, uniform and uneven grids (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 4_000, max: 9_000 })),
        fc.constantFrom('none', 'accrual', 'loss'),
        fc.constantFrom(1, 0.5, 0.3, 7),
        (seed, n, censoring, step) => {
          const design =
            censoring === 'none'
              ? undefined
              : {
                  accrualMonths: 36,
                  cutoffMonths: 60,
                  lossPerYear: censoring === 'loss' ? 0.3 : 0,
                };
          const cohort = simulateCohort(fastSpec, { n, horizonMonths: 60, seed, design });
          const g = monthlyGrid(60, step);
          const fast = estimateCurves(cohort, fastSpec, g);
          const plain = plainValues(cohort, g);
          for (const id of CURVE_IDS) {
            expect(maxDifference(fast.values[id], plain[id]), id).toBeLessThanOrEqual(1e-12);
          }
          const os = overallSurvivalData(cohort, fastSpec);
          const km = plainKaplanMeier(os.time, os.event);
          expect(maxDifference(fast.os.survival, km.survival)).toBeLessThanOrEqual(1e-12);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('reads the state at a grid time that falls exactly on an event (right-continuous)', () => {
    // Remission exactly at month 2 and relapse exactly at month 3 count from those grid times.
    const c = makeCohort(spec, [
      {
        path: [
          [0, 'active'],
          [2, 'remission'],
          [3, 'relapse'],
        ],
        followUp: 4,
      },
    ]);
    const v = estimateCurves(c, spec, monthlyGrid(4)).values;
    expect([...v.inRemission]).toEqual([0, 0, 1, 0, 0]);
    expect([...v.relapsedAmongRemitted].slice(2)).toEqual([0, 1, 1]);
  });
});
