import { describe, expect, it } from 'vitest';
import { calibrate } from '../../../src/model/calibrate/calibrate';
import {
  modelCurve,
  reconstructedLogLik,
  reconstructedTerm,
} from '../../../src/model/calibrate/reconstructedLikelihood';
import { timeToRemissionData } from '../../../src/model/estimate/cohortQueries';
import { buildModel, DEFAULT_TEMPLATE_OPTIONS } from '../../../src/model/markov/template';
import { reconstructIpd } from '../../../src/model/reconstruct/guyot';
import { simulateCohort } from '../../../src/model/simulate/microsim';
import { simulatedFigure, TRUTH } from '../reconstruct/roundTrip';

const DATA = { time: [3, 7.5, 12, 12, 20, 31], event: [1, 0, 1, 1, 0, 1] };

describe('reconstructedLogLik', () => {
  it('is the exponential likelihood d·log λ − λ·Σt when every death rate is λ', () => {
    // One death rate λ = 0.3/yr out of every alive state: time to death is exponential.
    const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
      remission: [0.7],
      relapse: [0.4],
      deathActive: [0.3],
      deathRemission: [0.3],
      deathRelapse: [0.3],
    });
    const lambda = 0.3 / 12;
    const expected = 4 * Math.log(lambda) - lambda * (3 + 7.5 + 12 + 12 + 20 + 31);
    expect(reconstructedLogLik(spec, 'overallSurvival', DATA)).toBeCloseTo(expected, 9);
  });

  it('mixes the death rates of the states by their occupancy (exact, not exponential)', () => {
    // Active → Dead at a, Active → Remission at r, Remission → Dead at b (no relapse): the
    // survival is S(t) = e^{−(a+r)t} + r/(a+r−b)·(e^{−bt} − e^{−(a+r)t}), written out by hand.
    const [a, r, b] = [0.4 / 12, 0.6 / 12, 0.1 / 12];
    const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
      remission: [0.6],
      relapse: [0],
      deathActive: [0.4],
      deathRemission: [0.1],
      deathRelapse: [0.5],
    });
    const k = a + r;
    const S = (t: number) =>
      Math.exp(-k * t) + (r / (k - b)) * (Math.exp(-b * t) - Math.exp(-k * t));
    const f = (t: number) =>
      a * Math.exp(-k * t) + b * (r / (k - b)) * (Math.exp(-b * t) - Math.exp(-k * t));
    let expected = 0;
    DATA.time.forEach((t, i) => (expected += Math.log(DATA.event[i] ? f(t) : S(t))));
    expect(reconstructedLogLik(spec, 'overallSurvival', DATA)).toBeCloseTo(expected, 9);
    const curve = modelCurve(spec, 'overallSurvival', [12, 0, 40]);
    [S(12), 1, S(40)].forEach((x, i) => expect(curve[i]).toBeCloseTo(x, 12));
  });

  it('uses the piecewise remission hazard for time to remission', () => {
    const spec = buildModel(
      { ...DEFAULT_TEMPLATE_OPTIONS, breakpoints: [6] },
      {
        remission: [1.2, 0.24],
        relapse: [0.1, 0.1],
        deathActive: [0.05, 0.05],
        deathRemission: [0.01, 0.01],
        deathRelapse: [0.05, 0.05],
      },
    );
    const H = (t: number) => (1.2 / 12) * Math.min(t, 6) + (0.24 / 12) * Math.max(0, t - 6);
    const h = (t: number) => (t < 6 ? 1.2 / 12 : 0.24 / 12);
    let expected = 0;
    DATA.time.forEach((t, i) => (expected += (DATA.event[i] ? Math.log(h(t)) : 0) - H(t)));
    expect(reconstructedLogLik(spec, 'timeToRemission', DATA)).toBeCloseTo(expected, 12);
  });

  describe('relapse-free among remitters with piecewise intensities', () => {
    // Breakpoint at 6 months; rates per year. The remission time s is unknown to the data, so
    // R(u) = ∫ π(s) e^(−(H(s+u) − H(s))) ds with π(s) ∝ e^(−∫₀ˢ (rem + deathActive)) · rem(s).
    const spec = buildModel(
      { ...DEFAULT_TEMPLATE_OPTIONS, breakpoints: [6] },
      {
        remission: [1.2, 0.3],
        relapse: [0.1, 0.6],
        deathActive: [0.2, 0.1],
        deathRemission: [0.05, 0.3],
        deathRelapse: [0.5, 0.5],
      },
    );
    // The reference, written from the formula alone and integrated numerically: composite
    // Simpson on the stretches where the integrand is smooth (its jumps are at s = 6 and
    // s = 6 − u; on each stretch the rates are those of its middle), out to 1,200 months, where
    // what is left is below 1e−20.
    const rem = (s: number) => (s < 6 ? 1.2 : 0.3) / 12;
    const out = (s: number) => (s < 6 ? 1.4 : 0.4) / 12;
    const rel = (x: number) => (x < 6 ? 0.1 : 0.6) / 12;
    const cum = (f: (x: number) => number, x: number) =>
      f(0) * Math.min(x, 6) + f(7) * Math.max(0, x - 6);
    const integrand = (s: number, u: number, event: boolean, mid: number) =>
      Math.exp(-cum(out, s)) *
      rem(mid) *
      (event ? rel(mid + u) : 1) *
      Math.exp(-(cum(rel, s + u) - cum(rel, s)));
    const simpson = (f: (s: number) => number, a: number, b: number, steps = 4000) => {
      const h = (b - a) / steps;
      let sum = f(a) + f(b);
      for (let i = 1; i < steps; i++) sum += f(a + i * h) * (i % 2 ? 4 : 2);
      return (sum * h) / 3;
    };
    const integral = (u: number, event: boolean) => {
      const cuts = [0, ...(u > 0 && u < 6 ? [6 - u] : []), 6, 1200];
      let total = 0;
      for (let k = 0; k + 1 < cuts.length; k++) {
        const [a, b] = [cuts[k]!, cuts[k + 1]!];
        total += simpson((s) => integrand(s, u, event, (a + b) / 2), a, b);
      }
      return total;
    };
    const z = integral(0, false);

    it('gives the relapse-free curve of the numerical integral', () => {
      const times = [0, 2.5, 6, 10, 40];
      const curve = modelCurve(spec, 'relapseFree', times);
      times.forEach((u, i) => expect(curve[i]!).toBeCloseTo(integral(u, false) / z, 9));
      // Not the first piece's rate alone (the earlier approximation), nor the last piece's.
      expect(Math.abs(curve[3]! - Math.exp(-(0.1 / 12) * 10))).toBeGreaterThan(0.01);
      expect(Math.abs(curve[3]! - Math.exp(-(0.6 / 12) * 10))).toBeGreaterThan(0.01);
    });

    it('gives the log-likelihood of the numerical integral, events by density, censored by R', () => {
      let expected = 0;
      DATA.time.forEach((u, i) => (expected += Math.log(integral(u, DATA.event[i] === 1) / z)));
      expect(reconstructedLogLik(spec, 'relapseFree', DATA)).toBeCloseTo(expected, 8);
    });

    it('is the exponential likelihood when the relapse rate is the same in every piece', () => {
      const flat = buildModel(
        { ...DEFAULT_TEMPLATE_OPTIONS, breakpoints: [6] },
        {
          remission: [1.2, 0.3],
          relapse: [0.4, 0.4],
          deathActive: [0.2, 0.1],
          deathRemission: [0.05, 0.3],
          deathRelapse: [0.5, 0.5],
        },
      );
      const h = 0.4 / 12;
      let expected = 0;
      DATA.time.forEach((u, i) => (expected += (DATA.event[i] ? Math.log(h) : 0) - h * u));
      expect(reconstructedLogLik(flat, 'relapseFree', DATA)).toBeCloseTo(expected, 12);
    });
  });

  it('refuses bad data, naming the field', () => {
    expect(() =>
      reconstructedTerm('c', 'c', 'overallSurvival', { time: [1, -2], event: [1, 0] }),
    ).toThrow(/data\.time\[1\]/);
  });
});

describe('calibrate with reconstructed data', () => {
  it('recovers the death rate from reconstructed OS curves of 500 patients within 10%', () => {
    // Simulated trial → digitised KM (50 clicks, noise) → Guyot reconstruction → fit of one
    // death rate shared by every state. With one death rate λ for every state the time to death
    // is exponential, so the exact MLE is 12 · events / Σ time (per year): the fit must land on
    // it, the reconstruction must give nearly the MLE of the trial's own patients, and over five
    // trials the estimate must be within 10% of the true 0.3/yr. (One trial alone is a coin
    // toss at 10%: ~330 deaths give a standard error of 5.5%, and the first seed's own patients
    // give 0.332, 10.5% high.)
    const truth = { ...TRUTH, deathActive: [0.3], deathRemission: [0.3], deathRelapse: [0.3] };
    const mle = (d: { time: ArrayLike<number>; event: ArrayLike<number> }) => {
      let events = 0;
      let exposure = 0;
      for (let i = 0; i < d.time.length; i++) {
        events += d.event[i]!;
        exposure += d.time[i]!;
      }
      return (12 * events) / exposure;
    };
    const estimates = ['fit-os', 'fit-os-2', 'fit-os-3', 'fit-os-4', 'fit-os-5'].map((seed, k) => {
      const fig = simulatedFigure(seed, 500, 50, truth);
      const rec = reconstructIpd({ curve: fig.curve, atRisk: fig.atRisk });
      // Measured: 0.5% to 1.3% above the MLE of the trial's own patients.
      expect(Math.abs(mle(rec) / mle(fig) - 1)).toBeLessThanOrEqual(0.03);
      if (k > 0) return mle(rec);
      const fit = calibrate({
        template: DEFAULT_TEMPLATE_OPTIONS,
        targets: [],
        fixed: { remission: [0.5], relapse: [0.3] },
        tied: [['deathActive', 'deathRemission', 'deathRelapse']],
        extraTerms: [reconstructedTerm('curve', 'OS curve', 'overallSurvival', rec)],
        starts: 2,
      });
      expect(fit.free).toEqual(['deathActive=deathRemission=deathRelapse']);
      expect(Math.abs(fit.intensities.deathActive![0]! / mle(rec) - 1)).toBeLessThanOrEqual(0.02);
      expect(fit.extraLogLik[0]!.logLik).toBeLessThan(0);
      return fit.intensities.deathActive![0]!;
    });
    const mean = estimates.reduce((a, x) => a + x, 0) / estimates.length;
    expect(Math.abs(mean / 0.3 - 1)).toBeLessThanOrEqual(0.1);
  });

  it('fits the remission rate to its exact MLE, events / exposure, and recovers the truth at n = 500', () => {
    // With a constant remission hazard and deaths censoring, the likelihood is the exponential
    // one, whose maximum is d / Σt (per month; × 12 per year). The fit must land on it (the weak
    // prior moves it by far less than 2%), and over five trials of 500 patients the estimate must
    // be within 10% of the true 0.5/yr (one trial alone is within about ±13% at 2 SE:
    // ~250 remissions).
    const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, TRUTH);
    const fits = [1, 2, 3, 4, 5].map((k) => {
      const cohort = simulateCohort(spec, {
        n: 500,
        horizonMonths: 60,
        seed: `fit-remission-${k}`,
        design: { accrualMonths: 24, cutoffMonths: 60, lossPerYear: 0.05 },
      });
      const { km } = timeToRemissionData(cohort, spec);
      let d = 0;
      let exposure = 0;
      km.time.forEach((t, i) => {
        d += km.event[i]!;
        exposure += t;
      });
      const fit = calibrate({
        template: DEFAULT_TEMPLATE_OPTIONS,
        targets: [],
        fixed: { relapse: [0.3], deathActive: [0.45], deathRemission: [0.2], deathRelapse: [0.6] },
        extraTerms: [reconstructedTerm('curve', 'Remission', 'timeToRemission', km)],
        starts: 2,
      });
      const fitted = fit.intensities.remission![0]!;
      expect(Math.abs(fitted / ((12 * d) / exposure) - 1)).toBeLessThanOrEqual(0.02);
      return fitted;
    });
    const mean = fits.reduce((a, b) => a + b, 0) / fits.length;
    expect(Math.abs(mean / TRUTH.remission[0]! - 1)).toBeLessThanOrEqual(0.1);
  });
});
