import { describe, expect, it } from 'vitest';
import { calibrate, type CalibrationOptions } from '../../../src/model/calibrate/calibrate';
import { DEFAULT_TEMPLATE_OPTIONS } from '../../../src/model/markov/template';
import type { Target } from '../../../src/model/types';

const TARGETS_2018: Target[] = [
  { id: 'F1', label: 'OS', quantity: { kind: 'survival' }, time: 60, k: 68, n: 81 },
  {
    id: 'F4',
    label: 'In remission',
    quantity: { kind: 'inState', which: 'remission', denominator: 'enrolled' },
    time: 60,
    k: 28,
    n: 81,
  },
  { id: 'F5', label: 'Ever remitted', quantity: { kind: 'everRemitted' }, time: 60, k: 37, n: 81 },
  {
    id: 'F6',
    label: 'Relapsed',
    quantity: { kind: 'relapsedAmongRemitted' },
    time: 60,
    k: 9,
    n: 37,
  },
];
const options: CalibrationOptions = {
  template: DEFAULT_TEMPLATE_OPTIONS,
  targets: TARGETS_2018,
  tied: [['deathActive', 'deathRelapse']],
  intervals: true,
  draws: 400,
  drawSeed: 'class1',
};
const r = calibrate(options);
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

describe('parameter draws (sampling-importance-resampling)', () => {
  it('are reproducible from the seed and change with it', () => {
    const again = calibrate(options);
    expect(again.draws).toEqual(r.draws);
    const other = calibrate({ ...options, drawSeed: 'class2' });
    expect(other.draws!.sets).not.toEqual(r.draws!.sets);
    expect(other.intensities).toEqual(r.intensities); // the fit itself does not use this seed
  });

  it('give full intensity sets, tied values equal, fixed structure respected', () => {
    expect(r.draws!.sets).toHaveLength(400);
    for (const s of r.draws!.sets) {
      expect(s.deathActive).toEqual(s.deathRelapse);
      for (const v of Object.values(s)) for (const x of v!) expect(x).toBeGreaterThan(0);
    }
    expect(r.draws!.effectiveSize).toBeGreaterThan(100);
  });

  it('spread like the profile-likelihood intervals where the figures inform the rate', () => {
    // Two approximations of the same uncertainty: their 95% ranges should roughly agree for the
    // well-identified remission and relapse rates (within 25% at each end).
    for (const id of ['remission', 'relapse'] as const) {
      const xs = r.draws!.sets.map((s) => s[id]![0]!);
      const iv = r.intervals!.find((i) => i.name === id)!;
      expect(quantile(xs, 0.025) / iv.lower, `${id} lower`).toBeGreaterThan(0.75);
      expect(quantile(xs, 0.025) / iv.lower, `${id} lower`).toBeLessThan(1.25);
      expect(quantile(xs, 0.975) / iv.upper, `${id} upper`).toBeGreaterThan(0.75);
      expect(quantile(xs, 0.975) / iv.upper, `${id} upper`).toBeLessThan(1.25);
    }
  });

  it('rejects a bad draw count, naming it', () => {
    expect(() => calibrate({ ...options, draws: 1.5 })).toThrow(/draws must be an integer/);
  });
});
