import { describe, expect, it } from 'vitest';
import { medianSurvival } from '../../../src/model/estimate/medianSurvival';
import {
  AML,
  HEAVY_CENSORING,
  LUNG60,
  NO_EVENTS,
  OVARIAN,
  relativeError,
  type TwoGroupReference,
} from './twoGroupReference';

/** NaN stands for R's NA ("not reached"); otherwise 1e-9 relative. */
function expectR(actual: number, expected: number): void {
  if (Number.isNaN(expected)) expect(actual).toBeNaN();
  else expect(relativeError(actual, expected)).toBeLessThan(1e-9);
}

function arm(d: TwoGroupReference, g: number): { time: number[]; status: number[] } {
  const idx = d.group.map((x, i) => (x === g ? i : -1)).filter((i) => i >= 0);
  return { time: idx.map((i) => d.time[i]!), status: idx.map((i) => d.status[i]!) };
}

/**
 * R survival 3.5-3, per group g of each data set:
 *   q <- quantile(survfit(Surv(time[group == g], status[group == g]) ~ 1), 0.5)
 *   f(q$quantile); f(q$lower); f(q$upper)       (NA printed as NA)
 */
const R_MEDIANS: [TwoGroupReference, number, [number, number, number]][] = [
  [AML, 0, [31, 18, NaN]],
  [AML, 1, [23, 8, NaN]],
  [OVARIAN, 0, [638, 268, NaN]],
  [OVARIAN, 1, [NaN, 475, NaN]],
  [LUNG60, 0, [306, 210, 533]],
  [LUNG60, 1, [361, 145, 728]],
  [NO_EVENTS, 0, [10, 8, NaN]],
  [NO_EVENTS, 1, [NaN, NaN, NaN]],
  [HEAVY_CENSORING, 0, [NaN, 7, NaN]],
  [HEAVY_CENSORING, 1, [9, 6, NaN]],
];

describe('medianSurvival', () => {
  for (const [data, g, [median, lower, upper]] of R_MEDIANS) {
    it(`agrees with R quantile(survfit) on ${data.name}, group ${g}`, () => {
      const { time, status } = arm(data, g);
      const m = medianSurvival(time, status);
      expectR(m.value, median);
      expectR(m.lower, lower);
      expectR(m.upper, upper);
    });
  }

  it('takes the midpoint where the curve is exactly 0.5 over a stretch', () => {
    // R: quantile(survfit(Surv(c(1,2,3,4), c(1,1,1,1)) ~ 1), 0.5): 2.5, lower 1, upper NA
    const m = medianSurvival([1, 2, 3, 4], [1, 1, 1, 1]);
    expectR(m.value, 2.5);
    expectR(m.lower, 1);
    expectR(m.upper, NaN);
  });

  it('uses the last follow-up time when the curve stays at 0.5 to the end', () => {
    // R: quantile(survfit(Surv(c(1,2,3,4), c(1,1,0,0)) ~ 1), 0.5): 3, lower 1, upper NA
    const m = medianSurvival([1, 2, 3, 4], [1, 1, 0, 0]);
    expectR(m.value, 3);
    expectR(m.lower, 1);
  });

  it('agrees with R where ties straddle the crossing of 0.5', () => {
    // R: quantile(survfit(Surv(c(1,2,2,3,4,5,6,7,8,9), c(1,1,1,1,0,1,0,1,1,0)) ~ 1), 0.5): 5, 2, NA
    const m = medianSurvival([1, 2, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 1, 1, 0, 1, 0, 1, 1, 0]);
    expectR(m.value, 5);
    expectR(m.lower, 2);
    expectR(m.upper, NaN);
  });

  it('is not reached with no events at all', () => {
    const m = medianSurvival([1, 2, 3], [0, 0, 0]);
    expect(m.value).toBeNaN();
  });
});
