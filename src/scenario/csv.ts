/**
 * CSV in and out: digitised published curves in, simulated patients and the fit table out.
 * Parsing and quoting are d3-dsv's; this module adds what the files mean.
 *
 * Every text cell written is guarded against CSV (formula) injection as OWASP recommends: a cell
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a
 * spreadsheet shows it as text instead of running it. Numbers (including negative ones) are
 * written as numbers.
 */

import type { ArmEndpointSummary, EndpointComparison } from '../model/estimate/armComparison';
import { ENDPOINT_IDS, ENDPOINT_NAMES, type EndpointId } from '../model/estimate/endpoints';
import type { PowerEstimate } from '../model/estimate/power';
import type { FitRow as CalibrationFitRow } from '../model/calibrate/calibrate';
import type { SimulatedFitRow } from './derive';
import { dsvFormat } from 'd3-dsv';
import type { Cohort, ModelSpec } from '../model/types';

/** One point of a digitised curve: time in months, value (and band) as a proportion 0–1. */
export interface CurvePoint {
  time: number;
  value: number;
  lower?: number;
  upper?: number;
}

/** A problem in an imported file: its 1-based line (counting the header; 0 = whole file). */
export interface CsvProblem {
  line: number;
  message: string;
}

/** Most points read from one file. */
export const MAX_CURVE_POINTS = 5000;

/** Latest time a digitised point may have, in months (100 years, as for typed targets). */
export const MAX_CURVE_MONTHS = 1200;

// Digitising by hand lands a little beside the axes: a value down to −2 points (−0.02) or a
// time down to −1 month is read as 0, a value up to 102% as 100%; anything further is a bad row.
const VALUE_SLACK = 0.02;
const TIME_SLACK = 1;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Whether a cell is written as a percentage ("85%"). */
const hasPercentSign = (cell: string): boolean => cell.trim().endsWith('%');

/** A cell as a number: plain decimal notation only (a decimal comma when `,` is not the
 * delimiter, a trailing `%` allowed), NaN otherwise. */
export function cellNumber(cell: string, decimalComma: boolean): number {
  let s = cell.trim();
  if (hasPercentSign(s)) s = s.slice(0, -1).trim();
  if (decimalComma) s = s.replace(',', '.');
  return NUMBER.test(s) ? Number(s) : NaN;
}

// The delimiter of the first data-looking line: a tab, else a semicolon, else a comma. European
// spreadsheets write `12;0,85` (semicolon, decimal comma), so a semicolon wins over a comma.
export function detectDelimiter(lines: readonly string[]): string {
  const first = lines.find((l) => l.trim() !== '') ?? '';
  if (first.includes('\t')) return '\t';
  if (first.includes(';')) return ';';
  return ',';
}

/**
 * Reads a digitised curve: `time,value[,lower,upper]` per line, as WebPlotDigitizer and
 * spreadsheets export it. Accepts an optional header line, comma, semicolon or tab delimiters
 * (a decimal comma with the latter two), values as proportions (0–1) or percentages (0–100). The
 * file is read as percentages when a cell says so ("85%") or when most of its values (not counting
 * those near 0) are above 1.02, and a note says so; otherwise a value above 1.02 is a bad row
 * (one typo must not turn 1.0 into 1%). Values within 0.02 of an edge are read as the edge. Time
 * is in months, at most `MAX_CURVE_MONTHS`.
 * Bad rows are skipped and reported by line number (1-based, the header counts). Points come back
 * sorted by time. Never throws.
 */
export function parseDigitisedCurve(text: string): {
  points: CurvePoint[];
  problems: CsvProblem[];
} {
  const problems: CsvProblem[] = [];
  const lines = String(text)
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/);
  const delimiter = detectDelimiter(lines);
  const dsv = dsvFormat(delimiter);
  const decimalComma = delimiter !== ',';

  interface Row {
    line: number;
    cells: number[];
  }
  const rows: Row[] = [];
  let seenData = false;
  let percentSign = false;
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (raw.trim() === '') continue;
    // One line at a time, so that line numbers are exact (digitised data has no quoted newlines).
    const cells = (dsv.parseRows(raw)[0] ?? []).map((c) => c.trim());
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    const numbers = cells.map((c) => cellNumber(c, decimalComma));
    if (!seenData && !Number.isFinite(numbers[0] ?? NaN)) {
      // The first non-empty line may be a header (`x,y`, `time,value,lower,upper`).
      seenData = true;
      continue;
    }
    seenData = true;
    if (cells.length < 2) {
      problems.push({ line, message: 'needs at least a time and a value' });
      continue;
    }
    const bad = numbers.findIndex((x, j) => j < 4 && !Number.isFinite(x));
    if (bad >= 0) {
      problems.push({
        line,
        message: `column ${bad + 1} (${['time', 'value', 'lower', 'upper'][bad]}) is not a number`,
      });
      continue;
    }
    if (cells.length > 4)
      problems.push({ line, message: 'has more than 4 columns; extra ignored' });
    if (rows.length >= MAX_CURVE_POINTS) {
      problems.push({ line, message: `more than ${MAX_CURVE_POINTS} points; the rest skipped` });
      break;
    }
    rows.push({ line, cells: numbers.slice(0, 4) });
    if (cells.slice(1, 4).some(hasPercentSign)) percentSign = true;
  }

  // "Above 1" means above 1 + VALUE_SLACK: a proportion curve digitised a hair above its top
  // (1.004) is common, a percentage curve that never exceeds 1.02% is not. Values near 0 say
  // nothing about the scale, so the majority is counted among the others.
  const values = rows.flatMap((r) => r.cells.slice(1));
  const above = values.filter((x) => x > 1 + VALUE_SLACK).length;
  const informative = values.filter((x) => x > VALUE_SLACK).length;
  const percent = percentSign || 2 * above > informative;
  const scale = percent ? 100 : 1;
  const percentLine = rows.find((r) => r.cells.slice(1).some((x) => x > 1 + VALUE_SLACK))?.line;
  if (percent && !percentSign && percentLine !== undefined)
    problems.push({
      line: percentLine,
      message: 'values above 1: all values are read as percentages (0–100)',
    });

  const points: CurvePoint[] = [];
  let nudged = 0;
  for (const { line, cells } of rows) {
    let time = cells[0]!;
    const [value, lower, upper] = cells.slice(1).map((x) => {
      const y = x / scale;
      if (y < 0 && y >= -VALUE_SLACK) return (nudged++, 0);
      if (y > 1 && y <= 1 + VALUE_SLACK) return (nudged++, 1);
      return y;
    });
    if (time < 0 && time >= -TIME_SLACK) {
      time = 0;
      nudged++;
    }
    if (time < 0) {
      problems.push({ line, message: `time ${time} is negative` });
      continue;
    }
    if (time > MAX_CURVE_MONTHS) {
      problems.push({
        line,
        message: `time ${time} is beyond ${MAX_CURVE_MONTHS} months (${MAX_CURVE_MONTHS / 12} years)`,
      });
      continue;
    }
    const tooHigh = scale === 1 ? cells.slice(1).find((x) => x > 1 + VALUE_SLACK) : undefined;
    if (tooHigh !== undefined) {
      problems.push({
        line,
        message: `value ${tooHigh} is above 1 while most values are proportions (0–1); row skipped`,
      });
      continue;
    }
    const outside = [value, lower, upper].some((y) => y !== undefined && (y < 0 || y > 1));
    if (outside) {
      problems.push({ line, message: `a value is outside 0–${scale === 1 ? 1 : 100}` });
      continue;
    }
    const point: CurvePoint = { time, value: value! };
    if (lower !== undefined && upper !== undefined) {
      if (lower > upper) {
        problems.push({ line, message: 'lower bound is above the upper bound' });
        continue;
      }
      point.lower = lower;
      point.upper = upper;
    } else if (lower !== undefined) {
      problems.push({ line, message: 'has a lower bound but no upper bound; bound ignored' });
    }
    points.push(point);
  }
  if (nudged > 0)
    problems.push({
      line: 0,
      message: `${nudged} value(s) just outside the axes were read as the nearest edge`,
    });
  if (points.length === 0) problems.push({ line: 0, message: 'no data points found' });
  // Array.prototype.sort is stable, so points at the same time keep their file order.
  points.sort((a, b) => a.time - b.time);
  return { points, problems };
}

/**
 * Guards one text cell against formula injection (OWASP "CSV Injection"): a leading `'` when it
 * starts (after spaces) with `=`, `+`, `-`, `@`, a tab or a carriage return, unless the whole cell
 * is a plain number such as `-0.5`.
 */
export function escapeCsvCell(cell: string): string {
  if (NUMBER.test(cell)) return cell;
  return /^\s*[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

const numberCell = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '' : String(x);

const format = (rows: string[][]): string => `${dsvFormat(',').formatRows(rows)}\n`;

/** One arm's simulated patients and the model whose state ids name their states. */
export interface PatientsArm {
  cohort: Cohort;
  spec: ModelSpec;
}

/**
 * The simulated patients as CSV, one row per state entered: the table the browser exports and
 * the CLI prints (`--patients`), from this one function.
 *
 * `patient,time_months,state`, or `arm,patient,time_months,state` with arm B (arms `A`, `B`):
 *
 * - `patient`: 1-based patient number (patient i of arm B is patient i of arm A under common
 *   random numbers, see src/model/simulate/microsim.ts);
 * - `time_months`: months since that patient's transplant, full precision (`String(x)`, which
 *   reads back as the same double);
 * - `state`: the model's state id (`active`, `remission`, `dead_remitted`, …), the initial state
 *   at 0, then each state entered; a patient still alive when follow-up ends (the cut-off, loss
 *   to follow-up or the horizon) gets a last row `censored` at that time.
 *
 * States entered after a patient's follow-up are not observed and not written. Ends with a
 * newline. Arm A's rows, without the `arm` column, are exactly the single-arm table.
 */
export function patientsToCsv(A: PatientsArm, B: PatientsArm | null = null): string {
  return patientsCsvParts(A, B).join('');
}

/**
 * `patientsToCsv` in parts of at most `patientsPerPart` patients each (the header in the first
 * part): their concatenation is exactly `patientsToCsv`. A million patients make some 2.5 million
 * rows (about 90 MB of text); written part by part the rows never exist all at once as arrays,
 * and the browser hands the parts to a Blob without joining them.
 */
export function patientsCsvParts(
  A: PatientsArm,
  B: PatientsArm | null = null,
  patientsPerPart = 20_000,
): string[] {
  const parts: string[] = [];
  let rows: string[][] = [
    B ? ['arm', 'patient', 'time_months', 'state'] : ['patient', 'time_months', 'state'],
  ];
  const write = ({ cohort, spec }: PatientsArm, arm: string | null): void => {
    const id = (code: number): string => escapeCsvCell(spec.states[code]?.id ?? String(code));
    for (let p = 0; p < cohort.n; p++) {
      if (p > 0 && p % patientsPerPart === 0) {
        parts.push(format(rows));
        rows = [];
      }
      const start = cohort.offsets[p]!;
      const end = cohort.offsets[p + 1]!;
      const followUp = cohort.followUp[p]!;
      const patient = String(p + 1);
      const row = (time: number, state: string): void => {
        rows.push(
          arm === null
            ? [patient, numberCell(time), state]
            : [arm, patient, numberCell(time), state],
        );
      };
      let state = cohort.eventState[start]!;
      row(0, id(state));
      for (let e = start + 1; e < end; e++) {
        const t = cohort.eventTime[e]!;
        if (t > followUp) break;
        state = cohort.eventState[e]!;
        row(t, id(state));
      }
      if (spec.states[state]?.alive !== false) row(followUp, 'censored');
    }
  };
  write(A, B ? 'A' : null);
  if (B) {
    parts.push(format(rows));
    rows = [];
    write(B, 'B');
  }
  if (rows.length > 0) parts.push(format(rows));
  return parts;
}

/**
 * The fit table as CSV with columns `id,label,time,k,n,observed,lower,upper,model,inside,simulated`
 * (proportions 0–1 at full precision, time in months, `inside` as 1/0; `simulated` is the median
 * of the figure over the replicate trials, empty when not simulated). Rows are the fit table's
 * (`withSimulation`); only these columns are read. Ends with a newline.
 */
export function fitTableToCsv(
  rows: readonly (CalibrationFitRow & Partial<Pick<SimulatedFitRow, 'replicates'>>)[],
): string {
  const out: string[][] = [
    ['id', 'label', 'time', 'k', 'n', 'observed', 'lower', 'upper', 'model', 'inside', 'simulated'],
  ];
  for (const r of rows) {
    out.push([
      escapeCsvCell(r.id),
      escapeCsvCell(r.label),
      numberCell(r.time),
      numberCell(r.k),
      numberCell(r.n),
      numberCell(r.observed),
      numberCell(r.lower),
      numberCell(r.upper),
      numberCell(r.model),
      r.inside ? '1' : '0',
      numberCell(r.replicates?.median),
    ]);
  }
  return format(out);
}

/**
 * The survival figure's numbers as CSV, long format, columns
 * `arm,endpoint,measure,time,value,lower,upper`:
 *
 * - per arm and endpoint (`overall survival`, `time to first remission`): `median` with its 95%
 *   interval (empty where not reached), and `at risk`, `events`, `censored` at each table time
 *   (months; events and censored since the previous time);
 * - with two arms (arm `B vs A`): `log-rank chi-square` (1 df), `log-rank p`, `hazard ratio` with
 *   its Wald 95% interval (empty when not estimable), and `power` (share of replicate pairs with
 *   log-rank p < 0.05) with its Wilson 95% interval.
 *
 * Full precision; computed on the shown cohorts, the patients of `patientsToCsv`. Ends with a
 * newline.
 */
export function survivalToCsv(
  arms: readonly { label: string; endpoints: Record<EndpointId, ArmEndpointSummary> }[],
  comparison: Record<EndpointId, EndpointComparison> | null,
  power: Record<EndpointId, PowerEstimate> | null,
): string {
  const rows: string[][] = [['arm', 'endpoint', 'measure', 'time', 'value', 'lower', 'upper']];
  const row = (
    arm: string,
    id: EndpointId,
    measure: string,
    time: number | null,
    v: number,
    lo?: number,
    hi?: number,
  ) =>
    rows.push([
      escapeCsvCell(arm),
      ENDPOINT_NAMES[id],
      measure,
      numberCell(time),
      numberCell(v),
      numberCell(lo),
      numberCell(hi),
    ]);
  for (const a of arms) {
    for (const id of ENDPOINT_IDS) {
      const e = a.endpoints[id];
      row(a.label, id, 'median', null, e.median.value, e.median.lower, e.median.upper);
      const t = e.riskTable;
      t.times.forEach((time, j) => {
        row(a.label, id, 'at risk', time, t.atRisk[j]!);
        row(a.label, id, 'events', time, t.events[j]!);
        row(a.label, id, 'censored', time, t.censored[j]!);
      });
    }
  }
  if (comparison) {
    for (const id of ENDPOINT_IDS) {
      const c = comparison[id];
      row('B vs A', id, 'log-rank chi-square', null, c.logRank.chiSquare);
      row('B vs A', id, 'log-rank p', null, c.logRank.pValue);
      row('B vs A', id, 'hazard ratio', null, c.cox.hazardRatio, c.cox.lower, c.cox.upper);
      const p = power?.[id];
      if (p) row('B vs A', id, 'power', null, p.power, p.lower, p.upper);
    }
  }
  return format(rows);
}
