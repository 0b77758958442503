import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURVE_ENDPOINT_LABELS } from '../../src/model/calibrate/reconstructedLikelihood';
import {
  CURVES_KEY,
  LINK_CURVES_LIMIT,
  decodeCurves,
  decodeNumbers,
  encodeCurves,
  encodeNumbers,
  withCurves,
} from '../../src/scenario/curveLinkCodec';
import {
  CURVE_ENDPOINTS,
  parseAtRiskCsv,
  parseCurveCsv,
  validateDigitisedCurves,
  type DigitisedCurve,
} from '../../src/scenario/digitisedCurves';
import { decodeScenario, encodeScenario } from '../../src/scenario/urlCodec';
import { DEFAULT_STUDY_ID, STUDIES } from '../../src/data';

const BASE = 'https://example.org/msct/';

// Through the whole link: the query `withCurves` writes, read back as a browser does.
const viaLink = (curves: DigitisedCurve[]) => {
  const { query, omitted } = withCurves('v=2', curves, BASE);
  expect(omitted).toBeNull();
  const dc = new URLSearchParams(query).get(CURVES_KEY);
  return decodeCurves(dc ?? '');
};

// Numbers as they come from digitisers (a few decimals), from percentage files (x / 100), and
// any double at all (the codec must stay exact for them too).
const numberArb = fc.oneof(
  fc.integer({ min: 0, max: 100000 }).map((x) => x / 1000),
  fc.integer({ min: 0, max: 10000 }).map((x) => x / 100 / 100),
  fc.integer({ min: 0, max: 5000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constant(-0),
);
const pairsArb = (min: number, max: number) =>
  fc.array(fc.tuple(numberArb, numberArb), { minLength: min, maxLength: max });

const curveArb = (i: number): fc.Arbitrary<DigitisedCurve> =>
  fc
    .record({
      endpoint: fc.constantFrom(...CURVE_ENDPOINTS),
      label: fc.option(fc.string({ minLength: 1, maxLength: 80 }), { nil: null }),
      points: pairsArb(2, 60),
      atRisk: pairsArb(1, 12),
      totalEvents: fc.option(fc.nat({ max: 100000 }), { nil: null }),
    })
    .map((c) => ({
      id: `c${i}`,
      // Labels as the schema keeps them: trimmed, never empty.
      label: c.label?.trim() || CURVE_ENDPOINT_LABELS[c.endpoint],
      endpoint: c.endpoint,
      points: c.points,
      atRisk: c.atRisk,
      totalEvents: c.totalEvents,
    }));

describe('the dc link key: digitised curves', () => {
  it('round-trips any stored curves exactly, through a real query string', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 4 })
          .chain((k) => fc.tuple(...[...Array(k)].map((_, i) => curveArb(i)))),
        (curves) => {
          const back = viaLink(curves);
          expect(back.problems).toEqual([]);
          // toEqual tells 0 from −0, so every number is the same double.
          expect(back.curves).toEqual(curves);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('writes digitiser numbers as short base-36 steps (checked by hand)', () => {
    expect(encodeNumbers([0, 6, 12])).toBe('0,0,6,6');
    expect(encodeNumbers([0.5, 0.25])).toBe('2,1e,-p'); // 50, 25 over 10^2
    // 100, 87.5, 80 percent over 10^1: 1000 = rs, −125 = −3h, −75 = −23 in base 36.
    expect(decodeNumbers('p1,rs,-3h,-23')).toEqual({ ok: true, values: [1, 0.875, 0.8] });
    // No decimal form reproduces 1/3: written as its exact text.
    expect(encodeNumbers([1 / 3])).toBe(`x,${String(1 / 3)}`);
    expect(decodeNumbers(encodeNumbers([]))).toEqual({ ok: true, values: [] });
  });

  it('keeps a percentage curve read from a file exact and short', () => {
    // The 81-patient figure of the browser test.
    const c = parseCurveCsv(
      'time,survival_%\n0,100\n3,98.8\n6,97.5\n9,96.3\n12,95.1\n15,95.6\n18,93.8\n24,92.6\n30,90.1\n36,88.9\n42,87.7\n48,86.4\n54,85.2\n60,84.0\n',
    );
    const r = parseAtRiskCsv('time,at_risk\n0,81\n12,77\n24,73\n36,70\n48,68\n60,66\n');
    const curve: DigitisedCurve = {
      id: 'c1',
      label: 'OS, Fig. 2 (from 2018)',
      endpoint: 'overallSurvival',
      points: c.points.map((p) => [p.time, p.survival]),
      atRisk: r.rows.map((x) => [x.time, x.atRisk]),
      totalEvents: 15,
    };
    const dc = encodeCurves([curve]);
    expect(dc.split(':')[4]).toMatch(/^p1,/);
    expect(dc.length).toBeLessThan(150);
    expect(viaLink([curve]).curves).toEqual([curve]);
  });

  it('a link with dc still opens its scenario as before, without an unknown-key problem', () => {
    const scenario = decodeScenario('study=followup2018', STUDIES, DEFAULT_STUDY_ID).scenario;
    const q = `${encodeScenario(scenario)}&dc=c1:os::0,0,6:0,1,-1:0,0:0,2b`;
    const r = decodeScenario(q, STUDIES, DEFAULT_STUDY_ID);
    expect(r.problems).toEqual([]);
    expect(r.scenario).toEqual(scenario);
  });
});

describe('garbled or hostile dc values', () => {
  const one = (value: string) => decodeCurves(value);

  it('reads a good value', () => {
    expect(one('c1:os:3:0,0,6:0,1,-1:0,0:0,2b').curves).toEqual([
      {
        id: 'c1',
        label: CURVE_ENDPOINT_LABELS.overallSurvival,
        endpoint: 'overallSurvival',
        points: [
          [0, 1],
          [6, 0],
        ],
        atRisk: [[0, 83]],
        totalEvents: 3,
      },
    ]);
  });

  it.each([
    ['c1:os::0,0,6:0,1:0,0:0,2b', 'curves[0].points', /more times than values/],
    ['c1:os::0,0,6:q,1,0:0,0:0,2b', 'curves[0].points', /values starts with "q"/],
    ['c1:os::0,0,6:0,1,@:0,0:0,2b', 'curves[0].points', /values number 2 \("@"\)/],
    ['c1:os::0,0,6:0,1,-1:0,0:0,zzzzzzzzzzz', 'curves[0].atRisk', /base-36/],
    ['c1:os::x,0,abc:0,1,-1:0,0:0,2b', 'curves[0].points', /times number 2 \("abc"\)/],
    ['c1:os::0,0', 'curves[0]', /cut short/],
  ])('%s: the curve is left out, named', (value, field, message) => {
    const r = one(value);
    expect(r.curves).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.field).toBe(field);
    expect(r.problems[0]!.message).toMatch(message);
    expect(r.problems[0]!.used).toBe('curve left out');
  });

  it('replaces a bad endpoint, a broken label escape and a bad total, saying so', () => {
    const r = one('c1:zz:1.5:0,0,6:0,1,-1:0,0:0,2b:Fig%3');
    expect(r.curves).toHaveLength(1);
    expect(r.curves[0]!.endpoint).toBe('overallSurvival');
    expect(r.curves[0]!.totalEvents).toBeNull();
    expect(r.problems.map((p) => [p.field, p.used])).toEqual([
      ['curves[0].label', '(default label)'],
      ['curves[0].endpoint', 'overallSurvival'],
      ['curves[0].totalEvents', 'none'],
    ]);
  });

  it('keeps the first 8 of more curves', () => {
    const good = 'c:os::0,0,6:0,1,-1:0,0:0,2b';
    const r = one(Array.from({ length: 12 }, () => good).join(';'));
    expect(r.curves).toHaveLength(8);
    expect(r.problems.some((p) => p.field === 'curves' && p.used === 'the first 8')).toBe(true);
  });

  it('never throws, and whatever it returns passes the curve schema unchanged', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'c1',
        'os',
        'ttr',
        'rf',
        'x',
        'p2',
        '0',
        ',',
        ':',
        ';',
        '-',
        'zz',
        '%',
        '1e9',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const r = decodeCurves(parts.join(''));
        const again = validateDigitisedCurves(r.curves);
        expect(again.problems).toEqual([]);
        expect(again.curves).toEqual(r.curves);
        for (const p of r.problems) expect(p.used).not.toBe('');
      }),
      { numRuns: 500 },
    );
  });
});

describe('the link length limit', () => {
  const bigCurve = (n: number): DigitisedCurve => ({
    id: 'big',
    label: 'Overall survival',
    endpoint: 'overallSurvival',
    // Full-precision values: each costs its whole text.
    points: Array.from({ length: n }, (_, i) => [i * 0.1 + 1e-9 * i, Math.exp(-i / n) / 3]),
    atRisk: [[0, 500]],
    totalEvents: null,
  });

  it('leaves the curves out of a link longer than the limit and says how long it would be', () => {
    const r = withCurves('v=2&study=x', [bigCurve(1000)], BASE);
    expect(r.query).toBe('v=2&study=x');
    expect(r.omitted).toBeGreaterThan(LINK_CURVES_LIMIT);
    const full = `${BASE}?v=2&study=x&dc=${encodeCurves([bigCurve(1000)])}`;
    expect(r.omitted).toBe(full.length);
  });

  it('keeps them in a link up to the limit, to the character', () => {
    const small = bigCurve(20);
    const inLink = withCurves('v=2', [small], BASE);
    expect(inLink.omitted).toBeNull();
    const length = BASE.length + 1 + inLink.query.length;
    // A base that makes the link exactly the limit still carries them; one more character not.
    const pad = 'a'.repeat(LINK_CURVES_LIMIT - length);
    expect(withCurves('v=2', [small], BASE + pad).omitted).toBeNull();
    expect(withCurves('v=2', [small], `${BASE}${pad}a`).omitted).toBe(LINK_CURVES_LIMIT + 1);
  });
});
