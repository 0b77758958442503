import { describe, expect, it } from 'vitest';
import { jsonArray, shapeReport } from '../../src/cli/shapeJson';
import { runScenario } from '../../src/cli/run';
import type { JsonReport } from '../../src/cli/jsonReport';

describe('JSON shaping', () => {
  it('shapes numbers for JSON: NaN and Infinity become null, typed arrays plain arrays', () => {
    expect(jsonArray(new Float64Array([0.5, NaN, Infinity, -Infinity, 1]))).toEqual([
      0.5,
      null,
      null,
      null,
      1,
    ]);
  });

  it('shapes a run deterministically with no NaN in its JSON', () => {
    const q = 'v=1&study=multicentre2012&seed=unit&r=5';
    const a = JSON.stringify(shapeReport(runScenario(q)));
    const b = JSON.stringify(shapeReport(runScenario(q)));
    expect(a).toBe(b);
    expect(a).not.toMatch(/NaN|Infinity/);
    const parsed = JSON.parse(a) as JsonReport;
    // multicentre2012 has figures the default structure cannot express (split remission).
    expect(parsed.fit.some((r) => r.model === null && !r.supported)).toBe(true);
  });
});
