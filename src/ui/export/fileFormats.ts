import { csvFormatRows } from 'd3-dsv';
import type { FitUncertainty } from '../uncertainty';
import type { Trial } from '../../scenario/scenario';

/**
 * What the export menu writes and reads, without the DOM: the scenario file (its format, and
 * reading one back through the same validation as a link), joining the two arms' patient tables, and file names.
 */

// The scenario file's codec lives in src/scenario (the CLI reads the same files).
export {
  SCENARIO_FILE_VERSION,
  SCENARIO_FORMAT,
  readScenarioFile,
  scenarioFileText,
} from '../../scenario/scenarioFile';

/** A file name for an export of a scenario, e.g. `followup2018-lupus-curves.svg`. */
export function exportFileName(
  s: Pick<Trial, 'study' | 'arm' | 'seed'>,
  what: string,
  ext: string,
): string {
  const safe = (t: string) => t.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'x';
  return `${safe(s.study)}${s.arm ? `-${safe(s.arm)}` : ''}-${safe(s.seed)}-${what}.${ext}`;
}

/**
 * What the published figures allow (issue 16) as CSV rows: each fitted value's 95%
 * profile-likelihood interval (per year; `at_search_end` says when an end is the searched range's),
 * then the expected months in each state and the life-years to the horizon with their 95% range
 * over the parameter draws. One header: quantity, name, estimate, lower, upper, unit, note.
 */
export function uncertaintyCsv(fit: FitUncertainty): string {
  const rows: (string | number | null)[][] = [
    ['quantity', 'name', 'estimate', 'lower', 'upper', 'unit', 'note'],
  ];
  for (const iv of fit.intervals) {
    const ends = [iv.lowerAtSearchEnd ? 'lower' : '', iv.upperAtSearchEnd ? 'upper' : '']
      .filter(Boolean)
      .join('+');
    rows.push([
      'intensity',
      iv.name,
      iv.estimate,
      iv.lower,
      iv.upper,
      'per year',
      `profile likelihood 95%${iv.weaklyIdentified ? '; weakly identified' : ''}${ends ? `; at_search_end ${ends}` : ''}`,
    ]);
  }
  const t = fit.timeInState;
  const draws = `95% over ${fit.drawCount} drawn rate sets (seed ${fit.seed})`;
  for (const l of t.lanes) {
    rows.push(['time in state', l.lane, l.months, l.lower, l.upper, 'months', draws]);
  }
  rows.push([
    'life-years alive',
    `to ${t.horizonMonths} months`,
    t.lifeYears.years,
    t.lifeYears.lower,
    t.lifeYears.upper,
    'years',
    draws,
  ]);
  return csvFormatRows(rows.map((r) => r.map((x) => (x === null ? '' : String(x))))) + '\n';
}
