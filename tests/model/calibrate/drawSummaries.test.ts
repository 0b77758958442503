import { describe, expect, it } from 'vitest';
import { calibrate } from '../../../src/model/calibrate/calibrate';
import {
  parameterBand,
  predictiveBands,
  timeInStateSummary,
} from '../../../src/model/calibrate/drawSummaries';
import { buildModel, DEFAULT_TEMPLATE_OPTIONS } from '../../../src/model/markov/template';
import { lifeYears } from '../../../src/model/markov/timeInState';
import { cohortTrace } from '../../../src/model/markov/trace';
import { quantityFromTrace } from '../../../src/model/estimate/proportions';
import type { Quantity } from '../../../src/model/types';

const SURVIVAL: Quantity = { kind: 'survival' };
const fit = calibrate({
  template: DEFAULT_TEMPLATE_OPTIONS,
  targets: [
    { id: 'F1', label: 'OS', quantity: SURVIVAL, time: 60, k: 68, n: 81 },
    { id: 'F5', label: 'Ever', quantity: { kind: 'everRemitted' }, time: 60, k: 37, n: 81 },
  ],
  fixed: { relapse: [0.1], deathRemission: [0.01], deathRelapse: [0.04] },
  draws: 300,
  drawSeed: 'band',
});

describe('parameterBand', () => {
  it('collapses onto the expected course when every draw is the fit', () => {
    const band = parameterBand(
      DEFAULT_TEMPLATE_OPTIONS,
      [fit.intensities, fit.intensities],
      SURVIVAL,
      60,
      6,
    );
    const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, fit.intensities);
    const tr = cohortTrace(spec, { horizonMonths: 60, stepMonths: 6 });
    band.times.forEach((t, i) => {
      const s = quantityFromTrace(spec, tr, SURVIVAL, t);
      expect(band.lower[i]).toBeCloseTo(s, 14);
      expect(band.upper[i]).toBeCloseTo(s, 14);
    });
  });

  it('widens with time around the fitted survival and contains the published 68/81 at 60 months', () => {
    const band = parameterBand(DEFAULT_TEMPLATE_OPTIONS, fit.draws!.sets, SURVIVAL, 60, 12);
    expect(band.times).toEqual([0, 12, 24, 36, 48, 60]);
    expect(band.upper[0]! - band.lower[0]!).toBe(0);
    for (let i = 1; i < band.times.length; i++) {
      expect(band.upper[i]! - band.lower[i]!).toBeGreaterThan(
        band.upper[i - 1]! - band.lower[i - 1]!,
      );
    }
    expect(band.lower[5]!).toBeLessThan(68 / 81);
    expect(band.upper[5]!).toBeGreaterThan(68 / 81);
  });
});

describe('timeInStateSummary', () => {
  it('lanes add up to the horizon; life-years are the alive lanes, with intervals around them', () => {
    const s = timeInStateSummary(DEFAULT_TEMPLATE_OPTIONS, fit.intensities, fit.draws!.sets, 60);
    expect(s.lanes.map((l) => l.lane)).toEqual(['active', 'remission', 'relapse', 'dead']);
    expect(s.lanes.reduce((a, l) => a + l.months, 0)).toBeCloseTo(60, 10);
    const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, fit.intensities);
    expect(s.lifeYears.years).toBeCloseTo(lifeYears(spec, 60), 12);
    expect(s.lifeYears.lower!).toBeLessThan(s.lifeYears.years);
    expect(s.lifeYears.upper!).toBeGreaterThan(s.lifeYears.years);
    for (const l of s.lanes) {
      expect(l.lower!).toBeLessThanOrEqual(l.months + 1e-9);
      expect(l.upper!).toBeGreaterThanOrEqual(l.months - 1e-9);
    }
  });

  it('without draws gives no interval (null, never NaN)', () => {
    const s = timeInStateSummary(DEFAULT_TEMPLATE_OPTIONS, fit.intensities, [], 60);
    expect(s.lifeYears.lower).toBeNull();
    expect(s.lanes[0]!.upper).toBeNull();
  });
});

describe('predictiveBands', () => {
  const grid = Float64Array.from({ length: 61 }, (_, i) => i);
  const opts = { n: 81, horizonMonths: 60, seed: 'pred', grid };

  it('is reproducible from the seed', () => {
    const a = predictiveBands(DEFAULT_TEMPLATE_OPTIONS, fit.draws!.sets.slice(0, 50), opts);
    const b = predictiveBands(DEFAULT_TEMPLATE_OPTIONS, fit.draws!.sets.slice(0, 50), opts);
    expect(a.os.lower).toEqual(b.os.lower);
  });

  it('is wider at 5 years than trials at the fitted rates alone (both kinds of uncertainty)', () => {
    const pred = predictiveBands(DEFAULT_TEMPLATE_OPTIONS, fit.draws!.sets, opts);
    const fixedRates = predictiveBands(
      DEFAULT_TEMPLATE_OPTIONS,
      fit.draws!.sets.map(() => fit.intensities),
      opts,
    );
    const width = (b: typeof pred) => b.os.upper[60]! - b.os.lower[60]!;
    expect(width(pred)).toBeGreaterThan(width(fixedRates) * 1.15);
  });
});
