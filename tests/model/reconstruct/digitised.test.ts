import { describe, expect, it } from 'vitest';
import { prepareDigitised } from '../../../src/model/reconstruct/digitised';
import { reconstructIpd } from '../../../src/model/reconstruct/guyot';

const curve = (rows: [number, number][]) => rows.map(([time, survival]) => ({ time, survival }));
const risk = (rows: [number, number][]) => rows.map(([time, atRisk]) => ({ time, atRisk }));

describe('prepareDigitised', () => {
  it('repairs a point that climbs above the one before, naming its line, and keeps it', () => {
    const p = prepareDigitised({
      curve: curve([
        [0, 1],
        [2, 0.9],
        [4, 0.93],
        [6, 0.8],
      ]),
      atRisk: risk([[0, 50]]),
    });
    expect(p.fatal).toBe(false);
    expect(p.survival).toEqual([1, 0.9, 0.9, 0.8]);
    expect(p.messages).toEqual([
      expect.objectContaining({ field: 'curve', line: 3, kind: 'repaired' }),
    ]);
    expect(p.messages[0]!.text).toMatch(/0\.93.*set to 0\.9/);
  });

  it('reads a hair above 1 as 1, refuses a value far outside, sorts times out of order', () => {
    const p = prepareDigitised({
      curve: curve([
        [0, 1.01],
        [4, 0.8],
        [2, 0.9],
        [5, 1.7],
        [6, 0.7],
      ]),
      atRisk: risk([[0, 50]]),
    });
    expect(p.time).toEqual([0, 2, 4, 6]);
    expect(p.survival).toEqual([1, 0.9, 0.8, 0.7]);
    const byLine = (l: number) => p.messages.filter((m) => m.line === l).map((m) => m.kind);
    expect(byLine(1)).toEqual(['repaired']);
    expect(byLine(3)).toEqual(['repaired']); // out of order
    expect(byLine(4)).toEqual(['refused']); // 1.7
  });

  it('adds the start (0, 1) when the curve lacks it, and says so', () => {
    const p = prepareDigitised({
      curve: curve([
        [1, 0.95],
        [3, 0.9],
      ]),
      atRisk: risk([[0, 20]]),
    });
    expect(p.time[0]).toBe(0);
    expect(p.survival[0]).toBe(1);
    expect(p.messages.some((m) => /start at \(0, 1\)/.test(m.text))).toBe(true);
  });

  it('refuses an at-risk count that rises, a repeated time and one past the curve', () => {
    const p = prepareDigitised({
      curve: curve([
        [0, 1],
        [5, 0.9],
        [10, 0.8],
        [15, 0.7],
        [20, 0.6],
      ]),
      atRisk: risk([
        [0, 100],
        [6, 90],
        [12, 95],
        [12, 80],
        [12, 70],
        [30, 10],
      ]),
    });
    expect(p.riskTime).toEqual([0, 6, 12]);
    expect(p.riskCount).toEqual([100, 90, 80]);
    const refused = p.messages.filter((m) => m.kind === 'refused').map((m) => m.line);
    expect(refused).toEqual([3, 5, 6]);
  });

  it('is fatal without a count at time 0, and reconstructIpd then returns ok: false', () => {
    const input = {
      curve: curve([
        [0, 1],
        [5, 0.9],
        [10, 0.8],
      ]),
      atRisk: risk([[5, 40]]),
    };
    expect(prepareDigitised(input).fatal).toBe(true);
    const r = reconstructIpd(input);
    expect(r.ok).toBe(false);
    expect(r.messages.some((m) => m.kind === 'fatal' && m.field === 'atRisk')).toBe(true);
  });

  it('never throws on junk', () => {
    const junk = {
      curve: [{ time: NaN, survival: 1 }, null, { time: 'x', survival: {} }] as never,
      atRisk: 'nope' as never,
      totalEvents: -3,
    };
    expect(() => reconstructIpd(junk)).not.toThrow();
    expect(reconstructIpd(junk).ok).toBe(false);
  });

  it('refuses a total of events larger than the patients', () => {
    const p = prepareDigitised({
      curve: curve([
        [0, 1],
        [5, 0.9],
        [10, 0.8],
      ]),
      atRisk: risk([[0, 40]]),
      totalEvents: 41,
    });
    expect(p.totalEvents).toBeNull();
    expect(p.messages).toContainEqual(
      expect.objectContaining({ field: 'totalEvents', kind: 'refused' }),
    );
  });
});
