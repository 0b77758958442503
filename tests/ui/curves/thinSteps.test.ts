import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { kaplanMeier, survivalAt } from '../../../src/model/estimate/kaplanMeier';
import { drawnSteps, MAX_DRAWN_STEPS } from '../../../src/ui/curves/thinSteps';

describe('drawnSteps', () => {
  const u = seedrandom.alea('thin');
  const n = 40_000;
  const time = Float64Array.from({ length: n }, () => Math.min(60, -Math.log(1 - u()) * 40));
  const event = Uint8Array.from(time, (t) => (t < 60 && u() < 0.7 ? 1 : 0));
  const km = kaplanMeier(time, event);

  it('keeps a small curve as it is', () => {
    const small = kaplanMeier([1, 2, 3], [1, 0, 1]);
    expect(drawnSteps(small, 60)).toBe(small);
  });

  it('thins a large curve to at most one step per bin, exact at every bin end', () => {
    expect(km.time.length).toBeGreaterThan(MAX_DRAWN_STEPS);
    const thin = drawnSteps(km, 60);
    expect(thin.time.length).toBeLessThanOrEqual(MAX_DRAWN_STEPS + 1);
    const width = 60 / MAX_DRAWN_STEPS;
    for (let b = 0; b <= MAX_DRAWN_STEPS; b++) {
      // Just before the next bin starts, the thinned curve has taken every step of the bin.
      const t = (b + 1) * width * (1 - 1e-12);
      expect(survivalAt(thin, t)).toBe(survivalAt(km, t));
    }
    expect(drawnSteps(km, 60)).toBe(thin); // cached per curve
  });
});
