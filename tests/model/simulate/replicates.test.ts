import { quantileSorted } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { followup2018 } from '../../../src/data/followup2018';
import { CURVE_IDS, estimateCurves, monthlyGrid } from '../../../src/model/estimate/curves';
import { simulateCohort } from '../../../src/model/simulate/microsim';
import { quantityFromOccupancy } from '../../../src/model/estimate/proportions';
import { runReplicates, type ReplicateOptions } from '../../../src/model/simulate/replicates';
import { buildModel } from '../../../src/model/markov/template';
import { occupancyAt } from '../../../src/model/markov/trace';
import type { Target } from '../../../src/model/types';

describe('quantileSorted (d3-array, used for every band)', () => {
  it("equals R's quantile(x, type = 7) (R's default)", () => {
    // R 4.x: quantile(1:10, c(.025, .5, .975)) → 1.225 5.500 9.775
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileSorted(x, 0.025)).toBeCloseTo(1.225, 12);
    expect(quantileSorted(x, 0.5)).toBeCloseTo(5.5, 12);
    expect(quantileSorted(x, 0.975)).toBeCloseTo(9.775, 12);
    // Hand-worked, Hyndman & Fan (1996) definition 7: h = (n − 1)p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
    // quantile(c(1, 3, 7, 15), 0.1): h = 0.3 → 1 + 0.3·2 = 1.6
    expect(quantileSorted([1, 3, 7, 15], 0.1)).toBeCloseTo(1.6, 12);
    // quantile(c(2.5, 4, 10), 0.975): h = 1.95 → 4 + 0.95·6 = 9.7
    expect(quantileSorted([2.5, 4, 10], 0.975)).toBeCloseTo(9.7, 12);
    // quantile(c(0.1, 0.2), 0.5) = 0.15
    expect(quantileSorted([0.1, 0.2], 0.5)).toBeCloseTo(0.15, 15);
  });

  it('returns the extremes at p = 0 and 1, the value of a single sample, nothing when empty (the bands write NaN)', () => {
    expect(quantileSorted([3, 4, 8], 0)).toBe(3);
    expect(quantileSorted([3, 4, 8], 1)).toBe(8);
    expect(quantileSorted([42], 0.025)).toBe(42);
    expect(quantileSorted([], 0.5)).toBeUndefined();
  });
});

// The fitted 2018 model (81 patients, everyone followed 5 years) and its four primary targets.
const spec = buildModel(followup2018.template, followup2018.fitted!);
const targets: Target[] = followup2018.figures.filter((f) =>
  followup2018.calibration.targetIds.includes(f.id),
);
const grid = monthlyGrid(60);
const base: ReplicateOptions = {
  n: 81,
  horizonMonths: 60,
  replicates: 400,
  seed: 'lupus',
  grid,
  design: followup2018.design.studyDesign,
  targets,
};
const summary = runReplicates(spec, base);

/** R's type-7 quantile, written out again so the test does not lean on quantileSorted. */
function type7(values: number[], p: number): number {
  const s = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
}

/** Bands computed directly from replicates 0 … R−1, each simulated on the documented stream. */
function bandsByHand(R: number, options: ReplicateOptions = base) {
  const curves = Array.from({ length: R }, (_, r) => {
    const cohort = simulateCohort(spec, {
      n: options.n,
      horizonMonths: options.horizonMonths,
      seed: options.seed,
      stream: ['replicate', r],
      design: options.design,
    });
    return estimateCurves(cohort, spec, options.grid).values;
  });
  return (id: (typeof CURVE_IDS)[number], g: number, p: number) =>
    type7(
      curves.map((c) => c[id][g]!),
      p,
    );
}

describe('runReplicates', () => {
  it('puts the exact 5-year survival of the model inside the band of simulated KM curves', () => {
    const exact = occupancyAt(spec, 60).reduce((s, v, i) => s + (spec.states[i]!.alive ? v : 0), 0);
    expect(exact).toBeGreaterThan(0.75); // the fitted model: 68/81 alive at 5 years
    expect(exact).toBeLessThan(0.92);
    const band = summary.bands.os;
    expect(band.lower[60]).toBeLessThanOrEqual(exact);
    expect(band.upper[60]).toBeGreaterThanOrEqual(exact);
    expect(Math.abs(band.median[60]! - exact)).toBeLessThan(0.03);
  });

  it('has a 5-year survival band as wide as the binomial one for 81 patients (within 25%)', () => {
    const p = occupancyAt(spec, 60).reduce((s, v, i) => s + (spec.states[i]!.alive ? v : 0), 0);
    const binomial = 2 * 1.96 * Math.sqrt((p * (1 - p)) / 81);
    const width = summary.bands.os.upper[60]! - summary.bands.os.lower[60]!;
    expect(width / binomial).toBeGreaterThan(0.75);
    expect(width / binomial).toBeLessThan(1.25);
  });

  it('starts every band at the certain values at time 0', () => {
    expect(summary.bands.os.lower[0]).toBe(1);
    expect(summary.bands.os.upper[0]).toBe(1);
    expect(summary.bands.everRemitted.upper[0]).toBe(0);
    expect(summary.bands.relapsedAmongRemitted.median[0]).toBeNaN(); // nobody has remitted yet
  });

  it("puts each primary target's model value inside its replicate distribution", () => {
    const occ = occupancyAt(spec, 60);
    expect(summary.targets.map((t) => t.id)).toEqual(['F1', 'F4', 'F5', 'F6']);
    for (const dist of summary.targets) {
      const target = targets.find((t) => t.id === dist.id)!;
      const model = quantityFromOccupancy(spec, occ, undefined, target.quantity);
      expect(dist.lower, dist.id).toBeLessThanOrEqual(model);
      expect(dist.upper, dist.id).toBeGreaterThanOrEqual(model);
      expect(dist.lower).toBeLessThan(dist.upper);
    }
    const f1 = summary.targets.find((t) => t.id === 'F1')!;
    expect(f1.count).toBe(400); // survival always has a denominator
    // Without censoring, the F1 distribution is the 5-year KM survival's.
    expect(f1.lower).toBeCloseTo(summary.bands.os.lower[60]!, 12);
    expect(f1.upper).toBeCloseTo(summary.bands.os.upper[60]!, 12);
  });

  it("simulates replicate r on the stream ['replicate', r], so R = 100 extends R = 50", () => {
    const small = { ...base, replicates: 50 };
    const large = { ...base, replicates: 100 };
    const a = runReplicates(spec, small);
    const b = runReplicates(spec, large);
    const byHand = bandsByHand(100);
    const byHand50 = bandsByHand(50);
    for (const id of ['os', 'everRemitted', 'relapseCif', 'inRemission'] as const) {
      for (const g of [12, 36, 60]) {
        expect(a.bands[id].lower[g], `${id} ${g}`).toBeCloseTo(byHand50(id, g, 0.025), 12);
        expect(a.bands[id].upper[g], `${id} ${g}`).toBeCloseTo(byHand50(id, g, 0.975), 12);
        expect(b.bands[id].lower[g], `${id} ${g}`).toBeCloseTo(byHand(id, g, 0.025), 12);
        expect(b.bands[id].median[g], `${id} ${g}`).toBeCloseTo(byHand(id, g, 0.5), 12);
        expect(b.bands[id].upper[g], `${id} ${g}`).toBeCloseTo(byHand(id, g, 0.975), 12);
      }
    }
  });

  it('with one replicate, every band is that replicate’s curves', () => {
    const one = runReplicates(spec, { ...base, replicates: 1 });
    const cohort = simulateCohort(spec, {
      n: 81,
      horizonMonths: 60,
      seed: 'lupus',
      stream: ['replicate', 0],
      design: base.design,
    });
    const v = estimateCurves(cohort, spec, grid).values;
    for (const id of CURVE_IDS) {
      expect([...one.bands[id].median]).toEqual([...v[id]]);
      expect([...one.bands[id].lower]).toEqual([...v[id]]);
    }
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const opts = { ...base, replicates: 30 };
    const a = runReplicates(spec, opts);
    const b = runReplicates(spec, opts);
    for (const id of CURVE_IDS) {
      expect([...a.bands[id].lower]).toEqual([...b.bands[id].lower]);
      expect([...a.bands[id].upper]).toEqual([...b.bands[id].upper]);
    }
    expect(a.targets).toEqual(b.targets);
    const c = runReplicates(spec, { ...opts, seed: 'another seed' });
    expect([...c.bands.os.median]).not.toEqual([...a.bands.os.median]);
  });

  it('rejects a replicate count that is not a whole number ≥ 0', () => {
    expect(() => runReplicates(spec, { ...base, replicates: -1 })).toThrow(/replicates/);
    expect(() => runReplicates(spec, { ...base, replicates: 2.5 })).toThrow(/replicates/);
  });
});
