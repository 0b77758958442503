import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CurveChart } from '../../../src/ui/curves/CurveChart';
import { CurvePanel } from '../../../src/ui/curves/CurvePanel';
import type { ChartSpec } from '../../../src/ui/curves/chartTypes';
import { createClock } from '../../../src/ui/playback';

// Server rendering needs no DOM: effects (ResizeObserver, the clock subscription) do not run, so
// this checks the markup React owns; the playhead's imperative updates are for browser tests.
const clock = () => createClock({ horizon: 60, requestFrame: () => 0, now: () => 0 });

const spec: ChartSpec = {
  id: 'os',
  title: 'Overall survival',
  yLabel: 'Alive',
  xLabel: 'Months since transplant',
  xMax: 60,
  percent: true,
  series: [
    {
      id: 'km',
      label: 'Simulated KM',
      color: '#0072B2',
      kind: 'step',
      start: { x: 0, y: 1 },
      x: [6, 7, 30],
      y: [0.857, 0.807, 0],
      // R's survfit gives NA bounds where S = 0.
      lower: [0.6, 0.5, NaN],
      upper: [1, 0.95, NaN],
      xEnd: 40,
    },
    {
      id: 'trace',
      label: 'Cohort trace',
      color: '#1a1a1a',
      dash: '6 3',
      kind: 'line',
      x: new Float64Array([0, 12, 24, 36, 48, 60]),
      y: new Float64Array([1, 0.95, NaN, 0.88, 0.86, 0.84]),
    },
  ],
  bands: [
    {
      id: 'rep',
      label: 'Replicate trials, 2.5–97.5%',
      color: '#56B4E9',
      x: [0, 12, 24, 36, 48, 60],
      lower: [1, 0.85, NaN, 0.7, 0.68, 0.65],
      upper: [1, 1, 0.98, NaN, 0.95, 0.94],
      median: [1, 0.93, 0.9, NaN, 0.85, 0.83],
    },
  ],
  points: [
    {
      id: 'A1',
      label: '5-year overall survival',
      x: 60,
      y: 68 / 81,
      lower: 0.7445,
      upper: 0.9037,
      k: 68,
      n: 81,
      color: '#D55E00',
      tooltip: { title: '5-year overall survival', lines: ['Citation', 'The sentence.'] },
    },
    {
      id: 'B2',
      label: '2-year remission',
      x: 24,
      y: 0.5,
      lower: NaN,
      upper: NaN,
      color: '#D55E00',
      shape: 'diamond',
      inside: false,
      tooltip: { title: '2-year remission', lines: [] },
    },
  ],
};

/** All values of attribute `name` in the markup. */
function attrs(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);
}

describe('CurveChart (server-rendered markup)', () => {
  const html = renderToString(<CurveChart spec={spec} clock={clock()} width={380} height={220} />);

  it('is an SVG image named by its title and described by a summary', () => {
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain('<title id=');
    expect(html).toContain('>Overall survival</title>');
    expect(html).toMatch(/<desc id="[^"]+">Alive against months since transplant/);
    const [labelledBy] = attrs(html, 'aria-labelledby');
    expect(html).toContain(`<title id="${labelledBy}"`);
  });

  it('draws one path per series, tagged with its id', () => {
    const paths = [...html.matchAll(/<path[^>]*data-testid="curve-series"[^>]*>/g)].map(
      (m) => m[0],
    );
    expect(paths).toHaveLength(2);
    expect(paths.map((p) => /data-series-id="([^"]+)"/.exec(p)?.[1])).toEqual(['km', 'trace']);
    for (const p of paths) expect(p).toMatch(/ d="M[^"]+"/);
  });

  it('draws one focusable marker per published point, named with its figure', () => {
    const markers = [...html.matchAll(/<g[^>]*data-testid="curve-point"[^>]*>/g)].map((m) => m[0]);
    expect(markers).toHaveLength(2);
    for (const m of markers) {
      expect(m).toContain('tabindex="0"');
      expect(m).toContain('role="button"');
    }
    expect(html).toContain(
      'aria-label="Published: 5-year overall survival 84% (68/81), 95% CI 74.5–90.4%"',
    );
    expect(html).toContain('aria-label="Published: 2-year remission 50%"');
  });

  it('keeps the interactive markers out of the role="img" SVG', () => {
    const imgSvg = /<svg[^>]*role="img"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(imgSvg).not.toContain('tabindex');
    expect(html).toMatch(
      /<svg[^>]*role="group"[^>]*aria-label="Published figures: Overall survival"/,
    );
  });

  it('never writes "NaN", even with NaN values and bounds', () => {
    expect(html).not.toContain('NaN');
  });

  it('names every series, band and the published markers in its legend', () => {
    const legend = /<ul class="curve-legend"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
    for (const label of [
      'Simulated KM',
      'Simulated KM, 95% CI',
      'Cohort trace',
      'Replicate trials, 2.5–97.5%',
      'Published figure (95% CI)',
    ]) {
      expect(legend).toContain(`${label}</li>`);
    }
  });

  it('has a playhead and a readout slot for each series', () => {
    expect(html).toContain('data-testid="curve-playhead"');
    expect(attrs(html, 'data-series-id')).toEqual(expect.arrayContaining(['km', 'trace']));
    expect(html).toMatch(/class="curve-readout-value" data-series-id="km"/);
  });

  it('clips this trial (and its interval) to the playhead; the expected course is not clipped', () => {
    const roled: ChartSpec = {
      ...spec,
      series: [
        { ...spec.series[0]!, role: 'trial' },
        { ...spec.series[1]!, role: 'expected', endLabel: 'Alive' },
      ],
    };
    const out = renderToString(<CurveChart spec={roled} clock={clock()} />);
    const clipId = /<clipPath id="([^"]+)"/.exec(out)?.[1];
    expect(clipId).toBeTruthy();
    const group = /<g clip-path="url\(#([^)]+)\)" data-testid="curve-grow">([\s\S]*?)<\/g>/.exec(
      out,
    );
    expect(group?.[1]).toBe(clipId);
    expect(group?.[2]).toContain('data-series-id="km"');
    expect(group?.[2]).not.toContain('data-series-id="trace"');
    // The trial's own interval is two dotted edges, not a shaded area like the range of trials.
    const interval = /<path[^>]*data-testid="curve-series-band"[^>]*>/.exec(out)?.[0] ?? '';
    expect(interval).toContain('stroke-dasharray="1 3"');
    expect(interval).not.toContain('fill-opacity');
    // The expected course carries its direct label at its end.
    expect(out).toMatch(/data-testid="curve-end-label"[^>]*>Alive<\/text>/);
  });

  it('renders with empty series, bands and points', () => {
    const empty = renderToString(
      <CurveChart spec={{ ...spec, series: [], bands: [], points: [] }} clock={clock()} />,
    );
    expect(empty).toContain('>Overall survival</title>');
    expect(empty).not.toContain('NaN');
    expect(empty).not.toContain('curve-points');
  });
});

describe('CurvePanel (server-rendered markup)', () => {
  const specs = [
    spec,
    { ...spec, id: 'rem', title: 'Remission', xMax: 48 },
    { ...spec, id: 'rel', title: 'Relapse', xMax: 72 },
  ];
  const html = renderToString(
    <CurvePanel specs={specs} clock={clock()}>
      <label>
        <input type="checkbox" /> Replicate band
      </label>
    </CurvePanel>,
  );

  it('lays the charts out side by side with the options slot and one shared legend', () => {
    expect(html.match(/<figure/g)).toHaveLength(3);
    expect(html).toContain('repeat(3, minmax(0, 1fr))');
    expect(html).toContain('Replicate band');
    expect(html.match(/<ul class="curve-legend"/g)).toHaveLength(1);
  });

  it('shares the longest time axis: every chart reaches 72 months', () => {
    for (const title of ['Overall survival', 'Remission', 'Relapse']) {
      const desc = new RegExp(`>${title}</title><desc[^>]*>[^<]*0 to 72 months`);
      expect(html).toMatch(desc);
    }
  });
});
