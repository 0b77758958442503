import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { kaplanMeier, survivalOnGrid } from '../../../src/model/estimate/kaplanMeier';
import {
  competingOnGrid,
  cumulativeIncidence,
} from '../../../src/model/estimate/cumulativeIncidence';
import { BUCKET_MIN_ROWS } from '../../../src/model/numeric/sortTimes';
import { incidenceOnGrid, monthlyGrid } from '../../../src/model/estimate/curves';
import { maxDifference, plainCumulativeIncidence, plainKaplanMeier } from './plainEstimators';

/**
 * The linear-time estimators (issue 14) against the plain ones they replaced
 * (plainEstimators.ts), on random right-censored and competing-risks data with ties: the same
 * numbers to 1e-12. Sizes run past `BUCKET_MIN_ROWS` so both sorting paths are used.
 */

/** Random (time, cause) rows: times on a coarse grid (ties) or continuous, causes 0–2. */
function rows(seed: string, n: number, tied: boolean): { time: Float64Array; cause: Uint8Array } {
  const u = seedrandom.alea(seed);
  const time = new Float64Array(n);
  const cause = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = -Math.log(1 - u()) * 30;
    time[i] = tied ? Math.round(t * 2) / 2 : Math.min(t, 60);
    const r = u();
    cause[i] = r < 0.35 ? 0 : r < 0.8 ? 1 : 2;
  }
  return { time, cause };
}

const rowsArb = fc.record({
  seed: fc.string({ maxLength: 6 }),
  n: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: BUCKET_MIN_ROWS, max: 12_000 })),
  tied: fc.boolean(),
});

describe('kaplanMeier equals the plain implementation', () => {
  it('on random censored data with ties, every column to 1e-12 (fast-check)', () => {
    fc.assert(
      fc.property(rowsArb, ({ seed, n, tied }) => {
        const { time, cause } = rows(seed, n, tied);
        const event = cause.map((c) => (c === 1 ? 1 : 0));
        const fast = kaplanMeier(time, event);
        const plain = plainKaplanMeier(time, event);
        for (const k of [
          'time',
          'nRisk',
          'nEvent',
          'survival',
          'stdErr',
          'lower',
          'upper',
        ] as const) {
          expect(maxDifference(fast[k], plain[k]), k).toBeLessThanOrEqual(1e-12);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('cumulativeIncidence equals the plain implementation', () => {
  it('on random competing-risks data with ties, every column to 1e-12 (fast-check)', () => {
    fc.assert(
      fc.property(rowsArb, ({ seed, n, tied }) => {
        const { time, cause } = rows(seed, n, tied);
        const fast = cumulativeIncidence(time, cause, [1, 2]);
        const plain = plainCumulativeIncidence(time, cause, [1, 2]);
        for (const k of ['time', 'nRisk', 'survival'] as const) {
          expect(maxDifference(fast[k], plain[k]), k).toBeLessThanOrEqual(1e-12);
        }
        for (const r of [0, 1]) {
          expect(maxDifference(fast.incidence[r]!, plain.incidence[r]!)).toBeLessThanOrEqual(1e-12);
          expect(maxDifference(fast.nEvent[r]!, plain.nEvent[r]!)).toBeLessThanOrEqual(1e-12);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('competingOnGrid', () => {
  it('equals the plain Aalen–Johansen and 1 − Kaplan–Meier sampled on the grid, to 1e-12 (fast-check)', () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom(1, 0.5, 0.3, 7), ({ seed, n, tied }, step) => {
        const { time, cause } = rows(seed, n, tied);
        const grid = monthlyGrid(60, step);
        const fast = competingOnGrid(time, cause, grid);
        const cif = incidenceOnGrid(plainCumulativeIncidence(time, cause, [1, 2]), 0, grid);
        const km = survivalOnGrid(
          plainKaplanMeier(
            time,
            cause.map((c) => (c === 1 ? 1 : 0)),
          ),
          grid,
        ).map((s) => 1 - s);
        expect(maxDifference(fast.incidence, cif)).toBeLessThanOrEqual(1e-12);
        expect(maxDifference(fast.oneMinusKm, km)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it('reads an event at a grid time as already happened there (right-continuous)', () => {
    // Events at exactly 1 and 2 months: the curve has moved at 1 and 2, not before.
    const g = competingOnGrid([1, 2, 3], [1, 2, 0], [0, 0.5, 1, 2, 3]);
    // By hand: 3 at risk at 1 month, one remission: F = 1 − KM = 1/3 from 1 month on; the death at 2
    // moves neither curve.
    expect(maxDifference(g.incidence, [0, 0, 1 / 3, 1 / 3, 1 / 3])).toBeLessThan(1e-15);
    expect(maxDifference(g.oneMinusKm, [0, 0, 1 / 3, 1 / 3, 1 / 3])).toBeLessThan(1e-15);
  });
});
