import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { getStudy } from '../../../src/data';
import { defaultScenario } from '../../../src/scenario/defaults';
import { FitTable } from '../../../src/ui/panels/FitTable';
import { deriveScenario } from '../../../src/scenario/derive';

// Rows as the table gets them, each with a replicate range of 20–40%.
const rows = deriveScenario(defaultScenario(getStudy('followup2018')!)).rows.map((r) => ({
  ...r,
  simulated: null,
  replicates: { lower: 0.2, median: 0.3, upper: 0.4, count: 1 },
}));
// Server rendering puts <!-- --> between adjacent text parts; the reader sees the text alone.
const text = (html: string) => html.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, ' ');

describe('FitTable', () => {
  it('speaks of a range over R replicate trials when there are at least 2', () => {
    const t = text(renderToString(<FitTable rows={rows} replicates={200} />));
    expect(t).toContain('over 200 replicate trials');
    expect(t).toContain('20.0%–40.0%');
  });

  it('shows no range, and says why, with 1 or 0 replicate trials', () => {
    for (const r of [0, 1]) {
      const t = text(renderToString(<FitTable rows={rows} replicates={r} />));
      expect(t).not.toMatch(/over [01] replicate trials|20\.0%–40\.0%/);
      expect(t).toMatch(/needs 2 or more replicate trials/);
    }
  });
});
