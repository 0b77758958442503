import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cumulativeIncidence, incidenceAt } from '../../../src/model/estimate/cumulativeIncidence';
import { kaplanMeier } from '../../../src/model/estimate/kaplanMeier';

const rowsArb = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 3 })),
  { maxLength: 60 },
);

describe('cumulativeIncidence', () => {
  it('matches a hand-worked competing-risk example', () => {
    // n = 7. t=1: cause 1 (7 at risk); t=2: cause 2 (6); t=3 censored; t=4: one of each (4);
    // t=5: cause 1 (2); t=6 censored. F_k(t) = Σ S(t_j−)·d_kj/n_j (Aalen & Johansen 1978):
    // F1 = 1/7, +(5/7)(1/4), +(5/14)(1/2) = 4/28, 9/28, 14/28;
    // F2 = 1/7 at t=2, +(5/7)(1/4) = 9/28 at t=4; S = 6/7, 5/7, 5/14, 5/28.
    const cif = cumulativeIncidence([1, 2, 3, 4, 4, 5, 6], [1, 2, 0, 1, 2, 1, 0]);
    expect(cif.time).toEqual([1, 2, 4, 5]);
    expect(cif.causes).toEqual([1, 2]);
    expect(cif.nRisk).toEqual([7, 6, 4, 2]);
    expect(cif.nEvent).toEqual([
      [1, 0, 1, 1],
      [0, 1, 1, 0],
    ]);
    const close = (a: number[], b: number[]) =>
      a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 15));
    close(cif.incidence[0]!, [4 / 28, 4 / 28, 9 / 28, 14 / 28]);
    close(cif.incidence[1]!, [0, 4 / 28, 9 / 28, 9 / 28]);
    close(cif.survival, [6 / 7, 5 / 7, 5 / 14, 5 / 28]);
    // 1 − KM with death censored overstates it: 1 − (6/7)(3/4)(1/2) = 19/28 > 14/28.
    const naive = kaplanMeier([1, 2, 3, 4, 4, 5, 6], [1, 0, 0, 1, 0, 1, 0]);
    expect(1 - naive.survival.at(-1)!).toBeCloseTo(19 / 28, 15);
    expect(incidenceAt(cif, 0, 0.5)).toBe(0);
    expect(incidenceAt(cif, 0, 4.5)).toBeCloseTo(9 / 28, 15);
    expect(incidenceAt(cif, 1, 100)).toBeCloseTo(9 / 28, 15);
  });

  it('adds up with all-cause KM survival to 1 at every time (fast-check)', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const time = rows.map((r) => r[0]);
        const cause = rows.map((r) => r[1]);
        const cif = cumulativeIncidence(time, cause);
        const km = kaplanMeier(
          time,
          cause.map((c) => (c > 0 ? 1 : 0)),
        );
        expect(cif.time).toEqual(km.time);
        expect(cif.nRisk).toEqual(km.nRisk);
        cif.time.forEach((_, j) => {
          expect(cif.survival[j]).toBeCloseTo(km.survival[j]!, 12);
          const sum = cif.incidence.reduce((acc, row) => acc + row[j]!, 0);
          expect(km.survival[j]! + sum).toBeCloseTo(1, 12);
        });
      }),
    );
  });

  it('equals 1 − KM when there is a single cause (fast-check)', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const time = rows.map((r) => r[0]);
        const event = rows.map((r) => (r[1] > 0 ? 1 : 0));
        const cif = cumulativeIncidence(time, event);
        const km = kaplanMeier(time, event);
        expect(cif.causes).toEqual(km.time.length > 0 ? [1] : []);
        km.survival.forEach((s, j) => expect(cif.incidence[0]![j]).toBeCloseTo(1 - s, 12));
      }),
    );
  });

  it('keeps a zero row for a requested cause that never occurs', () => {
    const cif = cumulativeIncidence([1, 2, 3], [1, 0, 1], [1, 2]);
    expect(cif.causes).toEqual([1, 2]);
    expect(cif.incidence[1]).toEqual([0, 0]);
    expect(() => cumulativeIncidence([1, 2], [1, 3], [1, 2])).toThrow(/cause 3/);
  });

  it('handles no events and unsorted input', () => {
    const none = cumulativeIncidence([3, 1, 2], [0, 0, 0]);
    expect(none.time).toEqual([]);
    expect(none.causes).toEqual([]);
    const a = cumulativeIncidence([1, 2, 3, 4, 4, 5, 6], [1, 2, 0, 1, 2, 1, 0]);
    const b = cumulativeIncidence([6, 4, 2, 5, 1, 4, 3], [0, 2, 2, 1, 1, 1, 0]);
    expect(b).toEqual(a);
  });

  it('rejects bad input, naming the index', () => {
    expect(() => cumulativeIncidence([1, 2], [1])).toThrow(/must match/);
    expect(() => cumulativeIncidence([1, -1], [1, 1])).toThrow(/time\[1\]/);
    expect(() => cumulativeIncidence([1, 2], [1, 1.5])).toThrow(/cause\[1\]/);
    expect(() => cumulativeIncidence([1, 2], [-1, 1])).toThrow(/cause\[0\]/);
  });
});
