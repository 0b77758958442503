import { LANE_COLORS } from '../palette';
import { DotMode, type DotLayout } from './dotLayout';

/**
 * Paints a {@link DotLayout} on a 2D canvas: lane backgrounds, then the squares grouped by colour
 * so `fillStyle` changes a handful of times per frame. Plain `fillRect` squares, not arcs: on the
 * CPU-rendered Chromium we target, 10,000 squares hold 60 fps where 10,000 arcs manage 30.
 */

/** Colours of each lane (by lane index): the square colour and the light background tint. */
export interface CohortPaint {
  fill: string[];
  tint: string[];
}

/** Fallback for a lane the palette does not know (custom models). */
const OTHER_LANE = '#0072B2';

/** `hex` mixed with white: `amount` = share of white (0–1). */
export function mixWithWhite(hex: string, amount: number): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m) return '#f2f2f2';
  const v = parseInt(m[1]!, 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  return `rgb(${mix((v >> 16) & 255)}, ${mix((v >> 8) & 255)}, ${mix(v & 255)})`;
}

/** The paint for a layout's lanes, from the Okabe–Ito palette. */
export function paintFor(layout: Pick<DotLayout, 'lanes'>): CohortPaint {
  const fill = layout.lanes.map((l) => LANE_COLORS[l.id] ?? OTHER_LANE);
  // A 90% tint marks the lane without competing with the squares (and keeps text contrast).
  return { fill, tint: fill.map((c) => mixWithWhite(c, 0.9)) };
}

/** Canvas background outside the lanes. */
const BACKGROUND = '#ffffff';

/** Colour of the frame that marks a patient who has just changed state. */
const ARRIVAL_MARK = '#1a1a1a';

/** Most travel arcs drawn at once (see drawCohort). */
export const MAX_ARCS = 40;

/** Colour of the line that marks the top of a lane's share. */
const SHARE_EDGE = '#1a1a1a';

/**
 * Each lane filled from the bottom in proportion to its share of the whole cohort (0–1), a
 * light bar under the sample's dots with a line at its top: with more patients than dots, the
 * bars carry the counts and the dots the movement.
 */
function drawShares(
  ctx: CanvasRenderingContext2D,
  layout: DotLayout,
  paint: CohortPaint,
  shares: ArrayLike<number>,
): void {
  const lanes = layout.lanes;
  for (let l = 0; l < lanes.length; l++) {
    const share = shares[l] ?? 0;
    if (!(share > 0)) continue;
    const r = lanes[l]!;
    const h = Math.min(1, share) * r.height;
    ctx.globalAlpha = 0.3;
    ctx.fillStyle = paint.fill[l]!;
    ctx.fillRect(r.x, r.y + r.height - h, r.width, h);
    ctx.globalAlpha = 1;
    ctx.fillStyle = SHARE_EDGE;
    ctx.fillRect(r.x, r.y + r.height - h, r.width, 2);
  }
}

/**
 * Draws one frame. `ctx` must already carry the device-pixel-ratio transform; `width`/`height`
 * are the canvas size in CSS pixels. Censored squares are hollow when there is room for a hole
 * (≥ 5 device px), faded otherwise. A patient who has just landed in a new lane gets a dark frame
 * (a larger square behind it) while it is `arrived`; travelling squares are drawn last, in the
 * colour of the lane they are heading for, over a faint line showing the arc they follow.
 * `shares` (per lane, 0–1 of the whole cohort) draws each lane's share as a bar under the dots,
 * when the dots are a sample.
 */
export function drawCohort(
  ctx: CanvasRenderingContext2D,
  layout: DotLayout,
  paint: CohortPaint,
  width: number,
  height: number,
  pixelRatio: number,
  shares?: ArrayLike<number>,
): void {
  ctx.globalAlpha = 1;
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, width, height);
  const lanes = layout.lanes;
  for (let l = 0; l < lanes.length; l++) {
    const r = lanes[l]!;
    ctx.fillStyle = paint.tint[l]!;
    ctx.fillRect(r.x, r.y, r.width, r.height);
  }
  if (shares) drawShares(ctx, layout, paint, shares);

  const { n, x, y, laneOf, mode, nLanes, counts } = layout;
  const s = layout.dotSize;
  if (s <= 0 || n === 0) return;

  // The frames of fresh arrivals go under the squares (a few per frame at most).
  const b = Math.max(1.5, s * 0.3);
  ctx.fillStyle = ARRIVAL_MARK;
  for (let p = 0; p < n; p++) {
    if (mode[p] === DotMode.arrived) ctx.fillRect(x[p]! - b, y[p]! - b, s + 2 * b, s + 2 * b);
  }

  // One pass per lane and mode: 3 × lanes × n comparisons are far cheaper than the fillRects.
  for (let l = 0; l < nLanes; l++) {
    ctx.fillStyle = paint.fill[l]!;
    for (let p = 0; p < n; p++) {
      const m = mode[p];
      if (laneOf[p] === l && (m === DotMode.settled || m === DotMode.arrived)) {
        ctx.fillRect(x[p]!, y[p]!, s, s);
      }
    }
  }

  if (counts[nLanes]! > 0) {
    const hollow = s * pixelRatio >= 5;
    const border = Math.max(1, Math.round(s * pixelRatio * 0.2)) / pixelRatio;
    if (!hollow) ctx.globalAlpha = 0.35;
    for (let l = 0; l < nLanes; l++) {
      if (layout.censoredByLane[l] === 0) continue;
      ctx.fillStyle = paint.fill[l]!;
      for (let p = 0; p < n; p++) {
        if (laneOf[p] === l && mode[p] === DotMode.censored) ctx.fillRect(x[p]!, y[p]!, s, s);
      }
      if (!hollow) continue;
      ctx.fillStyle = paint.tint[l]!;
      const inner = s - 2 * border;
      for (let p = 0; p < n; p++) {
        if (laneOf[p] === l && mode[p] === DotMode.censored) {
          ctx.fillRect(x[p]! + border, y[p]! + border, inner, inner);
        }
      }
    }
    ctx.globalAlpha = 1;
  }

  if (layout.moving === 0) return;
  const { towardLane, pathFromX, pathFromY, pathBendX, pathBendY, pathToX, pathToY } = layout;
  // The path each travelling patient follows, from its old square to its new one: while a
  // handful travel (more than MAX_ARCS arcs at once are a tangle, not a path to follow).
  const h = s / 2;
  ctx.lineWidth = Math.max(1, Math.min(3, s / 4));
  ctx.globalAlpha = 0.55;
  for (let l = 0; l < nLanes && layout.moving <= MAX_ARCS; l++) {
    ctx.strokeStyle = paint.fill[l]!;
    ctx.beginPath();
    let any = false;
    for (let p = 0; p < n; p++) {
      if (mode[p] !== DotMode.moving || towardLane[p] !== l) continue;
      ctx.moveTo(pathFromX[p]! + h, pathFromY[p]! + h);
      ctx.quadraticCurveTo(pathBendX[p]! + h, pathBendY[p]! + h, pathToX[p]! + h, pathToY[p]! + h);
      any = true;
    }
    if (any) ctx.stroke();
  }
  ctx.globalAlpha = 1;
  for (let l = 0; l < nLanes; l++) {
    ctx.fillStyle = paint.fill[l]!;
    for (let p = 0; p < n; p++) {
      if (towardLane[p] === l && mode[p] === DotMode.moving) {
        ctx.fillStyle = ARRIVAL_MARK;
        ctx.fillRect(x[p]! - 1, y[p]! - 1, s + 2, s + 2);
        ctx.fillStyle = paint.fill[l]!;
        ctx.fillRect(x[p]!, y[p]!, s, s);
      }
    }
  }
}
