import { describe, expect, it } from 'vitest';
import { parseBreakpoints } from '../../src/ui/controls/StructureControls';

describe('parseBreakpoints', () => {
  it('reads increasing months separated by commas or spaces', () => {
    expect(parseBreakpoints('6')).toEqual([6]);
    expect(parseBreakpoints('6, 12 24')).toEqual([6, 12, 24]);
    expect(parseBreakpoints('  ')).toEqual([]);
  });
  it('refuses what is not an increasing list of up to four positive months', () => {
    for (const bad of ['abc', '12, 6', '0', '-3', '6, 6', '1,2,3,4,5', 'NaN', '1e999']) {
      expect(parseBreakpoints(bad), bad).toBeNull();
    }
  });
});
