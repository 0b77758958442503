import { describe, expect, it } from 'vitest';
import {
  describeChart,
  legendEntries,
  NEUTRAL_SWATCH,
  pointLabel,
} from '../../../src/ui/curves/chartDescription';
import type { ChartSpec, PublishedPoint, StepSeries } from '../../../src/ui/curves/chartTypes';

/** A hand-built Kaplan–Meier curve: 7 patients, events at 6 and 7 months (1 − 1/7, × (1 − 1/17)…). */
const km: StepSeries = {
  id: 'km',
  label: 'Simulated KM',
  color: '#0072B2',
  kind: 'step',
  start: { x: 0, y: 1 },
  x: [6, 7],
  y: [0.857, 0.807],
};

const published: PublishedPoint = {
  id: 'A1',
  label: '5-year overall survival',
  x: 60,
  y: 68 / 81,
  lower: 0.7445,
  upper: 0.9037, // Wilson 95% for 68/81: 0.7445–0.9037
  k: 68,
  n: 81,
  color: '#D55E00',
  tooltip: { title: '5-year overall survival', lines: ['Wang et al. 2018', '“…84%…”'] },
};

describe('published points', () => {
  it('are named with value, k/n and the 95% interval', () => {
    expect(pointLabel(published)).toBe(
      'Published: 5-year overall survival 84% (68/81), 95% CI 74.5–90.4%',
    );
  });
});

describe('text alternatives', () => {
  const spec: ChartSpec = {
    id: 'os',
    title: 'Overall survival',
    yLabel: 'Alive',
    xLabel: 'Months since transplant',
    xMax: 60,
    percent: true,
    series: [
      { ...km, lower: [NaN, NaN], upper: [NaN, NaN] },
      { ...km, id: 'empty', label: 'Empty', x: [], y: [], start: undefined },
    ],
    bands: [
      {
        id: 'rep',
        label: 'Replicate trials, 95%',
        color: '#56B4E9',
        x: [0, 60],
        lower: [NaN, NaN],
        upper: [NaN, NaN],
      },
    ],
    points: [published, { ...published, id: 'late', x: 90 }],
  };

  it('describe every curve and figure without "NaN"', () => {
    const text = describeChart(spec);
    expect(text).not.toContain('NaN');
    expect(text).toContain('Simulated KM: 80.7% at 7.0 mo.');
    expect(text).toContain('Empty: no data.');
    expect(text).toContain('1 published figure(s) beyond the time axis not shown.');
  });

  it('list each legend entry once across small multiples, in reading order', () => {
    const entries = legendEntries([spec, { ...spec, id: 'os2' }]);
    expect(entries.map((e) => [e.kind, e.label])).toEqual([
      ['line', 'Simulated KM'],
      ['line', 'Empty'],
      ['band', 'Replicate trials, 95%'],
      ['interval', 'Simulated KM, 95% CI'],
      ['point', 'Published figure (95% CI)'],
    ]);
  });

  it('show every marker shape in one row, with a hollow marker when a figure is outside', () => {
    const points: PublishedPoint[] = [
      published,
      { ...published, id: 'B1', shape: 'diamond', inside: false },
      { ...published, id: 'C1', shape: 'square' },
    ];
    const entries = legendEntries([{ ...spec, series: [], bands: [], points }]);
    expect(entries.map((e) => [e.label, e.shapes, e.hollow ?? false])).toEqual([
      ['Published figure (95% CI)', ['circle', 'diamond', 'square'], true],
    ]);
  });

  it('name lines by their role once, however many curves: four rows for a two-curve chart', () => {
    const roles = {
      trial: { label: 'This trial', explain: 'one trial' },
      expected: { label: 'Expected course', explain: 'the model' },
    };
    const line = (id: string, color: string, role: 'trial' | 'expected'): StepSeries => ({
      ...km,
      id,
      color,
      role,
      ...(role === 'expected' ? { dash: '6 4' } : {}),
    });
    const two: ChartSpec = {
      ...spec,
      roleLabels: roles,
      series: [
        line('a', '#00704F', 'trial'),
        line('a-e', '#00704F', 'expected'),
        line('b', '#0072B2', 'trial'),
        line('b-e', '#0072B2', 'expected'),
      ],
      bands: [spec.bands[0]!, { ...spec.bands[0]!, id: 'b2', color: '#00704F' }],
      points: [published, { ...published, id: 'P2', color: '#00704F' }],
    };
    const entries = legendEntries([two]);
    expect(entries.map((e) => e.label)).toEqual([
      'This trial',
      'Expected course',
      'Replicate trials, 95%',
      'Published figure (95% CI)',
    ]);
    // Several curves' colours behind one row: a neutral swatch, and the explanation kept.
    expect(entries[0]!.color).toBe(NEUTRAL_SWATCH);
    expect(entries[0]!.explain).toBe('one trial');
  });
});
