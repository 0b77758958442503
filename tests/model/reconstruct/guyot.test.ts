import { describe, expect, it } from 'vitest';
import { kaplanMeier } from '../../../src/model/estimate/kaplanMeier';
import { reconstructIpd } from '../../../src/model/reconstruct/guyot';
import { largestGap } from '../../../src/model/reconstruct/gap';
import {
  BONNER_CETUXIMAB,
  BONNER_RADIO,
  BONNER_RISK_CETUXIMAB,
  BONNER_RISK_RADIO,
  BONNER_RISK_TIMES,
} from './bonner2006';
import { kmMedian, simulatedFigure, spacingAt } from './roundTrip';

describe('reconstructIpd: round trip from simulated patients', () => {
  // Five seeds × three point densities (30, 50, 80 digitised points), 500 patients each, held to
  // the bounds. Measured (this seed set, sampler v2): gap with the horizontal tolerance
  // 0.000–0.006; plain gap 0.010–0.017; events 0 to +1.7% without the total, 0 to +0.6% with
  // it; medians −0.44 to +0.48 months off. (Seeds f–t, not run here: tolerant gap ≤ 0.007,
  // events ≤ 1.7%, medians ≤ 0.8 months.)
  const cases = ['a', 'b', 'c', 'd', 'e'].flatMap((seed) =>
    [30, 50, 80].map((points) => ({ seed: `guyot-${seed}`, points })),
  );
  it.each(cases)(
    '$seed with $points points: KM within 0.02, events within 3%, median within 1.5 months',
    ({ seed, points }) => {
      const fig = simulatedFigure(seed, 500, points);
      const r = reconstructIpd({ curve: fig.curve, atRisk: fig.atRisk });
      const withTotal = reconstructIpd({
        curve: fig.curve,
        atRisk: fig.atRisk,
        totalEvents: fig.events,
      });
      expect(r.ok).toBe(true);
      expect(r.n).toBe(500);
      const rec = kaplanMeier(r.time, r.event);
      // Compared on a 0.25-month grid over the digitised range, each true value allowed to move
      // sideways by the spacing of the digitised points around it (a step can only be placed to
      // within it).
      const end = Math.max(...fig.curve.map((p) => p.time));
      const grid = Array.from({ length: Math.floor(end / 0.25) + 1 }, (_, i) => i * 0.25);
      const truthOnGrid = grid.map((t) => {
        const i = fig.km.time.findLastIndex((x) => x <= t);
        return i < 0 ? 1 : fig.km.survival[i]!;
      });
      const tolerant = largestGap(rec, grid, truthOnGrid, (t) => spacingAt(fig.clicks, t));
      const plain = largestGap(rec, grid, truthOnGrid, 0);
      expect(tolerant.value).toBeLessThanOrEqual(0.02);
      // The plain gap also counts steps placed a fraction of a click early or late.
      expect(plain.value).toBeLessThanOrEqual(0.05);
      // Without the total, the censoring after the last at-risk time is a guess; with it, only
      // that censoring is free. Both within 3% of the true number of events.
      expect(Math.abs(r.events - fig.events) / fig.events).toBeLessThanOrEqual(0.03);
      expect(Math.abs(withTotal.events - fig.events) / fig.events).toBeLessThanOrEqual(0.03);
      expect(Math.abs(kmMedian(rec) - kmMedian(fig.km))).toBeLessThanOrEqual(1.5);
    },
  );

  it.each(['guyot-total-1', 'guyot-total-2', 'guyot-total-3'])(
    '%s: uses the total number of events when given, and says when it cannot meet it exactly',
    (seed) => {
      const fig = simulatedFigure(seed, 400, 50);
      const without = reconstructIpd({ curve: fig.curve, atRisk: fig.atRisk });
      const r = reconstructIpd({ curve: fig.curve, atRisk: fig.atRisk, totalEvents: fig.events });
      // Only the censoring after the last at-risk time is free (Guyot et al.), so the total can be
      // out of reach; the reconstruction then gets as close as it can and a message says so.
      expect(Math.abs(r.events - fig.events)).toBeLessThanOrEqual(
        Math.abs(without.events - fig.events),
      );
      if (r.events !== fig.events) {
        expect(r.messages.some((m) => m.field === 'totalEvents')).toBe(true);
      }
    },
  );

  it('meets a total of events that the last interval can reach, and notes one it cannot', () => {
    const fig = simulatedFigure('guyot-total-1', 400, 50);
    const plain = reconstructIpd({ curve: fig.curve, atRisk: fig.atRisk });
    const more = reconstructIpd({
      curve: fig.curve,
      atRisk: fig.atRisk,
      totalEvents: plain.events + 1,
    });
    const fewer = reconstructIpd({ curve: fig.curve, atRisk: fig.atRisk, totalEvents: 10 });
    expect(Math.abs(more.events - (plain.events + 1))).toBeLessThanOrEqual(1);
    expect(
      fewer.messages.some((m) => m.field === 'totalEvents' && /already has/.test(m.text)),
    ).toBe(true);
  });

  it('matches the published numbers at risk it was given', () => {
    const fig = simulatedFigure('guyot-risk', 300, 60);
    const r = reconstructIpd({ curve: fig.curve, atRisk: fig.atRisk });
    for (const row of r.atRisk)
      expect(Math.abs(row.reconstructed - row.published)).toBeLessThanOrEqual(1);
  });
});

describe('reconstructIpd: where the events go between sparse points', () => {
  it('spreads a drop of several events evenly back to the point before, the last on the point', () => {
    // 100 patients, no censoring (one at-risk row): 1 → 0.9 at 10 months is 10 deaths, 0.9 →
    // 0.8 at 20 months another 10 (90 · (1 − 0.8 / 0.9) = 10); spread one a month.
    const r = reconstructIpd({
      curve: [
        { time: 0, survival: 1 },
        { time: 10, survival: 0.9 },
        { time: 20, survival: 0.8 },
      ],
      atRisk: [{ time: 0, atRisk: 100 }],
    });
    expect(r.events).toBe(20);
    expect(Array.from(r.time.slice(0, 20))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(Array.from(r.time.slice(20)).every((x) => x === 20)).toBe(true);
    expect(r.points.map((p) => [p.atRisk, p.events, p.censored])).toEqual([
      [100, 0, 0],
      [100, 10, 0],
      [90, 10, 80],
    ]);
  });

  it('splits a drop at an at-risk time between two points, as the straight line between them', () => {
    // 0.9 → 0.7 between months 10 and 20, at-risk time 15 in the middle: half the drop comes
    // before it. No one is censored (100 − 10 − 10 = 80 at risk at 15), and the 10 deaths before
    // month 15 end half a spacing short of it, so the 80 at risk there count none of them.
    const r = reconstructIpd({
      curve: [
        { time: 0, survival: 1 },
        { time: 10, survival: 0.9 },
        { time: 20, survival: 0.7 },
      ],
      atRisk: [
        { time: 0, atRisk: 100 },
        { time: 15, atRisk: 80 },
      ],
    });
    expect(r.atRisk.map((a) => a.reconstructed)).toEqual([100, 80]);
    expect(r.censored).toBe(100 - 30);
    const before15 = Array.from(r.time).filter((x, i) => x > 10 && x < 15 && r.event[i] === 1);
    expect(before15).toHaveLength(10);
    expect(Math.max(...before15)).toBeCloseTo(14.75, 12);
    // The interpolated point is not a digitised one: three points, the drop counted at 20.
    expect(r.points.map((p) => p.events)).toEqual([0, 10, 20]);
  });
});

describe('reconstructIpd: the IPDfromKM worked example (Bonner et al. 2006, NEJM 354:567)', () => {
  const run = (pts: [number, number][], risk: number[]) =>
    reconstructIpd({
      curve: pts.map(([time, percent]) => ({ time, survival: percent / 100 })),
      atRisk: BONNER_RISK_TIMES.map((time, i) => ({ time, atRisk: risk[i]! })),
    });
  const radio = run(BONNER_RADIO, BONNER_RISK_RADIO);
  const cetuximab = run(BONNER_CETUXIMAB, BONNER_RISK_CETUXIMAB);

  it('reconstructs 213 and 211 patients, matching the printed numbers at risk', () => {
    expect(radio.n).toBe(213);
    expect(cetuximab.n).toBe(211);
    for (const r of [radio, cetuximab])
      for (const row of r.atRisk)
        expect(Math.abs(row.reconstructed - row.published)).toBeLessThanOrEqual(1);
  });

  it('reproduces the published medians of locoregional control, 14.9 and 24.4 months', () => {
    // Published: 14.9 months (radiotherapy alone), 24.4 months (with cetuximab). Guyot et al.
    // judged medians within about a month "excellent"; here within 0.5 month.
    expect(Math.abs(kmMedian(kaplanMeier(radio.time, radio.event)) - 14.9)).toBeLessThanOrEqual(
      0.5,
    );
    expect(
      Math.abs(kmMedian(kaplanMeier(cetuximab.time, cetuximab.event)) - 24.4),
    ).toBeLessThanOrEqual(0.5);
  });

  it('stays within 0.02 of the digitised points and repairs the digitising noise', () => {
    expect(radio.largestGap.value).toBeLessThanOrEqual(0.02);
    expect(cetuximab.largestGap.value).toBeLessThanOrEqual(0.02);
    // The first point was clicked at −0.512 months; points that climb are lowered, by line.
    expect(radio.messages).toContainEqual(
      expect.objectContaining({ field: 'curve', line: 1, kind: 'repaired' }),
    );
    expect(radio.messages.some((m) => m.line === 67 && /rises above/.test(m.text))).toBe(true);
  });
});
