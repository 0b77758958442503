import { describe, expect, it } from 'vitest';
import { calibrate } from '../../src/model/calibrate/calibrate';
import { decodeLink, studyOf } from '../../src/scenario/builtIn';
import { planFit } from '../../src/scenario/fit';
import { trialOf } from '../../src/scenario/scenario';
import { createUncertaintyWork, fitWithIntervals } from '../../src/ui/uncertaintyJob';
import { uncertaintyKeys } from '../../src/ui/uncertaintyKeys';

const trial = trialOf(decodeLink('?study=followup2018&seed=lecture').scenario);
const { extraTerms: _terms, ...plan } = planFit(trial, studyOf(trial)).options;
// A real fit with few draws (the summary's cost grows with them), computed once.
const result = calibrate({ ...plan, intervals: true, draws: 20, drawSeed: trial.seed });

/** A work whose fits are counted (each returns the fit above after one step). */
function counted() {
  const calls: string[] = [];
  const work = createUncertaintyWork(function* (_options, _curves, seed) {
    calls.push(seed);
    yield { label: 'fit', done: 1, total: 1 };
    return { result, template: plan.template };
  });
  return { work, calls };
}

const run = <R>(job: () => Iterator<unknown, R>): { value: R; steps: number } => {
  const it = job();
  let steps = 0;
  for (;;) {
    const s = it.next();
    if (s.done) return { value: s.value, steps };
    steps++;
  }
};

describe('uncertaintyJob (the worker side of what the figures allow)', () => {
  it('summarises a fit for the screen, under the keys it was asked with', () => {
    const { work } = counted();
    const keys = uncertaintyKeys(trial, []);
    const { value: fit, steps } = run(work.job({ ...keys, trial, options: plan, curves: [] }));
    expect(fit!.fitKey).toBe(keys.fitKey);
    expect(fit!.key).toBe(keys.key);
    expect(fit!.intervals.map((i) => i.name)).toEqual(result.free);
    expect(fit!.intensities).toEqual(result.intensities);
    expect(fit!.drawTraces).toHaveLength(20);
    expect(fit!.predictive.grid[fit!.predictive.grid.length - 1]).toBe(trial.horizon);
    // In steps: the fit's, then the predictive trials' (20 sets in batches of 10).
    expect(steps).toBeGreaterThanOrEqual(2);
    expect(work.cached(keys.key)).toBe(fit);
  });

  it('reuses a cached fit when only the bands change (another n), refits for another seed', () => {
    const { work, calls } = counted();
    const a = { ...uncertaintyKeys(trial, []), trial, options: plan, curves: [] };
    run(work.job(a));
    const bigger = { ...trial, n: 200 };
    const b = { ...uncertaintyKeys(bigger, []), trial: bigger, options: plan, curves: [] };
    expect(b.fitKey).toBe(a.fitKey);
    expect(work.cached(b.key)).toBeUndefined();
    run(work.job(b));
    expect(calls).toHaveLength(1);
    expect(work.cached(a.key)).toBeDefined();
    expect(work.cached(b.key)).toBeDefined();
    const seeded = { ...trial, seed: 'other' };
    run(work.job({ ...uncertaintyKeys(seeded, []), trial: seeded, options: plan, curves: [] }));
    expect(calls).toEqual(['lecture', 'other']);
  });

  it('fits with intervals and seeded draws of the trial (the same intervals as calibrate)', () => {
    const { value } = run(() => fitWithIntervals(plan, [], trial.seed));
    const direct = calibrate({ ...plan, intervals: true });
    expect(value.result.intervals).toEqual(direct.intervals);
    expect(value.result.draws!.sets).toHaveLength(200);
    expect(value.result.draws!.seed).toBe('lecture');
  }, 60_000);
});
