import { describe, expect, it } from 'vitest';
import { buildModel, DEFAULT_TEMPLATE_OPTIONS } from '../../../src/model/markov/template';
import { simulateCohort } from '../../../src/model/simulate/microsim';
import { createDotLayout, lanesOf } from '../../../src/ui/cohort/dotLayout';
import { createLaneCounts, DOT_LIMIT, firstPatients } from '../../../src/ui/cohort/laneCounts';

const spec = buildModel(
  { ...DEFAULT_TEMPLATE_OPTIONS, reRemission: true },
  {
    remission: [1.5],
    relapse: [0.8],
    reRemission: [1],
    deathActive: [0.1],
    deathRemission: [0.05],
    deathRelapse: [0.2],
  },
);
const SIZE = { width: 800, height: 400 };

describe('createLaneCounts', () => {
  it('gives at every time the counts the dot layout finds patient by patient, censored included', () => {
    const design = { accrualMonths: 24, cutoffMonths: 48, lossPerYear: 0.3 };
    for (const seed of ['a', 'b', 'c']) {
      const cohort = simulateCohort(spec, { n: 3000, horizonMonths: 48, seed, design });
      const layout = createDotLayout(cohort, spec, SIZE);
      const counts = createLaneCounts(cohort, spec, lanesOf(spec));
      const out = new Int32Array(layout.nLanes + 1);
      // Grid times, event times and follow-up times themselves (the edges), and past the end.
      const times = [0, 0.5, 1, 6, 12.25, 24, 47.9, 48, 60];
      for (let p = 0; p < 40; p++) {
        times.push(cohort.eventTime[cohort.offsets[p]! + 1] ?? 3, cohort.followUp[p]!);
      }
      for (const t of times) {
        layout.update(t);
        counts.countsAt(t, out);
        expect([...out], `t = ${t}`).toEqual([...layout.counts]);
      }
    }
  });
});

describe('firstPatients', () => {
  it('is the first k patients with their own events, as a cohort of its own', () => {
    const cohort = simulateCohort(spec, { n: DOT_LIMIT + 500, horizonMonths: 24, seed: 's' });
    const sample = firstPatients(cohort, DOT_LIMIT);
    expect(sample.n).toBe(DOT_LIMIT);
    expect(sample.offsets).toHaveLength(DOT_LIMIT + 1);
    expect(sample.eventTime).toHaveLength(cohort.offsets[DOT_LIMIT]!);
    const p = DOT_LIMIT - 1;
    const events = (c: typeof cohort) =>
      [...c.eventTime.subarray(c.offsets[p]!, c.offsets[p + 1]!)].join();
    expect(events(sample)).toBe(events(cohort));
    // The same patients at any n: the sample of a larger cohort of the same seed is identical.
    const larger = firstPatients(
      simulateCohort(spec, { n: 2 * DOT_LIMIT, horizonMonths: 24, seed: 's' }),
      DOT_LIMIT,
    );
    expect([...larger.eventTime]).toEqual([...sample.eventTime]);
  });
});
