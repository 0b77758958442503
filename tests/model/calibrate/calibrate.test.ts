import { describe, expect, it } from 'vitest';
import { calibrate, type CalibrationOptions } from '../../../src/model/calibrate/calibrate';
import { quantityFromOccupancy } from '../../../src/model/estimate/proportions';
import {
  buildModel,
  DEFAULT_TEMPLATE_OPTIONS,
  type Intensities,
  type TemplateOptions,
} from '../../../src/model/markov/template';
import { occupancyAt } from '../../../src/model/markov/trace';
import type { Quantity, Target } from '../../../src/model/types';

const SURVIVAL: Quantity = { kind: 'survival' };
const IN_REMISSION: Quantity = { kind: 'inState', which: 'remission', denominator: 'enrolled' };
const EVER: Quantity = { kind: 'everRemitted' };
const REL_AMONG: Quantity = { kind: 'relapsedAmongRemitted' };

/** The Stem Cell Reports 2018 primary targets (reference file §3.2, F1, F4, F5, F6). */
const TARGETS_2018: Target[] = [
  { id: 'F1', label: '5-year overall survival', quantity: SURVIVAL, time: 60, k: 68, n: 81 },
  { id: 'F4', label: 'In remission at 5 years', quantity: IN_REMISSION, time: 60, k: 28, n: 81 },
  { id: 'F5', label: 'Ever remitted by 5 years', quantity: EVER, time: 60, k: 37, n: 81 },
  { id: 'F6', label: 'Relapsed among remitters', quantity: REL_AMONG, time: 60, k: 9, n: 37 },
];

/** Exact model values as k/n with a large n: targets that a correct fit must reproduce. */
function syntheticTargets(
  template: TemplateOptions,
  truth: Intensities,
  specs: { quantity: Quantity; times: number[] }[],
  n = 100000,
): Target[] {
  const spec = buildModel(template, truth);
  const out: Target[] = [];
  for (const { quantity, times } of specs) {
    for (const time of times) {
      const from =
        quantity.kind === 'newRelapses' ? occupancyAt(spec, quantity.fromMonth) : undefined;
      const p = quantityFromOccupancy(spec, occupancyAt(spec, time), from, quantity);
      out.push({
        id: `${quantity.kind}${'which' in quantity ? `-${quantity.which}` : ''}@${time}`,
        label: `${quantity.kind} at ${time} months`,
        quantity,
        time,
        k: Math.round(p * n),
        n,
      });
    }
  }
  return out;
}

const expectRelative = (got: number | undefined, want: number, tol: number, what: string) => {
  expect(got, what).toBeDefined();
  const rel = Math.abs(got! - want) / want;
  expect(rel, `${what}: got ${got}, want ${want}`).toBeLessThan(tol);
};

describe('calibrate: recovery of known intensities', () => {
  it('recovers the five constant intensities of the default template within 5%', () => {
    const truth: Intensities = {
      remission: [0.8],
      relapse: [0.15],
      deathActive: [0.06],
      deathRemission: [0.02],
      deathRelapse: [0.12],
    };
    const targets = syntheticTargets(DEFAULT_TEMPLATE_OPTIONS, truth, [
      { quantity: SURVIVAL, times: [12, 36, 60] },
      { quantity: IN_REMISSION, times: [6, 24, 60] },
      { quantity: EVER, times: [6, 24, 60] },
      { quantity: REL_AMONG, times: [12, 36, 60] },
    ]);
    const r = calibrate({ template: DEFAULT_TEMPLATE_OPTIONS, targets, seed: 'recovery' });
    for (const [id, v] of Object.entries(truth)) {
      expectRelative(r.intensities[id as keyof Intensities]?.[0], v[0]!, 0.05, id);
    }
    expect(r.feasible).toBe(true);
    expect(r.fit.every((f) => f.inside)).toBe(true);
    expect(r.unidentified).toEqual([]);
    expect(r.weaklyIdentified).toEqual([]);
    expect(r.deviance).toBeLessThan(1);
  });

  it('recovers piecewise intensities with relapse pinned to 0 before month 6 (multicentre design)', () => {
    const template: TemplateOptions = { ...DEFAULT_TEMPLATE_OPTIONS, breakpoints: [6] };
    const truth: Intensities = {
      remission: [2.5, 0.4],
      relapse: [0, 0.5],
      deathActive: [0.08, 0.08],
      deathRemission: [0.03, 0.03],
      deathRelapse: [0.1, 0.1],
    };
    const targets = syntheticTargets(template, truth, [
      { quantity: SURVIVAL, times: [3, 6, 12, 24] },
      { quantity: IN_REMISSION, times: [3, 6, 12, 24] },
      { quantity: EVER, times: [3, 6, 12] },
      { quantity: REL_AMONG, times: [9, 12, 24] },
    ]);
    const r = calibrate({
      template,
      targets,
      fixed: { relapse: [0, Number.NaN], deathRelapse: [0.1, 0.1] },
      seed: 'piecewise',
    });
    expect(r.intensities.relapse?.[0]).toBe(0);
    expect(r.intensities.deathRelapse).toEqual([0.1, 0.1]);
    expect(r.free).toEqual([
      'remission[1]',
      'remission[2]',
      'relapse[2]',
      'deathActive[1]',
      'deathActive[2]',
      'deathRemission[1]',
      'deathRemission[2]',
    ]);
    for (const id of ['remission', 'relapse', 'deathActive', 'deathRemission'] as const) {
      truth[id]!.forEach((v, piece) => {
        if (v > 0) expectRelative(r.intensities[id]?.[piece], v, 0.05, `${id}[${piece + 1}]`);
      });
    }
    expect(r.fit.every((f) => f.inside)).toBe(true);
  });

  it('recovers tied and constant-in-time intensities (the multicentre preset plan)', () => {
    // Plan of src/data's multicentre preset: relapse 0 before month 6 and free after it; one
    // remission intensity for both pieces; one death intensity for every state.
    const template: TemplateOptions = { ...DEFAULT_TEMPLATE_OPTIONS, breakpoints: [6] };
    const truth: Intensities = {
      remission: [1.2, 1.2],
      relapse: [0, 0.8],
      deathActive: [0.07, 0.07],
      deathRemission: [0.07, 0.07],
      deathRelapse: [0.07, 0.07],
    };
    const targets = syntheticTargets(template, truth, [
      { quantity: SURVIVAL, times: [12, 24] },
      { quantity: EVER, times: [6, 12] },
      { quantity: { kind: 'newRelapses', fromMonth: 6, denominator: 'enrolled' }, times: [9, 12] },
    ]);
    const r = calibrate({
      template,
      targets,
      fixed: { relapse: [0, Number.NaN] },
      tied: [['deathActive', 'deathRemission', 'deathRelapse']],
      piecewise: ['relapse'],
      seed: 'tied',
    });
    expect(r.free).toEqual(['remission', 'relapse[2]', 'deathActive=deathRemission=deathRelapse']);
    expect(r.df).toBe(targets.length - 3);
    for (const id of ['remission', 'deathActive', 'deathRemission', 'deathRelapse'] as const) {
      const [a, b] = r.intensities[id]!;
      expect(a, `${id} is one value across pieces`).toBe(b);
      expectRelative(a, truth[id]![0]!, 0.05, id);
    }
    expect(r.intensities.deathActive).toEqual(r.intensities.deathRelapse);
    expect(r.intensities.relapse?.[0]).toBe(0);
    expectRelative(r.intensities.relapse?.[1], 0.8, 0.05, 'relapse[2]');
  });

  it('holds a piece no target depends on at its default and says so', () => {
    // No relapse before month 6, so death after relapse in piece 1 can never happen: no target
    // depends on deathRelapse[1].
    const template: TemplateOptions = { ...DEFAULT_TEMPLATE_OPTIONS, breakpoints: [6] };
    const r = calibrate({
      template,
      targets: TARGETS_2018,
      fixed: { relapse: [0, Number.NaN] },
      starts: 3,
    });
    expect(r.unidentified).toEqual(['deathRelapse[1]']);
    expect(r.intensities.deathRelapse?.[0]).toBeCloseTo(0.03, 12);
    expect(r.message).toMatch(/deathRelapse\[1\].*held at the default/);
  });
});

describe('calibrate: Stem Cell Reports 2018 (F1, F4, F5, F6)', () => {
  const r = calibrate({ template: DEFAULT_TEMPLATE_OPTIONS, targets: TARGETS_2018 });

  it('places every target inside its Wilson interval', () => {
    expect(r.feasible).toBe(true);
    expect(r.conflicts).toEqual([]);
    for (const row of r.fit) expect(row.inside, row.id).toBe(true);
    expect(r.converged).toBe(true);
    expect(r.startsAtBest).toBeGreaterThanOrEqual(2);
    // Four targets, five free intensities: the fit is (nearly) saturated.
    expect(r.deviance).toBeLessThan(0.05);
  });

  it('has no degrees of freedom left, so no p-value, and says so', () => {
    // Five fitted values for four targets: nothing is left to test the fit against (the df used
    // to be floored at 1, which printed a meaningless p = 0.9).
    expect(r.free).toHaveLength(5);
    expect(r.df).toBe(0);
    expect(r.pValue).toBeNull();
    expect(r.message).toMatch(/on 0 df \(no p-value: .*as many/);
    expect(r.message).not.toMatch(/p = /);
  });

  it('satisfies the F7 balance: ever remitted − relapsed among them ≈ in remission', () => {
    // 37 − 9 = 28 in the paper: no deaths among remitters who never relapsed. The model says the
    // same when deathRemission is small: everRemitted·(1 − relapsedAmongRemitted) − inRemission
    // is exactly the share dead after remitting without relapse.
    const v = Object.fromEntries(r.fit.map((f) => [f.id, f.model]));
    const balance = v.F5! * (1 - v.F6!) - v.F4!;
    expect(balance).toBeGreaterThanOrEqual(0);
    expect(balance * 81).toBeLessThan(1.5); // under 1.5 of the 81 patients
    expect(r.intensities.deathRemission![0]!).toBeLessThan(0.02);
  });

  it('says which intensities the four figures cannot separate', () => {
    // Only overall survival informs the death rates, so they are not separately identified.
    expect(r.weaklyIdentified.length).toBeGreaterThan(0);
    for (const id of r.weaklyIdentified) expect(id).toMatch(/^death/);
    expect(r.message).toMatch(/weakly identified/);
  });

  it('without the prior, the MLE runs to the bounds along the unidentified ridge (and says so)', () => {
    // Pure maximum likelihood can meet all four figures exactly in many ways; one of them puts
    // every excess death on relapsed patients dying at once (deathRelapse → its upper bound)
    // and none in remission. The weak prior exists to avoid reporting such a point.
    const mle = calibrate({
      template: DEFAULT_TEMPLATE_OPTIONS,
      targets: TARGETS_2018,
      priorSdLog: Number.POSITIVE_INFINITY,
      starts: 4,
    });
    expect(mle.penalty).toBe(0);
    expect(mle.deviance).toBeLessThan(1e-4);
    expect(mle.atBounds.length).toBeGreaterThan(0);
    expect(mle.message).toMatch(/At a bound/);
    expect(r.atBounds).toEqual([]);
  });

  it('is deterministic for a seed', () => {
    const again = calibrate({ template: DEFAULT_TEMPLATE_OPTIONS, targets: TARGETS_2018 });
    expect(again).toEqual(r);
    const other = calibrate({
      template: DEFAULT_TEMPLATE_OPTIONS,
      targets: TARGETS_2018,
      seed: 'another seed',
    });
    // A different seed changes the starting points, not the optimum.
    expect(other.logLik).toBeCloseTo(r.logLik, 4);
  });
});

describe('calibrate: the optimum does not move when the method gets faster', () => {
  // The optimum printed by calibrate() at commit 136fc79 (before the split, the seeded-stream
  // starts and the Fisher-scoring polish), full precision. The optimiser may change; the point
  // it reports may not, beyond 1e-6 relative.
  const BEFORE_2018_UNTIED = {
    remission: 0.141915090069913,
    relapse: 0.10018321152266363,
    deathActive: 0.044361584735785,
    deathRemission: 0.008859991204378387,
    deathRelapse: 0.03031949050786761,
  };
  const BEFORE_2018_PRESET = {
    remission: 0.1415478582054957,
    relapse: 0.10028163755020537,
    deathActive: 0.04350450380317772,
    deathRemission: 0.008848189898132896,
    deathRelapse: 0.04350450380317772,
  };

  it.each([
    ['default template, five free intensities', undefined, BEFORE_2018_UNTIED],
    [
      'the followup2018 preset plan (deathActive = deathRelapse)',
      [['deathActive', 'deathRelapse']] as CalibrationOptions['tied'],
      BEFORE_2018_PRESET,
    ],
  ])('2018 targets, %s: same optimum to 1e-6', (_what, tied, before) => {
    const r = calibrate({ template: DEFAULT_TEMPLATE_OPTIONS, targets: TARGETS_2018, tied });
    for (const [id, v] of Object.entries(before)) {
      const got = r.intensities[id as keyof Intensities]![0]!;
      expect(Math.abs(got - v) / v, `${id}: ${got} vs ${v}`).toBeLessThan(1e-6);
    }
    expect(r.converged).toBe(true);
    expect(r.startsAtBest).toBe(8);
    // Fisher scoring needs far fewer evaluations than Nelder–Mead's 2,483–3,927 at 136fc79.
    expect(r.modelEvaluations).toBeLessThan(1000);
  });
});

describe('calibrate: nothing to fit', () => {
  it('evaluates the model when every piece is fixed', () => {
    const fixed: Intensities = {
      remission: [0.15],
      relapse: [0.1],
      deathActive: [0.04],
      deathRemission: [0.01],
      deathRelapse: [0.03],
    };
    const r = calibrate({ template: DEFAULT_TEMPLATE_OPTIONS, targets: TARGETS_2018, fixed });
    expect(r.free).toEqual([]);
    expect(r.intensities).toEqual(fixed);
    expect(r.evaluations).toBe(1);
    expect(r.fit).toHaveLength(4);
    expect(r.df).toBe(4);
  });
});

describe('calibrate: targets that contradict each other', () => {
  it('reports an impossible set as infeasible and names all four targets', () => {
    // 90% ever remitted by 12 months, only 5% relapsed among them and 99% alive, yet only 5% in
    // remission at 12 months: at least 0.9·0.95 − 0.01 ≈ 85% must still be in remission.
    const targets: Target[] = [
      { id: 'X1', label: 'ever remitted', quantity: EVER, time: 12, k: 90, n: 100 },
      { id: 'X2', label: 'in remission', quantity: IN_REMISSION, time: 12, k: 5, n: 100 },
      { id: 'X3', label: 'relapsed among remitters', quantity: REL_AMONG, time: 12, k: 5, n: 100 },
      { id: 'X4', label: 'survival', quantity: SURVIVAL, time: 12, k: 99, n: 100 },
    ];
    const r = calibrate({ template: DEFAULT_TEMPLATE_OPTIONS, targets, starts: 4 });
    expect(r.feasible).toBe(false);
    // Five fitted values for four targets: no p-value; the deviance is far beyond χ²₁'s 0.1%
    // point (qchisq(0.999, 1) = 10.83 in R), which is what makes the set infeasible.
    expect(r.df).toBe(0);
    expect(r.pValue).toBeNull();
    expect(r.deviance).toBeGreaterThan(10.83);
    expect(r.fit.some((f) => !f.inside)).toBe(true);
    expect(r.conflicts).toEqual([['X1', 'X2', 'X3', 'X4']]);
    expect(r.message).toMatch(/Infeasible.*\{X1, X2, X3, X4\}/);
  });

  it('singles out the contradicting pair among otherwise consistent targets', () => {
    const targets: Target[] = [
      ...TARGETS_2018,
      { id: 'S40', label: 'survival, other report', quantity: SURVIVAL, time: 60, k: 40, n: 81 },
    ];
    const r = calibrate({ template: DEFAULT_TEMPLATE_OPTIONS, targets, starts: 4 });
    expect(r.feasible).toBe(false);
    expect(r.conflicts).toEqual([['F1', 'S40']]);
  });

  it('finds disjoint conflicts separately', () => {
    const targets: Target[] = [
      { id: 'A', label: 'survival', quantity: SURVIVAL, time: 60, k: 68, n: 81 },
      { id: 'B', label: 'survival again', quantity: SURVIVAL, time: 60, k: 40, n: 81 },
      { id: 'C', label: 'ever remitted', quantity: EVER, time: 24, k: 70, n: 81 },
      { id: 'D', label: 'ever remitted again', quantity: EVER, time: 24, k: 20, n: 81 },
    ];
    const r = calibrate({ template: DEFAULT_TEMPLATE_OPTIONS, targets, starts: 4 });
    expect(r.feasible).toBe(false);
    expect(r.conflicts.map((g) => [...g].sort()).sort()).toEqual([
      ['A', 'B'],
      ['C', 'D'],
    ]);
  });

  it('can skip the conflict search', () => {
    const r = calibrate({
      template: DEFAULT_TEMPLATE_OPTIONS,
      targets: [
        { id: 'A', label: 'a', quantity: SURVIVAL, time: 60, k: 68, n: 81 },
        { id: 'B', label: 'b', quantity: SURVIVAL, time: 60, k: 30, n: 81 },
      ],
      starts: 2,
      findConflicts: false,
    });
    expect(r.feasible).toBe(false);
    expect(r.conflicts).toEqual([]);
  });
});

describe('calibrate: input validation', () => {
  const base: CalibrationOptions = { template: DEFAULT_TEMPLATE_OPTIONS, targets: TARGETS_2018 };
  it.each([
    [{ targets: [] }, /at least one target/],
    [{ targets: [TARGETS_2018[0]!, TARGETS_2018[0]!] }, /"F1".*not unique/],
    [{ targets: [{ ...TARGETS_2018[0]!, k: 90 }] }, /"F1".*k must be/],
    [{ targets: [{ ...TARGETS_2018[0]!, n: 0 }] }, /"F1".*n must be/],
    [{ targets: [{ ...TARGETS_2018[0]!, time: -1 }] }, /"F1".*time/],
    [{ fixed: { reRemission: [0.1] } }, /fixed\.reRemission is not a parameter/],
    [{ fixed: { relapse: [0.1, 0.2] } }, /fixed\.relapse has 2 piece/],
    [{ fixed: { relapse: [-1] } }, /fixed\.relapse\[0\]/],
    [{ tied: [['deathActive']] }, /tied\[0\] must list at least two/],
    [{ tied: [['deathActive', 'reRemission']] }, /tied\[0\]: reRemission is not a parameter/],
    [
      {
        tied: [
          ['deathActive', 'deathRelapse'],
          ['deathRelapse', 'deathRemission'],
        ],
      },
      /tied\[1\]: deathRelapse is already tied/,
    ],
    [
      { tied: [['deathActive', 'deathRelapse']], piecewise: ['deathActive'] },
      /tied\[0\].*piecewise/,
    ],
    [{ piecewise: ['remissionComplete'] }, /piecewise: remissionComplete is not a parameter/],
    [{ starts: 0 }, /starts/],
    [{ bounds: { min: 0, max: 1 } }, /bounds/],
    [{ defaults: { relapse: 100 } }, /defaults\.relapse/],
    [
      {
        targets: [
          {
            ...TARGETS_2018[0]!,
            id: 'CR',
            quantity: { kind: 'inState', which: 'complete', denominator: 'enrolled' },
          },
        ],
      },
      /"CR".*splitRemission/,
    ],
    [
      {
        targets: [{ ...TARGETS_2018[0]!, id: 'E10', quantity: { kind: 'relapsedDuringFollowUp' } }],
      },
      /"E10".*own follow-up.*cannot be fitted/,
    ],
  ] as [Partial<CalibrationOptions>, RegExp][])('rejects %j', (patch, message) => {
    expect(() => calibrate({ ...base, ...patch })).toThrow(message);
  });
});
