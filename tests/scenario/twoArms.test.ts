import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_ID, STUDIES } from '../../src/data';
import { armRateSources, DIFFERENCE_MODES, differenceMode } from '../../src/scenario/twoArms';
import { decodeScenario } from '../../src/scenario/urlCodec';

const decode = (q: string) => decodeScenario(q, STUDIES, DEFAULT_STUDY_ID).scenario;

describe('armRateSources', () => {
  it('says that both rct2012 arms use the 5-year cohort’s intensities, the trial reporting none', () => {
    const [a, b] = armRateSources(decode('?study=rct2012'));
    expect(a).toMatchObject({ arm: 'A', label: 'Single MSCT', n: 30, changed: [] });
    expect(b).toMatchObject({ arm: 'B', label: 'Double MSCT', n: 28, changed: [] });
    for (const s of [a!, b!]) {
      expect(s.source).toContain('Wang 2018 (5-year follow-up, n = 81)');
      expect(s.source).toContain('reports no figure to fit for either arm');
    }
  });

  it('names the intensities set by hand on one arm', () => {
    const [a, b] = armRateSources(decode('?study=rct2012&b.rem=0.3'));
    expect(a!.changed).toEqual([]);
    expect(b!.changed).toEqual(['remission']);
    expect(b!.source).toMatch(/set by hand: remission\.$/);
  });

  it('gives one arm without a comparison, fitted to the study itself', () => {
    const s = armRateSources(decode('?study=followup2018'));
    expect(s).toHaveLength(1);
    expect(s[0]!.source).toBe('the intensities fitted to Wang 2018 (5-year follow-up, n = 81).');
  });
});

describe('DIFFERENCE_MODES', () => {
  it('asks the trial question by default and names the common-random-numbers option', () => {
    expect(differenceMode(false)).toBe('independent');
    expect(DIFFERENCE_MODES.independent.question).toBe(
      'Could trials of this size show this by chance?',
    );
    expect(DIFFERENCE_MODES[differenceMode(true)].name).toBe(
      'The same patients under each treatment',
    );
  });
});
