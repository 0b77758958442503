import { describe, expect, it } from 'vitest';
import {
  MAX_SIMULATED_PATIENTS,
  replicatesNote,
  replicatesUsed,
} from '../../src/scenario/replicateBudget';

describe('replicatesUsed', () => {
  it('runs every replicate asked for up to 10,000 patients × 1,000 replicates (the old limits)', () => {
    expect(replicatesUsed(81, 200)).toBe(200);
    expect(replicatesUsed(10_000, 1000)).toBe(1000);
  });

  it('caps replicates × patients at 10,000,000: 10 replicate trials of a million patients', () => {
    expect(MAX_SIMULATED_PATIENTS).toBe(10_000_000);
    expect(replicatesUsed(1_000_000, 200)).toBe(10);
    expect(replicatesUsed(300_000, 200)).toBe(33);
    expect(replicatesUsed(1_000_000, 3)).toBe(3);
    expect(replicatesUsed(1_000_000, 0)).toBe(0);
  });
});

describe('replicatesNote', () => {
  it('is null when every replicate asked for is run', () => {
    expect(replicatesNote(81, 200)).toBeNull();
  });

  it('names the field, what was asked and what is run instead', () => {
    expect(replicatesNote(1_000_000, 200)).toBe(
      'Replicate trials: 200 trials of 1,000,000 patients would be 200,000,000 simulated ' +
        'patients; 10 are run instead (at most 10,000,000 per run).',
    );
  });
});
