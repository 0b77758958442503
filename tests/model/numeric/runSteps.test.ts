import { describe, expect, it } from 'vitest';
import { runSteps } from '../../../src/model/numeric/runSteps';

describe('runSteps', () => {
  it('runs every step of a generator and returns its value', () => {
    const seen: number[] = [];
    function* work(): Generator<number, string, undefined> {
      for (let i = 0; i < 3; i++) {
        seen.push(i);
        yield i;
      }
      return 'done';
    }
    expect(runSteps(work())).toBe('done');
    expect(seen).toEqual([0, 1, 2]);
  });
  it('returns at once from a generator with no steps', () => {
    // eslint-disable-next-line require-yield
    function* none(): Generator<never, number, undefined> {
      return 7;
    }
    expect(runSteps(none())).toBe(7);
  });
});
