import { describe, expect, it } from 'vitest';
import {
  crudeProportion,
  quantityFromOccupancy,
  quantityFromTrace,
  relapsedDuringFollowUpModel,
  supportsQuantity,
  type Population,
} from '../../../src/model/estimate/proportions';
import { buildModel, DEFAULT_TEMPLATE_OPTIONS } from '../../../src/model/markov/template';
import type { Quantity, Trace } from '../../../src/model/types';
import { code, EIGHT_PATIENTS, makeCohort, occupancyAt, simulateConstant } from './cohortFixture';

const rates = {
  remission: [1],
  remissionComplete: [1],
  remissionPartial: [1],
  relapse: [1],
  reRemission: [1],
  deathActive: [1],
  deathRemission: [1],
  deathRelapse: [1],
};
const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, rates);
const cohort = makeCohort(spec, EIGHT_PATIENTS);

const Q = {
  survival: { kind: 'survival' },
  remission: { kind: 'inState', which: 'remission', denominator: 'enrolled' },
  remissionSurvivors: { kind: 'inState', which: 'remission', denominator: 'survivors' },
  active: { kind: 'inState', which: 'active', denominator: 'enrolled' },
  relapse: { kind: 'inState', which: 'relapse', denominator: 'enrolled' },
  everRemitted: { kind: 'everRemitted' },
  relapsedAmongRemitted: { kind: 'relapsedAmongRemitted' },
  newEnrolled: { kind: 'newRelapses', fromMonth: 12, denominator: 'enrolled' },
  newAlive: { kind: 'newRelapses', fromMonth: 12, denominator: 'alive-at-start' },
  newRemitted: { kind: 'newRelapses', fromMonth: 12, denominator: 'ever-remitted' },
} satisfies Record<string, Quantity>;

const kn = (q: Quantity, t: number, population?: Population) => {
  const r = crudeProportion(cohort, spec, q, t, population ? { population } : {});
  return [r.k, r.n];
};

describe('crudeProportion', () => {
  it('counts every quantity at 12 months, when all eight are followed', () => {
    // At 12: P0, P1, P4, P5, P6 in remission; P2 dead; P3, P7 active.
    expect(kn(Q.survival, 12)).toEqual([7, 8]);
    expect(kn(Q.remission, 12)).toEqual([5, 8]);
    expect(kn(Q.remissionSurvivors, 12)).toEqual([5, 7]);
    expect(kn(Q.active, 12)).toEqual([2, 8]);
    expect(kn(Q.relapse, 12)).toEqual([0, 8]);
    expect(kn(Q.everRemitted, 12)).toEqual([5, 8]);
    expect(kn(Q.relapsedAmongRemitted, 12)).toEqual([0, 5]);
  });

  it('drops patients not followed to t from the denominators (staggered entry)', () => {
    // At 36 only P0–P5 are followed: P0 relapse, P1 remission, P2 dead, P3 active,
    // P4 relapse (since 30), P5 dead (was in remission).
    expect(kn(Q.survival, 36)).toEqual([4, 6]);
    expect(kn(Q.remission, 36)).toEqual([1, 6]);
    expect(kn(Q.remissionSurvivors, 36)).toEqual([1, 4]);
    expect(kn(Q.relapse, 36)).toEqual([2, 6]);
    expect(kn(Q.everRemitted, 36)).toEqual([4, 6]);
    expect(kn(Q.relapsedAmongRemitted, 36)).toEqual([2, 4]);
    // First relapses in (12, 36]: P0 at 20, P4 at 30.
    expect(kn(Q.newEnrolled, 36)).toEqual([2, 6]);
    expect(kn(Q.newAlive, 36)).toEqual([2, 5]); // P2 died at 10
    expect(kn(Q.newRemitted, 36)).toEqual([2, 4]);
  });

  it("keeps everyone enrolled in the 'enrolled' population, counting the unobserved in no numerator", () => {
    expect(kn(Q.survival, 36, 'enrolled')).toEqual([4, 8]);
    expect(kn(Q.remission, 36, 'enrolled')).toEqual([1, 8]);
    expect(kn(Q.remissionSurvivors, 36, 'enrolled')).toEqual([1, 4]);
    expect(kn(Q.everRemitted, 36, 'enrolled')).toEqual([4, 8]);
    expect(kn(Q.relapsedAmongRemitted, 36, 'enrolled')).toEqual([2, 4]);
    expect(kn(Q.newEnrolled, 36, 'enrolled')).toEqual([2, 8]);
    expect(kn(Q.newAlive, 36, 'enrolled')).toEqual([2, 7]); // P6, P7 alive when last seen at 12
    expect(kn(Q.newRemitted, 36, 'enrolled')).toEqual([2, 4]);
    // Without censoring before t both populations agree.
    expect(kn(Q.remission, 12, 'enrolled')).toEqual(kn(Q.remission, 12, 'followed'));
  });

  it('balances like F7: ever remitted − ever relapsed = in remission + died in remission', () => {
    const at60 = (q: Quantity) => crudeProportion(cohort, spec, q, 60).k;
    const deadInRemission = 1; // P5
    expect(at60(Q.everRemitted) - at60(Q.relapsedAmongRemitted)).toBe(
      at60(Q.remission) + deadInRemission,
    );
    // With nobody dying in remission the balance is exact (37 − 9 = 28 in Stem Cell Reports).
    const noDeaths = makeCohort(
      spec,
      EIGHT_PATIENTS.filter((_, p) => p !== 5),
    );
    const k = (q: Quantity) => crudeProportion(noDeaths, spec, q, 60).k;
    expect(k(Q.everRemitted) - k(Q.relapsedAmongRemitted)).toBe(k(Q.remission));
  });

  it('returns value 0 flagged empty when the denominator is empty', () => {
    expect(crudeProportion(cohort, spec, Q.survival, 100)).toEqual({
      k: 0,
      n: 0,
      value: 0,
      empty: true,
    });
    expect(crudeProportion(cohort, spec, Q.relapsedAmongRemitted, 2).empty).toBe(true);
    expect(crudeProportion(cohort, spec, Q.survival, 12).value).toBe(7 / 8);
  });

  it('counts complete and partial remission when the model splits them', () => {
    const split = buildModel({ ...DEFAULT_TEMPLATE_OPTIONS, splitRemission: true }, rates);
    const c = makeCohort(split, [
      {
        path: [
          [0, 'active'],
          [2, 'complete'],
        ],
        followUp: 60,
      },
      {
        path: [
          [0, 'active'],
          [3, 'partial'],
        ],
        followUp: 60,
      },
      {
        path: [
          [0, 'active'],
          [4, 'partial'],
          [9, 'dead_remitted'],
        ],
        followUp: 60,
      },
      { path: [[0, 'active']], followUp: 60 },
    ]);
    const cr = { kind: 'inState', which: 'complete', denominator: 'enrolled' } as const;
    const pr = { kind: 'inState', which: 'partial', denominator: 'survivors' } as const;
    expect(crudeProportion(c, split, cr, 12)).toMatchObject({ k: 1, n: 4 });
    expect(crudeProportion(c, split, pr, 12)).toMatchObject({ k: 1, n: 3 });
    expect(supportsQuantity(spec, cr)).toBe(false);
    expect(supportsQuantity(split, cr)).toBe(true);
    expect(() => crudeProportion(cohort, spec, cr, 12)).toThrow(/split remission/);
  });

  it('counts only first relapses as new relapses when re-remission is on', () => {
    const re = buildModel({ ...DEFAULT_TEMPLATE_OPTIONS, reRemission: true }, rates);
    const c = makeCohort(re, [
      {
        path: [
          [0, 'active'],
          [2, 'remission'],
          [5, 'relapse'],
          [8, 'reremission'],
          [12, 'relapse'],
        ],
        followUp: 60,
      },
      {
        path: [
          [0, 'active'],
          [7, 'remission'],
          [10, 'relapse'],
        ],
        followUp: 60,
      },
    ]);
    const q = { kind: 'newRelapses', fromMonth: 6, denominator: 'enrolled' } as const;
    expect(crudeProportion(c, re, q, 15)).toMatchObject({ k: 1, n: 2 });
    // At 9 both are in remission: P0 again (since 8), P1 for the first time (since 7).
    expect(crudeProportion(c, re, Q.remission, 9)).toMatchObject({ k: 2, n: 2 });
  });

  it('validates times', () => {
    expect(() => crudeProportion(cohort, spec, Q.survival, -1)).toThrow(/≥ 0/);
    expect(() => crudeProportion(cohort, spec, Q.survival, NaN)).toThrow(/finite/);
    expect(() => crudeProportion(cohort, spec, Q.newEnrolled, 6)).toThrow(/fromMonth/);
  });
});

describe('quantityFromOccupancy', () => {
  // States: active, remission, relapse, dead_never_remitted, dead_remitted, dead_relapsed.
  const occ = [0.2, 0.3, 0.1, 0.2, 0.1, 0.1];
  const from = [0.5, 0.3, 0.05, 0.1, 0.03, 0.02];

  it('applies the same definitions to shares', () => {
    const v = (q: Quantity) => quantityFromOccupancy(spec, occ, from, q);
    expect(v(Q.survival)).toBeCloseTo(0.6, 15);
    expect(v(Q.remission)).toBeCloseTo(0.3, 15);
    expect(v(Q.remissionSurvivors)).toBeCloseTo(0.5, 15);
    expect(v(Q.active)).toBeCloseTo(0.2, 15);
    expect(v(Q.relapse)).toBeCloseTo(0.1, 15);
    expect(v(Q.everRemitted)).toBeCloseTo(0.6, 15);
    expect(v(Q.relapsedAmongRemitted)).toBeCloseTo(0.2 / 0.6, 15);
    // Ever relapsed: 0.2 at t, 0.07 at fromMonth.
    expect(v(Q.newEnrolled)).toBeCloseTo(0.13, 15);
    expect(v(Q.newAlive)).toBeCloseTo(0.13 / 0.85, 15);
    expect(v(Q.newRemitted)).toBeCloseTo(0.13 / 0.6, 15);
  });

  it('gives the same values from expected counts as from shares, and 0 for empty denominators', () => {
    const counts = occ.map((x) => 81 * x);
    const countsFrom = from.map((x) => 81 * x);
    for (const q of Object.values(Q) as Quantity[]) {
      expect(quantityFromOccupancy(spec, counts, countsFrom, q)).toBeCloseTo(
        quantityFromOccupancy(spec, occ, from, q),
        14,
      );
    }
    expect(
      quantityFromOccupancy(spec, [1, 0, 0, 0, 0, 0], undefined, Q.relapsedAmongRemitted),
    ).toBe(0);
    expect(() => quantityFromOccupancy(spec, occ, undefined, Q.newEnrolled)).toThrow(/fromMonth/);
  });

  it('reads rows off a trace by time', () => {
    const trace: Trace = {
      times: Float64Array.of(12, 36),
      nStates: 6,
      occupancy: Float64Array.from([...from, ...occ]),
    };
    expect(quantityFromTrace(spec, trace, Q.newAlive, 36)).toBeCloseTo(
      quantityFromOccupancy(spec, occ, from, Q.newAlive),
      15,
    );
    expect(() => quantityFromTrace(spec, trace, Q.survival, 6)).toThrow(/no row at 6/);
  });

  it('is the limit of the crude proportion on a huge simulated cohort, with and without censoring', () => {
    const sim = buildModel(
      { ...DEFAULT_TEMPLATE_OPTIONS, splitRemission: true },
      {
        remissionComplete: [0.5],
        remissionPartial: [0.3],
        relapse: [0.15],
        deathActive: [0.08],
        deathRemission: [0.02],
        deathRelapse: [0.1],
      },
    );
    const quantities: Quantity[] = [
      ...(Object.values(Q) as Quantity[]),
      { kind: 'inState', which: 'complete', denominator: 'enrolled' },
      { kind: 'inState', which: 'partial', denominator: 'survivors' },
    ];
    const t = 48;
    const exact = occupancyAt(sim, t);
    const exactFrom = occupancyAt(sim, 12);
    const n = 100_000;
    const full = simulateConstant(sim, n, 60, 20240601);
    // Administrative censoring independent of the path: uniform follow-up on (0, 60).
    const censored = simulateConstant(sim, n, 60, 7, (u) => 60 * u());
    for (const c of [full, censored]) {
      for (const q of quantities) {
        const crude = crudeProportion(c, sim, q, t);
        const model = quantityFromOccupancy(sim, exact, exactFrom, q);
        // Five binomial standard errors of the crude proportion (fixed seeds: deterministic).
        const tol = 5 * Math.sqrt(Math.max(model * (1 - model), 1e-4) / crude.n);
        expect(Math.abs(crude.value - model), `${JSON.stringify(q)} n=${crude.n}`).toBeLessThan(
          tol,
        );
      }
    }
    expect(code(sim, 'complete')).toBe(1);
  });
});

describe('relapsedDuringFollowUp (relapsed while followed, all enrolled)', () => {
  const q: Quantity = { kind: 'relapsedDuringFollowUp' };

  it('counts a relapse seen within each patient’s own follow-up, over everyone enrolled', () => {
    // P0 relapses at 20 and P4 at 30 (both followed 60); P6's relapse at 50 comes after its
    // follow-up ended at 24, so it is not counted; all eight are the denominator.
    expect(kn(q, 60)).toEqual([2, 8]);
    expect(kn(q, 25)).toEqual([1, 8]);
    expect(kn(q, 60, 'enrolled')).toEqual([2, 8]);
  });

  it('has no single-time model value: quantityFromOccupancy says which function to use', () => {
    const occ = occupancyAt(spec, 12);
    expect(() => quantityFromOccupancy(spec, occ, undefined, q)).toThrow(
      /relapsedDuringFollowUpModel/,
    );
  });

  // Active → Remission at α, Remission → Relapse at β (per month), no death: a first relapse
  // has density f(u) = αβ/(β − α)·(e^(−αu) − e^(−βu)). With loss to follow-up only, at μ per
  // month, P(C ≥ u) = e^(−μu), and ∫₀ᵗ e^(−μu) f(u) du has the closed form below.
  const a = 0.6;
  const b = 0.3;
  const noDeath = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
    remission: [a],
    relapse: [b],
    deathActive: [0],
    deathRemission: [0],
    deathRelapse: [0],
  });
  const closedForm = (t: number, lossPerYear: number): number => {
    const [al, be, mu] = [a / 12, b / 12, lossPerYear / 12];
    const part = (r: number) => (1 - Math.exp(-(r + mu) * t)) / (r + mu);
    return ((al * be) / (be - al)) * (part(al) - part(be));
  };

  it('matches the closed form with loss to follow-up, and the plain relapse share without', () => {
    for (const [t, loss] of [
      [48, 0.5],
      [24, 2],
      [60, 0],
    ] as const) {
      const design = { accrualMonths: 0, cutoffMonths: 1000, lossPerYear: loss };
      expect(relapsedDuringFollowUpModel(noDeath, t, design)).toBeCloseTo(closedForm(t, loss), 5);
    }
    // No design: everyone followed to t, so it is the share ever relapsed at t.
    const everRelapsedAt48 =
      1 - (b * Math.exp((-a * 48) / 12) - a * Math.exp((-b * 48) / 12)) / (b - a);
    expect(relapsedDuringFollowUpModel(noDeath, 48)).toBeCloseTo(everRelapsedAt48, 5);
    expect(relapsedDuringFollowUpModel(noDeath, 0)).toBe(0);
  });

  it('is the limit of the crude count on a huge cohort with uniform follow-up', () => {
    const sim = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
      remission: [0.5],
      relapse: [0.4],
      deathActive: [0.08],
      deathRemission: [0.02],
      deathRelapse: [0.1],
    });
    const n = 100_000;
    // Follow-up uniform on (0, 60) months: the design with accrual 60 and cut-off 60.
    const cohortU = simulateConstant(sim, n, 60, 11, (u) => 60 * u());
    const design = { accrualMonths: 60, cutoffMonths: 60, lossPerYear: 0 };
    for (const t of [24, 48]) {
      const crude = crudeProportion(cohortU, sim, q, t);
      expect(crude.n).toBe(n);
      const model = relapsedDuringFollowUpModel(sim, t, design);
      const tol = 5 * Math.sqrt((model * (1 - model)) / n);
      expect(Math.abs(crude.value - model), `t = ${t}`).toBeLessThan(tol);
      // Far below the share relapsed by t had everyone been followed that long.
      expect(model).toBeLessThan(relapsedDuringFollowUpModel(sim, t) - 0.05);
    }
  });
});
