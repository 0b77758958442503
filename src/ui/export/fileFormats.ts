import type { FitRow } from '../../scenario/csv';
import type { TargetDistribution } from '../../model/simulate/replicates';
import type { Scenario, ScenarioProblem } from '../../scenario/scenario';
import { checkScenario, decodeLink } from '../../scenario/builtIn';
import { encodeScenario } from '../../scenario/urlCodec';
import type { FitRowView } from '../../scenario/derive';

/**
 * What the export menu writes and reads, without the DOM: the scenario file (its format, and
 * reading one back through the same validation as a link), the fit table rows with their
 * simulated column, joining the two arms' patient tables, and file names.
 */

/** The `format` of a scenario file. */
export const SCENARIO_FORMAT = 'msct-sim-scenario';
/** The version of the scenario file. */
export const SCENARIO_FILE_VERSION = 1;

/** A scenario as a JSON file: the link's query (what the URL would hold) and the scenario. */
export function scenarioFileText(s: Scenario): string {
  const file = {
    format: SCENARIO_FORMAT,
    version: SCENARIO_FILE_VERSION,
    query: encodeScenario(s),
    scenario: s,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads a scenario file: its `scenario` object through `checkScenario`, or, without one, its
 * `query` through the link decoder. Every fix is a problem naming its field; a file that is not a
 * scenario file at all is an error. Never throws.
 */
export function readScenarioFile(
  text: string,
): { ok: true; scenario: Scenario; problems: ScenarioProblem[] } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
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
  if (typeof file.scenario === 'object' && file.scenario !== null) {
    // Files written before sampler version 2 have no `sampler`: version 1 drew their patients
    // (their query says v=1), so they keep it and reopen with the same patients.
    const given = file.scenario as Record<string, unknown>;
    const r = checkScenario(given.sampler === undefined ? { ...given, sampler: 1 } : given);
    return { ok: true, scenario: r.scenario, problems: [...problems, ...r.problems] };
  }
  if (typeof file.query === 'string') {
    const r = decodeLink(file.query);
    return { ok: true, scenario: r.scenario, problems: [...problems, ...r.problems] };
  }
  return { ok: false, message: 'has neither a "scenario" object nor a "query" text' };
}

/**
 * The fit table as CSV rows; `simulated` is the median of the figure over the replicate trials
 * (empty where no replicate could compute it).
 */
export function fitCsvRows(
  rows: readonly FitRowView[],
  simulated: readonly TargetDistribution[] | undefined,
): FitRow[] {
  const byId = new Map((simulated ?? []).map((t) => [t.id, t]));
  return rows.map((r) => {
    const sim = byId.get(r.id);
    return {
      id: r.id,
      label: r.label,
      time: r.time,
      k: r.k,
      n: r.n,
      observed: r.observed,
      lower: r.lower,
      upper: r.upper,
      model: r.model,
      inside: r.inside,
      simulated: sim && sim.count > 0 ? sim.median : null,
    };
  });
}

/** A file name for an export of a scenario, e.g. `followup2018-lupus-curves.svg`. */
export function exportFileName(s: Scenario, what: string, ext: string): string {
  const safe = (t: string) => t.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'x';
  return `${safe(s.study)}${s.arm ? `-${safe(s.arm)}` : ''}-${safe(s.seed)}-${what}.${ext}`;
}
