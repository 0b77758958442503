/**
 * Where the direct labels at the curves' right ends go. A label names its line where the line
 * ends; it must not sit on any drawn line (its own or another arm's), nor on another label. Each
 * label tries above its line's end, then below, then one label height further either way,
 * inside the plot. When no place is free (lines bunched together near the end): with `mayDrop`
 * (the legend names every line by its colour, as for two arms) the label is left out; without it
 * the label still goes to the first place free of other labels, over a line: a line must keep its
 * name where nothing else on the screen gives it (presentation mode hides the readout).
 *
 * Pure geometry in pixels, so it is unit-tested without a DOM.
 */

/** A line as drawn, in pixels: vertices in x order; `step` holds each y until the next vertex. */
export interface PixelLine {
  kind: 'step' | 'line';
  points: readonly (readonly [number, number])[];
}

/** One label to place: the pixel y of its line's end and its text's estimated width. */
export interface EndLabelRequest {
  lineEndY: number;
  width: number;
}

export interface EndLabelFrame {
  /** Right edge of every label (they are right-aligned). */
  right: number;
  /** Highest and lowest baseline allowed. */
  top: number;
  bottom: number;
  /** The font size in px: a label's box is 0.8 em above its baseline and 0.25 em below. */
  fontSize: number;
  /** A label with no free place may be left out (something else names its line). */
  mayDrop?: boolean;
}

/** Estimated width in px of a bold label of `text` at `fontSize` (DejaVu/Arial bold ≈ 0.62 em). */
export function estimateLabelWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.62;
}

/**
 * The y-range a line covers over [x0, x1], or null where it draws nothing there. NaN vertices
 * break the line, as the chart draws it.
 */
export function lineSpanOver(line: PixelLine, x0: number, x1: number): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (y: number) => {
    if (!Number.isFinite(y)) return;
    if (y < lo) lo = y;
    if (y > hi) hi = y;
  };
  const pts = line.points;
  for (let i = 0; i < pts.length; i++) {
    const [xa, ya] = pts[i]!;
    const next = pts[i + 1];
    if (!Number.isFinite(xa) || !Number.isFinite(ya)) continue;
    // The vertex itself, when inside the window.
    if (xa >= x0 && xa <= x1) take(ya);
    if (!next) continue;
    const [xb, yb] = next;
    if (!Number.isFinite(xb) || !Number.isFinite(yb) || xb <= x0 || xa >= x1) continue;
    if (line.kind === 'step') {
      // Flat at ya from xa to xb, then the riser at xb (a vertex, taken above when inside).
      take(ya);
    } else {
      // A straight segment: its values at the window's edges that fall inside it.
      const at = (x: number) => ya + ((yb - ya) * (x - xa)) / (xb - xa);
      take(at(Math.max(x0, xa)));
      take(at(Math.min(x1, xb)));
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * The baseline y of each label (input order), or null for a label with no free place. Labels are
 * placed in input order, each avoiding the lines and the labels already placed.
 */
export function placeEndLabels(
  labels: readonly EndLabelRequest[],
  lines: readonly PixelLine[],
  frame: EndLabelFrame,
): (number | null)[] {
  const { right, top, bottom, fontSize: fs } = frame;
  const pad = 2;
  const placed: { y0: number; y1: number }[] = [];
  return labels.map(({ lineEndY, width }) => {
    if (!Number.isFinite(lineEndY)) return null;
    const x0 = right - width;
    const spans = lines
      .map((l) => lineSpanOver(l, x0 - pad, right + pad))
      .filter((s): s is [number, number] => s !== null);
    const above = lineEndY - fs * 0.45;
    const below = lineEndY + fs * 1.1;
    const step = fs * 1.1;
    const candidates = [above, below];
    // One row further at most: a label far from its line would name the wrong one.
    candidates.push(above - step, below + step);
    let fallback: { c: number; y0: number; y1: number } | null = null;
    for (const c of candidates) {
      if (c < top || c > bottom) continue;
      const y0 = c - fs * 0.8 - pad;
      const y1 = c + fs * 0.25 + pad;
      const onLine = spans.some(([lo, hi]) => hi >= y0 && lo <= y1);
      // Every label is right-aligned at the same edge, so two labels collide where their rows do.
      const onLabel = placed.some((p) => p.y1 >= y0 && p.y0 <= y1);
      if (!onLine && !onLabel) {
        placed.push({ y0, y1 });
        return c;
      }
      if (!onLabel && !fallback) fallback = { c, y0, y1 };
    }
    if (frame.mayDrop || !fallback) return null;
    placed.push({ y0: fallback.y0, y1: fallback.y1 });
    return fallback.c;
  });
}
