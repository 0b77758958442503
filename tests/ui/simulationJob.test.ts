import { describe, expect, it } from 'vitest';
import { replicateBatch } from '../../src/ui/simulationJob';

describe('replicateBatch (how often the worker looks for newer work)', () => {
  it('groups 10 replicates of a small trial, and checks after every one of a large trial', () => {
    expect(replicateBatch({ n: 81, compare: null })).toBe(10);
    expect(replicateBatch({ n: 1000, compare: null })).toBe(10);
    expect(replicateBatch({ n: 2500, compare: null })).toBe(4);
    expect(replicateBatch({ n: 10_000, compare: null })).toBe(1);
    expect(replicateBatch({ n: 1_000_000, compare: null })).toBe(1);
  });

  it('goes by the larger arm of a comparison', () => {
    const compare = { label: 'B', intensities: {}, n: 5000, crn: false };
    expect(replicateBatch({ n: 100, compare } as Parameters<typeof replicateBatch>[0])).toBe(2);
  });
});
