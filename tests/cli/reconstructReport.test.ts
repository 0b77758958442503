import { describe, expect, it } from 'vitest';
import {
  formatReconstruction,
  parseReconstructArgs,
  runReconstruct,
} from '../../src/cli/reconstructReport';

describe('parseReconstructArgs', () => {
  it('reads the files, the total events and the scale', () => {
    expect(
      parseReconstructArgs([
        '--curve',
        'c.csv',
        '--at-risk=r.csv',
        '--events',
        '12',
        '--scale',
        'percent',
      ]),
    ).toEqual({
      ok: true,
      options: { curve: 'c.csv', atRisk: 'r.csv', events: 12, scale: 'percent', help: false },
    });
  });

  it('names the argument that is wrong', () => {
    expect(parseReconstructArgs(['--curve', 'c.csv'])).toMatchObject({
      ok: false,
      message: /--at-risk/,
    });
    expect(
      parseReconstructArgs(['--curve', 'c', '--at-risk', 'r', '--events', '-1']),
    ).toMatchObject({
      ok: false,
      message: /--events/,
    });
    expect(parseReconstructArgs(['--curve', 'c', '--at-risk', 'r', '--bogus'])).toMatchObject({
      ok: false,
      message: /--bogus/,
    });
  });
});

describe('runReconstruct', () => {
  const curve = 'time,survival\n0,1\n2,0.9\n4,0.95\n6,0.8\n9,0.7\n12,0.6\n18,0.5\n';
  const risk = 'time,at_risk\n0,50\n6,40\n12,28\n';

  it('prints time,event CSV for every patient and repairs the climbing line by number', () => {
    const run = runReconstruct(curve, risk, { events: null, scale: null });
    expect(run.reconstruction.ok).toBe(true);
    const rows = run.csv.trim().split('\n');
    expect(rows[0]).toBe('time,event');
    expect(rows).toHaveLength(51);
    const report = formatReconstruction(run, { curve: 'c.csv', atRisk: 'r.csv' });
    // Line 4 of the file (0.95 after 0.9) is the climbing one; the header is line 1.
    expect(report).toMatch(/curve line 4: survival 0\.95 rises above the point before \(0\.9\)/);
    expect(report).toMatch(/Reconstructed 50 patients/);
  });

  it('refuses input without a count at time 0, with no CSV', () => {
    const run = runReconstruct(curve, 'time,at_risk\n6,40\n', { events: null, scale: null });
    expect(run.reconstruction.ok).toBe(false);
    expect(run.csv).toBe('');
    expect(formatReconstruction(run, { curve: 'c.csv', atRisk: 'r.csv' })).toMatch(
      /error: at-risk table: needs the number at risk at time 0/,
    );
  });
});
