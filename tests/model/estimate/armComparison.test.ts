import { describe, expect, it } from 'vitest';
import { followup2018 } from '../../../src/data/followup2018';
import {
  censorAt,
  compareArms,
  riskTableTimes,
  ENDPOINT_NAMES,
} from '../../../src/model/estimate/armComparison';
import { buildModel } from '../../../src/model/markov/template';
import { defaultScenario } from '../../../src/scenario/defaults';
import { makeCohort, type PatientPath } from './cohortFixture';
import { AML, HEAVY_CENSORING, relativeError, type TwoGroupReference } from './twoGroupReference';

const base = defaultScenario(followup2018);
const spec = buildModel(base.template, base.intensities);

/**
 * Hand-made patients of group g: the aml patients die at their time when the status is 1 (never
 * remitting), the heavy-censoring patients remit at their time when the status is 1 (and
 * live); everyone's follow-up ends at their time. So overall survival is aml's events with the
 * heavy-censoring patients censored, and time to first remission the other way round.
 */
function patients(g: number): PatientPath[] {
  const out: PatientPath[] = [];
  const pick = (d: TwoGroupReference, state: string) => {
    d.group.forEach((x, i) => {
      if (x !== g) return;
      const t = d.time[i]!;
      out.push({
        path:
          d.status[i] === 1
            ? [
                [0, 'active'],
                [t, state],
              ]
            : [[0, 'active']],
        followUp: t,
      });
    });
  };
  pick(AML, 'dead_never_remitted');
  pick(HEAVY_CENSORING, 'remission');
  return out;
}

describe('compareArms', () => {
  it('reports, per endpoint, what R prints for those patients', () => {
    const a = makeCohort(spec, patients(0), 200);
    const b = makeCohort(spec, patients(1), 200);
    const c = compareArms({ cohort: a, spec }, { cohort: b, spec }, [0, 12, 24, 36]);
    expect(c.os.name).toBe(ENDPOINT_NAMES.os);
    expect(c.os.A.n).toBe(11 + 12);
    expect(c.os.A.events).toBe(7);
    expect(c.os.B.events).toBe(11);
    expect(relativeError(c.os.logRank.chiSquare, R_OS.chisq)).toBeLessThan(1e-9);
    expect(relativeError(c.os.cox.hazardRatio, R_OS.hr)).toBeLessThan(1e-9);
    expect(relativeError(c.os.cox.lower, R_OS.ci[0])).toBeLessThan(1e-9);
    expect(relativeError(c.os.cox.upper, R_OS.ci[1])).toBeLessThan(1e-9);
    expect(c.os.A.median).toMatchObject(R_OS.medianA);
    expect(c.os.B.median).toMatchObject(R_OS.medianB);
    expect(c.os.A.riskTable.atRisk).toEqual(R_OS.riskA);
    expect(relativeError(c.remission.logRank.chiSquare, R_REM.chisq)).toBeLessThan(1e-9);
    expect(relativeError(c.remission.cox.hazardRatio, R_REM.hr)).toBeLessThan(1e-9);
    expect(c.remission.name).toBe('time to first remission');
  });
});

/**
 * R survival 3.5-3, with at/as/ag = aml's time, status and group (twoGroupReference.ts) and
 * ht/hs/hg the heavy-censoring set's:
 *   os_t <- c(at, ht); os_s <- c(as, rep(0, 24)); os_g <- c(ag, hg)
 *   survdiff(Surv(os_t, os_s) ~ os_g)$chisq; summary(coxph(Surv(os_t, os_s) ~ os_g))$conf.int
 *   quantile(survfit(Surv(os_t[os_g == g], os_s[os_g == g]) ~ 1), 0.5)      for g = 0, 1
 *   summary(survfit(Surv(os_t[os_g == 0], os_s[os_g == 0]) ~ 1), times = c(0, 12, 24, 36))$n.risk
 *   rem_s <- c(rep(0, 23), hs); survdiff / coxph of Surv(os_t, rem_s) ~ os_g
 */
const R_OS = {
  chisq: 3.126456266972081,
  hr: 2.411023954238567,
  ci: [0.88247607638681158, 6.5871887787745234] as const,
  medianA: { value: 34, lower: 23 },
  medianB: { value: 27, lower: 23 },
  riskA: [23, 11, 6, 3],
};
const R_REM = { chisq: 0.51037584619471077, hr: 1.6708417625646657 };

describe('riskTableTimes', () => {
  it('is yearly past 3 years, every 6 months to 3 years, quarterly to a year, ending at the horizon', () => {
    expect(riskTableTimes(60)).toEqual([0, 12, 24, 36, 48, 60]);
    expect(riskTableTimes(66)).toEqual([0, 12, 24, 36, 48, 60, 66]);
    expect(riskTableTimes(24)).toEqual([0, 6, 12, 18, 24]);
    expect(riskTableTimes(12)).toEqual([0, 3, 6, 9, 12]);
  });
});

describe('censorAt', () => {
  it('ends follow-up at t: later events become censorings at t, earlier data stay', () => {
    const d = { time: Float64Array.from([2, 5, 7, 9]), event: Uint8Array.from([1, 0, 1, 1]) };
    const c = censorAt(d, 7);
    expect([...c.time]).toEqual([2, 5, 7, 7]);
    expect([...c.event]).toEqual([1, 0, 1, 0]);
    const all = censorAt(d, 100);
    expect([...all.time]).toEqual([2, 5, 7, 9]);
    expect([...all.event]).toEqual([1, 0, 1, 1]);
  });
});
