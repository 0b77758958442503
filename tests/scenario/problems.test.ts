import { describe, expect, it } from 'vitest';
import { isRecord, showValue, wellFormedText } from '../../src/scenario/problems';

describe('isRecord', () => {
  it('accepts plain objects, including an empty one and one without a prototype', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord({ a: 1 })).toBe(true);
    expect(isRecord(Object.create(null))).toBe(true);
  });

  it.each([[null], [undefined], [[]], [[1, 2]], ['{}'], [0], [true]])(
    'rejects %j (not a plain object read from outside)',
    (value) => {
      expect(isRecord(value)).toBe(false);
    },
  );
});

describe('wellFormedText', () => {
  it('replaces a lone surrogate and keeps a well-formed pair', () => {
    expect(wellFormedText('a\uD800b')).toBe('a\uFFFDb');
    expect(wellFormedText('\uD83D\uDE00')).toBe('\uD83D\uDE00');
  });
});

describe('showValue', () => {
  it('quotes strings, writes numbers as they are and says when a value is missing', () => {
    expect(showValue('x')).toBe('"x"');
    expect(showValue(1.5)).toBe('1.5');
    expect(showValue(undefined)).toBe('(missing)');
  });

  it('cuts long values to 58 characters ending in an ellipsis', () => {
    const shown = showValue('a'.repeat(100));
    expect(shown).toHaveLength(58);
    expect(shown.endsWith('…')).toBe(true);
  });
});
