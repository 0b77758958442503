import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import {
  areaPath,
  bandRows,
  chartLayout,
  chartScales,
  formatMonthTick,
  formatValue,
  formatValueTick,
  fittedTop,
  linePath,
  monthTicks,
  pointGeometry,
  seriesBandRows,
  seriesRows,
  valueAt,
  type ChartScales,
} from '../../../src/ui/curves/chartGeometry';
import type { PublishedPoint, StepSeries } from '../../../src/ui/curves/chartTypes';

/** 10 px per month over 0..60 months, 100 px for 0..1 (y upwards): easy numbers to read. */
const scales: ChartScales = {
  x: scaleLinear().domain([0, 60]).range([0, 600]),
  y: scaleLinear().domain([0, 1]).range([100, 0]).clamp(true),
  xTicks: [],
  yTicks: [],
  xMax: 60,
  yMax: 1,
};

/** The vertices of a path made only of M/L commands (d3's step and linear curves), as [x, y]. */
function vertices(d: string): number[][] {
  return [...d.matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map((m) => [+m[1]!, +m[2]!]);
}

/** Subpaths of a path ("M…" up to the next "M"). */
function subpaths(d: string): string[] {
  return d.split(/(?=M)/).filter((s) => s.length > 0);
}

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

describe('chartLayout', () => {
  it('keeps axis text at 14 px or more in a 380 × 220 small multiple', () => {
    const layout = chartLayout(380, 220, 60);
    expect(layout.fontSize).toBeGreaterThanOrEqual(14);
    expect(layout.plotWidth).toBeGreaterThan(250);
    expect(layout.plotHeight).toBeGreaterThan(120);
    expect(layout.verboseTicks).toBe(false);
  });

  it('grows the text and spells out years in presentation size', () => {
    const layout = chartLayout(1200, 700, 60);
    expect(layout.fontSize).toBeGreaterThan(20);
    expect(layout.verboseTicks).toBe(true);
  });

  it('falls back to a sane size for a zero or NaN width', () => {
    expect(chartLayout(NaN, 0).width).toBe(380);
  });
});

describe('time axis', () => {
  it('puts yearly ticks at 0/12/24/36/48/60 on a 5-year axis at small-multiple size', () => {
    const layout = chartLayout(380, 220, 60);
    expect(chartScales(layout, 60).xTicks).toEqual([0, 12, 24, 36, 48, 60]);
  });

  it('stays on whole years on a wide chart rather than crowding in months', () => {
    expect(monthTicks(60, 2000, 14)).toEqual([0, 12, 24, 36, 48, 60]);
  });

  it('thins to every other year when the chart is narrow', () => {
    expect(monthTicks(60, 150, 14)).toEqual([0, 24, 48]);
  });

  it('uses month steps for horizons under two years', () => {
    expect(monthTicks(12, 400, 14)).toEqual([0, 2, 4, 6, 8, 10, 12]);
  });

  it('labels ticks in months, with years when verbose', () => {
    expect(formatMonthTick(60)).toBe('60');
    expect(formatMonthTick(60, true)).toBe('60 mo (5 y)');
    expect(formatMonthTick(0, true)).toBe('0');
    expect(formatMonthTick(NaN)).toBe('—');
  });
});

describe('value axis', () => {
  it('labels proportions as percentages', () => {
    const layout = chartLayout(380, 220, 60);
    const ticks = chartScales(layout, 60).yTicks;
    expect(ticks[0]).toBe(0);
    expect(ticks[ticks.length - 1]).toBe(1);
    expect(ticks.map((v) => formatValueTick(v, true))).toContain('100%');
    expect(formatValueTick(0.2, true)).toBe('20%');
  });

  it('never formats a missing value as NaN', () => {
    expect(formatValue(NaN, true)).toBe('—');
    expect(formatValue(Infinity)).toBe('—');
    expect(formatValue(0.8071, true)).toBe('80.7%');
  });
});

describe('step path', () => {
  it('goes through the corners of a Kaplan–Meier curve from its start point', () => {
    const d = linePath(seriesRows(km, 60), 'step', scales);
    expect(vertices(d)).toEqual([
      [0, 0], // S = 1 from 0
      [60, 0], // … to the first event at 6 months
      [60, 14.3], // drops to 0.857
      [70, 14.3],
      [70, 19.3], // drops to 0.807 at 7 months
    ]);
  });

  it('runs flat to the last follow-up time when xEnd is given', () => {
    const d = linePath(seriesRows({ ...km, xEnd: 30 }, 60), 'step', scales);
    expect(vertices(d).slice(-1)).toEqual([[300, 19.3]]);
  });

  it('stops at the end of the time axis', () => {
    const d = linePath(seriesRows({ ...km, x: [6, 70], y: [0.857, 0.5] }, 60), 'step', scales);
    const v = vertices(d);
    expect(Math.max(...v.map((p) => p[0]!))).toBe(600);
    expect(v.slice(-1)).toEqual([[600, 14.3]]); // the drop at 70 months is off the axis
  });

  it('interpolates a line at the end of the time axis', () => {
    const line: StepSeries = { ...km, kind: 'line', start: undefined, x: [0, 120], y: [1, 0] };
    expect(vertices(linePath(seriesRows(line, 60), 'line', scales))).toEqual([
      [0, 0],
      [600, 50],
    ]);
  });

  it('skips NaN values: the path breaks there and never contains "NaN"', () => {
    const gappy: StepSeries = {
      ...km,
      x: [6, 7, 8, 9],
      y: [0.857, NaN, 0.7, 0.6],
    };
    const d = linePath(seriesRows(gappy, 60), 'step', scales);
    expect(d).not.toContain('NaN');
    expect(subpaths(d)).toHaveLength(2);
    // 0.857 still holds up to the gap at 7 months.
    expect(vertices(subpaths(d)[0]!).slice(-1)).toEqual([[70, 14.3]]);
    expect(vertices(subpaths(d)[1]!)[0]).toEqual([80, 30]);
  });

  it('draws nothing (an empty string) for an all-NaN series', () => {
    const d = linePath(seriesRows({ ...km, start: undefined, y: [NaN, NaN] }, 60), 'step', scales);
    expect(d).toBe('');
  });
});

describe('band areas', () => {
  it('are closed, one area per stretch without NaN', () => {
    // Kaplan–Meier bounds are NaN where S reaches 0 (R gives NA there).
    const withCi: StepSeries = {
      ...km,
      x: [6, 7, 12, 20],
      y: [0.857, 0.714, 0.3, 0],
      lower: [0.6, 0.45, 0.1, NaN],
      upper: [1, 0.95, 0.7, NaN],
    };
    const d = areaPath(seriesBandRows(withCi, 60), 'step', scales);
    expect(d).not.toContain('NaN');
    const parts = subpaths(d);
    expect(parts.length).toBeGreaterThan(0);
    for (const p of parts) expect(p.trim().endsWith('Z')).toBe(true);
    // The last interval still holds up to 20 months, where S hits 0.
    expect(Math.max(...vertices(d).map((v) => v[0]!))).toBe(200);
  });

  it('splits a linear band around a gap into two closed areas', () => {
    const d = areaPath(
      bandRows(
        {
          id: 'b',
          label: 'Replicates',
          color: '#56B4E9',
          x: [0, 12, 24, 36, 48],
          lower: [1, 0.8, NaN, 0.6, 0.5],
          upper: [1, 0.95, 0.9, 0.85, 0.8],
        },
        60,
      ),
      'line',
      scales,
    );
    const parts = subpaths(d);
    expect(parts).toHaveLength(2);
    for (const p of parts) expect(p.trim().endsWith('Z')).toBe(true);
    expect(d).not.toContain('NaN');
  });
});

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
  it('have whiskers clamped to the 0–100% axis', () => {
    const g = pointGeometry({ ...published, lower: -0.2, upper: 1.3 }, scales)!;
    expect(g.top).toBe(0); // y = 1
    expect(g.bottom).toBe(100); // y = 0
    expect(g.cx).toBe(600);
  });

  it('collapse a NaN interval onto the marker', () => {
    const g = pointGeometry({ ...published, lower: NaN, upper: NaN }, scales)!;
    expect(g.top).toBe(g.cy);
    expect(g.bottom).toBe(g.cy);
  });

  it('are left out when their time lies beyond the axis or is NaN', () => {
    expect(pointGeometry({ ...published, x: 72 }, scales)).toBeNull();
    expect(pointGeometry({ ...published, y: NaN }, scales)).toBeNull();
  });
});

describe('valueAt', () => {
  it('reads a step function just before and after a jump (right-continuous)', () => {
    expect(valueAt(km, 5.999)).toBe(1);
    expect(valueAt(km, 6)).toBe(0.857);
    expect(valueAt(km, 6.999)).toBe(0.857);
    expect(valueAt(km, 7)).toBe(0.807);
  });

  it('holds the last value to xEnd and is NaN after it and before the start', () => {
    const s = { ...km, xEnd: 30 };
    expect(valueAt(s, 30)).toBe(0.807);
    expect(valueAt(s, 30.5)).toBeNaN();
    expect(valueAt(km, 8)).toBeNaN(); // no xEnd: the curve ends at its last event
    expect(valueAt({ ...km, start: undefined }, 3)).toBeNaN();
    expect(valueAt(km, NaN)).toBeNaN();
  });

  it('interpolates a line, including from its start point', () => {
    const line: StepSeries = {
      ...km,
      kind: 'line',
      start: { x: 0, y: 1 },
      x: [12, 24],
      y: [0.8, 0.6],
    };
    expect(valueAt(line, 6)).toBeCloseTo(0.9, 12);
    expect(valueAt(line, 18)).toBeCloseTo(0.7, 12);
    expect(valueAt(line, 24)).toBe(0.6);
    expect(valueAt(line, 25)).toBeNaN();
  });
});

describe('fittedTop', () => {
  const series = (ys: number[]): StepSeries => ({ ...km, start: undefined, x: [0, 30], y: ys });
  const bare = { bands: [], points: [] };
  it('fits a low curve with headroom in 5% steps below 20% and 10% steps below 60%', () => {
    expect(fittedTop({ ...bare, series: [series([0, 0.067])] })).toBe(0.1);
    expect(fittedTop({ ...bare, series: [series([0, 0.19])] })).toBe(0.2);
    expect(fittedTop({ ...bare, series: [series([0, 0.24])] })).toBe(0.3);
    expect(fittedTop({ ...bare, series: [series([0, 0.001])] })).toBe(0.05);
  });
  it('keeps the full axis once the data pass 60%, and counts bands and published intervals', () => {
    expect(fittedTop({ ...bare, series: [series([1, 0.84])] })).toBe(1);
    const band = {
      id: 'b',
      label: 'b',
      color: '#000',
      x: [0, 60],
      lower: [0, 0],
      upper: [0, 0.33],
    };
    expect(fittedTop({ ...bare, series: [series([0, 0.1])], bands: [band] })).toBe(0.4);
    expect(
      fittedTop({ ...bare, series: [], points: [{ ...published, y: 0.24, upper: 0.401 }] }),
    ).toBe(0.5);
  });
  it('ignores NaN', () => {
    expect(fittedTop({ ...bare, series: [series([NaN, 0.12])] })).toBe(0.15);
  });
});
