import { describe, expect, it } from 'vitest';
import { logRank } from '../../../src/model/estimate/logRank';
import {
  AML,
  HEAVY_CENSORING,
  LUNG60,
  NO_EVENTS,
  OVARIAN,
  relativeError,
  type TwoGroupReference,
} from './twoGroupReference';

/**
 * R survival 3.5-3, for each data set of twoGroupReference.ts:
 *   sd <- survdiff(Surv(time, status) ~ group)
 *   f(sd$chisq); f(pchisq(sd$chisq, 1, lower.tail = FALSE)); f(sd$obs); f(sd$exp); f(sd$var[2, 2])
 */
const R_SURVDIFF: [
  TwoGroupReference,
  { chisq: number; p: number; obs: [number, number]; exp: [number, number]; var: number },
][] = [
  [
    AML,
    {
      chisq: 3.3963886989776011,
      p: 0.065339322040505132,
      obs: [7, 11],
      exp: [10.689335992300725, 7.3106640076992759],
      var: 4.0075507459387332,
    },
  ],
  [
    OVARIAN,
    {
      chisq: 1.0627398612914141,
      p: 0.30259111698909524,
      obs: [7, 5],
      exp: [5.233531017149943, 6.766468982850057],
      var: 2.9361961294831551,
    },
  ],
  [
    LUNG60,
    {
      chisq: 0.17168637532414752,
      p: 0.67861740089476574,
      obs: [37, 20],
      exp: [35.496685720030719, 21.503314279969292],
      var: 13.163268314639117,
    },
  ],
  [
    NO_EVENTS,
    {
      chisq: 2.6186500342632257,
      p: 0.10561425787545858,
      obs: [6, 0],
      exp: [4.2934149184149177, 1.7065850815850814],
      var: 1.1121885714324522,
    },
  ],
  [
    HEAVY_CENSORING,
    {
      chisq: 0.45168185795571814,
      p: 0.50153734708588338,
      obs: [3, 5],
      exp: [3.937728937728938, 4.062271062271062],
      var: 1.9468029214944702,
    },
  ],
];

describe('logRank', () => {
  for (const [data, r] of R_SURVDIFF) {
    it(`agrees with R survdiff to 1e-9 relative on ${data.name}`, () => {
      const t = logRank(data.time, data.status, data.group);
      expect(relativeError(t.chiSquare, r.chisq)).toBeLessThan(1e-9);
      expect(relativeError(t.pValue, r.p)).toBeLessThan(1e-9);
      expect(t.observed).toEqual(r.obs);
      expect(relativeError(t.expected[0], r.exp[0])).toBeLessThan(1e-9);
      expect(relativeError(t.expected[1], r.exp[1])).toBeLessThan(1e-9);
      expect(relativeError(t.variance, r.var)).toBeLessThan(1e-9);
      expect(t.df).toBe(1);
    });
  }

  it('gives the same statistic when the groups swap labels', () => {
    const swapped = AML.group.map((g) => 1 - g);
    const a = logRank(AML.time, AML.status, AML.group);
    const b = logRank(AML.time, AML.status, swapped);
    expect(b.chiSquare).toBeCloseTo(a.chiSquare, 12);
    expect(b.observed).toEqual([a.observed[1], a.observed[0]]);
  });

  it('does not depend on the order of the patients', () => {
    const idx = AML.time.map((_, i) => i).reverse();
    const t = logRank(
      idx.map((i) => AML.time[i]!),
      idx.map((i) => AML.status[i]!),
      idx.map((i) => AML.group[i]!),
    );
    expect(relativeError(t.chiSquare, 3.3963886989776011)).toBeLessThan(1e-9);
  });

  it('has no statistic (NaN) when nobody has an event', () => {
    const t = logRank([1, 2, 3, 4], [0, 0, 0, 0], [0, 1, 0, 1]);
    expect(t.variance).toBe(0);
    expect(t.chiSquare).toBeNaN();
    expect(t.pValue).toBeNaN();
  });

  it('names the offending entry of bad input', () => {
    expect(() => logRank([1, 2], [1, 0], [0, 2])).toThrow(/group\[1\].*got 2/);
    expect(() => logRank([1, -2], [1, 0], [0, 1])).toThrow(/time\[1\]/);
    expect(() => logRank([1, 2], [1, 0.5], [0, 1])).toThrow(/event\[1\]/);
    expect(() => logRank([1, 2], [1], [0, 1])).toThrow(/same length/);
  });
});
