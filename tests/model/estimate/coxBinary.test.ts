import { describe, expect, it } from 'vitest';
import { coxBinary } from '../../../src/model/estimate/coxBinary';
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
 *   fit <- coxph(Surv(time, status) ~ group); s <- summary(fit)
 *   f(coef(fit)); f(sqrt(fit$var)); f(exp(coef(fit))); f(s$conf.int[3:4]); fit$iter
 *   f(s$coefficients[4:5]); f(s$logtest); f(s$sctest); f(fit$loglik)
 */
interface RCox {
  coef: number;
  se: number;
  hr: number;
  ci: [number, number];
  iter: number;
  z: number;
  waldP: number;
  lr: number;
  lrP: number;
  score: number;
  scoreP: number;
  loglik: [number, number];
}
const R_COXPH: [TwoGroupReference, RCox][] = [
  [
    AML,
    {
      coef: 0.91553257501471763,
      se: 0.5119342751720054,
      hr: 2.4981053261721411,
      ci: [0.91590725743640833, 6.8134957660633022],
      iter: 3,
      z: 1.7883791326671901,
      waldP: 0.07371486063904574,
      lr: 3.3844473326036848,
      lrP: 0.06581424016234029,
      score: 3.4167343955173028,
      scoreP: 0.06453856175894368,
      loglik: [-42.72483926276022, -41.032615596458378],
    },
  ],
  [
    OVARIAN,
    {
      coef: -0.59638004939228295,
      se: 0.58698952636648138,
      hr: 0.55080190727793532,
      ci: [0.1743207335353901, 1.7403709524858066],
      iter: 3,
      z: -1.0159977693025117,
      waldP: 0.30963044880655261,
      lr: 1.0514531488490064,
      lrP: 0.30517265088703643,
      score: 1.0627398612914138,
      scoreP: 0.3025911169890953,
      loglik: [-34.984940371162558, -34.459213796738055],
    },
  ],
  [
    LUNG60,
    {
      coef: -0.11630803386581025,
      se: 0.27979091190272604,
      hr: 0.89020096901400414,
      ci: [0.51443393179799635, 1.5404461413805959],
      iter: 3,
      z: -0.41569625358755996,
      waldP: 0.67763228302612755,
      lr: 0.17467621952312129,
      lrP: 0.6759889077970701,
      score: 0.1729895582606136,
      scoreP: 0.67746844561006947,
      loglik: [-186.83641395444354, -186.74907584468198],
    },
  ],
  [
    HEAVY_CENSORING,
    {
      coef: 0.48005079109078896,
      se: 0.73055948326507103,
      hr: 1.616156486459134,
      ci: [0.3860379938596637, 6.7660744027010429],
      iter: 3,
      z: 0.65710021166970567,
      waldP: 0.51111648282178002,
      lr: 0.4453476902228104,
      lrP: 0.50455258233003708,
      score: 0.44011806145508414,
      scoreP: 0.50706547763212695,
      loglik: [-22.028631578088316, -21.805957732976911],
    },
  ],
];

describe('coxBinary', () => {
  for (const [data, r] of R_COXPH) {
    it(`agrees with R coxph (Efron ties) to 1e-9 relative on ${data.name}`, () => {
      const fit = coxBinary(data.time, data.status, data.group);
      expect(fit.estimability).toBe('finite');
      const pairs: [number, number][] = [
        [fit.coef, r.coef],
        [fit.se, r.se],
        [fit.hazardRatio, r.hr],
        [fit.lower, r.ci[0]],
        [fit.upper, r.ci[1]],
        [fit.waldZ, r.z],
        [fit.waldP, r.waldP],
        [fit.likelihoodRatio, r.lr],
        [fit.likelihoodRatioP, r.lrP],
        [fit.score, r.score],
        [fit.scoreP, r.scoreP],
        [fit.loglik[0], r.loglik[0]],
        [fit.loglik[1], r.loglik[1]],
      ];
      for (const [mine, theirs] of pairs) expect(relativeError(mine, theirs)).toBeLessThan(1e-9);
      expect(fit.iterations).toBe(r.iter);
    });
  }

  it('calls the estimate infinite when one arm has no events, and keeps R’s LR and score tests', () => {
    // R: coef −20.71 after 20 iterations with "coefficient may be infinite"; lr 4.201287493339521
    // (p 0.040393300496239681), score 2.6186500342632244 (p 0.10561425787545951).
    const fit = coxBinary(NO_EVENTS.time, NO_EVENTS.status, NO_EVENTS.group);
    expect(fit.estimability).toBe('minusInfinity');
    expect(fit.hazardRatio).toBe(0);
    expect(fit.lower).toBeNaN();
    expect(fit.upper).toBeNaN();
    expect(relativeError(fit.score, 2.6186500342632244)).toBeLessThan(1e-9);
    expect(relativeError(fit.scoreP, 0.10561425787545951)).toBeLessThan(1e-9);
    expect(relativeError(fit.likelihoodRatio, 4.201287493339521)).toBeLessThan(1e-9);
    expect(relativeError(fit.likelihoodRatioP, 0.040393300496239681)).toBeLessThan(1e-9);
  });

  it('is infinite upwards when the other arm has no events', () => {
    const swapped = NO_EVENTS.group.map((g) => 1 - g);
    const fit = coxBinary(NO_EVENTS.time, NO_EVENTS.status, swapped);
    expect(fit.estimability).toBe('plusInfinity');
    expect(fit.hazardRatio).toBe(Infinity);
  });

  it('has no information without events', () => {
    const fit = coxBinary([1, 2, 3], [0, 0, 0], [0, 1, 1]);
    expect(fit.estimability).toBe('noInformation');
    expect(fit.hazardRatio).toBeNaN();
    expect(fit.likelihoodRatio).toBe(0);
  });

  it('inverts the hazard ratio when the groups swap labels', () => {
    const a = coxBinary(AML.time, AML.status, AML.group);
    const b = coxBinary(
      AML.time,
      AML.status,
      AML.group.map((g) => 1 - g),
    );
    expect(b.hazardRatio * a.hazardRatio).toBeCloseTo(1, 10);
    expect(b.lower * a.upper).toBeCloseTo(1, 10);
  });

  it('names the offending entry of bad input', () => {
    expect(() => coxBinary([1, 2], [1, 0], [0, 3])).toThrow(/group\[1\]/);
    expect(() => coxBinary([1, NaN], [1, 0], [0, 1])).toThrow(/time\[1\]/);
  });
});
