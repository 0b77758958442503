import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { BUCKET_MIN_ROWS, sortedByCode, sortTimes } from '../../../src/model/numeric/sortTimes';

/** The native numeric sort of a copy: what `sortTimes` must return. */
const nativeSorted = (a: Float64Array) => Float64Array.from(a).sort();

/** n draws of `draw` from a seeded stream. */
function sample(seed: string, n: number, draw: (u: () => number) => number): Float64Array {
  const rng = seedrandom.alea(seed);
  return Float64Array.from({ length: n }, () => draw(() => rng()));
}

describe('sortTimes', () => {
  const n = 3 * BUCKET_MIN_ROWS;
  const cases: Record<string, Float64Array> = {
    'exponential times (the simulated case)': sample('e', n, (u) => -Math.log(1 - u()) * 20),
    'a mixture of fast and slow exponentials': sample('m', n, (u) =>
      u() < 0.5 ? -Math.log(1 - u()) * 0.05 : -Math.log(1 - u()) * 500,
    ),
    'heavy ties on a monthly grid, with zeros': sample('t', n, (u) => Math.floor(u() * 13)),
    'half the rows tied at the horizon': sample('h', n, (u) => (u() < 0.5 ? 120 : u() * 120)),
    'follow-ups in a narrow window': sample('f', n, (u) => 76 + 24 * u()),
    'distinct numbers closer than any bucket (sorted natively per bucket)': sample(
      'c',
      n,
      (u) => 100 + u() * 1e-9,
    ),
    'zeros, subnormals and huge numbers': sample('z', n, (u) => {
      const k = Math.floor(u() * 4);
      return k === 0 ? 0 : k === 1 ? u() * 1e-310 : k === 2 ? u() * 1e300 : u();
    }),
    'all equal': new Float64Array(n).fill(7),
    'already sorted, then reversed': Float64Array.from({ length: n }, (_, i) => n - i),
  };
  for (const [name, a] of Object.entries(cases)) {
    it(`equals the native sort: ${name}`, () => {
      expect(sortTimes(Float64Array.from(a))).toEqual(nativeSorted(a));
    });
  }

  it('equals the native sort on any non-negative doubles, above and below the bucket size (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), {
          minLength: 0,
          maxLength: BUCKET_MIN_ROWS + 500,
        }),
        fc.boolean(),
        (xs, pad) => {
          // Padding with copies pushes short arrays past the bucket threshold.
          const base = xs.map((x) => x + 0);
          const all = pad
            ? [
                ...base,
                ...Array.from(
                  { length: BUCKET_MIN_ROWS },
                  (_, i) => base[i % Math.max(1, base.length)] ?? i,
                ),
              ]
            : base;
          const a = Float64Array.from(all);
          expect(sortTimes(Float64Array.from(a))).toEqual(nativeSorted(a));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('sortedByCode', () => {
  it('splits the rows by code, each part sorted, −0 read as 0', () => {
    const parts = sortedByCode([3, 1, -0, 2, 1, 5], [1, 0, 2, 1, 1, 0], 3);
    expect(parts.map((p) => [...p])).toEqual([[1, 5], [1, 2, 3], [0]]);
    expect(Object.is(parts[2]![0], 0)).toBe(true);
  });
});
