// Over 400 lines on purpose: one link format, its key table, writer and every version's reader read side by side (a key changed in one must change in the others).
/**
 * The scenario as a URL query string, and back.
 *
 * `encodeScenario` writes every field of a scenario with short readable keys in one canonical
 * order, version key first. `decodeScenario` reads any string at all (a query, a full URL, a
 * hostile or truncated link) into raw values and hands them to `validateScenario`, the one schema
 * at the boundary; it never throws and never validates ranges itself. What only the codec can see
 * (unknown keys, duplicate keys, a missing or unknown version, a label whose escapes are broken)
 * it reports as extra problems.
 *
 * Key table of version 1 (canonical order; times in months, intensities per year):
 *
 * | key    | field                                   | value                                   |
 * | ------ | --------------------------------------- | --------------------------------------- |
 * | v      | URL version (and sampler version)       | `1` or `2`                              |
 * | study  | study                                   | preset id                               |
 * | arm    | arm                                     | arm id, empty for the whole study       |
 * | seed   | seed                                    | 1–40 of `A-Z a-z 0-9 - _`               |
 * | n      | n                                       | patients per cohort                     |
 * | h      | horizon                                 | months                                  |
 * | r      | replicates                              | replicate trials                        |
 * | cens   | censoring                               | `0` / `1`                               |
 * | acc    | design.accrualMonths                    | months                                  |
 * | cut    | design.cutoffMonths                     | months                                  |
 * | loss   | design.lossPerYear                      | per year                                |
 * | split  | template.splitRemission                 | `0` / `1`                               |
 * | rr     | template.reRemission                    | `0` / `1`                               |
 * | bp     | template.breakpoints                    | comma list of months, empty for none    |
 * | rem …  | intensities (see `PARAMETER_KEYS`)      | comma list, one value per time piece    |
 * | t      | targets (absent: the study's own)       | `;` list of `id:code:time:k:n[:label]`  |
 * | sp     | speed                                   | multiplier                              |
 * | rv     | relapseView                             | `cif` / `km`                            |
 * | cyc    | cycle                                   | months                                  |
 * | at     | at (playhead)                           | months                                  |
 * | cmp    | compare present                         | `0` / `1`                               |
 * | bl     | compare.label                           | text                                    |
 * | bn     | compare.n                               | patients                                |
 * | crn    | compare.crn                             | `0` / `1`                               |
 * | b.rem… | compare.intensities                     | as the intensity keys                   |
 * | dc     | digitised curves (not in `Scenario`)    | see ./curveLinkCodec.ts                 |
 *
 * Intensity keys: remission `rem`, remissionComplete `remC`, remissionPartial `remP`, relapse
 * `rel`, reRemission `rer`, deathActive `dA`, deathRemission `dR`, deathRelapse `dL`; only the
 * parameters of the scenario's structure are written.
 *
 * Targets: `code` is `quantityCode` (e.g. `os`, `rar`, `new-12-e`); the label is omitted when it
 * equals the default label `describeQuantity(quantity, time)` (decode restores exactly that), and
 * otherwise carries `%` and `;` escaped as `%25` and `%3B` (it is the last field, so `:` needs no
 * escape). `t=` (empty) is an empty list; no `t` key means the study's own targets (`null`).
 *
 * Numbers are written with `String(x)`, the shortest text that reads back as the same double
 * (and `-0` as `-0`), so every number round-trips exactly. Keys that a link leaves out take the
 * study's defaults, so short hand-written links such as `?study=followup2018&seed=class1` work.
 *
 * Length: a typical scenario is a few hundred characters and a rich one (split remission,
 * re-remission, two breakpoints, full-precision fitted rates, a comparison arm, ten labelled
 * targets) stays under `URL_LENGTH_BUDGET`. That budget cannot hold for every scenario `LIMITS`
 * allows while keeping the exact round trip: 40 targets with arbitrary ids, times and k/n, plus
 * 2 × 35 full-precision rates, carry more information than 2,000 URL characters can (before any
 * label). The codec never shortens anything (a shortened label would be a silently different
 * scenario); callers compare the length with `URL_LENGTH_BUDGET` and suggest saving or exporting
 * as a file instead when a link is longer.
 */

import { describeQuantity, quantityCode } from './quantityCodes';
import { showValue, wellFormedText, type ScenarioProblem } from './problems';
import { validateScenario } from './validateScenario';
import type { Scenario } from './scenario';
import type { StudyDefaults } from './defaults';
import {
  PARAMETERS,
  parametersOf,
  type Intensities,
  type ParameterId,
} from '../model/markov/template';
import type { Target } from '../model/types';

/**
 * The version `encodeScenario` writes. Versions: 1 = the key table below with sampler version 1
 * (one sequential random stream per cohort); 2 = the same keys with sampler version 2 (patient
 * clocks, see src/model/simulate/microsim.ts). A link keeps its version's sampler forever, so it
 * keeps its patients; a scenario opened from a v=1 link is written back as v=1.
 */
export const URL_VERSION = 2;

/** Links longer than this (characters of the query) may be cut by chat tools and old servers. */
export const URL_LENGTH_BUDGET = 2000;

/** The URL key of each intensity parameter (arm B adds the prefix `b.`). Never change these. */
export const PARAMETER_KEYS: Readonly<Record<ParameterId, string>> = {
  remission: 'rem',
  remissionComplete: 'remC',
  remissionPartial: 'remP',
  relapse: 'rel',
  reRemission: 'rer',
  deathActive: 'dA',
  deathRemission: 'dR',
  deathRelapse: 'dL',
};

/** The prefix of arm B's intensity keys. */
const ARM_B = 'b.';

// Characters left as they are in a value: unreserved ones plus the separators of lists and
// targets, so `rel=0,0.21` stays readable. Everything else is percent-encoded (space as `+`,
// which URLSearchParams reads back as a space). `(`, `)`, `'`, `!`, `*` are encoded too: they
// break links pasted into Markdown or quoted text.
const LITERAL = /^[A-Za-z0-9\-_.~,:;]$/;

/** A value as this codec writes it into a query (see `LITERAL`). */
export function encodeValue(value: string): string {
  let out = '';
  for (const ch of wellFormedText(value)) {
    if (LITERAL.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += encodeURIComponent(ch);
  }
  return out;
}

/** `String(x)` is the shortest text that reads back as the same double; only −0 needs help. */
function num(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

const flag = (b: boolean): string => (b ? '1' : '0');

// Inside a target the label is the last `:` field, so only the target separator `;` and the
// escape character `%` itself need escaping.
const escapeLabel = (label: string): string => label.replace(/%/g, '%25').replace(/;/g, '%3B');

function encodeTarget(t: Target): string {
  const head = `${t.id}:${quantityCode(t.quantity)}:${num(t.time)}:${num(t.k)}:${num(t.n)}`;
  return t.label === describeQuantity(t.quantity, t.time)
    ? head
    : `${head}:${escapeLabel(t.label)}`;
}

/**
 * Encodes a scenario as a query string (no leading `?`) in the canonical key order of
 * `URL_VERSION`, writing every field (see the key table at the top of this file). Pure; the
 * same scenario always gives the same string.
 */
export function encodeScenario(s: Scenario): string {
  const parts: string[] = [];
  const put = (key: string, value: string): void => {
    parts.push(`${key}=${encodeValue(value)}`);
  };
  const putIntensities = (prefix: string, intensities: Intensities): void => {
    for (const p of parametersOf(s.template)) {
      const values = intensities[p];
      if (values) put(prefix + PARAMETER_KEYS[p], values.map(num).join(','));
    }
  };
  // Versions 1 and 2 share their keys, so a scenario that replays the version-1 sampler (it was
  // opened from a v=1 link) is written as v=1 and keeps its patients.
  put('v', String(s.sampler === 1 ? 1 : URL_VERSION));
  put('study', s.study);
  put('arm', s.arm);
  put('seed', s.seed);
  put('n', num(s.n));
  put('h', num(s.horizon));
  put('r', num(s.replicates));
  put('cens', flag(s.censoring));
  put('acc', num(s.design.accrualMonths));
  put('cut', num(s.design.cutoffMonths));
  put('loss', num(s.design.lossPerYear));
  put('split', flag(s.template.splitRemission));
  put('rr', flag(s.template.reRemission));
  put('bp', s.template.breakpoints.map(num).join(','));
  putIntensities('', s.intensities);
  if (s.targets) put('t', s.targets.map(encodeTarget).join(';'));
  put('sp', num(s.speed));
  put('rv', s.relapseView);
  put('cyc', num(s.cycle));
  put('at', num(s.at));
  put('cmp', flag(s.compare !== null));
  if (s.compare) {
    put('bl', s.compare.label);
    put('bn', num(s.compare.n));
    put('crn', flag(s.compare.crn));
    putIntensities(ARM_B, s.compare.intensities);
  }
  return parts.join('&');
}

/** The parameters of one link, first value of each key (duplicates are reported and dropped). */
export type UrlParams = ReadonlyMap<string, string>;

/**
 * A decoder turns one version's parameters into a raw object in the CURRENT `Scenario` shape for
 * `validateScenario`, pushing problems only the codec can see. Raw objects are built with
 * `Object.create(null)` so that keys like `__proto__` stay plain data.
 */
export type UrlDecoder = (
  params: UrlParams,
  problems: ScenarioProblem[],
) => Record<string, unknown>;

const V1_KEYS = new Set<string>([
  'v',
  'study',
  'arm',
  'seed',
  'n',
  'h',
  'r',
  'cens',
  'acc',
  'cut',
  'loss',
  'split',
  'rr',
  'bp',
  't',
  'sp',
  'rv',
  'cyc',
  'at',
  'cmp',
  'bl',
  'bn',
  'crn',
  'dc',
  ...PARAMETERS.map((p) => PARAMETER_KEYS[p]),
  ...PARAMETERS.map((p) => ARM_B + PARAMETER_KEYS[p]),
]);

const record = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>;

// A comma list; the empty value is the empty list. Pieces stay text: validateScenario reads and
// reports the numbers (a piece that is not a number is named with its position).
const list = (value: string): string[] => (value === '' ? [] : value.split(','));

// Breakpoints must reach validateScenario as numbers; a piece that is not a strict number stays
// text so that validateScenario rejects (and reports) the whole list.
const numberOrText = (piece: string): number | string => {
  const x = piece.trim() === '' ? NaN : Number(piece);
  return Number.isFinite(x) ? x : piece;
};

// How many problems of one kind (unknown keys, bad labels) a link can produce, so that a hostile
// link with thousands of keys yields a readable list.
const MAX_REPORTED = 10;

const decodeV1: UrlDecoder = (params, problems) => {
  const raw = record();
  const get = (key: string): string | undefined => params.get(key);
  const copy = (key: string, field: string, into: Record<string, unknown> = raw): void => {
    const v = get(key);
    if (v !== undefined) into[field] = v;
  };

  let unknown = 0;
  for (const key of params.keys()) {
    if (V1_KEYS.has(key)) continue;
    unknown++;
    if (unknown <= MAX_REPORTED)
      problems.push({
        field: 'url',
        message: `unknown key ${showValue(key)}`,
        used: '(ignored)',
      });
  }
  if (unknown > MAX_REPORTED)
    problems.push({
      field: 'url',
      message: `${unknown - MAX_REPORTED} more unknown keys`,
      used: '(ignored)',
    });

  copy('study', 'study');
  copy('arm', 'arm');
  copy('seed', 'seed');
  copy('n', 'n');
  copy('h', 'horizon');
  copy('r', 'replicates');
  copy('cens', 'censoring');
  copy('sp', 'speed');
  copy('rv', 'relapseView');
  copy('cyc', 'cycle');
  copy('at', 'at');

  const design = record();
  copy('acc', 'accrualMonths', design);
  copy('cut', 'cutoffMonths', design);
  copy('loss', 'lossPerYear', design);
  if (Object.keys(design).length > 0) raw.design = design;

  const template = record();
  copy('split', 'splitRemission', template);
  copy('rr', 'reRemission', template);
  const bp = get('bp');
  if (bp !== undefined) template.breakpoints = list(bp).map(numberOrText);
  if (Object.keys(template).length > 0) raw.template = template;

  const readIntensities = (prefix: string): Record<string, unknown> | undefined => {
    const out = record();
    for (const p of PARAMETERS) {
      const v = get(prefix + PARAMETER_KEYS[p]);
      if (v !== undefined) out[p] = list(v);
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const intensities = readIntensities('');
  if (intensities) raw.intensities = intensities;

  const t = get('t');
  if (t !== undefined) raw.targets = t === '' ? [] : decodeTargetsV1(t, problems);

  const cmp = get('cmp');
  const armBKeys = [...params.keys()].some(
    (k) => k === 'bl' || k === 'bn' || k === 'crn' || k.startsWith(ARM_B),
  );
  if (cmp === '1' || (cmp === undefined && armBKeys)) {
    const compare = record();
    copy('bl', 'label', compare);
    copy('bn', 'n', compare);
    copy('crn', 'crn', compare);
    const b = readIntensities(ARM_B);
    if (b) compare.intensities = b;
    raw.compare = compare;
  } else if (cmp !== undefined && cmp !== '0') {
    raw.compare = null;
    problems.push({
      field: 'compare',
      message: `cmp=${showValue(cmp)} is not 0 or 1`,
      used: '(no comparison)',
    });
  } else if (cmp === '0') {
    // An explicit "no comparison" (a trial with arms otherwise opens as a comparison).
    raw.compare = null;
    if (armBKeys)
      problems.push({
        field: 'compare',
        message: 'arm B settings are given but cmp=0',
        used: '(no comparison)',
      });
  }
  return raw;
};

// Each piece becomes a raw target with whatever fields it has; validateTarget names any field
// that is missing or wrong, with the piece's position in the list.
function decodeTargetsV1(value: string, problems: ScenarioProblem[]): unknown[] {
  let badLabels = 0;
  return value.split(';').map((piece, i) => {
    const fields = piece.split(':');
    const target = record();
    const names = ['id', 'quantity', 'time', 'k', 'n'] as const;
    names.forEach((name, j) => {
      const f = fields[j];
      if (f !== undefined) target[name] = f;
    });
    if (fields.length > names.length) {
      const escaped = fields.slice(names.length).join(':');
      try {
        target.label = decodeURIComponent(escaped);
      } catch {
        // A cut link can end inside an escape such as `%3`: keep the default label and say so.
        badLabels++;
        if (badLabels <= MAX_REPORTED)
          problems.push({
            field: `targets[${i + 1}].label`,
            message: `${showValue(escaped)} has a broken % escape`,
            used: '(default label)',
          });
      }
    }
    return target;
  });
}

/**
 * Decoders by URL version. Each turns its version's parameters into a raw object in the CURRENT
 * Scenario shape, including the sampler version that reproduces its patients. To add version 3:
 * write its decoder, register it here, and set `URL_VERSION` to 3 (the encoder then writes the
 * new keys). Keep every older decoder and its test link: if the Scenario shape changed, make the
 * old decoders fill the new fields with what their version meant (never reuse a key with another
 * meaning), so that every old link keeps opening the same scenario with the same patients
 * (tests/scenario/oldLinks.test.ts pins an old link's cohort).
 */
export const DECODERS: Readonly<Record<number, UrlDecoder>> = {
  1: (params, problems) => withSampler(decodeV1(params, problems), 1),
  // Version 2 changed the sampler only: the keys are version 1's.
  2: (params, problems) => withSampler(decodeV1(params, problems), 2),
};

function withSampler(raw: Record<string, unknown>, sampler: number): Record<string, unknown> {
  raw.sampler = sampler;
  return raw;
}

const NEWEST = Math.max(...Object.keys(DECODERS).map(Number));

// The query part of a bare query (`v=1&…`), `?v=1&…`, or a full or relative URL. The text before
// the first `?` is a URL when it holds no `=` or `&` (a value may itself contain `?`); a fragment
// is never part of a query.
function queryOf(input: string): string {
  let s = input;
  const hash = s.indexOf('#');
  if (hash >= 0) s = s.slice(0, hash);
  const q = s.indexOf('?');
  if (q >= 0 && !/[=&]/.test(s.slice(0, q))) s = s.slice(q + 1);
  return s;
}

/**
 * Decodes a query string (with or without `?`, or a whole URL) into a valid scenario for the
 * given studies, plus every problem found: the codec's own (unknown or duplicate keys, version,
 * broken label escapes) and `validateScenario`'s (bad, missing or out-of-range values, each with
 * the value used instead). Never throws. Keys left out take the study's defaults.
 */
export function decodeScenario(
  query: string,
  studies: readonly StudyDefaults[],
  fallbackStudy: string,
): { scenario: Scenario; problems: ScenarioProblem[] } {
  const problems: ScenarioProblem[] = [];
  let raw: Record<string, unknown>;
  try {
    const params = new Map<string, string>();
    let duplicates = 0;
    for (const [key, value] of new URLSearchParams(queryOf(String(query)))) {
      if (!params.has(key)) {
        params.set(key, value);
        continue;
      }
      duplicates++;
      if (duplicates <= MAX_REPORTED)
        problems.push({
          field: 'url',
          message: `key ${showValue(key)} appears more than once; the first value counts`,
          used: showValue(params.get(key)),
        });
    }
    if (duplicates > MAX_REPORTED)
      problems.push({
        field: 'url',
        message: `${duplicates - MAX_REPORTED} more repeated keys`,
        used: '(first values)',
      });

    const v = params.get('v');
    let version = NEWEST;
    if (v === undefined) {
      // Links without a version are the newest version: short hand-written links such as
      // `?study=rct2012` are meant to work (not reported as a problem) and get the current
      // sampler. Every link the app wrote carries its version.
    } else if (/^\d{1,6}$/.test(v) && Object.hasOwn(DECODERS, Number(v))) {
      version = Number(v);
    } else {
      version = NEWEST;
      problems.push({
        field: 'v',
        message: `unknown version ${showValue(v)}; read as the newest known version`,
        used: String(NEWEST),
      });
    }
    const decoder = DECODERS[version] ?? decodeV1;
    raw = decoder(params, problems);
  } catch (e) {
    // Nothing above should throw; if it ever does, the page still gets the default scenario.
    problems.push({
      field: 'url',
      message: `could not be read (${showValue(e instanceof Error ? e.message : e)})`,
      used: 'the default scenario',
    });
    raw = record();
  }
  const validated = validateScenario(raw, studies, fallbackStudy);
  return { scenario: validated.scenario, problems: [...problems, ...validated.problems] };
}
