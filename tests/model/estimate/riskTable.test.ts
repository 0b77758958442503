import { describe, expect, it } from 'vitest';
import { riskTable } from '../../../src/model/estimate/riskTable';
import { AML, OVARIAN } from './twoGroupReference';

describe('riskTable', () => {
  it('agrees with R summary(survfit, times, extend = TRUE) on aml, past the last time too', () => {
    // R: s <- summary(survfit(Surv(time, status) ~ 1, data = aml),
    //                 times = c(0, 10, 20, 30, 40, 50, 200), extend = TRUE)
    //    s$n.risk; s$n.event; s$n.censor
    const t = riskTable(AML.time, AML.status, [0, 10, 20, 30, 40, 50, 200]);
    expect(t.atRisk).toEqual([23, 18, 13, 9, 5, 1, 0]);
    expect(t.events).toEqual([0, 5, 3, 4, 3, 3, 0]);
    expect(t.censored).toEqual([0, 0, 2, 1, 0, 1, 1]);
  });

  it('counts a requested time that is itself an event or censoring time as R does', () => {
    // R: summary(survfit(Surv(time, status) ~ 1, data = aml), times = c(5, 13, 45, 161))
    //    n.risk 23 17 4 1; n.event 2 5 10 1; n.censor 0 1 3 1
    const t = riskTable(AML.time, AML.status, [5, 13, 45, 161]);
    expect(t.atRisk).toEqual([23, 17, 4, 1]);
    expect(t.events).toEqual([2, 5, 10, 1]);
    expect(t.censored).toEqual([0, 1, 3, 1]);
  });

  it('agrees with R on ovarian (heavy censoring)', () => {
    // R: summary(survfit(Surv(futime, fustat) ~ 1, data = ovarian),
    //            times = c(0, 365, 730, 1095, 1460), extend = TRUE)
    const t = riskTable(OVARIAN.time, OVARIAN.status, [0, 365, 730, 1095, 1460]);
    expect(t.atRisk).toEqual([26, 20, 10, 4, 0]);
    expect(t.events).toEqual([0, 7, 5, 0, 0]);
    expect(t.censored).toEqual([0, 0, 4, 6, 4]);
  });

  it('rejects times that are not increasing, naming the entry', () => {
    expect(() => riskTable([1], [1], [0, 12, 12])).toThrow(/times\[2\]/);
    expect(() => riskTable([1], [2], [0])).toThrow(/event\[0\]/);
  });
});
