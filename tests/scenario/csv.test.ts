import { csvParse, csvParseRows } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import {
  escapeCsvCell,
  fitTableToCsv,
  parseDigitisedCurve,
  patientsCsvParts,
  patientsToCsv,
  survivalToCsv,
} from '../../src/scenario/csv';
import { DEFAULT_STUDY_ID, STUDIES } from '../../src/data';
import { simulateScenario } from '../../src/scenario/simulation';
import { decodeScenario } from '../../src/scenario/urlCodec';
import { buildModel } from '../../src/model/markov/template';
import type { Cohort } from '../../src/model/types';

describe('parseDigitisedCurve', () => {
  it('reads a WebPlotDigitizer export without a header, sorted by time', () => {
    const { points, problems } = parseDigitisedCurve('12, 0.9\n0,1\n24,0.8\n');
    expect(problems).toEqual([]);
    expect(points).toEqual([
      { time: 0, value: 1 },
      { time: 12, value: 0.9 },
      { time: 24, value: 0.8 },
    ]);
  });

  it('skips a header and reads bands', () => {
    const { points, problems } = parseDigitisedCurve(
      'time,value,lower,upper\r\n0,1,1,1\r\n60,0.84,0.745,0.904\r\n',
    );
    expect(problems).toEqual([]);
    expect(points[1]).toEqual({ time: 60, value: 0.84, lower: 0.745, upper: 0.904 });
  });

  it('detects percentages and says so on the first line above 1', () => {
    const { points, problems } = parseDigitisedCurve('x;y\n0;100\n12;0,5\n24;84,5\n');
    expect(points.map((p) => p.value)).toEqual([1, 0.005, 0.845]);
    expect(problems).toEqual([
      { line: 2, message: 'values above 1: all values are read as percentages (0–100)' },
    ]);
  });

  it('keeps a proportion file as proportions when one value is a typo above 1', () => {
    // One stray 85 among proportions used to turn every value into a percentage (1.0 → 1%).
    const { points, problems } = parseDigitisedCurve('0,1\n12,0.9\n24,85\n36,0.8\n48,0.75\n');
    expect(points).toEqual([
      { time: 0, value: 1 },
      { time: 12, value: 0.9 },
      { time: 36, value: 0.8 },
      { time: 48, value: 0.75 },
    ]);
    expect(problems).toEqual([
      {
        line: 3,
        message: 'value 85 is above 1 while most values are proportions (0–1); row skipped',
      },
    ]);
  });

  it('reads a file as percentages when most values are above 1, or when cells say %', () => {
    // A cumulative incidence in percent starts below 1: 0.5%, then 2%, 5%, …
    expect(parseDigitisedCurve('0,0\n3,0.5\n6,2\n12,5\n24,9').points.map((p) => p.value)).toEqual([
      0, 0.005, 0.02, 0.05, 0.09,
    ]);
    expect(parseDigitisedCurve('0,0%\n3,0.5%\n6,0.25%').points.map((p) => p.value)).toEqual([
      0, 0.005, 0.0025,
    ]);
    // In a percentage file, a value above 100 is the bad row.
    const { points, problems } = parseDigitisedCurve('0,100\n12,90\n24,250\n36,80');
    expect(points.map((p) => p.value)).toEqual([1, 0.9, 0.8]);
    expect(problems).toEqual([
      { line: 1, message: 'values above 1: all values are read as percentages (0–100)' },
      { line: 3, message: 'a value is outside 0–100' },
    ]);
  });

  it('refuses a time beyond 1200 months (100 years) instead of accepting it silently', () => {
    const { points, problems } = parseDigitisedCurve('0,1\n1e308,0.5\n1200,0.4\n1200.5,0.3');
    expect(points.map((p) => p.time)).toEqual([0, 1200]);
    expect(problems).toEqual([
      { line: 2, message: 'time 1e+308 is beyond 1200 months (100 years)' },
      { line: 4, message: 'time 1200.5 is beyond 1200 months (100 years)' },
    ]);
  });

  it.each([
    ['comma', '0,0.5\n1,0.25'],
    ['semicolon with decimal commas', '0;0,5\n1;0,25'],
    ['tab', '0\t0.5\n1\t0.25'],
    ['quoted cells', '"0","0.5"\n"1","0.25"'],
  ])('reads %s', (_name, text) => {
    expect(parseDigitisedCurve(text)).toEqual({
      points: [
        { time: 0, value: 0.5 },
        { time: 1, value: 0.25 },
      ],
      problems: [],
    });
  });

  it('reports bad rows by line number, counting the header and blank lines', () => {
    const text = [
      'time,value', //     1 header
      '0,1', //            2
      '', //               3 blank, skipped silently
      'six,0.9', //        4 bad time
      '12', //             5 no value
      '18,=1+1', //        6 bad value
      '-5,0.8', //         7 negative time
      '24,0.15,0.2', //    8 lower bound without upper
      '30,0.7,0.8,0.6', // 9 lower above upper
      '36,250', //         10 above 1 among proportions
    ].join('\n');
    const { points, problems } = parseDigitisedCurve(text);
    expect(problems.map((p) => p.line)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(points.map((p) => p.time)).toEqual([0, 24]);
    expect(points[1]).toEqual({ time: 24, value: 0.15 });
  });

  it('reads values just beside the axes as the nearest edge, and says so', () => {
    const { points, problems } = parseDigitisedCurve('-0.3,1.004\n12,-0.01');
    expect(points).toEqual([
      { time: 0, value: 1 },
      { time: 12, value: 0 },
    ]);
    // 1.004 is a proportion a hair above the top, not a percentage.
    expect(problems).toEqual([
      { line: 0, message: '3 value(s) just outside the axes were read as the nearest edge' },
    ]);
  });

  it('never throws and reports an empty file', () => {
    for (const text of ['', '\uFEFF', 'a,b', '"unterminated', ',,,', '\u0000;\u0000']) {
      const r = parseDigitisedCurve(text);
      expect(r.points).toEqual([]);
      expect(r.problems.at(-1)).toEqual({ line: 0, message: 'no data points found' });
    }
  });
});

describe('escapeCsvCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1+2', `'+1+2`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['  =1', `'  =1`],
    ['-0.5', '-0.5'],
    ['-1e-7', '-1e-7'],
    ['plain', 'plain'],
  ])('%j becomes %j', (cell, out) => {
    expect(escapeCsvCell(cell)).toBe(out);
  });
});

describe('patientsToCsv', () => {
  const spec = buildModel(
    { splitRemission: false, reRemission: false, breakpoints: [] },
    {
      remission: [1],
      relapse: [1],
      deathActive: [1],
      deathRemission: [1],
      deathRelapse: [1],
    },
  );
  const code = (id: string) => spec.states.findIndex((s) => s.id === id);
  // Patient 1: remits at 3, relapses at 10, censored at 20 (cut-off before the 24-month horizon).
  // Patient 2: dies at 5 while active: no censoring row.
  // Patient 3: stays active, followed to the horizon: one censoring row at 24.
  // Patient 4: remits at 2, relapse at 30 is after follow-up (15): not observed.
  const cohort: Cohort = {
    n: 4,
    horizon: 24,
    offsets: Uint32Array.from([0, 3, 5, 6, 8]),
    eventTime: Float64Array.from([0, 3, 10, 0, 5, 0, 0, 2]),
    eventState: Uint8Array.from(
      [
        'active',
        'remission',
        'relapse',
        'active',
        'dead_never_remitted',
        'active',
        'active',
        'remission',
      ].map(code),
    ),
    followUp: Float64Array.from([20, 24, 24, 15]),
    entry: new Float64Array(4),
  };

  it('writes each state entered from the initial one at 0, and censored where follow-up ends', () => {
    expect(patientsToCsv({ cohort, spec })).toBe(
      [
        'patient,time_months,state',
        '1,0,active',
        '1,3,remission',
        '1,10,relapse',
        '1,20,censored',
        '2,0,active',
        '2,5,dead_never_remitted',
        '3,0,active',
        '3,24,censored',
        '4,0,active',
        '4,2,remission',
        '4,15,censored',
        '',
      ].join('\n'),
    );
  });

  it('comes out the same in parts of any size (how the browser writes a million patients)', () => {
    const B = { cohort: { ...cohort, n: 3 }, spec };
    for (const arms of [
      [{ cohort, spec }, null],
      [{ cohort, spec }, B],
    ] as const) {
      const whole = patientsCsvParts(arms[0], arms[1], 1e9);
      expect(whole).toHaveLength(arms[1] ? 2 : 1);
      for (const size of [1, 2, 3]) {
        const parts = patientsCsvParts(arms[0], arms[1], size);
        expect(parts.length).toBeGreaterThan(whole.length);
        expect(parts.every((p) => p.endsWith('\n') && !p.startsWith('\n'))).toBe(true);
        expect(parts.join('')).toBe(whole.join(''));
      }
    }
  });

  it('adds an arm column with arm B, and arm A’s rows are the single-arm table', () => {
    const one = patientsToCsv({ cohort, spec });
    const two = patientsToCsv({ cohort, spec }, { cohort: { ...cohort, n: 2 }, spec });
    const rows = csvParse(two);
    expect(rows.columns).toEqual(['arm', 'patient', 'time_months', 'state']);
    expect(rows.filter((r) => r.arm === 'B').map((r) => r.state)).toEqual([
      'active',
      'remission',
      'relapse',
      'censored',
      'active',
      'dead_never_remitted',
    ]);
    const armA = rows
      .filter((r) => r.arm === 'A')
      .map((r) => [r.patient, r.time_months, r.state].join(','));
    expect(['patient,time_months,state', ...armA, ''].join('\n')).toBe(one);
  });

  it('writes times at full precision and escapes state ids, parsing back with d3-dsv', () => {
    const t = 1 / 3;
    const odd = {
      ...spec,
      states: spec.states.map((s, i) => (i === 0 ? { ...s, id: '=cmd|"/c calc"!A1' } : s)),
    };
    const text = patientsToCsv({
      cohort: { ...cohort, eventTime: Float64Array.from([0, t, 10, 0, 5, 0, 0, 2]) },
      spec: odd,
    });
    const rows = csvParse(text);
    expect(rows[0]!.state).toBe(`'=cmd|"/c calc"!A1`);
    expect(Number(rows[1]!.time_months)).toBe(t);
  });
});

describe('fitTableToCsv', () => {
  it('writes numbers at full precision, escapes text, and parses back', () => {
    const rows: Parameters<typeof fitTableToCsv>[0] = [
      {
        id: 'F1',
        label: '5-year overall survival, "all"',
        time: 60,
        k: 68,
        n: 81,
        observed: 68 / 81,
        lower: 0.745,
        upper: 0.904,
        model: 0.8123456789012345,
        inside: true,
        replicates: { lower: 0.7, median: 0.81, upper: 0.9, count: 200 },
      },
      {
        id: '-X',
        label: '@evil',
        time: 12,
        k: 0,
        n: 16,
        observed: 0,
        lower: 0,
        upper: 0.194,
        model: -0.5,
        inside: false,
      },
    ];
    const text = fitTableToCsv(rows);
    const parsed = csvParseRows(text.trimEnd());
    expect(parsed[0]).toEqual([
      'id',
      'label',
      'time',
      'k',
      'n',
      'observed',
      'lower',
      'upper',
      'model',
      'inside',
      'simulated',
    ]);
    expect(parsed[1]).toEqual([
      'F1',
      '5-year overall survival, "all"',
      '60',
      '68',
      '81',
      String(68 / 81),
      '0.745',
      '0.904',
      '0.8123456789012345',
      '1',
      '0.81',
    ]);
    expect(parsed[2]).toEqual([
      "'-X",
      "'@evil",
      '12',
      '0',
      '16',
      '0',
      '0',
      '0.194',
      '-0.5',
      '0',
      '',
    ]);
    expect(Number(parsed[1]![5])).toBe(68 / 81);
  });
});

describe('survivalToCsv', () => {
  it('writes each arm’s medians and at-risk tables and the comparison, at full precision', () => {
    const { scenario } = decodeScenario('?study=rct2012&r=20', STUDIES, DEFAULT_STUDY_ID);
    const r = simulateScenario(scenario, []);
    const text = survivalToCsv(
      [
        { label: 'Single MSCT', endpoints: r.A.endpoints },
        { label: 'Double MSCT', endpoints: r.B!.endpoints },
      ],
      r.comparison,
      r.power,
    );
    const rows = csvParse(text);
    expect(rows.columns).toEqual(['arm', 'endpoint', 'measure', 'time', 'value', 'lower', 'upper']);
    const atRisk0 = rows.find(
      (x) =>
        x.arm === 'Double MSCT' &&
        x.endpoint === 'overall survival' &&
        x.measure === 'at risk' &&
        x.time === '0',
    );
    expect(atRisk0?.value).toBe('28');
    const p = rows.find(
      (x) =>
        x.arm === 'B vs A' &&
        x.endpoint === 'time to first remission' &&
        x.measure === 'log-rank p',
    );
    expect(Number(p!.value)).toBe(r.comparison!.remission.logRank.pValue);
    const power = rows.find((x) => x.measure === 'power' && x.endpoint === 'overall survival');
    expect(Number(power!.lower)).toBe(r.power!.os.lower);
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
  });
});
