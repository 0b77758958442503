import { describe, expect, it } from 'vitest';
import { buildModel, DEFAULT_TEMPLATE_OPTIONS } from '../../src/model/markov/template';
import {
  curveFitRow,
  parseAtRiskCsv,
  parseCurveCsv,
  patientsCsv,
  reconstructCurve,
  validateDigitisedCurves,
  type DigitisedCurve,
} from '../../src/scenario/digitisedCurves';
import { readScenarioFile, scenarioFileText } from '../../src/scenario/scenarioFile';
import { decodeScenario } from '../../src/scenario/urlCodec';
import { DEFAULT_STUDY_ID, STUDIES } from '../../src/data';

describe('parseCurveCsv', () => {
  it('reads the scale the header declares, and keeps file lines', () => {
    const r = parseCurveCsv('time,survival_%\n0,100\n6,90\n12,80\n');
    expect(r.scale).toBe('percent');
    expect(r.scaleDeclared).toBe(true);
    expect(r.points).toEqual([
      { time: 0, survival: 1, line: 2 },
      { time: 6, survival: 0.9, line: 3 },
      { time: 12, survival: 0.8, line: 4 },
    ]);
  });

  it('guesses percent from values above 1.5 and says so; fraction otherwise', () => {
    const pct = parseCurveCsv('0;100\n6;87,5\n');
    expect(pct.scale).toBe('percent');
    expect(pct.scaleDeclared).toBe(false);
    expect(pct.points[1]!.survival).toBeCloseTo(0.875, 12);
    expect(pct.problems.some((p) => /percentages/.test(p.message))).toBe(true);
    expect(parseCurveCsv('0,1\n6,0.9\n').scale).toBe('fraction');
    expect(parseCurveCsv('0,1\n6,0.9\n', 'percent').points[1]!.survival).toBeCloseTo(0.009, 12);
  });

  it('names a line that is not a number and goes on', () => {
    const r = parseCurveCsv('time,survival\n0,1\n3,abc\n6,0.9\n');
    expect(r.points.map((p) => p.line)).toEqual([2, 4]);
    expect(r.problems).toEqual([{ line: 3, message: 'survival is not a number; line left out' }]);
  });
});

describe('parseAtRiskCsv', () => {
  it('reads time,at_risk rows with their lines', () => {
    expect(parseAtRiskCsv('time,at_risk\n0,81\n12,70\n').rows).toEqual([
      { time: 0, atRisk: 81, line: 2 },
      { time: 12, atRisk: 70, line: 3 },
    ]);
  });
});

const CURVE: DigitisedCurve = {
  id: 'os',
  label: 'OS',
  endpoint: 'overallSurvival',
  points: [
    [0, 1],
    [3, 0.95],
    [6, 0.9],
    [9, 0.88],
    [12, 0.85],
    [18, 0.8],
    [24, 0.76],
  ],
  atRisk: [
    [0, 40],
    [12, 30],
  ],
  totalEvents: null,
};

describe('validateDigitisedCurves', () => {
  it('keeps good curves and names each bad field', () => {
    const r = validateDigitisedCurves([
      CURVE,
      { ...CURVE, id: 'bad id!', endpoint: 'nonsense' },
      { id: 'x', points: 'no', atRisk: [] },
    ]);
    expect(r.curves.map((c) => c.id)).toEqual(['os', 'c2']);
    expect(r.curves[1]!.endpoint).toBe('overallSurvival');
    expect(r.problems.map((p) => p.field)).toEqual([
      'curves[1].id',
      'curves[1].endpoint',
      'curves[2].endpoint',
      'curves[2].points',
    ]);
  });
});

describe('reconstructCurve and curveFitRow', () => {
  it('reads a rising remission curve as 1 − curve', () => {
    const rising: DigitisedCurve = {
      ...CURVE,
      endpoint: 'timeToRemission',
      points: CURVE.points.map(([t, s]) => [t, 1 - s]),
    };
    const a = reconstructCurve(CURVE).reconstruction;
    const b = reconstructCurve(rising).reconstruction;
    expect(b.events).toBe(a.events);
    expect(Array.from(b.time)).toEqual(Array.from(a.time));
  });

  it('gives the largest gap between the model and the digitised points', () => {
    const r = reconstructCurve(CURVE);
    // Every death rate 0.12/yr: S(t) = exp(−0.01 t), t in months.
    const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
      remission: [0.5],
      relapse: [0.1],
      deathActive: [0.12],
      deathRemission: [0.12],
      deathRelapse: [0.12],
    });
    const row = curveFitRow(r, spec)!;
    const gaps = CURVE.points.map(([t, s]) => Math.abs(Math.exp(-0.01 * t) - s));
    expect(row.gap).toBeCloseTo(Math.max(...gaps), 12);
    expect(row.n).toBe(40);
    expect(patientsCsv(r.reconstruction).split('\n')[0]).toBe('time,event');
  });
});

describe('scenario file with curves', () => {
  it('writes and reads back the curves with the scenario', () => {
    const { scenario } = decodeScenario('study=rct2012', STUDIES, DEFAULT_STUDY_ID);
    const r = readScenarioFile(scenarioFileText(scenario, [CURVE]));
    expect(r.ok && r.curves).toEqual([CURVE]);
    expect(r.ok && r.problems).toEqual([]);
  });
});
