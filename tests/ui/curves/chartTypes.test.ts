import { describe, expect, it } from 'vitest';
import { emptyShareChart } from '../../../src/ui/curves/chartTypes';

describe('emptyShareChart', () => {
  it('is an empty chart of shares in percent over months since transplant, up to the horizon', () => {
    expect(emptyShareChart('os', 'Overall survival', 'Alive', 60)).toEqual({
      id: 'os',
      title: 'Overall survival',
      yLabel: 'Alive',
      xLabel: 'Months since transplant',
      xMax: 60,
      percent: true,
      series: [],
      bands: [],
      points: [],
    });
  });

  it('gives each chart its own lists, so filling one leaves another empty', () => {
    const a = emptyShareChart('a', 'A', 'y', 12);
    const b = emptyShareChart('b', 'B', 'y', 12);
    a.series.push({ id: 's', label: 's', color: '#000', kind: 'line', x: [0], y: [1] });
    expect(b.series).toEqual([]);
  });
});
