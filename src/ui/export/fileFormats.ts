import type { FitRow } from '../../scenario/csv';
import type { TargetDistribution } from '../../model/simulate/replicates';
import type { Scenario } from '../../scenario/scenario';
import type { FitRowView } from '../../scenario/derive';

/**
 * What the export menu writes and reads, without the DOM: the scenario file (its format, and
 * reading one back through the same validation as a link), the fit table rows with their
 * simulated column, joining the two arms' patient tables, and file names.
 */

// The scenario file's codec lives in src/scenario (the CLI reads the same files).
export {
  SCENARIO_FILE_VERSION,
  SCENARIO_FORMAT,
  readScenarioFile,
  scenarioFileText,
} from '../../scenario/scenarioFile';

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

/** Several CSV texts with the same header as one: the header once, then every part's rows. */
export function joinCsv(parts: readonly string[]): string {
  const [first, ...rest] = parts;
  if (first === undefined) return '';
  const body = rest.map((p) => {
    const i = p.indexOf('\n');
    return i < 0 ? '' : p.slice(i + 1);
  });
  return [first, ...body].join('');
}

/** A file name for an export of a scenario, e.g. `followup2018-lupus-curves.svg`. */
export function exportFileName(s: Scenario, what: string, ext: string): string {
  const safe = (t: string) => t.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'x';
  return `${safe(s.study)}${s.arm ? `-${safe(s.arm)}` : ''}-${safe(s.seed)}-${what}.${ext}`;
}
