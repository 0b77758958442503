import { describe, expect, it } from 'vitest';
import { curveTimes, renderTable } from '../../src/cli/renderTables';

describe('plain-text tables', () => {
  it('renders aligned plain-text tables', () => {
    const t = renderTable(
      ['Id', 'Value'],
      [
        ['F1', '84.0%'],
        ['F10', '5.0%'],
      ],
    );
    expect(t.split('\n')).toEqual(['Id   Value', '---  -----', 'F1   84.0%', 'F10   5.0%']);
  });

  it('picks curve times: every 12 months and each published time within the horizon', () => {
    const grid = Array.from({ length: 61 }, (_, i) => i);
    expect(curveTimes(grid, [60, 9, 8.25, 72, 0])).toEqual([8.25, 9, 12, 24, 36, 48, 60]);
  });
});
