import type { KaplanMeier } from '../../model/estimate/kaplanMeier';

/**
 * A Kaplan–Meier curve of a very large cohort, thinned for drawing (issue 14: a million
 * patients). A million patients have some 400,000 distinct event times: an SVG path of that many
 * steps is megabytes of text that the browser re-rasterises as the playhead reveals it, for
 * detail no screen can show. Times are binned into `maxSteps` equal bins of [0, horizon] and each
 * bin keeps its last step (the curve's value where the bin ends): every drop moves right by less
 * than one bin, under a pixel when `maxSteps` exceeds the plot's width. Curves with fewer steps
 * are returned as they are.
 */
export const MAX_DRAWN_STEPS = 3000;

const cache = new WeakMap<
  KaplanMeier,
  Pick<KaplanMeier, 'time' | 'survival' | 'lower' | 'upper'>
>();

/** `km` with at most about `MAX_DRAWN_STEPS` steps over [0, horizonMonths] (cached per curve). */
export function drawnSteps(
  km: KaplanMeier,
  horizonMonths: number,
): Pick<KaplanMeier, 'time' | 'survival' | 'lower' | 'upper'> {
  if (km.time.length <= MAX_DRAWN_STEPS || !(horizonMonths > 0)) return km;
  const hit = cache.get(km);
  if (hit) return hit;
  const out = {
    time: [] as number[],
    survival: [] as number[],
    lower: [] as number[],
    upper: [] as number[],
  };
  const width = horizonMonths / MAX_DRAWN_STEPS;
  const m = km.time.length;
  for (let i = 0; i < m; i++) {
    const bin = Math.floor(km.time[i]! / width);
    // Keep the last step of each bin (and everything past the horizon's last bin as one).
    if (i + 1 < m && Math.floor(km.time[i + 1]! / width) === bin) continue;
    out.time.push(km.time[i]!);
    out.survival.push(km.survival[i]!);
    out.lower.push(km.lower[i]!);
    out.upper.push(km.upper[i]!);
  }
  cache.set(km, out);
  return out;
}
