import type { Scenario } from '../../scenario/scenario';

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
export function exportFileName(s: Scenario, what: string, ext: string): string {
  const safe = (t: string) => t.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'x';
  return `${safe(s.study)}${s.arm ? `-${safe(s.arm)}` : ''}-${safe(s.seed)}-${what}.${ext}`;
}
