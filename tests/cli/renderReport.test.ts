import { describe, expect, it } from 'vitest';
import { STUDIES, getStudy } from '../../src/data';
import { shortCitation } from '../../src/data/citation';
import { shapeFitReport, shapeReport } from '../../src/cli/shapeJson';
import { linkBase, renderFitReport, renderReport } from '../../src/cli/renderReport';
import { runFit, runScenario } from '../../src/cli/run';

describe('plain-text reports', () => {
  it('formats links', () => {
    expect(linkBase('http://example.org/sim/?v=1&study=x')).toBe('http://example.org/sim/');
    expect(linkBase('study=x')).toBe('');
  });

  it('counts one patient and one replicate trial in the singular, and calls no single trial a range', () => {
    const run = runScenario('study=followup2018&n=1&r=1');
    const text = renderReport(shapeReport(run), run);
    expect(text).toMatch(/n = 1, .*1 replicate trial, censoring/);
    expect(text).not.toMatch(/1 replicate trials|1 patients/);
    expect(text).toContain('Replicates (R=1: too few for a range)');
    expect(text).not.toContain('2.5–97.5% (R=1)');
  });

  it('--fit for followup2018 reports 0 degrees of freedom and no p-value, in text and JSON', () => {
    const run = runFit('study=followup2018');
    expect(run.result.free).toHaveLength(4);
    const json = shapeFitReport(run) as { calibration: { df: number; pValue: number | null } };
    expect(json.calibration.df).toBe(0);
    expect(json.calibration.pValue).toBeNull();
    const text = renderFitReport(run);
    expect(text).toMatch(/deviance \(df\) +\d+\.\d{4} \(0\)/);
    expect(text).toMatch(/p-value +none: 0 degrees of freedom/);
  });

  it.each(STUDIES.map((s) => [s.id] as const))(
    'names the sources of %s by citation, never by an internal document name',
    (id) => {
      const run = runScenario(`study=${id}&r=2&n=20`);
      const report = shapeReport(run);
      const text = renderReport(report, run);
      for (const out of [text, JSON.stringify(report)]) {
        expect(out).not.toMatch(/\b\d{3}_[0-9a-f]{16}\b|\.txt\b|seed (document|file)/);
      }
      const study = getStudy(id)!;
      if (study.figures.some((f) => f.role !== 'context'))
        expect(text).toContain(shortCitation(study.citation));
    },
  );
});
