import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_ID, STUDIES } from '../../src/data';
import {
  armRateSources,
  DIFFERENCE_MODES,
  differenceMode,
  formatHazardRatio,
  formatLogRank,
  formatMedian,
  formatPower,
  formatPValue,
  sameIntensities,
} from '../../src/scenario/twoArms';
import { coxBinary } from '../../src/model/estimate/coxBinary';
import { logRank } from '../../src/model/estimate/logRank';
import { AML, NO_EVENTS } from '../model/estimate/twoGroupReference';
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

describe('formatting a comparison', () => {
  it('prints the log-rank line and the hazard ratio of aml as R gives them', () => {
    const t = logRank(AML.time, AML.status, AML.group);
    // R: survdiff chisq 3.3963886989776011, p 0.065339322040505132
    expect(formatLogRank(t)).toBe('log-rank χ² = 3.40 (1 df), p = 0.065');
    // R: summary(coxph): exp(coef) 2.498, lower .95 0.9159, upper .95 6.813
    expect(formatHazardRatio(coxBinary(AML.time, AML.status, AML.group))).toBe(
      'HR (B vs A) 2.50, 95% CI 0.92–6.81',
    );
  });

  it('says why there is no hazard ratio when an arm has no events', () => {
    const c = coxBinary(NO_EVENTS.time, NO_EVENTS.status, NO_EVENTS.group);
    expect(formatHazardRatio(c)).toMatch(/not estimable: no events in arm B/);
  });

  it('prints p-values, medians and power without NaN', () => {
    expect(formatPValue(0.0004)).toBe('p < 0.001');
    expect(formatPValue(0.5015)).toBe('p = 0.50');
    expect(formatPValue(NaN)).toMatch(/no test/);
    expect(formatMedian({ p: 0.5, value: 31, lower: 18, upper: NaN })).toBe(
      'median 31.0 months (95% CI 18.0–not reached)',
    );
    expect(formatMedian({ p: 0.5, value: NaN, lower: NaN, upper: NaN })).toBe('median not reached');
    const power = {
      rejected: 24,
      trials: 200,
      power: 0.12,
      lower: 0.082,
      upper: 0.173,
      alpha: 0.05,
    };
    expect(formatPower(power, 30, 28, true)).toBe(
      'Both arms have the same intensities, so there is nothing to detect; still, 12% of 200 trials of 30 vs 28 (95% CI 8–17%) reach log-rank p < 0.05 by chance alone: the test’s false-positive rate, 5% by design.'.replace(
        '’',
        "'",
      ),
    );
    expect(sameIntensities(decode('?study=rct2012'))).toBe(true);
    expect(sameIntensities(decode('?study=rct2012&b.rem=0.3'))).toBe(false);
    expect(formatPower(power, 30, 28)).toBe(
      'A trial of 30 vs 28 would detect this difference (log-rank p < 0.05) in 12% of 200 trials (95% CI 8–17%).',
    );
  });
});
