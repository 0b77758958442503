/**
 * The scenario file (JSON): its format, and reading one back through the same validation as a
 * link. Shared by the browser's export menu and the CLI (`npm run simulate -- --scenario
 * file.json`). Besides the scenario, a file may hold digitised Kaplan–Meier figures (`curves`,
 * see ./digitisedCurves.ts), which are too long for a link.
 */
import { checkScenario, decodeLink } from './builtIn';
import { validateDigitisedCurves, type DigitisedCurve } from './digitisedCurves';
import type { Scenario } from './scenario';
import type { ScenarioProblem } from './problems';
import { encodeScenario } from './urlCodec';

/** The `format` of a scenario file. */
export const SCENARIO_FORMAT = 'msct-sim-scenario';
/** The version of the scenario file. */
export const SCENARIO_FILE_VERSION = 1;

/**
 * A scenario as a JSON file: the link's query (what the URL would hold), the scenario, and its
 * digitised curves when it has any.
 */
export function scenarioFileText(s: Scenario, curves: readonly DigitisedCurve[] = []): string {
  const file = {
    format: SCENARIO_FORMAT,
    version: SCENARIO_FILE_VERSION,
    query: encodeScenario(s),
    scenario: s,
    ...(curves.length > 0 ? { curves } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads a scenario file: its `scenario` object through `checkScenario`, or, without one, its
 * `query` through the link decoder, and its `curves`. Every fix is a problem naming its field
 * (curve problems name `curves[i]…`); a file that is not a scenario file at all is an error.
 * Never throws.
 */
export function readScenarioFile(text: string):
  | {
      ok: true;
      scenario: Scenario;
      problems: ScenarioProblem[];
      /** The file's digitised curves; absent when it has none. */
      curves?: DigitisedCurve[];
    }
  | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(String(text).replace(/^\uFEFF/, ''));
  } catch (err) {
    return {
      ok: false,
      message: `is not JSON (${err instanceof Error ? err.message : String(err)})`,
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, message: 'is not a scenario file (expected a JSON object)' };
  const file = raw as Record<string, unknown>;
  if (file.format !== SCENARIO_FORMAT)
    return {
      ok: false,
      message: `is not a scenario file (format ${JSON.stringify(file.format ?? null)?.slice(0, 60)}, expected "${SCENARIO_FORMAT}")`,
    };
  const problems: ScenarioProblem[] = [];
  if (file.version !== SCENARIO_FILE_VERSION)
    problems.push({
      field: 'version',
      message: `${JSON.stringify(file.version ?? null)?.slice(0, 20)} is not ${SCENARIO_FILE_VERSION}`,
      used: 'read as version 1',
    });
  const c = validateDigitisedCurves(file.curves);
  const curveProblems: ScenarioProblem[] = c.problems;
  const withCurves = c.curves.length > 0 ? { curves: c.curves } : {};
  if (typeof file.scenario === 'object' && file.scenario !== null) {
    // Files written before sampler version 2 have no `sampler`: version 1 drew their patients
    // (their query says v=1), so they keep it and reopen with the same patients.
    const given = file.scenario as Record<string, unknown>;
    const r = checkScenario(given.sampler === undefined ? { ...given, sampler: 1 } : given);
    return {
      ok: true,
      scenario: r.scenario,
      problems: [...problems, ...r.problems, ...curveProblems],
      ...withCurves,
    };
  }
  if (typeof file.query === 'string') {
    const r = decodeLink(file.query);
    return {
      ok: true,
      scenario: r.scenario,
      problems: [...problems, ...r.problems, ...curveProblems],
      ...withCurves,
    };
  }
  return { ok: false, message: 'has neither a "scenario" object nor a "query" text' };
}
