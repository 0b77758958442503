import { describe, expect, it } from 'vitest';
import { validateTarget } from '../../src/scenario/validateTarget';

describe('validateTarget fixes found while writing the codec', () => {
  it('recognises a quantity whose keys come in another order (imported JSON)', () => {
    const { target } = validateTarget(
      {
        quantity: { denominator: 'survivors', which: 'remission', kind: 'inState' },
        time: 12,
        k: 1,
        n: 2,
      },
      't',
    );
    expect(target?.quantity).toEqual({
      kind: 'inState',
      which: 'remission',
      denominator: 'survivors',
    });
  });

  it.each([
    [{ kind: 'bogus' }],
    [{ kind: 'inState', which: 'nowhere', denominator: 'enrolled' }],
    [{ kind: 'newRelapses', fromMonth: 1, denominator: 'bogus' }],
  ])('drops a target of unknown quantity %j instead of reading it as another', (quantity) => {
    const { target, problems } = validateTarget({ quantity, time: 12, k: 1, n: 2 }, 't');
    expect(target).toBeNull();
    expect(problems[0]?.field).toBe('t.quantity');
  });

  it.each([[''], [' '], [null], [[7]], [true]])('reports k = %j instead of reading 0', (k) => {
    const { target, problems } = validateTarget({ quantity: 'os', time: 12, k, n: 20 }, 't');
    expect(target).toBeNull();
    expect(problems[0]?.field).toBe('t.k');
  });
});
