import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/scenario/defaults';
import { describeQuantity, QUANTITY_CODES } from '../../src/scenario/quantityCodes';
import { LIMITS } from '../../src/scenario/limits';
import { validateScenario } from '../../src/scenario/validateScenario';
import type { CompareArm, Scenario } from '../../src/scenario/scenario';
import {
  parametersOf,
  type Intensities,
  type TemplateOptions,
} from '../../src/model/markov/template';
import type { Quantity, Target } from '../../src/model/types';
import {
  decodeScenario,
  DECODERS,
  encodeScenario,
  URL_LENGTH_BUDGET,
} from '../../src/scenario/urlCodec';
import { FAKE_STUDIES } from '../model/studyFakes';

const decode = (q: string) => decodeScenario(q, FAKE_STUDIES, 'followup2018');
const study = (id: string) => FAKE_STUDIES.find((s) => s.id === id)!;

// ---- Arbitraries: valid scenarios within LIMITS ------------------------------------------------

const double = (min: number, max: number) =>
  fc.oneof(
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
    // Short, "typed-in" values too, so that shrinking finds readable counterexamples.
    fc.integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) }).map((x) => x / 100),
  );
// −0 passes validation (−0 < 0 is false) and must come back as −0, not 0.
const rate = fc.oneof(
  { weight: 1, arbitrary: fc.constant(-0) },
  { weight: 9, arbitrary: double(0, LIMITS.rate.max) },
);

const templateArb: fc.Arbitrary<TemplateOptions> = fc.record({
  splitRemission: fc.boolean(),
  reRemission: fc.boolean(),
  breakpoints: fc
    .uniqueArray(double(Number.MIN_VALUE, 1199.99), { maxLength: LIMITS.breakpoints.max })
    .map((b) => [...b].sort((x, y) => x - y)),
});

const intensitiesArb = (t: TemplateOptions): fc.Arbitrary<Intensities> => {
  const pieces = t.breakpoints.length + 1;
  const entries = parametersOf(t).map(
    (p) => [p, fc.array(rate, { minLength: pieces, maxLength: pieces })] as const,
  );
  return fc.record(Object.fromEntries(entries)) as fc.Arbitrary<Intensities>;
};

// Labels: any well-formed text (astral characters, markup, `;`, `%`, `:`) up to 80 UTF-16 units.
const labelArb = fc
  .string({ unit: 'binary', minLength: 1, maxLength: LIMITS.labelLength.max })
  .filter((s) => s.length <= LIMITS.labelLength.max);

const quantityArb: fc.Arbitrary<Quantity> = fc.oneof(
  fc.constantFrom(...QUANTITY_CODES.map((c) => c.quantity)),
  fc.record({
    kind: fc.constant('newRelapses' as const),
    // quantityFromCode reads plain decimals (`new-12.5-e`), so that is what a valid target has.
    fromMonth: fc.integer({ min: 0, max: 11_999 }).map((x) => x / 10),
    denominator: fc.constantFrom(
      'enrolled' as const,
      'alive-at-start' as const,
      'ever-remitted' as const,
    ),
  }),
);

const targetArb: fc.Arbitrary<Target> = fc
  .record({
    id: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
    quantity: quantityArb,
    time: double(Number.MIN_VALUE, 1200),
    n: fc.integer({ min: 1, max: 1_000_000 }),
    kShare: fc.double({ min: 0, max: 1, noNaN: true }),
    label: fc.option(labelArb.filter((s) => s.trim() !== '')),
  })
  .filter((r) => r.quantity.kind !== 'newRelapses' || r.quantity.fromMonth < r.time)
  .map((r) => ({
    id: r.id,
    quantity: r.quantity,
    time: r.time,
    k: Math.floor(r.kShare * r.n),
    n: r.n,
    label: r.label ?? describeQuantity(r.quantity, r.time),
  }));

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    studyIndex: fc.nat({ max: FAKE_STUDIES.length - 1 }),
    armPick: fc.nat({ max: 2 }),
    template: templateArb,
    targets: fc.option(fc.array(targetArb, { maxLength: LIMITS.targets.max })),
    seed: fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
    n: fc.integer(LIMITS.n),
    horizon: double(LIMITS.horizon.min, LIMITS.horizon.max),
    replicates: fc.integer(LIMITS.replicates),
    censoring: fc.boolean(),
    accrual: double(LIMITS.accrual.min, LIMITS.accrual.max),
    cutoff: double(LIMITS.cutoff.min, LIMITS.cutoff.max),
    loss: double(LIMITS.loss.min, LIMITS.loss.max),
    speed: double(LIMITS.speed.min, LIMITS.speed.max),
    relapseView: fc.constantFrom('cif' as const, 'km' as const),
    cycle: double(LIMITS.cycle.min, LIMITS.cycle.max),
    atShare: fc.double({ min: 0, max: 1, noNaN: true }),
    sampler: fc.constantFrom(1 as const, 2 as const),
    compare: fc.option(
      fc.record({
        label: fc.oneof(fc.constant(''), labelArb),
        n: fc.integer(LIMITS.n),
        crn: fc.boolean(),
      }),
    ),
  })
  .chain((r) =>
    fc
      .tuple(intensitiesArb(r.template), intensitiesArb(r.template))
      .map(([intensities, bIntensities]): Scenario => {
        const st = FAKE_STUDIES[r.studyIndex]!;
        const arms = st.design.arms;
        const arm = arms.length > 1 && r.armPick < arms.length ? arms[r.armPick]!.id : '';
        const compare: CompareArm | null = r.compare
          ? { ...r.compare, intensities: bIntensities }
          : null;
        return {
          study: st.id,
          arm,
          template: r.template,
          intensities,
          targets: r.targets,
          seed: r.seed,
          n: r.n,
          horizon: r.horizon,
          replicates: r.replicates,
          censoring: r.censoring,
          design: {
            accrualMonths: r.accrual,
            cutoffMonths: Math.max(r.accrual, r.cutoff),
            lossPerYear: r.loss,
          },
          speed: r.speed,
          relapseView: r.relapseView,
          cycle: r.cycle,
          at: Math.min(r.atShare * r.horizon, r.horizon),
          compare,
          sampler: r.sampler,
        };
      }),
  );

// ---- Hostile input ------------------------------------------------------------------------------

const KEYS = [
  'v',
  'study',
  'arm',
  'seed',
  'n',
  'h',
  'r',
  'cens',
  'acc',
  'cut',
  'loss',
  'split',
  'rr',
  'bp',
  'rem',
  'remC',
  'remP',
  'rel',
  'rer',
  'dA',
  'dR',
  'dL',
  't',
  'sp',
  'rv',
  'cyc',
  'at',
  'cmp',
  'bl',
  'bn',
  'crn',
  'b.rem',
  'b.rel',
  'b.dA',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
];
const NASTY = [
  '',
  'NaN',
  '1e999',
  '-1e999',
  '-1',
  '-0',
  '0x10',
  'Infinity',
  ' ',
  '1,2,3,4,5,6',
  ',,',
  '0;0',
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  '%E0%A4%A',
  '%',
  '%%',
  '%25',
  'T1:os:60:68:81',
  'T1:os:60:68:81:%E0%A4%A',
  'T1:new-5-e:3:1:2',
  ':::::',
  ';;;',
  'a:b:c:d:e:f:g',
  '__proto__',
  '{"a":1}',
  'true',
  'false',
  '2',
  '99',
  'followup2018',
  'rct2012',
  'double',
  '1.5',
  '\u0000',
  '\uD800',
  'é'.repeat(200),
];
const soupArb = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })),
      fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 30 }), fc.double().map(String)),
    ),
    { maxLength: 40 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

/** The decoded scenario is valid: validateScenario accepts it unchanged, and it round-trips. */
function expectValid(s: Scenario): void {
  const again = validateScenario(s, FAKE_STUDIES, 'followup2018');
  expect(again.problems).toEqual([]);
  expect(again.scenario).toEqual(s);
  expect(decode(encodeScenario(s)).scenario).toEqual(s);
}

describe('encodeScenario / decodeScenario', () => {
  it('round-trips every valid scenario exactly, with no problems', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        // The arbitrary only makes valid scenarios (validateScenario's fixed points).
        const v = validateScenario(s, FAKE_STUDIES, 'followup2018');
        expect(v.problems).toEqual([]);
        expect(v.scenario).toEqual(s);
        const decoded = decode(encodeScenario(s));
        expect(decoded.problems).toEqual([]);
        expect(decoded.scenario).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });

  it('writes the version first and the keys in canonical order', () => {
    const s = defaultScenario(study('followup2018'));
    expect(encodeScenario(s)).toBe(
      'v=2&study=followup2018&arm=&seed=lupus&n=81&h=60&r=200&cens=1&acc=48&cut=96&loss=0.02' +
        '&split=0&rr=0&bp=&rem=0.9&rel=0.12&dA=0.2&dR=0.01&dL=0.05&sp=1&rv=cif&cyc=1&at=0&cmp=0',
    );
  });

  it('writes the comparison arm and targets with readable separators', () => {
    const s: Scenario = {
      ...defaultScenario(study('rct2012'), 'single'),
      targets: [
        {
          id: 'F1',
          label: describeQuantity({ kind: 'survival' }, 60),
          quantity: { kind: 'survival' },
          time: 60,
          k: 68,
          n: 81,
        },
        {
          id: 'X',
          label: '50% at 1 yr; <b>bold</b> & more',
          quantity: { kind: 'newRelapses', fromMonth: 12, denominator: 'ever-remitted' },
          time: 24,
          k: 3,
          n: 20,
        },
      ],
      compare: {
        label: 'Double MSCT',
        intensities: { ...defaultScenario(study('rct2012')).intensities, relapse: [0.3] },
        n: 28,
        crn: true,
      },
    };
    const q = encodeScenario(s);
    expect(q).toContain('&t=F1:os:60:68:81;X:new-12-r:24:3:20:50%2525+at+1+yr%253B+%3Cb%3Ebold');
    expect(q).toContain('&cmp=1&bl=Double+MSCT&bn=28&crn=1&b.rem=0.3&b.rel=0.3');
    expect(decode(q)).toEqual({ scenario: s, problems: [] });
  });

  it('reads a hand-written version 1 link (old links keep working)', () => {
    // Written by hand from the key table, not by encodeScenario: if this test ever fails, a
    // change broke links that people have already shared.
    const link =
      'https://example.org/sim/?v=1&study=split2020&arm=&seed=class-3&n=120&h=36&r=50&cens=0' +
      '&acc=6&cut=40&loss=0.1&split=1&rr=1&bp=3,12' +
      '&remC=0.5,0.25,0.125&remP=0.3,0.2,0.1&rel=0.1,0.2,0.3&rer=0,0.21,1e-7' +
      '&dA=0.1,0.1,0.1&dR=0.01,0.02,0.03&dL=0.05,0.05,-0' +
      '&t=A1:rems:12:5:9;B2:new-6-a:24:2:30:Relapses+6%E2%80%9324+mo+(50%2525%253B+ok)' +
      '&sp=2&rv=km&cyc=0.5&at=7.25' +
      '&cmp=1&bl=Arm+B+%3Ci%3E&bn=60&crn=0' +
      '&b.remC=1,1,1&b.remP=0,0,0&b.rel=0.1,0.1,0.1&b.rer=0.2,0.2,0.2' +
      '&b.dA=0.1,0.1,0.1&b.dR=0,0,0&b.dL=0.05,0.05,0.05#ignored';
    const expected: Scenario = {
      study: 'split2020',
      arm: '',
      template: { splitRemission: true, reRemission: true, breakpoints: [3, 12] },
      intensities: {
        remissionComplete: [0.5, 0.25, 0.125],
        remissionPartial: [0.3, 0.2, 0.1],
        relapse: [0.1, 0.2, 0.3],
        reRemission: [0, 0.21, 1e-7],
        deathActive: [0.1, 0.1, 0.1],
        deathRemission: [0.01, 0.02, 0.03],
        deathRelapse: [0.05, 0.05, -0],
      },
      targets: [
        {
          id: 'A1',
          label: 'In remission (survivors) at 12 mo',
          quantity: { kind: 'inState', which: 'remission', denominator: 'survivors' },
          time: 12,
          k: 5,
          n: 9,
        },
        {
          id: 'B2',
          label: 'Relapses 6–24 mo (50%; ok)',
          quantity: { kind: 'newRelapses', fromMonth: 6, denominator: 'alive-at-start' },
          time: 24,
          k: 2,
          n: 30,
        },
      ],
      seed: 'class-3',
      n: 120,
      horizon: 36,
      replicates: 50,
      censoring: false,
      design: { accrualMonths: 6, cutoffMonths: 40, lossPerYear: 0.1 },
      speed: 2,
      relapseView: 'km',
      cycle: 0.5,
      at: 7.25,
      compare: {
        label: 'Arm B <i>',
        intensities: {
          remissionComplete: [1, 1, 1],
          remissionPartial: [0, 0, 0],
          relapse: [0.1, 0.1, 0.1],
          reRemission: [0.2, 0.2, 0.2],
          deathActive: [0.1, 0.1, 0.1],
          deathRemission: [0, 0, 0],
          deathRelapse: [0.05, 0.05, 0.05],
        },
        n: 60,
        crn: false,
      },
      // A v=1 link replays the version-1 sampler, so it keeps its patients.
      sampler: 1,
    };
    expect(decode(link)).toEqual({ scenario: expected, problems: [] });
    // ... and is written back as v=1 with every value it had.
    expect(encodeScenario(expected)).toMatch(/^v=1&study=split2020&/);
    expect(decode(encodeScenario(expected))).toEqual({ scenario: expected, problems: [] });
    expect(decode(`?${link.split('?')[1]!}`).scenario).toEqual(expected);
  });

  it('decodes any string to a valid scenario and never throws', () => {
    const anyText = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      soupArb,
      soupArb.map((q) => `?${q}`),
      // Truncations of a real link, anywhere (also inside a %-escape).
      fc.tuple(scenarioArb, fc.double({ min: 0, max: 1, noNaN: true })).map(([s, cut]) => {
        const q = encodeScenario(s);
        return q.slice(0, Math.floor(q.length * cut));
      }),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const { scenario, problems } = decode(text);
        expectValid(scenario);
        for (const p of problems) {
          expect(typeof p.field).toBe('string');
          expect(typeof p.used).toBe('string');
          // showValue cuts values, so a hostile link cannot flood the message area.
          expect(p.message.length).toBeLessThan(300);
        }
        expect(problems.length).toBeLessThan(200);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['', 0],
    ['?', 0],
    ['v=1&n=NaN', 1],
    ['v=1&n=1e999', 1],
    ['v=1&n=-1', 1],
    ['v=1&n=', 1],
    ['v=1&h=%E0%A4%A', 1],
    ['v=1&study=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', 1],
    ['v=1&__proto__=1&constructor=2', 2],
  ])('reports the problems of %j without throwing', (query, count) => {
    const { scenario, problems } = decode(query);
    expect(problems).toHaveLength(count);
    expectValid(scenario);
  });

  it('never lets __proto__ or constructor pollute anything', () => {
    const { scenario, problems } = decode(
      'v=1&__proto__=x&constructor=y&t=__proto__:os:1:1:1&b.__proto__=1&polluted=1',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(scenario)).toBe(Object.prototype);
    expect(scenario.targets?.[0]?.id).toBe('__proto__');
    expect(problems.map((p) => p.message)).toEqual([
      'unknown key "__proto__"',
      'unknown key "constructor"',
      'unknown key "b.__proto__"',
      'unknown key "polluted"',
    ]);
  });

  it('keeps markup as inert text in the scenario and in messages', () => {
    const markup = '<img src=x onerror=alert(1)>';
    const { scenario, problems } = decode(
      `v=1&study=${encodeURIComponent(markup)}&cmp=1&bl=${encodeURIComponent(markup)}`,
    );
    expect(scenario.compare?.label).toBe(markup);
    expect(problems).toEqual([
      { field: 'study', message: `unknown study "${markup}"`, used: 'followup2018' },
    ]);
  });

  it('uses the first of duplicate keys and says so', () => {
    const { scenario, problems } = decode('v=1&n=10&n=20&seed=a&seed=b');
    expect(scenario.n).toBe(10);
    expect(scenario.seed).toBe('a');
    expect(problems).toEqual([
      {
        field: 'url',
        message: 'key "n" appears more than once; the first value counts',
        used: '"10"',
      },
      {
        field: 'url',
        message: 'key "seed" appears more than once; the first value counts',
        used: '"a"',
      },
    ]);
  });

  it('reads a short hand-written link without a version as the newest, without complaint', () => {
    const { scenario, problems } = decode('n=42');
    expect(scenario.n).toBe(42);
    expect(scenario.sampler).toBe(2);
    expect(problems).toEqual([]);
    expect(decode('v=1&n=42').scenario.sampler).toBe(1);
    expect(decode('v=2&n=42').scenario.sampler).toBe(2);
    expect(encodeScenario(decode('n=42').scenario)).toMatch(/^v=2&/);
  });

  it('reads an unknown version with the newest decoder, and says so', () => {
    const newest = Math.max(...Object.keys(DECODERS).map(Number));
    for (const v of ['999', 'abc', '<b>', '1.0', '__proto__']) {
      const { scenario, problems } = decode(`v=${encodeURIComponent(v)}&n=42`);
      expect(scenario.n).toBe(42);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.field).toBe('v');
      expect(problems[0]!.used).toBe(String(newest));
    }
  });

  it('reports malformed piece lists with the position of the bad piece', () => {
    const { scenario, problems } = decode(
      'v=1&rel=0.1,abc&dA=0.1&bp=6,x&t=A:os:12:1:2;broken;C:zz:1:1:1;D:os:12:1:2:%E0%A4%A',
    );
    const fields = problems.map((p) => p.field);
    expect(fields).toContain('template.breakpoints');
    expect(fields).toContain('targets[2].quantity');
    expect(fields).toContain('targets[3].quantity');
    expect(fields).toContain('targets[4].label');
    expect(scenario.targets?.map((t) => t.id)).toEqual(['A', 'D']);
    expect(scenario.intensities.relapse).toEqual([0.12]);
    // `rel` has two pieces for a one-piece structure.
    expect(fields).toContain('intensities.relapse');
  });

  it('leaves out nothing a scenario needs: every field changes the link', () => {
    const base = defaultScenario(study('rct2012'), 'single');
    const variants: Partial<Scenario>[] = [
      { arm: 'double' },
      { seed: 'other' },
      { n: 31 },
      { horizon: 13 },
      { replicates: 201 },
      { censoring: false },
      { design: { ...base.design, lossPerYear: 0.5 } },
      { speed: 2 },
      { relapseView: 'km' },
      { cycle: 2 },
      { at: 1 },
      { targets: [] },
      { intensities: { ...base.intensities, relapse: [0.7] } },
      { compare: { label: '', intensities: base.intensities, n: 1, crn: false } },
    ];
    const q = encodeScenario(base);
    for (const v of variants) {
      const s = { ...base, ...v };
      expect(encodeScenario(s)).not.toBe(q);
      expect(decode(encodeScenario(s)).scenario).toEqual(s);
    }
  });
});

describe('encoded length', () => {
  // What a teacher builds: split remission with re-remission, two breakpoints, full-precision
  // fitted rates in both arms, and ten targets with their own labels.
  it(`keeps a rich teaching scenario under ${URL_LENGTH_BUDGET} characters`, () => {
    const t: TemplateOptions = { splitRemission: true, reRemission: true, breakpoints: [6, 24] };
    const rates = (seed: number): Intensities =>
      Object.fromEntries(
        parametersOf(t).map((p, i) => [
          p,
          [0, 1, 2].map((j) => 0.1 + ((seed + i * 7 + j * 13) % 97) / 97 / 3 + 1e-15),
        ]),
      );
    const s: Scenario = {
      ...defaultScenario(study('split2020')),
      template: t,
      intensities: rates(1),
      targets: Array.from({ length: 10 }, (_, i) => ({
        id: `T${i + 1}`,
        label: `Figure ${i + 1}: remission at month ${12 * (i + 1)}, whole cohort`,
        quantity: { kind: 'inState', which: 'remission', denominator: 'enrolled' } as const,
        time: 12 * (i + 1),
        k: 10 + i,
        n: 40,
      })),
      seed: 'class-2024-group-7',
      compare: { label: 'Double infusion', intensities: rates(2), n: 28, crn: true },
    };
    const q = encodeScenario(s);
    expect(q.length).toBeLessThan(URL_LENGTH_BUDGET);
    expect(decode(q)).toEqual({ scenario: s, problems: [] });
  });

  it('stays exact at the worst case LIMITS allow, at a length no scenario can exceed', () => {
    // Every number as long as a double gets, every label 80 three-byte characters (9 URL
    // characters each), 40 targets and a comparison arm: exact round trip, at a known length.
    // No lossless encoding can fit this in 2,000 characters (see the note in urlCodec.ts).
    const long = 0.0000012345678901234567; // "0.0000012345678901234567": 24 characters
    const t: TemplateOptions = {
      splitRemission: true,
      reRemission: true,
      breakpoints: [1.0000000000000002, 2.0000000000000004, 3.0000000000000004, 4.000000000000001],
    };
    const rates: Intensities = Object.fromEntries(
      parametersOf(t).map((p) => [p, [long, long, long, long, long]]),
    );
    const label = '\u0900'.repeat(LIMITS.labelLength.max);
    const s: Scenario = {
      study: 'split2020',
      arm: '',
      template: t,
      intensities: rates,
      targets: Array.from({ length: LIMITS.targets.max }, (_, i) => ({
        id: `ABCDEFGHIJ${String(i).padStart(2, '0')}`,
        label,
        quantity: {
          kind: 'newRelapses',
          fromMonth: 1000.0000000000001,
          denominator: 'ever-remitted',
        } as const,
        time: 1199.9999999999998,
        k: 999_999,
        n: 1_000_000,
      })),
      seed: 'x'.repeat(LIMITS.seedLength.max),
      n: LIMITS.n.max,
      horizon: 239.99999999999997,
      replicates: LIMITS.replicates.max,
      censoring: true,
      design: {
        accrualMonths: 239.99999999999997,
        cutoffMonths: 479.99999999999994,
        lossPerYear: 4.999999999999999,
      },
      speed: 7.999999999999999,
      relapseView: 'cif',
      cycle: 23.999999999999996,
      at: 239.99999999999994,
      compare: { label, intensities: rates, n: LIMITS.n.max, crn: true },
      sampler: 2,
    };
    const q = encodeScenario(s);
    expect(decode(q)).toEqual({ scenario: s, problems: [] });
    // The bound: 41 labels of 80 × 9 characters, 40 target heads of at most 80 characters
    // (`id:new-<month>-r:<time>:<k>:<n>;`), and at most 2,500 for everything else (2 × 7 rate
    // lists of 5 × 25 characters, plus the scalar keys).
    expect(q.length).toBeGreaterThan(URL_LENGTH_BUDGET);
    expect(q.length).toBeLessThan(41 * 720 + 40 * 80 + 2500);
  });
});
