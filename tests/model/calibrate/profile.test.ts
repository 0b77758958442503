import { describe, expect, it } from 'vitest';
import { calibrate } from '../../../src/model/calibrate/calibrate';
import { quantityFromOccupancy } from '../../../src/model/estimate/proportions';
import {
  buildModel,
  DEFAULT_TEMPLATE_OPTIONS,
  type ParameterId,
} from '../../../src/model/markov/template';
import { reconstructedTerm } from '../../../src/model/calibrate/reconstructedLikelihood';
import { simulateCohort } from '../../../src/model/simulate/microsim';
import { occupancyAt } from '../../../src/model/markov/trace';
import { createStream } from '../../../src/model/simulate/random';
import type { Quantity, Target } from '../../../src/model/types';

/** Truth: the 2018 preset's fitted intensities (per year). */
const TRUTH = {
  remission: [0.1415],
  relapse: [0.1003],
  deathActive: [0.0435],
  deathRemission: [0.008848],
  deathRelapse: [0.0435],
};
/** The 2018 figures' quantities, times and denominators (F1, F4, F5, F6). */
const DESIGN: { id: string; quantity: Quantity; n: number }[] = [
  { id: 'F1', quantity: { kind: 'survival' }, n: 81 },
  { id: 'F4', quantity: { kind: 'inState', which: 'remission', denominator: 'enrolled' }, n: 81 },
  { id: 'F5', quantity: { kind: 'everRemitted' }, n: 81 },
  { id: 'F6', quantity: { kind: 'relapsedAmongRemitted' }, n: 37 },
];

const truthSpec = buildModel(DEFAULT_TEMPLATE_OPTIONS, TRUTH);
const truthP = DESIGN.map((d) =>
  quantityFromOccupancy(truthSpec, occupancyAt(truthSpec, 60), undefined, d.quantity),
);

/** One published-style set: kᵢ ~ Binomial(nᵢ, pᵢ(truth)), drawn from a seeded stream. */
function syntheticSet(r: number): Target[] {
  const stream = createStream('coverage', r);
  return DESIGN.map((d, i) => {
    let k = 0;
    for (let j = 0; j < d.n; j++) if (stream.next() < truthP[i]!) k++;
    return { id: d.id, label: d.id, quantity: d.quantity, time: 60, k, n: d.n };
  });
}

describe('profile-likelihood intervals', () => {
  it('cover the true intensities in 90–99% of 200 synthetic sets of the 2018 figures', () => {
    // A small structure keeps this fast: remission and relapse fitted, the death rates fixed at
    // the truth. Each set is four k/n figures drawn at the study's time (60 months) and sizes.
    const fixed = {
      deathActive: TRUTH.deathActive,
      deathRemission: TRUTH.deathRemission,
      deathRelapse: TRUTH.deathRelapse,
    };
    const hits = { remission: 0, relapse: 0 };
    const sets = 200;
    for (let r = 0; r < sets; r++) {
      const fit = calibrate({
        template: DEFAULT_TEMPLATE_OPTIONS,
        targets: syntheticSet(r),
        fixed,
        starts: 2,
        findConflicts: false,
        intervals: true,
      });
      for (const iv of fit.intervals!) {
        const id = iv.name as keyof typeof hits;
        const truth = TRUTH[id][0]!;
        if (iv.lower <= truth && truth <= iv.upper) hits[id]++;
      }
    }
    for (const [id, h] of Object.entries(hits)) {
      expect(h / sets, id).toBeGreaterThanOrEqual(0.9);
      expect(h / sets, id).toBeLessThanOrEqual(0.99);
    }
    // About 3 s of CPU; the limit only guards a hang on a loaded machine.
  }, 120_000);

  const preset = calibrate({
    template: DEFAULT_TEMPLATE_OPTIONS,
    targets: DESIGN.map((d, i) => ({
      id: d.id,
      label: d.id,
      quantity: d.quantity,
      time: 60,
      k: [68, 28, 37, 9][i]!,
      n: d.n,
    })),
    tied: [['deathActive', 'deathRelapse']],
    intervals: true,
  });

  it('give every fitted value an interval around its estimate, in the order of `free`', () => {
    expect(preset.intervals!.map((i) => i.name)).toEqual(preset.free);
    for (const iv of preset.intervals!) {
      expect(iv.lower, iv.name).toBeLessThan(iv.estimate);
      expect(iv.upper, iv.name).toBeGreaterThan(iv.estimate);
    }
  });

  it('flag death in remission (no 2018 figure separates it) with the end of the searched range', () => {
    const dr = preset.intervals!.find((i) => i.name === 'deathRemission')!;
    expect(dr.weaklyIdentified).toBe(true);
    expect(dr.lowerAtSearchEnd).toBe(true);
    expect(dr.lower).toBeCloseTo(1e-4, 12); // the searched range's lower end (bounds.min)
    const remission = preset.intervals!.find((i) => i.name === 'remission')!;
    expect(remission.weaklyIdentified).toBe(false);
    expect(remission.lowerAtSearchEnd || remission.upperAtSearchEnd).toBe(false);
  });

  it('the ends are where the likelihood has dropped by 1.96²/2 (checked by refitting there)', () => {
    // Hold remission at each end, refit the rest, compare log-likelihoods with the fit's.
    const rem = preset.intervals!.find((i) => i.name === 'remission')!;
    for (const end of [rem.lower, rem.upper]) {
      const held = calibrate({
        template: DEFAULT_TEMPLATE_OPTIONS,
        targets: preset.fit.map((f) => ({
          id: f.id,
          label: f.label,
          quantity: DESIGN.find((d) => d.id === f.id)!.quantity,
          time: f.time,
          k: f.k,
          n: f.n,
        })),
        tied: [['deathActive', 'deathRelapse']],
        fixed: { remission: [end] },
      });
      expect(2 * (preset.logLik - held.logLik)).toBeCloseTo(1.959963984540054 ** 2, 1);
    }
  });
});

describe('profile-likelihood intervals with a digitised curve in the fit', () => {
  // Two fitted values (remission; one death rate shared by every alive state), the 2018 survival
  // and ever-remitted figures, and the overall survival of 200 simulated patients standing in for
  // a reconstructed curve: the curve's patients inform the death rate far more than 68/81 alive.
  const fixed = { relapse: TRUTH.relapse };
  const tied = [['deathActive', 'deathRemission', 'deathRelapse'] as ParameterId[]];
  const targets = DESIGN.filter((d) => d.id === 'F1' || d.id === 'F5').map((d) => ({
    id: d.id,
    label: d.id,
    quantity: d.quantity,
    time: 60,
    k: d.id === 'F1' ? 68 : 37,
    n: d.n,
  }));
  const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
    ...TRUTH,
    deathRemission: TRUTH.deathActive,
  });
  const cohort = simulateCohort(spec, { n: 200, horizonMonths: 60, seed: 'profile-curve' });
  const time: number[] = [];
  const event: number[] = [];
  for (let p = 0; p < cohort.n; p++) {
    const last = cohort.offsets[p + 1]! - 1;
    const dead = !spec.states[cohort.eventState[last]!]!.alive;
    time.push(dead ? cohort.eventTime[last]! : cohort.followUp[p]!);
    event.push(dead ? 1 : 0);
  }
  const curve = reconstructedTerm('os', 'OS curve', 'overallSurvival', { time, event });
  const base = { template: DEFAULT_TEMPLATE_OPTIONS, targets, fixed, tied, starts: 2 };
  const without = calibrate({ ...base, intervals: true, draws: 200, drawSeed: 'curve' });
  const withCurve = calibrate({
    ...base,
    extraTerms: [curve],
    intervals: true,
    draws: 200,
    drawSeed: 'curve',
  });
  const death = (r: typeof without) =>
    r.intervals!.find((i) => i.name === 'deathActive=deathRemission=deathRelapse')!;

  it('narrows the death rate’s interval when the curve joins the fit', () => {
    const a = death(without);
    const b = death(withCurve);
    expect(b.lowerAtSearchEnd || b.upperAtSearchEnd).toBe(false);
    // Width on the log scale: 200 patients' times of death against one 68/81.
    expect(Math.log(b.upper / b.lower)).toBeLessThan(0.75 * Math.log(a.upper / a.lower));
    expect(b.lower).toBeLessThan(b.estimate);
    expect(b.upper).toBeGreaterThan(b.estimate);
  });

  it('puts the ends where the whole likelihood (figures + curve) has dropped by 1.96²/2', () => {
    const full = (r: typeof without) => r.logLik + r.extraLogLik[0]!.logLik;
    const b = death(withCurve);
    for (const end of [b.lower, b.upper]) {
      const held = calibrate({
        ...base,
        extraTerms: [curve],
        tied: [],
        fixed: { ...fixed, deathActive: [end], deathRemission: [end], deathRelapse: [end] },
      });
      expect(2 * (full(withCurve) - full(held))).toBeCloseTo(1.959963984540054 ** 2, 1);
    }
  });

  it('narrows the spread of the drawn death rates too', () => {
    const spread = (r: typeof without) => {
      const xs = r.draws!.sets.map((s) => Math.log(s.deathActive![0]!)).sort((p, q) => p - q);
      return xs[Math.floor(0.975 * xs.length)]! - xs[Math.floor(0.025 * xs.length)]!;
    };
    expect(spread(withCurve)).toBeLessThan(0.75 * spread(without));
  });
});
