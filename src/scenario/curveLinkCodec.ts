/**
 * Digitised curves (./digitisedCurves.ts) as the compact value of the link key `dc`, and back.
 *
 * Value: curves joined by `;`, each `id:endpoint:events:T:V:RT:RN[:label]` where endpoint is
 * `os` / `ttr` / `rf`, events is the published total (empty when none), T and V the points'
 * times and values, RT and RN the at-risk table's times and counts, and the label (escaped like a
 * target label: `%` and `;` as `%25`, `%3B`) is left out when it is the endpoint's default.
 *
 * Each number list is written so that it reads back as exactly the same doubles the fit uses:
 * - `d,…` (d = 0–12): every value is an integer over 10^d; the integers are written
 *   delta-encoded in base 36 (`87.34, 87.1` with d = 2 → `2,8734→6qm,-o`);
 * - `pd,…`: the same, then divided by 100 (values read from a percentage file are x / 100, and
 *   are written back from the percentages, so they stay short and exact);
 * - `x,…`: any other values, each as `String(x)` (the shortest exact text).
 * The encoder picks the shortest of these that reproduces every value exactly; so the round trip
 * is exact, and digitiser output (a few decimals) costs a few characters per number.
 */

import {
  CURVE_ENDPOINT_LABELS,
  type CurveEndpoint,
} from '../model/calibrate/reconstructedLikelihood';
import {
  MAX_DIGITISED_ROWS,
  validateDigitisedCurves,
  type DigitisedCurve,
} from './digitisedCurves';
import { showValue, type ScenarioProblem } from './problems';
import { encodeValue } from './urlCodec';

/** The link key that holds the digitised curves. */
export const CURVES_KEY = 'dc';

/**
 * Longest link (whole URL, characters) the app writes with its curves: about what every current
 * browser, chat tool and server accepts. A longer link is written without the curves, with a
 * message pointing to the scenario file.
 */
export const LINK_CURVES_LIMIT = 8000;

const ENDPOINT_CODES: Readonly<Record<CurveEndpoint, string>> = {
  overallSurvival: 'os',
  timeToRemission: 'ttr',
  relapseFree: 'rf',
};

const MAX_DECIMALS = 12;
const pow10 = (d: number): number => Number(`1e${d}`);

// `String(x)` is the shortest text that reads back as the same double; only −0 needs help.
const exact = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));

const fromInt = (n: number, d: number, percent: boolean): number =>
  percent ? n / pow10(d) / 100 : n / pow10(d);

// The integers behind `values` at d decimals (percent: of value × 100), or null when one of them
// does not read back as exactly the same double.
function asIntegers(values: readonly number[], d: number, percent: boolean): number[] | null {
  const out: number[] = [];
  for (const v of values) {
    // `+ 0` turns −0 into 0, so that −0 is written exactly (`x`) rather than read back as 0.
    const n = Math.round(v * (percent ? 100 : 1) * pow10(d)) + 0;
    // 2^52 keeps every delta a safe integer too.
    if (!(Math.abs(n) <= 2 ** 52) || !Object.is(fromInt(n, d, percent), v)) return null;
    out.push(n);
  }
  return out;
}

function deltas(ints: readonly number[]): string {
  let prev = 0;
  return ints
    .map((n) => {
      const s = (n - prev).toString(36);
      prev = n;
      return s;
    })
    .join(',');
}

/** A number list in its shortest exact form (see the file comment). */
export function encodeNumbers(values: readonly number[]): string {
  let best = `x${values.length ? ',' : ''}${values.map(exact).join(',')}`;
  for (const percent of [false, true]) {
    for (let d = 0; d <= MAX_DECIMALS; d++) {
      const ints = asIntegers(values, d, percent);
      if (!ints) continue;
      const text = `${percent ? 'p' : ''}${d}${values.length ? ',' : ''}${deltas(ints)}`;
      if (text.length < best.length) best = text;
      break; // more decimals only lengthen the integers
    }
  }
  return best;
}

const BASE36 = /^-?[0-9a-z]{1,11}$/;

/** Reads a number list; a message naming the bad piece (1-based) when it cannot. Never throws. */
export function decodeNumbers(
  text: string,
): { ok: true; values: number[] } | { ok: false; message: string } {
  const pieces = text.split(',');
  const head = pieces.shift() ?? '';
  if (pieces.length > MAX_DIGITISED_ROWS)
    return { ok: false, message: `has more than ${MAX_DIGITISED_ROWS} numbers` };
  if (head === 'x') {
    const values: number[] = [];
    for (const [i, p] of pieces.entries()) {
      const v = p.trim() === '' ? NaN : Number(p);
      if (!Number.isFinite(v))
        return { ok: false, message: `number ${i + 1} (${showValue(p)}) is not a number` };
      values.push(v);
    }
    return { ok: true, values };
  }
  const m = /^(p?)(\d{1,2})$/.exec(head);
  if (!m || Number(m[2]) > MAX_DECIMALS)
    return { ok: false, message: `starts with ${showValue(head)}, not a list format` };
  const percent = m[1] === 'p';
  const d = Number(m[2]);
  const values: number[] = [];
  let n = 0;
  for (const [i, p] of pieces.entries()) {
    const step = BASE36.test(p) ? parseInt(p, 36) : NaN;
    n += step;
    if (!Number.isSafeInteger(step) || !Number.isSafeInteger(n))
      return { ok: false, message: `number ${i + 1} (${showValue(p)}) is not a base-36 step` };
    values.push(fromInt(n, d, percent));
  }
  return { ok: true, values };
}

const escapeLabel = (label: string): string => label.replace(/%/g, '%25').replace(/;/g, '%3B');

/** The `dc` value of the curves (empty text for none). Pure; never throws. */
export function encodeCurves(curves: readonly DigitisedCurve[]): string {
  return curves
    .map((c) => {
      const fields = [
        c.id,
        ENDPOINT_CODES[c.endpoint],
        c.totalEvents === null ? '' : exact(c.totalEvents),
        encodeNumbers(c.points.map((p) => p[0])),
        encodeNumbers(c.points.map((p) => p[1])),
        encodeNumbers(c.atRisk.map((p) => p[0])),
        encodeNumbers(c.atRisk.map((p) => p[1])),
      ];
      if (c.label !== CURVE_ENDPOINT_LABELS[c.endpoint]) fields.push(escapeLabel(c.label));
      return fields.join(':');
    })
    .join(';');
}

const zip = (a: number[], b: number[]): [number, number][] => a.map((x, i) => [x, b[i]!]);

/**
 * Reads a `dc` value into checked curves. A curve whose lists cannot be read is left out, with a
 * problem naming it and the list (`curves[2].points: …`); what the curves say is then checked by
 * `validateDigitisedCurves` like a scenario file's curves. Never throws.
 */
export function decodeCurves(value: string): {
  curves: DigitisedCurve[];
  problems: ScenarioProblem[];
} {
  const problems: ScenarioProblem[] = [];
  if (value === '') return { curves: [], problems };
  const raw: unknown[] = [];
  const pieces = String(value).split(';');
  for (const [i, piece] of pieces.slice(0, 8).entries()) {
    const field = `curves[${i}]`;
    const f = piece.split(':');
    const [id, ep, events, t, v, rt, rn] = f;
    if (f.length < 7 || rn === undefined) {
      problems.push({
        field,
        message: `${showValue(piece.slice(0, 40))} is cut short`,
        used: 'curve left out',
      });
      continue;
    }
    const lists = [
      ['points', t, v],
      ['atRisk', rt, rn],
    ] as const;
    const read: [number, number][][] = [];
    for (const [name, a, b] of lists) {
      const x = decodeNumbers(a ?? '');
      const y = decodeNumbers(b ?? '');
      const bad = !x.ok ? `times ${x.message}` : !y.ok ? `values ${y.message}` : null;
      if (bad || !x.ok || !y.ok || x.values.length !== y.values.length) {
        problems.push({
          field: `${field}.${name}`,
          message: bad ?? 'has more times than values or more values than times',
          used: 'curve left out',
        });
        break;
      }
      read.push(zip(x.values, y.values));
    }
    if (read.length < 2) continue;
    const curve = Object.create(null) as Record<string, unknown>;
    curve.id = id;
    const endpoint = Object.entries(ENDPOINT_CODES).find(([, code]) => code === ep)?.[0];
    curve.endpoint = endpoint ?? ep;
    curve.points = read[0];
    curve.atRisk = read[1];
    curve.totalEvents = events === '' ? null : events === undefined ? null : Number(events);
    if (f.length > 7) {
      const escaped = f.slice(7).join(':');
      try {
        curve.label = decodeURIComponent(escaped);
      } catch {
        problems.push({
          field: `${field}.label`,
          message: `${showValue(escaped.slice(0, 40))} has a broken % escape`,
          used: '(default label)',
        });
      }
    }
    raw.push(curve);
  }
  if (pieces.length > 8)
    problems.push({ field: 'curves', message: 'has more than 8 curves', used: 'the first 8' });
  const checked = validateDigitisedCurves(raw);
  return { curves: checked.curves, problems: [...problems, ...checked.problems] };
}

/**
 * The link query of a scenario query plus its curves: with `dc` when the whole link stays within
 * `LINK_CURVES_LIMIT`, else without it and with the length it would have had (`omitted`), for the
 * message that sends the user to the scenario file. `base` is the URL before the query.
 */
export function withCurves(
  query: string,
  curves: readonly DigitisedCurve[],
  base: string,
): { query: string; omitted: number | null } {
  if (curves.length === 0) return { query, omitted: null };
  const full = `${query}&${CURVES_KEY}=${encodeValue(encodeCurves(curves))}`;
  const length = base.length + 1 + full.length;
  return length <= LINK_CURVES_LIMIT ? { query: full, omitted: null } : { query, omitted: length };
}
