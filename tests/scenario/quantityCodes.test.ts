import { describe, expect, it } from 'vitest';
import {
  newRelapsesLetter,
  quantityCode,
  quantityFromCode,
} from '../../src/scenario/quantityCodes';

describe('quantityCode and quantityFromCode: new relapses in an interval', () => {
  it.each([
    ['enrolled', 'new-12-e'],
    ['alive-at-start', 'new-12-a'],
    ['ever-remitted', 'new-12-r'],
  ] as const)('writes whom new relapses count (%s) as its letter, and reads it back', (d, code) => {
    const q = { kind: 'newRelapses', fromMonth: 12, denominator: d } as const;
    expect(quantityCode(q)).toBe(code);
    expect(quantityFromCode(code)).toEqual(q);
  });

  it('reads a month with decimals and refuses an unknown letter', () => {
    expect(quantityFromCode('new-6.5-a')).toEqual({
      kind: 'newRelapses',
      fromMonth: 6.5,
      denominator: 'alive-at-start',
    });
    expect(quantityFromCode('new-6-x')).toBeUndefined();
  });

  it('reads an unknown denominator as among the remitted (validateTarget refuses it first)', () => {
    expect(newRelapsesLetter('bogus')).toBe('r');
    expect(newRelapsesLetter('alive-at-start')).toBe('a');
  });
});
