/**
 * Digitised Kaplan–Meier figures as a scenario holds them, shared by the browser and the CLI:
 * reading the curve (`time,survival`) and the number-at-risk table (`time,at_risk`) from CSV,
 * validating the `curves` of a scenario file, reconstructing the patients (Guyot et al. 2012,
 * `src/model/reconstruct`), and turning them into a calibration term and a fit-table row.
 *
 * Which curve it is (`endpoint`) is the user's choice, stored with it:
 * - `overallSurvival`: the survival curve as printed;
 * - `timeToRemission`: the figure shows the share *remitted* by t (a rising curve); the
 *   reconstruction reads 1 − curve (remission-free), and a falling curve is read as already
 *   remission-free, with a message;
 * - `relapseFree`: relapse-free among remitters, months since remission.
 * Times in months; survival stored as a fraction 0–1.
 */

import { dsvFormat } from 'd3-dsv';
import {
  CURVE_ENDPOINT_LABELS,
  modelCurve,
  reconstructedTerm,
  type CurveEndpoint,
  type LogLikTerm,
} from '../model/calibrate/reconstructedLikelihood';
import type { AtRiskRow, DigitisedPoint, InputMessage } from '../model/reconstruct/digitised';
import { reconstructIpd, type Reconstruction } from '../model/reconstruct/guyot';
import type { ModelSpec } from '../model/types';
import { cellNumber, detectDelimiter, type CsvProblem } from './csv';
import { isRecord } from './problems';

/** The endpoints a digitised curve can be, in menu order. */
export const CURVE_ENDPOINTS: readonly CurveEndpoint[] = [
  'overallSurvival',
  'timeToRemission',
  'relapseFree',
];

/** A digitised figure: the curve as printed (fraction), its at-risk table, its endpoint. */
export interface DigitisedCurve {
  /** Short unique id (letters, digits, `-`, `_`), e.g. `os`. */
  id: string;
  /** Label for tables, e.g. "Overall survival, Fig. 2". */
  label: string;
  endpoint: CurveEndpoint;
  /** [months, value as printed, fraction 0–1] in file order. */
  points: [number, number][];
  /** [months, number at risk] in file order. */
  atRisk: [number, number][];
  /** Total events when published, else null. */
  totalEvents: number | null;
}

/** Most points or at-risk rows one curve may hold. */
export const MAX_DIGITISED_ROWS = 2000;

/** How the values of a curve file are scaled. */
export type ValueScale = 'fraction' | 'percent';

/** Reads the scale a header declares (`survival_pct`, `percent`, `%`; `fraction`, `prob`). */
function declaredScale(header: string): ValueScale | null {
  const h = header.toLowerCase();
  if (/%|percent|pct/.test(h)) return 'percent';
  if (/fraction|proportion|prob/.test(h)) return 'fraction';
  return null;
}

interface Rows {
  header: string | null;
  rows: { line: number; a: number; b: number }[];
  problems: CsvProblem[];
}

/** Two numeric columns per line, an optional header, problems by 1-based line. Never throws. */
function readTwoColumns(text: string, names: [string, string]): Rows {
  const lines = String(text ?? '')
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/);
  const delimiter = detectDelimiter(lines);
  const dsv = dsvFormat(delimiter);
  const decimalComma = delimiter !== ',';
  const out: Rows = { header: null, rows: [], problems: [] };
  let seen = false;
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (raw.trim() === '') continue;
    const cells = (dsv.parseRows(raw)[0] ?? []).map((c) => c.trim());
    const a = cellNumber(cells[0] ?? '', decimalComma);
    const b = cellNumber(cells[1] ?? '', decimalComma);
    if (!seen && !Number.isFinite(a)) {
      out.header = raw;
      seen = true;
      continue;
    }
    seen = true;
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      const bad = !Number.isFinite(a) ? names[0] : names[1];
      out.problems.push({ line, message: `${bad} is not a number; line left out` });
      continue;
    }
    if (out.rows.length >= MAX_DIGITISED_ROWS) {
      out.problems.push({
        line,
        message: `more than ${MAX_DIGITISED_ROWS} rows; the rest left out`,
      });
      break;
    }
    out.rows.push({ line, a, b });
  }
  return out;
}

/**
 * Reads a digitised curve, `time,survival` per line (months; survival as a fraction or a
 * percentage). The scale is `scale` when given, else what the header declares (`%`, `percent`,
 * `pct` / `fraction`, `proportion`, `prob`), else a guess: percent when any value is above 1.5.
 * `scaleDeclared` says whether the guess was needed (the browser then asks). Lines keep their
 * numbers for the reconstruction's messages. Never throws.
 */
export function parseCurveCsv(
  text: string,
  scale?: ValueScale,
): { points: DigitisedPoint[]; scale: ValueScale; scaleDeclared: boolean; problems: CsvProblem[] } {
  const r = readTwoColumns(text, ['time', 'survival']);
  const fromHeader = r.header ? declaredScale(r.header) : null;
  const guessed: ValueScale = r.rows.some((x) => x.b > 1.5) ? 'percent' : 'fraction';
  const used = scale ?? fromHeader ?? guessed;
  const problems = [...r.problems];
  if (!scale && !fromHeader && guessed === 'percent')
    problems.push({ line: 0, message: 'values above 1.5: read as percentages (0–100)' });
  const div = used === 'percent' ? 100 : 1;
  return {
    points: r.rows.map((x) => ({ time: x.a, survival: x.b / div, line: x.line })),
    scale: used,
    scaleDeclared: Boolean(scale ?? fromHeader),
    problems,
  };
}

/** Reads a number-at-risk table, `time,at_risk` per line (months, patients). Never throws. */
export function parseAtRiskCsv(text: string): { rows: AtRiskRow[]; problems: CsvProblem[] } {
  const r = readTwoColumns(text, ['time', 'at_risk']);
  return {
    rows: r.rows.map((x) => ({ time: x.a, atRisk: x.b, line: x.line })),
    problems: r.problems,
  };
}

/** A problem with a scenario's curves: the field (e.g. `curves[0].points`) and what was done. */
export interface CurveProblem {
  field: string;
  message: string;
  /** What was used instead (e.g. `left out`, `"c1"`). */
  used: string;
}

const pairs = (v: unknown): [number, number][] | null =>
  Array.isArray(v) &&
  v.length <= MAX_DIGITISED_ROWS &&
  v.every(
    (p) =>
      Array.isArray(p) &&
      p.length === 2 &&
      typeof p[0] === 'number' &&
      typeof p[1] === 'number' &&
      Number.isFinite(p[0]) &&
      Number.isFinite(p[1]),
  )
    ? (v as [number, number][]).map(([a, b]) => [a, b])
    : null;

/**
 * Validates the `curves` of a scenario file (an array of {@link DigitisedCurve}): a curve with a
 * bad field is left out with a problem naming it; a bad label or endpoint is replaced. Never
 * throws. Row-level noise (order, monotonicity) is the reconstruction's business.
 */
export function validateDigitisedCurves(raw: unknown): {
  curves: DigitisedCurve[];
  problems: CurveProblem[];
} {
  const curves: DigitisedCurve[] = [];
  const problems: CurveProblem[] = [];
  if (raw === undefined || raw === null) return { curves, problems };
  if (!Array.isArray(raw)) {
    problems.push({ field: 'curves', message: 'is not a list', used: 'no curves' });
    return { curves, problems };
  }
  const ids = new Set<string>();
  raw.slice(0, 8).forEach((c, i) => {
    const field = `curves[${i}]`;
    if (!isRecord(c)) {
      problems.push({ field, message: 'is not an object', used: 'left out' });
      return;
    }
    let id = typeof c.id === 'string' && /^[A-Za-z0-9_-]{1,20}$/.test(c.id) ? c.id : `c${i + 1}`;
    if (id !== c.id)
      problems.push({ field: `${field}.id`, message: 'is not a short id', used: `"${id}"` });
    while (ids.has(id)) id = `${id}_`;
    ids.add(id);
    let endpoint = c.endpoint as CurveEndpoint;
    if (!CURVE_ENDPOINTS.includes(endpoint)) {
      problems.push({
        field: `${field}.endpoint`,
        message: `must be one of ${CURVE_ENDPOINTS.join(', ')}`,
        used: 'overallSurvival',
      });
      endpoint = 'overallSurvival';
    }
    const label =
      typeof c.label === 'string' && c.label.trim() !== ''
        ? c.label.trim().slice(0, 80).trim()
        : CURVE_ENDPOINT_LABELS[endpoint];
    const points = pairs(c.points);
    const atRisk = pairs(c.atRisk);
    if (!points || points.length < 2) {
      problems.push({
        field: `${field}.points`,
        message: 'needs [time, survival] pairs',
        used: 'curve left out',
      });
      return;
    }
    if (!atRisk || atRisk.length < 1) {
      problems.push({
        field: `${field}.atRisk`,
        message: 'needs [time, at risk] pairs',
        used: 'curve left out',
      });
      return;
    }
    let totalEvents: number | null = null;
    if (c.totalEvents !== undefined && c.totalEvents !== null) {
      if (
        typeof c.totalEvents === 'number' &&
        Number.isInteger(c.totalEvents) &&
        c.totalEvents >= 0
      )
        totalEvents = c.totalEvents;
      else
        problems.push({
          field: `${field}.totalEvents`,
          message: 'is not a whole number',
          used: 'none',
        });
    }
    curves.push({ id, label, endpoint, points, atRisk, totalEvents });
  });
  if (raw.length > 8)
    problems.push({ field: 'curves', message: 'has more than 8 curves', used: 'the first 8' });
  return { curves, problems };
}

/** The reconstruction of one digitised curve, with what the curve's reading added. */
export interface CurveReconstruction {
  curve: DigitisedCurve;
  reconstruction: Reconstruction;
  /** The survival-type values the reconstruction read (1 − printed for rising remission curves). */
  survival: number[];
}

/**
 * Reconstructs the patients of a digitised curve (Guyot et al. 2012). For `timeToRemission`, a
 * rising curve (share remitted) is read as 1 − value; a falling one as it is, with a message.
 * `lines` gives each point's and each at-risk row's line in the user's file, for the messages
 * (default: their positions, 1-based). Never throws.
 */
export function reconstructCurve(
  curve: DigitisedCurve,
  lines: { points?: readonly number[]; atRisk?: readonly number[] } = {},
): CurveReconstruction {
  let flip = false;
  const extra: InputMessage[] = [];
  if (curve.endpoint === 'timeToRemission') {
    const first = curve.points[0]?.[1] ?? 0;
    const last = curve.points[curve.points.length - 1]?.[1] ?? 0;
    flip = last >= first;
    if (!flip)
      extra.push({
        field: 'curve',
        line: 0,
        kind: 'repaired',
        text: 'the remission curve falls: read as the share not yet remitted (not 1 − curve)',
      });
  }
  const survival = curve.points.map(([, v]) => (flip ? 1 - v : v));
  const reconstruction = reconstructIpd({
    curve: curve.points.map(([time], i) => ({
      time,
      survival: survival[i]!,
      line: lines.points?.[i] ?? i + 1,
    })),
    atRisk: curve.atRisk.map(([time, atRisk], i) => ({
      time,
      atRisk,
      line: lines.atRisk?.[i] ?? i + 1,
    })),
    totalEvents: curve.totalEvents,
  });
  reconstruction.messages.unshift(...extra);
  return { curve, reconstruction, survival };
}

/** The calibration term of a reconstructed curve (null when it could not be reconstructed). */
export function curveTerm(r: CurveReconstruction): LogLikTerm | null {
  if (!r.reconstruction.ok) return null;
  return reconstructedTerm(
    `curve:${r.curve.id}`,
    r.curve.label,
    r.curve.endpoint,
    r.reconstruction,
  );
}

/** The calibration terms of the curves that can be reconstructed (the others are skipped). */
export function curveTerms(curves: readonly DigitisedCurve[]): LogLikTerm[] {
  return curves
    .map((c) => curveTerm(reconstructCurve(c)))
    .filter((t): t is LogLikTerm => t !== null);
}

/** A digitised curve as a row of the fit table. */
export interface CurveFitRow {
  id: string;
  label: string;
  endpoint: CurveEndpoint;
  /** Reconstructed patients and events. */
  n: number;
  events: number;
  /** Largest |model − digitised| over the digitised points (fraction), and where (months). */
  gap: number;
  gapTime: number;
  /** Largest |KM of the reconstructed patients − digitised| (fraction). */
  reconstructionGap: number;
}

/** The fit-table row of a reconstructed curve under the model `spec` (null if not reconstructed). */
export function curveFitRow(r: CurveReconstruction, spec: ModelSpec): CurveFitRow | null {
  const rec = r.reconstruction;
  if (!rec.ok) return null;
  const times = rec.points.map((p) => p.time);
  const model = modelCurve(spec, r.curve.endpoint, times);
  let gap = 0;
  let gapTime = 0;
  rec.points.forEach((p, k) => {
    const g = Math.abs(model[k]! - p.survival);
    if (g > gap) {
      gap = g;
      gapTime = p.time;
    }
  });
  return {
    id: r.curve.id,
    label: r.curve.label,
    endpoint: r.curve.endpoint,
    n: rec.n,
    events: rec.events,
    gap,
    gapTime,
    reconstructionGap: rec.largestGap.value,
  };
}

/** Reconstructed patients as CSV, `time,event` (months; 1 = event), for R's `Surv(time, event)`. */
export function patientsCsv(rec: Reconstruction): string {
  const rows = ['time,event'];
  for (let i = 0; i < rec.n; i++) rows.push(`${rec.time[i]},${rec.event[i]}`);
  return `${rows.join('\n')}\n`;
}

/** A repair or refusal as one line of text: `curve line 17: …`. */
export function formatInputMessage(m: InputMessage): string {
  const table =
    m.field === 'curve' ? 'curve' : m.field === 'atRisk' ? 'at-risk table' : 'total events';
  return `${table}${m.line > 0 ? ` line ${m.line}` : ''}: ${m.text}`;
}
