import { describe, expect, it } from 'vitest';
import type { LegendEntry } from '../../../src/ui/curves/chartDescription';
import { assembleSvg, escapeXml, textWidth } from '../../../src/ui/export/svgExport';

const chart = (title: string, width = 300, height = 180) => ({
  title,
  width,
  height,
  svg: `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><path d="M0,0L10,10" style="stroke:rgb(0, 114, 178)"/></svg>`,
});

const legend: LegendEntry[] = [
  { key: 'a', kind: 'band', label: '200 replicate trials, 95% range', color: '#56B4E9' },
  { key: 'b', kind: 'line', label: 'Model', color: '#1a1a1a', dash: '6 4' },
  { key: 'c', kind: 'point', label: 'Published figure', color: '#D55E00', shapes: ['circle'] },
];

describe('escapeXml', () => {
  it('escapes markup and quotes and drops characters XML forbids', () => {
    expect(escapeXml(`<script>"a" & 'b'</script>\u0001`)).toBe(
      '&lt;script&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/script&gt;',
    );
  });
});

describe('assembleSvg', () => {
  it('places the charts side by side under their titles in one standalone document', () => {
    const { svg, width, height } = assembleSvg([chart('Overall survival'), chart('Remission')], {
      title: 'Wang 2018: survival',
      subtitle: 'seed lupus',
      legend,
    });
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns=')).toBe(true);
    // The charts' own XML declarations are dropped: exactly one, at the top.
    expect(svg.match(/<\?xml/g)).toHaveLength(1);
    expect(svg.match(/<g transform="translate\(\d+,\d+\)"><svg /g)).toHaveLength(2);
    expect(svg).toContain('>Overall survival</text>');
    expect(svg).toContain('>Remission</text>');
    expect(svg).toContain('>seed lupus</text>');
    // The second chart starts right of the first (16 px padding, 300 px chart, 16 px gap).
    expect(svg).toContain('translate(332,');
    expect(width).toBeGreaterThanOrEqual(2 * 300 + 16 + 2 * 16);
    expect(height).toBeGreaterThan(180);
    expect(svg).toContain(`width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`);
  });

  it('references nothing outside the file', () => {
    const { svg } = assembleSvg([chart('A')], { title: 'T', legend });
    expect(svg).not.toMatch(/href=|url\(|@import|<link|<image/);
  });

  it('draws one legend row per entry, with the right swatch', () => {
    const { svg } = assembleSvg([chart('A')], { title: 'T', legend });
    expect(svg).toContain('fill="#56B4E9" fill-opacity="0.3"');
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toMatch(/<path transform="translate\([\d.]+,\d+\)" d="M/);
    expect(svg).toContain('>200 replicate trials, 95% range</text>');
  });

  it('escapes every text it writes (titles and legend labels are data)', () => {
    const { svg } = assembleSvg([chart('<b>x</b>')], {
      title: 'Study <img src=x onerror=alert(1)>',
      legend: [{ key: 'k', kind: 'line', label: 'A & "B"', color: '#000' }],
    });
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('Study &lt;img src=x onerror=alert(1)&gt;');
    expect(svg).toContain('A &amp; &quot;B&quot;');
  });

  it('is wide enough for a long title', () => {
    const title = 'A very long heading '.repeat(10);
    const { width } = assembleSvg([chart('A', 100, 100)], { title, fontSize: 14 });
    expect(width).toBeGreaterThanOrEqual(textWidth(title, Math.round(14 * 1.3)));
  });
});
