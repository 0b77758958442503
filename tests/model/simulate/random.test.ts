import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import {
  aleaNext,
  aleaState,
  clockHash,
  createStream,
  detLog,
  exponential,
  hashExponential,
  hashUniform,
  patientHash,
  streamKey,
  streamKeyWords,
} from '../../../src/model/simulate/random';

const view = new DataView(new ArrayBuffer(8));
/** The double whose IEEE bits are `hi:lo`. */
function fromBits(hi: number, lo: number): number {
  view.setUint32(0, hi >>> 0);
  view.setUint32(4, lo >>> 0);
  return view.getFloat64(0);
}
/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  view.setFloat64(0, a);
  const ba = view.getBigInt64(0);
  view.setFloat64(0, b);
  const bb = view.getBigInt64(0);
  return Number(ba > bb ? ba - bb : bb - ba);
}

describe('createStream', () => {
  it('gives the same numbers for the same seed and path, in (0, 1)', () => {
    const a = createStream('seed', 'cohort', 'A');
    const b = createStream('seed', 'cohort', 'A');
    for (let i = 0; i < 10_000; i++) {
      const u = a.next();
      expect(u).toBe(b.next());
      expect(u > 0 && u < 1).toBe(true);
    }
  });

  it('pins the first numbers of a stream (they must be the same in every engine)', () => {
    const s = createStream('pinned', 'cohort');
    expect([s.next(), s.next(), s.next()]).toEqual([
      0.0013401038013398647, 0.39194215927273035, 0.4454964359756559,
    ]);
  });

  it('reproduces seedrandom’s alea seeded with the JSON of [seed, ...path]', () => {
    const ours = createStream('abc', 'replicate', 7);
    const theirs = seedrandom.alea(JSON.stringify(['abc', 'replicate', 7]));
    for (let i = 0; i < 1000; i++) expect(ours.next()).toBe(theirs());
    const st = aleaState('abc', ['replicate', 7]);
    const again = seedrandom.alea(streamKey('abc', ['replicate', 7]));
    for (let i = 0; i < 1000; i++) expect(aleaNext(st)).toBe(again());
  });

  it('gives different streams for different seeds and paths, including "7" vs 7', () => {
    const first = (s: ReturnType<typeof createStream>) => [s.next(), s.next(), s.next()];
    const base = first(createStream('s', 'replicate', 7));
    expect(first(createStream('s', 'replicate', '7'))).not.toEqual(base);
    expect(first(createStream('s', 'replicate', 8))).not.toEqual(base);
    expect(first(createStream('t', 'replicate', 7))).not.toEqual(base);
    expect(first(createStream('s', 'replicate,7'))).not.toEqual(base);
  });

  it('is uniform (chi-square over 20 bins, n = 200,000)', () => {
    const s = createStream('uniform');
    const bins = new Array<number>(20).fill(0);
    const n = 200_000;
    for (let i = 0; i < n; i++) bins[Math.floor(s.next() * 20)]!++;
    const e = n / 20;
    const chi2 = bins.reduce((acc, o) => acc + (o - e) ** 2 / e, 0);
    // 19 degrees of freedom: P(χ² > 43.8) = 0.001.
    expect(chi2).toBeLessThan(43.8);
  });

  it('rejects a seed that is not a string and path elements that are not finite', () => {
    expect(() => createStream(1 as unknown as string)).toThrow(/"seed"/);
    expect(() => createStream('s', NaN)).toThrow(/path/);
  });
});

describe('detLog', () => {
  it('is exact where the answer is known', () => {
    expect(detLog(1)).toBe(0);
    expect(detLog(2)).toBe(Math.LN2);
    expect(detLog(0.5)).toBe(-Math.LN2);
    expect(detLog(10)).toBe(Math.LN10);
    expect(detLog(Math.E)).toBe(1);
    expect(detLog(1024)).toBe(10 * Math.LN2);
    expect(detLog(Number.MAX_VALUE)).toBe(709.782712893384);
    expect(detLog(Number.MIN_VALUE)).toBe(-744.4400719213812);
    expect(detLog(2 ** -1022)).toBe(-708.3964185322641);
  });

  it('handles zero, negatives, infinities and NaN like IEEE log', () => {
    expect(detLog(0)).toBe(-Infinity);
    expect(detLog(-0)).toBe(-Infinity);
    expect(detLog(-1)).toBeNaN();
    expect(detLog(-Number.MIN_VALUE)).toBeNaN();
    expect(detLog(-Infinity)).toBeNaN();
    expect(detLog(Infinity)).toBe(Infinity);
    expect(detLog(NaN)).toBeNaN();
  });

  it('is within 1 ulp of Math.log over the whole positive range (random bit patterns)', () => {
    const s = createStream('log-test');
    let worst = 0;
    for (let i = 0; i < 300_000; i++) {
      // Random high word over all positive finite exponents (subnormals included), random low word.
      const x = fromBits(Math.floor(s.next() * 0x7ff00000), Math.floor(s.next() * 2 ** 32));
      if (x === 0) continue;
      worst = Math.max(worst, ulps(detLog(x), Math.log(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('is within 1 ulp near 1 (the |f| < 2⁻²⁰ branch), at subnormals and at uniforms', () => {
    const s = createStream('log-edges');
    const xs: number[] = [];
    for (let k = 1; k <= 2000; k++) {
      xs.push(
        1 + k * Number.EPSILON,
        1 - (k * Number.EPSILON) / 2,
        1 + (s.next() - 0.5) * 2 ** -19,
      );
      xs.push(
        Number.MIN_VALUE * k,
        fromBits(0x000fffff, 0xffffffff - k),
        2 ** -1022 * (1 + s.next()),
      );
      xs.push(s.next(), 2 ** ((k % 2098) - 1074), Math.SQRT2 * (1 + (s.next() - 0.5) * 1e-6));
      // alea's grid of uniforms: multiples of 2⁻³².
      xs.push(k * 2 ** -32, 1 - k * 2 ** -32);
    }
    for (const x of xs) expect(ulps(detLog(x), Math.log(x))).toBeLessThanOrEqual(1);
  });
});

describe('exponential', () => {
  it('has mean 1/rate (n = 100,000, within 4 SE)', () => {
    const s = createStream('exp');
    const n = 100_000;
    const rate = 0.35 / 12;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += exponential(s, rate);
    const mean = 1 / rate;
    expect(Math.abs(sum / n - mean)).toBeLessThan((4 * mean) / Math.sqrt(n));
  });

  it('never waits when the rate is infinite, waits forever when it is 0', () => {
    const s = createStream('exp0');
    expect(exponential(s, 0)).toBe(Infinity);
    expect(exponential(s, Infinity)).toBe(0);
  });
});

describe('patient clocks (clockHash, hashUniform, hashExponential)', () => {
  const key = streamKeyWords('clocks', ['cohort']);

  it('take their key from alea’s initial state of the seed and path (through seedrandom)', () => {
    const st = seedrandom.alea(JSON.stringify(['clocks', 'cohort']), { state: true }).state();
    expect(key).toEqual([st.s0, st.s1, st.s2].map((x) => (x * 2 ** 32) | 0));
    expect(streamKeyWords('clocks', ['cohort', 'B'])).not.toEqual(key);
  });

  it('pin the first clocks (they must be the same in every engine)', () => {
    // Pinned under Node 20 / V8 when sampler version 2 was written; only integer operations.
    const ph = patientHash(key, 0);
    expect([0, 1, 2].map((k) => clockHash(key, ph, 0, 1, k))).toEqual(PINNED_CLOCKS);
  });

  it('map hashes to (0, 1) and the extremes to finite exponentials', () => {
    expect(hashUniform(0)).toBe(2 ** -33);
    expect(hashUniform(2 ** 32 - 1)).toBe(1 - 2 ** -33);
    expect(hashExponential(0)).toBeCloseTo(33 * Math.LN2, 14);
    expect(hashExponential(2 ** 32 - 1)).toBeGreaterThan(0);
  });

  it('give −log of the uniform within 2⁻⁵¹·max(1, E) of detLog (random hashes, bin edges)', () => {
    const hs: number[] = [];
    const stream = createStream('log-check');
    for (let i = 0; i < 200_000; i++) hs.push(Math.floor(stream.next() * 2 ** 32));
    for (let k = 0; k < 32; k++) {
      for (let j = 0; j <= 128; j++) {
        const edge = Math.floor(2 ** k * (1 + j / 128));
        for (const d of [-1, 0, 1]) if (edge + d >= 0 && edge + d < 2 ** 32) hs.push(edge + d);
      }
    }
    let worst = 0;
    for (const h of hs) {
      const exact = -detLog(hashUniform(h));
      worst = Math.max(worst, Math.abs(hashExponential(h) - exact) / Math.max(1, exact));
    }
    expect(worst).toBeLessThan(2 ** -51);
  });

  // Pearson chi-square over B equal bins; with B − 1 degrees of freedom its 99.99% quantile is
  // below (B − 1) + 8·sqrt(2(B − 1)) for the bin counts used here (normal approximation + margin).
  const chiSquare = (us: number[], B: number): number => {
    const counts = new Array<number>(B).fill(0);
    for (const u of us) counts[Math.floor(u * B)]!++;
    const e = us.length / B;
    return counts.reduce((acc, c) => acc + (c - e) ** 2 / e, 0);
  };
  const limit = (df: number): number => df + 8 * Math.sqrt(2 * df);

  it('are uniform across patients, transitions and occurrences (chi-square, 100 bins)', () => {
    const byPatient: number[] = [];
    const byTransition: number[] = [];
    const byOccurrence: number[] = [];
    for (let p = 0; p < 100_000; p++)
      byPatient.push(hashUniform(clockHash(key, patientHash(key, p), 0, 1, 0)));
    const ph = patientHash(key, 7);
    for (let a = 0; a < 256; a++)
      for (let b = 0; b < 256; b++) byTransition.push(hashUniform(clockHash(key, ph, a, b, 0)));
    for (let k = 0; k < 100_000; k++) byOccurrence.push(hashUniform(clockHash(key, ph, 2, 3, k)));
    for (const us of [byPatient, byTransition, byOccurrence]) {
      expect(chiSquare(us, 100)).toBeLessThan(limit(99));
    }
  });

  it('show no dependence between neighbours (2-D chi-square, 20 × 20 bins)', () => {
    // Pairs that differ in one input only: patient p vs p + 1, transition a → b vs a → b + 1,
    // occurrence k vs k + 1, and two transitions of the same patient and stay.
    const pairs: [number, number][][] = [[], [], [], []];
    for (let p = 0; p < 80_000; p++) {
      const ph = patientHash(key, p);
      const next = patientHash(key, p + 1);
      pairs[0]!.push([clockHash(key, ph, 1, 2, 0), clockHash(key, next, 1, 2, 0)]);
      pairs[1]!.push([clockHash(key, ph, 1, 2, 0), clockHash(key, ph, 1, 3, 0)]);
      pairs[2]!.push([clockHash(key, ph, 1, 2, 0), clockHash(key, ph, 1, 2, 1)]);
      pairs[3]!.push([clockHash(key, ph, 0, 1, 0), clockHash(key, ph, 0, 4, 0)]);
    }
    for (const list of pairs) {
      const cells = list.map(
        ([x, y]) => Math.floor(hashUniform(x) * 20) * 20 + Math.floor(hashUniform(y) * 20),
      );
      expect(
        chiSquare(
          cells.map((c) => (c + 0.5) / 400),
          400,
        ),
      ).toBeLessThan(limit(399));
      // And the exponentials are uncorrelated (|r| < 4 / sqrt(n)).
      const e1 = list.map(([x]) => hashExponential(x));
      const e2 = list.map(([, y]) => hashExponential(y));
      const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
      const m1 = mean(e1);
      const m2 = mean(e2);
      let sxy = 0;
      let sxx = 0;
      let syy = 0;
      for (let i = 0; i < e1.length; i++) {
        sxy += (e1[i]! - m1) * (e2[i]! - m2);
        sxx += (e1[i]! - m1) ** 2;
        syy += (e2[i]! - m2) ** 2;
      }
      expect(Math.abs(sxy / Math.sqrt(sxx * syy))).toBeLessThan(4 / Math.sqrt(e1.length));
      // Unit exponentials: mean 1 within 4 SE (SE = 1/sqrt(n)).
      expect(Math.abs(m1 - 1)).toBeLessThan(4 / Math.sqrt(e1.length));
    }
  });

  it('never give two patients of a stream the same hash state (a bijection of p)', () => {
    const seen = new Set<number>();
    for (let p = 0; p < 200_000; p++) seen.add(patientHash(key, p));
    expect(seen.size).toBe(200_000);
  });
});

const PINNED_CLOCKS = [2901090827, 2641155374, 3395848241];
