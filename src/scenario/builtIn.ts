import { DEFAULT_STUDY_ID, STUDIES, getStudy, type StudyPreset } from '../data';
import { validateScenario } from './validateScenario';
import type { Scenario } from './scenario';
import type { ScenarioProblem } from './problems';
import { decodeScenario } from './urlCodec';

/**
 * Scenarios read against the built-in studies (src/data), with the default study as fallback:
 * the one place the browser (URL, saved scenarios, scenario files) and the CLI decode a link.
 */

/** A scenario read from outside, with every fix named. */
export interface Checked {
  scenario: Scenario;
  problems: ScenarioProblem[];
}

/** Decodes a link (a query string or a whole URL) against the built-in studies. Never throws. */
export function decodeLink(query: string): Checked {
  return decodeScenario(query, STUDIES, DEFAULT_STUDY_ID);
}

/** Validates a scenario object (a scenario file, a test fixture) against the built-in studies. */
export function checkScenario(raw: unknown): Checked {
  return validateScenario(raw, STUDIES, DEFAULT_STUDY_ID);
}

/** The built-in study a valid scenario refers to (validation only lets preset ids through). */
export function studyOf(scenario: Pick<Scenario, 'study'>): StudyPreset {
  const study = getStudy(scenario.study);
  if (!study) throw new Error(`Unknown study "${scenario.study}".`);
  return study;
}
