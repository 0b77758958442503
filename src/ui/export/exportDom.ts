import type { ChartSvgPart } from './svgExport';

/**
 * The browser side of the curve export: copies of the charts' <svg> elements with every style
 * that came from a stylesheet written onto the element (a standalone file has no stylesheet),
 * serialised with XMLSerializer; and an SVG drawn onto a canvas for PNG (an <img> from a blob:
 * URL, which the CSP's `img-src 'self' data: blob:` allows).
 */

/** The styles a chart's elements get from curves.css that an SVG file must carry itself. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
] as const;

/** Drawn for interaction only: the playhead, invisible hit areas, focus rings. */
const INTERACTIVE_ONLY = '.curve-playhead, .curve-point-hit, .curve-point-ring';

/** Copies `from`'s computed styles onto `to`, element by element (the trees have one shape). */
function inlineStyles(from: Element, to: Element): void {
  const cs = getComputedStyle(from);
  if (cs.display === 'none' || cs.visibility === 'hidden') {
    to.setAttribute('display', 'none');
  }
  const decl = STYLE_PROPS.map((p) => [p, cs.getPropertyValue(p)] as const)
    .filter(([, v]) => v !== '')
    .map(([p, v]) => `${p}:${v}`)
    .join(';');
  if (decl) to.setAttribute('style', decl);
  const a = from.children;
  const b = to.children;
  for (let i = 0; i < a.length && i < b.length; i++) inlineStyles(a[i]!, b[i]!);
}

/** A deep copy of an <svg> with its styles inlined and interaction-only parts removed. */
function standaloneCopy(svg: SVGSVGElement): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy);
  for (const el of copy.querySelectorAll(INTERACTIVE_ONLY)) el.remove();
  for (const el of copy.querySelectorAll('[tabindex]')) el.removeAttribute('tabindex');
  for (const el of copy.querySelectorAll('[role="button"]')) el.removeAttribute('role');
  copy.removeAttribute('class');
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.style.removeProperty('position');
  return copy;
}

/**
 * Each chart (`figure.curve-chart`) under `root` as a standalone <svg> string: the drawing with
 * its published markers (a second, overlaid <svg> on screen) merged into it.
 */
export function chartSvgParts(root: ParentNode): ChartSvgPart[] {
  const serializer = new XMLSerializer();
  const parts: ChartSvgPart[] = [];
  for (const figure of root.querySelectorAll('figure.curve-chart')) {
    const main = figure.querySelector<SVGSVGElement>('svg.curve-chart-svg');
    if (!main) continue;
    const copy = standaloneCopy(main);
    const points = figure.querySelector<SVGSVGElement>('svg.curve-points');
    if (points) {
      const g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
      g.setAttribute('class', 'published-points');
      for (const child of Array.from(standaloneCopy(points).childNodes)) g.appendChild(child);
      copy.appendChild(g);
    }
    parts.push({
      title: figure.querySelector('.curve-chart-title')?.textContent ?? '',
      svg: serializer.serializeToString(copy),
      width: Number(main.getAttribute('width')) || main.clientWidth,
      height: Number(main.getAttribute('height')) || main.clientHeight,
    });
  }
  return parts;
}

/** The font the charts are drawn in (the system font stack of the page). */
export function pageFontFamily(root: Element): string {
  return getComputedStyle(root).fontFamily || 'sans-serif';
}

/**
 * A PNG of an SVG document, `scale` × its size (sharp on a projector or in slides), on white.
 * Rejects when the browser cannot draw it.
 */
export function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
    const img = new Image();
    const done = () => URL.revokeObjectURL(url);
    img.onload = () => {
      try {
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(width * scale);
        canvas.height = Math.round(height * scale);
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('This browser cannot draw on a canvas.');
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        done();
        canvas.toBlob(
          (blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))),
          'image/png',
        );
      } catch (err) {
        done();
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    img.onerror = () => {
      done();
      reject(new Error('The SVG could not be drawn as an image.'));
    };
    img.src = url;
  });
}
