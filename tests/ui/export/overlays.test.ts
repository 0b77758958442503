import { describe, expect, it } from 'vitest';
import { parseDigitisedCurve } from '../../../src/scenario/csv';
import type { ChartSpec } from '../../../src/ui/curves/chartTypes';
import {
  curveFileProblems,
  OVERLAY_COLORS,
  overlayPanelLabel,
  overlaySeries,
  withOverlays,
} from '../../../src/ui/export/overlays';
import type { Overlay } from '../../../src/ui/store';

const spec = (id: string): ChartSpec => ({
  id,
  title: id,
  yLabel: 'y',
  xLabel: 'x',
  xMax: 60,
  percent: true,
  series: [{ id: `${id}-sim`, label: 'sim', color: '#000', kind: 'step', x: [0], y: [1] }],
  bands: [],
  points: [],
});

const overlay = (id: number, panel: Overlay['panel'], points: Overlay['points']): Overlay => ({
  id,
  panel,
  label: `curve ${id}`,
  points,
});

describe('overlayPanelLabel', () => {
  it('names each panel by its short name in the menu', () => {
    expect(
      ['os', 'remission', 'relapse'].map((p) => overlayPanelLabel(p as Overlay['panel'])),
    ).toEqual(['Survival', 'Remission', 'Relapse']);
  });
});

describe('overlaySeries', () => {
  it('draws the digitised points as a dashed line, with a band when the file has bounds', () => {
    const s = overlaySeries(
      overlay(3, 'os', [
        { time: 0, value: 1, lower: 1, upper: 1 },
        { time: 12, value: 0.9, lower: 0.8, upper: 0.95 },
        { time: 24, value: 0.85 },
      ]),
    );
    expect(s.id).toBe('overlay-3');
    expect(s.label).toBe('Imported: curve 3');
    expect(s.kind).toBe('line');
    expect(s.dash).toBeTruthy();
    expect(Array.from(s.x)).toEqual([0, 12, 24]);
    expect(Array.from(s.y)).toEqual([1, 0.9, 0.85]);
    expect(Array.from(s.lower!)).toEqual([1, 0.8, NaN]);
    expect(Array.from(s.upper!)).toEqual([1, 0.95, NaN]);
  });

  it('has no band without bounds and takes colours in turn', () => {
    const pts = [{ time: 0, value: 1 }];
    expect(overlaySeries(overlay(1, 'os', pts)).lower).toBeUndefined();
    expect(overlaySeries(overlay(1, 'os', pts), 1).color).toBe(OVERLAY_COLORS[1]);
    expect(overlaySeries(overlay(1, 'os', pts), OVERLAY_COLORS.length).color).toBe(
      OVERLAY_COLORS[0],
    );
  });
});

describe('withOverlays', () => {
  const specs = [spec('os'), spec('remission'), spec('relapse')];

  it('adds each imported curve on top of its own panel only, without mutating the specs', () => {
    const out = withOverlays(specs, [
      overlay(1, 'relapse', [{ time: 0, value: 0 }]),
      overlay(2, 'relapse', [{ time: 0, value: 0.1 }]),
      overlay(3, 'os', []),
    ]);
    expect(out.map((s) => s.series.map((x) => x.id))).toEqual([
      ['os-sim'],
      ['remission-sim'],
      ['relapse-sim', 'overlay-1', 'overlay-2'],
    ]);
    expect(out[0]).toBe(specs[0]);
    expect(specs[2]!.series).toHaveLength(1);
  });

  it('returns the same charts without overlays', () => {
    expect(withOverlays(specs, [])).toEqual(specs);
  });
});

describe('curveFileProblems', () => {
  it('names the line of every bad row and says what was done', () => {
    const { problems } = parseDigitisedCurve('time,value\n0,1\n12,abc\n24,0.9,0.8\n');
    const out = curveFileProblems(problems);
    expect(out).toEqual([
      {
        field: 'line 3',
        message: 'column 2 (value) is not a number',
        used: 'nothing from this line (skipped)',
      },
      {
        field: 'line 4',
        message: 'has a lower bound but no upper bound; bound ignored',
        used: 'the rest as noted',
      },
    ]);
  });

  it('reports a file without data as a whole', () => {
    const out = curveFileProblems(parseDigitisedCurve('<b>hello</b>\n').problems);
    expect(out).toContainEqual({
      field: 'file',
      message: 'no data points found',
      used: 'nothing imported',
    });
  });
});
