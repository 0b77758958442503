import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  kaplanMeier,
  survivalAt,
  survivalOnGrid,
  type KaplanMeier,
} from '../../../src/model/estimate/kaplanMeier';

/** Compares to a printed table: each value within half a unit of its last printed digit. */
function expectPrinted(actual: number[], printed: number[], decimals: number): void {
  expect(actual).toHaveLength(printed.length);
  printed.forEach((v, i) => {
    expect(
      Math.abs(actual[i]! - v),
      `entry ${i}: ${actual[i]} vs printed ${v}`,
    ).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
  });
}

describe('kaplanMeier', () => {
  it("reproduces the Freireich 6-MP arm (Gehan 1965) as printed by Klein & Moeschberger and R's summary(survfit)", () => {
    // Freireich et al. (1963) Blood 21:699, remission durations (weeks) of the 21 children on
    // 6-MP, as in Gehan (1965) Biometrika 52:203 and R's MASS::gehan. `+` = censored.
    // 6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+
    const time = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35];
    const event = [1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0];
    const km = kaplanMeier(time, event);
    // Klein & Moeschberger (2003) Survival Analysis, 2nd ed., §4.2, 6-MP group (survival and Greenwood
    // standard error, 3 decimals); R survival 3.x `summary(survfit(Surv(time, cens) ~ 1,
    // data = gehan, subset = treat == "6-MP"))` (std.err 4 decimals, log-scale CI 3 decimals).
    expect(km.time).toEqual([6, 7, 10, 13, 16, 22, 23]);
    expect(km.nRisk).toEqual([21, 17, 15, 12, 11, 7, 6]);
    expect(km.nEvent).toEqual([3, 1, 1, 1, 1, 1, 1]);
    expectPrinted(km.survival, [0.857, 0.807, 0.753, 0.69, 0.627, 0.538, 0.448], 3);
    expectPrinted(km.stdErr, [0.0764, 0.0869, 0.0963, 0.1068, 0.1141, 0.1282, 0.1346], 4);
    expectPrinted(km.lower, [0.72, 0.653, 0.586, 0.51, 0.439, 0.337, 0.249], 3);
    expectPrinted(km.upper, [1, 0.996, 0.968, 0.935, 0.896, 0.858, 0.807], 3);
  });

  it("reproduces R's aml data set (Miller 1981), both arms, including a curve that ends at zero", () => {
    // survival::aml (from Miller, Survival Analysis, Wiley): weeks in remission for AML.
    // R: summary(survfit(Surv(time, status) ~ x, data = aml)).
    const maintained = kaplanMeier(
      [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161],
      [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0],
    );
    expect(maintained.time).toEqual([9, 13, 18, 23, 31, 34, 48]);
    expect(maintained.nRisk).toEqual([11, 10, 8, 7, 5, 4, 2]);
    expectPrinted(maintained.survival, [0.909, 0.818, 0.716, 0.614, 0.491, 0.368, 0.184], 3);
    expectPrinted(maintained.stdErr, [0.0867, 0.1163, 0.1397, 0.1526, 0.1642, 0.1627, 0.1535], 4);
    expectPrinted(maintained.lower, [0.7541, 0.6192, 0.4884, 0.3769, 0.2549, 0.1549, 0.0359], 4);
    expectPrinted(maintained.upper, [1, 1, 1, 0.999, 0.946, 0.875, 0.944], 3);

    const nonmaintained = kaplanMeier(
      [5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45],
      [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1],
    );
    expect(nonmaintained.time).toEqual([5, 8, 12, 23, 27, 30, 33, 43, 45]);
    expect(nonmaintained.nRisk).toEqual([12, 10, 8, 6, 5, 4, 3, 2, 1]);
    expectPrinted(
      nonmaintained.survival,
      [0.8333, 0.6667, 0.5833, 0.4861, 0.3889, 0.2917, 0.1944, 0.0972, 0],
      4,
    );
    expectPrinted(
      nonmaintained.stdErr.slice(0, 8),
      [0.1076, 0.1361, 0.1423, 0.1481, 0.147, 0.1387, 0.1219, 0.0919],
      4,
    );
    expectPrinted(
      nonmaintained.lower.slice(0, 8),
      [0.647, 0.4468, 0.3616, 0.2675, 0.1854, 0.1148, 0.0569, 0.0153],
      4,
    );
    expectPrinted(
      nonmaintained.upper.slice(0, 8),
      [1, 0.995, 0.941, 0.883, 0.816, 0.741, 0.664, 0.62],
      3,
    );
    // R prints std.err NaN and NA bounds at time 45 (S = 0).
    expect(nonmaintained.stdErr[8]).toBeNaN();
    expect(nonmaintained.lower[8]).toBeNaN();
    expect(nonmaintained.upper[8]).toBeNaN();
  });

  it('pools tied events into one step', () => {
    const km = kaplanMeier([2, 2, 2, 5], [1, 1, 1, 1]);
    expect(km.time).toEqual([2, 5]);
    expect(km.nRisk).toEqual([4, 1]);
    expect(km.nEvent).toEqual([3, 1]);
    expect(km.survival[0]).toBeCloseTo(0.25, 15);
    // Greenwood: se(S) = S·sqrt(d/(n(n−d))) = 0.25·sqrt(3/4).
    expect(km.stdErr[0]).toBeCloseTo(0.25 * Math.sqrt(3 / 4), 15);
    expect(km.survival[1]).toBe(0);
  });

  it('keeps a censoring tied with an event in the risk set at that time', () => {
    // n = 4: event and censoring at 3, then an event at 4 with 2 at risk.
    const km = kaplanMeier([1, 3, 3, 4], [0, 1, 0, 1]);
    expect(km.time).toEqual([3, 4]);
    expect(km.nRisk).toEqual([3, 1]);
    expect(km.survival[0]).toBeCloseTo(2 / 3, 15);
    expect(km.survival[1]).toBe(0);
  });

  it('is empty when everyone is censored, and survivalAt is then 1 everywhere', () => {
    const km = kaplanMeier([1, 2, 3], [0, 0, 0]);
    for (const column of Object.values(km)) expect(column).toEqual([]);
    expect(survivalAt(km, 100)).toBe(1);
    expect(kaplanMeier([], []).time).toEqual([]);
  });

  it('drops to zero when the last time is an event, with NaN standard error and bounds', () => {
    const km = kaplanMeier([1, 2, 3], [1, 0, 1]);
    expect(km.time).toEqual([1, 3]);
    expect(km.survival).toEqual([2 / 3, 0]);
    expect(km.stdErr[1]).toBeNaN();
    expect(km.lower[1]).toBeNaN();
    expect(km.upper[1]).toBeNaN();
    // Earlier entries stay finite: se(log S) = sqrt(1/(3·2)).
    expect(km.lower[0]).toBeCloseTo((2 / 3) * Math.exp(-1.959963984540054 * Math.sqrt(1 / 6)), 14);
    expect(km.upper[0]).toBe(1);
  });

  it('gives the same answer whatever the input order', () => {
    const time = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35];
    const event = [1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0];
    const sorted = kaplanMeier(time, event);
    const order = [20, 3, 14, 0, 9, 17, 1, 5, 11, 2, 19, 8, 4, 13, 16, 6, 10, 18, 7, 12, 15];
    const shuffled = kaplanMeier(
      Float64Array.from(order, (i) => time[i]!),
      Uint8Array.from(order, (i) => event[i]!),
    );
    expect(shuffled).toEqual(sorted);
  });

  it('matches a plain product-limit computation on random data (fast-check)', () => {
    const data = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 1 })),
      {
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(data, (rows) => {
        const km = kaplanMeier(
          rows.map((r) => r[0]),
          rows.map((r) => r[1]),
        );
        // The obvious O(n²) version, straight from Kaplan & Meier (1958) and Greenwood (1926).
        const times = [...new Set(rows.filter((r) => r[1] === 1).map((r) => r[0]))].sort(
          (a, b) => a - b,
        );
        let s = 1;
        let g = 0;
        const ref: Partial<KaplanMeier> = { time: times, survival: [], stdErr: [] };
        for (const t of times) {
          const n = rows.filter((r) => r[0] >= t).length;
          const d = rows.filter((r) => r[0] === t && r[1] === 1).length;
          s *= 1 - d / n;
          g += d / (n * (n - d));
          ref.survival!.push(s);
          ref.stdErr!.push(s > 0 ? s * Math.sqrt(g) : NaN);
        }
        expect(km.time).toEqual(ref.time);
        km.survival.forEach((v, i) => expect(v).toBeCloseTo(ref.survival![i]!, 12));
        km.stdErr.forEach((v, i) =>
          Number.isNaN(ref.stdErr![i]!)
            ? expect(v).toBeNaN()
            : expect(v).toBeCloseTo(ref.stdErr![i]!, 12),
        );
        km.upper.forEach((v) => expect(Number.isNaN(v) || v <= 1).toBe(true));
      }),
    );
  });

  it('rejects bad input, naming the index', () => {
    expect(() => kaplanMeier([1, 2], [1])).toThrow(/2 entries.*1/);
    expect(() => kaplanMeier([1, -2], [1, 1])).toThrow(/time\[1\]/);
    expect(() => kaplanMeier([1, NaN], [1, 1])).toThrow(/time\[1\]/);
    expect(() => kaplanMeier([1, Infinity], [1, 1])).toThrow(/time\[1\]/);
    expect(() => kaplanMeier([1, 2, 3], [1, 0, 2])).toThrow(/event\[2\]/);
  });

  // How fast it is is measured by `npm run bench` (kaplanMeierMsPer1e6 in
  // scripts/bench/engine.bench.ts), never asserted here.
  it('handles 1e5 patients: one step per distinct event time, survival falling to its end', () => {
    let x = 12345;
    const next = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const big = 100_000;
    const time = Float64Array.from({ length: big }, () => -Math.log(1 - next()) * 40);
    const event = Uint8Array.from({ length: big }, () => (next() < 0.7 ? 1 : 0));
    const km = kaplanMeier(time, event);
    const eventTimes = new Set(Array.from(time).filter((_, i) => event[i] === 1));
    expect(km.time.length).toBe(eventTimes.size);
    expect(km.survival.every((s, i) => i === 0 || s <= km.survival[i - 1]!)).toBe(true);
    expect(km.survival[km.survival.length - 1]!).toBeLessThan(0.01);
  });
});

describe('survivalAt', () => {
  const km = kaplanMeier([2, 4, 4, 7], [1, 1, 0, 1]);

  it('is 1 before the first event and right-continuous at event times', () => {
    expect(survivalAt(km, 0)).toBe(1);
    expect(survivalAt(km, 1.999)).toBe(1);
    expect(survivalAt(km, 2)).toBe(0.75);
    expect(survivalAt(km, 3.5)).toBe(0.75);
    expect(survivalAt(km, 4)).toBeCloseTo(0.75 * (2 / 3), 15);
    expect(survivalAt(km, 7)).toBe(0);
    expect(survivalAt(km, 1e9)).toBe(0);
    expect(survivalAt(km, NaN)).toBeNaN();
  });

  it('agrees with survivalOnGrid on sorted and unsorted grids', () => {
    const grid = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    expect([...survivalOnGrid(km, grid)]).toEqual(grid.map((t) => survivalAt(km, t)));
    const unsorted = [5, 0, 7, 2, 2, 9, 1];
    expect([...survivalOnGrid(km, unsorted)]).toEqual(unsorted.map((t) => survivalAt(km, t)));
  });
});
