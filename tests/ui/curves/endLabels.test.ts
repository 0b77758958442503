import { describe, expect, it } from 'vitest';
import {
  estimateLabelWidth,
  lineSpanOver,
  placeEndLabels,
  type PixelLine,
} from '../../../src/ui/curves/endLabels';

// Pixel frame: plot from y = 20 (top) to y = 220 (bottom), labels right-aligned at x = 300.
const frame = { right: 300, top: 36, bottom: 216, fontSize: 20, mayDrop: true };
const flat = (y: number, kind: 'step' | 'line' = 'line'): PixelLine => ({
  kind,
  points: [
    [0, y],
    [300, y],
  ],
});

describe('lineSpanOver', () => {
  it('holds a step value from its vertex to the next, including a riser inside the window', () => {
    const step: PixelLine = {
      kind: 'step',
      points: [
        [0, 20],
        [100, 50],
        [250, 90],
      ],
    };
    // Window 120–200: only the flat part at 50.
    expect(lineSpanOver(step, 120, 200)).toEqual([50, 50]);
    // Window 200–260: the flat at 50, then the riser to 90 at x = 250.
    expect(lineSpanOver(step, 200, 260)).toEqual([50, 90]);
    // Past the last vertex a step draws nothing.
    expect(lineSpanOver(step, 260, 300)).toBeNull();
  });
  it('interpolates a straight segment at the window edges', () => {
    const seg: PixelLine = {
      kind: 'line',
      points: [
        [0, 0],
        [100, 100],
      ],
    };
    expect(lineSpanOver(seg, 25, 50)).toEqual([25, 50]);
  });
  it('skips NaN vertices instead of spanning them', () => {
    const broken: PixelLine = {
      kind: 'line',
      points: [
        [0, 10],
        [50, NaN],
        [100, 10],
      ],
    };
    expect(lineSpanOver(broken, 20, 40)).toBeNull();
  });
});

describe('placeEndLabels', () => {
  it('puts a lone label just above its line end', () => {
    const [y] = placeEndLabels([{ lineEndY: 120, width: 80 }], [flat(120)], frame);
    expect(y).toBeCloseTo(120 - 20 * 0.45, 9);
  });
  it('goes below the line when above would leave the plot', () => {
    const [y] = placeEndLabels([{ lineEndY: 30, width: 80 }], [flat(30)], frame);
    expect(y).toBeCloseTo(30 + 20 * 1.1, 9);
  });
  it('never lets a label box cross a drawn line or another label', () => {
    // Two arms ending close together at the top, as in a two-arm survival chart.
    const lines = [flat(40), flat(48), flat(60)];
    const ys = placeEndLabels(
      [
        { lineEndY: 40, width: 120 },
        { lineEndY: 48, width: 120 },
      ],
      lines,
      frame,
    );
    const boxes = ys.filter((y): y is number => y !== null).map((y) => [y - 16 - 2, y + 5 + 2]);
    for (const [y0, y1] of boxes) {
      for (const l of [40, 48, 60]) expect(l < y0! || l > y1!).toBe(true);
    }
    // The first goes two rows below its end (above is outside the plot, one row below crosses
    // the other lines); the second has no free place within a row of its end: left to the legend.
    expect(ys[0]).toBeCloseTo(40 + 2 * 22, 9);
    expect(ys[1]).toBeNull();
  });
  it('leaves a label out when lines fill every place it could go', () => {
    const lines = Array.from({ length: 24 }, (_, i) => flat(20 + i * 9));
    expect(placeEndLabels([{ lineEndY: 120, width: 80 }], lines, frame)).toEqual([null]);
  });
  it('ignores lines that end left of the label', () => {
    const short: PixelLine = {
      kind: 'line',
      points: [
        [0, 111],
        [100, 111],
      ],
    };
    const [y] = placeEndLabels([{ lineEndY: 120, width: 80 }], [flat(120), short], frame);
    expect(y).toBeCloseTo(111, 9);
  });
});

describe('placeEndLabels without mayDrop', () => {
  it('keeps a crowded label, over a line, where no other label is', () => {
    const lines = Array.from({ length: 24 }, (_, i) => flat(20 + i * 9));
    const keep = { ...frame, mayDrop: false };
    expect(placeEndLabels([{ lineEndY: 120, width: 80 }], lines, keep)).toEqual([120 - 9]);
    // A second label at the same end goes to the next place free of the first.
    const two = placeEndLabels(
      [
        { lineEndY: 120, width: 80 },
        { lineEndY: 120, width: 80 },
      ],
      lines,
      keep,
    );
    expect(two[0]).toBe(111);
    expect(two[1]).toBeCloseTo(120 + 22, 9);
  });
});

describe('estimateLabelWidth', () => {
  it('grows with the text and the font', () => {
    expect(estimateLabelWidth('Alive', 20)).toBeLessThan(estimateLabelWidth('Alive (Single)', 20));
    expect(estimateLabelWidth('Alive', 12)).toBeLessThan(estimateLabelWidth('Alive', 20));
  });
});
