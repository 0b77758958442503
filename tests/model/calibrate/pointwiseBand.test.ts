import { describe, expect, it } from 'vitest';
import { pointwiseBand } from '../../../src/model/calibrate/pointwiseBand';

describe('pointwiseBand', () => {
  // Five curves on two times; the last curve has no value at the second time.
  const curves = [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
    [4, Number.NaN],
  ];

  it("takes R's default (type 7) percentiles per time, leaving out non-finite values", () => {
    // R: quantile(c(0,1,2,3,4), c(.025,.5,.975)) → 0.1 2.0 3.9
    //    quantile(c(1,2,3,4), c(.025,.5,.975))   → 1.075 2.500 3.925
    const band = pointwiseBand([0, 12], curves);
    expect(band.times).toEqual([0, 12]);
    expect(band.lower[0]).toBeCloseTo(0.1, 12);
    expect(band.median[0]).toBeCloseTo(2, 12);
    expect(band.upper[0]).toBeCloseTo(3.9, 12);
    expect(band.lower[1]).toBeCloseTo(1.075, 12);
    expect(band.median[1]).toBeCloseTo(2.5, 12);
    expect(band.upper[1]).toBeCloseTo(3.925, 12);
  });

  it('takes the level asked for', () => {
    // R: quantile(c(1,2,3,4), c(.05,.5,.95)) → 1.15 2.50 3.85
    const band = pointwiseBand([12], [[1], [2], [3], [4]], 0.9);
    expect(band.lower[0]).toBeCloseTo(1.15, 12);
    expect(band.upper[0]).toBeCloseTo(3.85, 12);
  });

  it('is NaN where no curve has a value', () => {
    const band = pointwiseBand([0], [[Number.NaN], [Number.POSITIVE_INFINITY]]);
    expect(band.lower[0]).toBeNaN();
    expect(band.median[0]).toBeNaN();
    expect(band.upper[0]).toBeNaN();
  });
});
