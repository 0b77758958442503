import { markerPath } from '../curves/chartGeometry';
import { type LegendEntry } from '../curves/chartDescription';

/**
 * One standalone SVG file from the charts on screen: each chart's serialised <svg> (styles
 * already inlined by the caller) side by side under its title, a heading, and one legend for all
 * of them. Pure string assembly, so it is unit-tested in Node; the DOM side is exportDom.ts.
 *
 * The file references nothing outside itself: no stylesheet, no web font (the app uses the
 * system font stack, named in `font-family`), no image.
 */

/** A chart to place: its serialised <svg> element and its size in px. */
export interface ChartSvgPart {
  title: string;
  /** An <svg …>…</svg> element as text (an XML declaration before it is dropped). */
  svg: string;
  width: number;
  height: number;
}

/** Options of `assembleSvg`. */
export interface AssembleOptions {
  /** Heading of the figure (e.g. the study and the scenario). */
  title: string;
  /** Smaller second line (e.g. seed, patients, replicate trials). */
  subtitle?: string;
  /** Legend rows shared by the charts. @default [] */
  legend?: readonly LegendEntry[];
  /** CSS font-family of every text. @default system sans-serif stack */
  fontFamily?: string;
  /** Base font size (px). @default 14 */
  fontSize?: number;
  /** Width the legend wraps at (px). @default the charts' total width */
  maxWidth?: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const DEFAULT_FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const PAD = 16;
const GAP = 16;

/** Text made safe for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return (
    String(text)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      .split('')
      // Control characters other than tab, newline and carriage return are not allowed in XML 1.0.
      .filter((c) => {
        const code = c.charCodeAt(0);
        return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
      })
      .join('')
  );
}

/** A serialised element without the XML declaration or doctype a serializer may put first. */
function bareElement(svg: string): string {
  return svg.replace(/^\s*<\?xml[^>]*\?>\s*/, '').replace(/^\s*<!DOCTYPE[^>]*>\s*/i, '');
}

/** Rough width of a text in px (average glyph ≈ 0.56 em in a sans-serif font). */
export function textWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * 0.56);
}

/** The swatch of a legend row, drawn in a 22 × 14 box at (x, y). */
function swatch(e: LegendEntry, x: number, y: number): string {
  const c = escapeXml(e.color);
  if (e.kind === 'band')
    return `<rect x="${x}" y="${y + 2}" width="22" height="10" fill="${c}" fill-opacity="0.3"/>`;
  if (e.kind === 'line') {
    const dash = e.dash ? ` stroke-dasharray="${escapeXml(e.dash)}"` : '';
    return `<line x1="${x}" x2="${x + 22}" y1="${y + 7}" y2="${y + 7}" stroke="${c}" stroke-width="3"${dash}/>`;
  }
  if (e.kind === 'interval') {
    return [y + 2, y + 12]
      .map(
        (yy) =>
          `<line x1="${x}" x2="${x + 22}" y1="${yy}" y2="${yy}" stroke="${c}" stroke-width="1.5" stroke-dasharray="1 3" stroke-linecap="round"/>`,
      )
      .join('');
  }
  // Filled markers, plus a hollow one when some figure lies outside the model's interval.
  const shapes: { shape: NonNullable<LegendEntry['shapes']>[number]; hollow: boolean }[] = (
    e.shapes && e.shapes.length > 0 ? e.shapes : (['circle'] as const)
  ).map((shape) => ({ shape, hollow: false }));
  if (e.hollow) shapes.push({ shape: 'circle', hollow: true });
  const step = 22 / shapes.length;
  return shapes
    .map(
      ({ shape, hollow }, i) =>
        `<path transform="translate(${+(x + step * (i + 0.5)).toFixed(1)},${y + 7})" d="${markerPath(shape, 10)}" fill="${hollow ? '#ffffff' : c}" stroke="${hollow ? c : '#ffffff'}" stroke-width="${hollow ? 2 : 1}"/>`,
    )
    .join('');
}

/** Legend rows laid out left to right, wrapping at `width`; returns the markup and its height. */
function legendBlock(
  entries: readonly LegendEntry[],
  x0: number,
  y0: number,
  width: number,
  fontSize: number,
): { markup: string; height: number } {
  if (entries.length === 0) return { markup: '', height: 0 };
  const rowHeight = Math.round(fontSize * 1.6);
  let x = x0;
  let y = y0;
  const out: string[] = [];
  for (const e of entries) {
    const w = 22 + 6 + textWidth(e.label, fontSize) + 18;
    if (x > x0 && x + w > x0 + width) {
      x = x0;
      y += rowHeight;
    }
    out.push(
      swatch(e, x, y),
      `<text x="${x + 28}" y="${y + 7}" dominant-baseline="middle" fill="#1a1a1a">${escapeXml(e.label)}</text>`,
    );
    x += w;
  }
  return { markup: `<g class="legend">${out.join('')}</g>`, height: y - y0 + rowHeight };
}

/**
 * A standalone SVG document: heading, the charts side by side with their titles, and the legend
 * wrapped under them, on a white background. Returns the text and its size (px).
 */
export function assembleSvg(
  parts: readonly ChartSvgPart[],
  options: AssembleOptions,
): { svg: string; width: number; height: number } {
  const fontSize = options.fontSize ?? 14;
  const font = options.fontFamily ?? DEFAULT_FONT;
  const chartsWidth =
    parts.reduce((s, p) => s + Math.max(0, p.width), 0) + GAP * Math.max(0, parts.length - 1);
  const titleSize = Math.round(fontSize * 1.3);
  let y = PAD + titleSize;
  const head: string[] = [
    `<text x="${PAD}" y="${y}" font-size="${titleSize}" font-weight="600" fill="#1a1a1a">${escapeXml(options.title)}</text>`,
  ];
  if (options.subtitle) {
    y += Math.round(fontSize * 1.5);
    head.push(`<text x="${PAD}" y="${y}" fill="#333333">${escapeXml(options.subtitle)}</text>`);
  }
  y += Math.round(fontSize * 1.2);
  const captionHeight = Math.round(fontSize * 1.6);
  const chartTop = y;
  const body: string[] = [];
  let x = PAD;
  let tallest = 0;
  for (const p of parts) {
    body.push(
      `<text x="${x}" y="${chartTop + fontSize}" font-weight="600" fill="#1a1a1a">${escapeXml(p.title)}</text>`,
      `<g transform="translate(${x},${chartTop + captionHeight})">${bareElement(p.svg)}</g>`,
    );
    x += p.width + GAP;
    tallest = Math.max(tallest, p.height);
  }
  y = chartTop + captionHeight + tallest + GAP;
  const legendWidth = Math.max(200, options.maxWidth ?? chartsWidth);
  const legend = legendBlock(options.legend ?? [], PAD, y, legendWidth, fontSize);
  const headWidth = Math.max(
    textWidth(options.title, titleSize),
    options.subtitle ? textWidth(options.subtitle, fontSize) : 0,
  );
  const width = Math.ceil(Math.max(chartsWidth, legendWidth, headWidth) + 2 * PAD);
  const height = Math.ceil(y + legend.height + PAD);
  const svg = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(font)}" font-size="${fontSize}">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...head,
    ...body,
    legend.markup,
    `</svg>`,
    '',
  ].join('\n');
  return { svg, width, height };
}
