/**
 * How far a step curve (a Kaplan–Meier estimate) is from points read off another curve, with an
 * optional horizontal tolerance: a digitised point can only be placed to within the spacing of
 * the digitised points, so a step that lands a little early or late should not count as a
 * vertical miss of the whole step height.
 */

import { survivalAt } from '../estimate/kaplanMeier';

/** The largest gap and where it is. */
export interface CurveGap {
  /** Largest vertical distance (same unit as survival: a fraction). */
  value: number;
  /** Time of the point where it is (months). */
  time: number;
}

/**
 * Largest distance between the right-continuous, non-increasing step curve `step` and the points
 * (`time[k]`, `survival[k]`), each point allowed to move up to `tolerance` months sideways: the
 * distance of a point is min over |s − time[k]| ≤ tolerance of |Ŝ(s) − survival[k]|, which for a
 * non-increasing Ŝ is how far survival[k] lies outside [Ŝ(time[k] + tolerance), Ŝ(time[k] −
 * tolerance)]. With tolerance 0 it is the plain max |Ŝ(time[k]) − survival[k]|. 0 for no points.
 * `tolerance` may depend on the time (months → months), e.g. the local spacing of digitised points.
 */
export function largestGap(
  step: { time: ArrayLike<number>; survival: ArrayLike<number> },
  time: ArrayLike<number>,
  survival: ArrayLike<number>,
  tolerance: number | ((time: number) => number) = 0,
): CurveGap {
  const km = { time: Array.from(step.time), survival: Array.from(step.survival) };
  let out: CurveGap = { value: 0, time: time[0] ?? 0 };
  for (let k = 0; k < time.length; k++) {
    const t = time[k]!;
    const s = survival[k]!;
    const h = typeof tolerance === 'function' ? tolerance(t) : tolerance;
    const high = survivalAt(km, t - h);
    const low = survivalAt(km, t + h);
    const g = h > 0 ? Math.max(0, s - high, low - s) : Math.abs(survivalAt(km, t) - s);
    if (g > out.value) out = { value: g, time: t };
  }
  return out;
}
