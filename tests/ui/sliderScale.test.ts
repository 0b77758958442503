import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RATE_MAX,
  RATE_MIN,
  STEPS,
  formatRate,
  monthlyProbability,
  parseTypedRate,
  positionOfRate,
  rateAtPosition,
  rateRefusal,
} from '../../src/ui/sliderScale';

describe('sliderScale', () => {
  it('puts exactly zero at position 0 and the range ends at the ends', () => {
    expect(rateAtPosition(0)).toBe(0);
    expect(rateAtPosition(1)).toBe(RATE_MIN);
    expect(rateAtPosition(STEPS)).toBe(RATE_MAX);
    expect(positionOfRate(0)).toBe(0);
    expect(positionOfRate(1e-9)).toBe(1);
    expect(positionOfRate(1e9)).toBe(STEPS);
  });

  it('is logarithmic: equal steps multiply the rate by the same factor', () => {
    const a = rateAtPosition(100);
    const b = rateAtPosition(300);
    const c = rateAtPosition(500);
    expect(b / a).toBeCloseTo(c / b, 2);
  });

  it('maps a rate to a position that maps back within 1% (the slider’s resolution)', () => {
    fc.assert(
      fc.property(fc.double({ min: RATE_MIN, max: RATE_MAX, noNaN: true }), (r) => {
        const back = rateAtPosition(positionOfRate(r));
        expect(Math.abs(back - r) / r).toBeLessThan(0.01);
      }),
    );
  });

  it('formats without NaN or long tails', () => {
    expect(formatRate(NaN)).toBe('—');
    expect(formatRate(0.123456)).toBe('0.123');
    expect(formatRate(0)).toBe('0');
  });

  it('converts a yearly rate to a one-month probability as 1 − e^(−r/12)', () => {
    // 12 per year is 1 per month: 1 − e^−1 = 0.6321…
    expect(monthlyProbability(12)).toBeCloseTo(0.6321205588, 9);
    expect(monthlyProbability(0)).toBe(0);
  });
});

describe('typed rates', () => {
  it('reads numbers from 0 to 50 per year, with a decimal comma, and refuses the rest', () => {
    expect(parseTypedRate(' 0.25 ')).toBe(0.25);
    expect(parseTypedRate('0,1415')).toBe(0.1415);
    expect(parseTypedRate('0')).toBe(0);
    expect(parseTypedRate('50')).toBe(50);
    for (const bad of ['', 'abc', '-1', '50.5', 'NaN', 'Infinity', '1e999']) {
      expect(parseTypedRate(bad), bad).toBeNull();
    }
  });

  it('names the box and says exactly which value was kept, punctuated once', () => {
    const p = rateRefusal('Remission', 'abc', 0.1415);
    expect(p.field).toBe('Remission');
    // The value kept is the one in the scenario, not its 3-digit display (0.141).
    expect(p.used).toBe('0.1415');
    // The notice reads "<field>: <message>; used <used>." — the message brings no punctuation
    // of its own at the end and repeats neither the box nor the value.
    expect(p.message).toBe('"abc" is not an intensity from 0 to 50 per year');
    const notice = `${p.field}: ${p.message}; used ${p.used}.`;
    expect(notice).not.toMatch(/\.;|;\.|\.\.|;.*;/);
    // A pasted novel is shown shortened.
    expect(rateRefusal('Relapse', 'x'.repeat(5000), 0.1).message.length).toBeLessThan(120);
  });
});
