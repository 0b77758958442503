import type { Quantity, StudyDesign, Target } from '../model/types';
import {
  PARAMETERS,
  parametersOf,
  sameTemplate,
  type Intensities,
  type ParameterId,
  type TemplateOptions,
} from '../model/markov/template';
import { SAMPLER_VERSION, type SamplerVersion } from '../model/simulate/microsim';

/**
 * A scenario is everything needed to reproduce what the user sees, in two parts: the `Trial`
 * (everything the simulation and the fit depend on) and the `View` (how it is shown). Both travel
 * in the URL, saved scenarios and scenario files, as one flat object (`Scenario = Trial & View`,
 * so links and files written before the split read unchanged); the worker only ever gets the
 * trial, so a change of view never re-simulates. The URL, saved scenarios, JSON import and the
 * CLI all go through `validateScenario`, the one schema at the boundary.
 */
export interface Trial {
  /** Preset id (see src/data), or `custom` for a study typed in by the user. */
  study: string;
  /** Arm id within the study; '' when the study has a single arm. */
  arm: string;
  template: TemplateOptions;
  /** Intensities per year, one value per time piece. */
  intensities: Intensities;
  /** The fitted targets: `null` means the study's own calibration targets. */
  targets: Target[] | null;
  /** Seed of every random stream (see src/model/simulate/random.ts). */
  seed: string;
  /** Patients per simulated cohort. @default the study's n */
  n: number;
  /** Months simulated and shown. @default the study's horizon */
  horizon: number;
  /** Replicate trials for the bands. @default 200 */
  replicates: number;
  /** Apply the study design's staggered entry, cut-off and loss to follow-up. @default true */
  censoring: boolean;
  /** Accrual, cut-off (months) and loss (per year). @default the study's */
  design: StudyDesign;
  /** Second arm for the comparison view, or null. */
  compare: CompareArm | null;
  /**
   * Which microsimulation sampler draws the patients (see src/model/simulate/microsim.ts): 1 only
   * for links made before version 2 (`v=1`), so that they keep their patients. @default 2
   */
  sampler: SamplerVersion;
}

/** How a trial is shown: nothing here changes a simulated number. */
export interface View {
  /** Animation speed multiplier. @default 1 */
  speed: number;
  /** Relapse panel: cumulative incidence with death competing, or 1 − Kaplan–Meier. @default 'cif' */
  relapseView: 'cif' | 'km';
  /** Cycle length (months) of the teaching transition matrix. @default 1 */
  cycle: number;
  /** Playhead position (months). @default 0 */
  at: number;
}

/** A whole scenario: the trial and how it is shown. */
export type Scenario = Trial & View;

/** The fields of `View` (everything else in a scenario belongs to the trial). */
export const VIEW_FIELDS = [
  'speed',
  'relapseView',
  'cycle',
  'at',
] as const satisfies readonly (keyof View)[];

/** The trial part of a scenario (a new object; nested values are shared, not copied). */
export function trialOf(s: Trial & Partial<View>): Trial {
  const { speed: _s, relapseView: _r, cycle: _c, at: _a, ...trial } = s;
  return trial;
}

/** The view part of a scenario. */
export function viewOf(s: Scenario): View {
  return { speed: s.speed, relapseView: s.relapseView, cycle: s.cycle, at: s.at };
}

/**
 * Whether two trials are the same trial (field by field, so that two objects built apart compare
 * equal): the one test of "does this need a new simulation".
 */
export function sameTrial(a: Trial & Partial<View>, b: Trial & Partial<View>): boolean {
  return a === b || JSON.stringify(trialKey(a)) === JSON.stringify(trialKey(b));
}

// A canonical form of a trial: every object's keys in one order, whatever order built it.
function trialKey(t: Trial & Partial<View>): unknown {
  const sorted = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sorted)
      : x !== null && typeof x === 'object'
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sorted((x as Record<string, unknown>)[k])]),
          )
        : x;
  return sorted(trialOf(t));
}

/** Arm B of a comparison (arm A is the scenario itself); intensities per year. */
export interface CompareArm {
  label: string;
  intensities: Intensities;
  n: number;
  /** Common random numbers: arm B reuses arm A's random stream, so only the parameters differ. */
  crn: boolean;
}

/**
 * What the scenario needs to know about a study preset (a subset of src/data's StudyPreset):
 * horizon and design times in months, fitted intensities per year.
 */
export interface StudyDefaults {
  id: string;
  horizonMonths: number;
  template: TemplateOptions;
  fitted: Intensities | null;
  design: { n: number; arms: { id: string; label: string; n: number }[]; studyDesign: StudyDesign };
}

/**
 * Limits of every numeric field; inputs outside are clamped and reported. Units: `n` patients,
 * `horizon`, `cycle`, `accrual`, `cutoff` months; `rate` and `loss` per year.
 */
export const LIMITS = {
  n: { min: 1, max: 10_000 },
  horizon: { min: 1, max: 240 },
  replicates: { min: 0, max: 1000 },
  speed: { min: 0.25, max: 8 },
  cycle: { min: 0.25, max: 24 },
  rate: { min: 0, max: 50 },
  accrual: { min: 0, max: 240 },
  cutoff: { min: 0, max: 480 },
  loss: { min: 0, max: 5 },
  breakpoints: { max: 4 },
  targets: { max: 40 },
  seedLength: { max: 40 },
  labelLength: { max: 80 },
} as const;

/** The follow-up the scenario simulates: its study design with censoring on, else none. */
export function followUpDesign(
  scenario: Pick<Scenario, 'censoring' | 'design'>,
): StudyDesign | undefined {
  return scenario.censoring ? scenario.design : undefined;
}

/** Fallback intensities (per year) used when a study has no fitted values. */
export const FALLBACK_RATE: Record<ParameterId, number> = {
  remission: 0.3,
  remissionComplete: 0.2,
  remissionPartial: 0.1,
  relapse: 0.1,
  reRemission: 0.2,
  deathActive: 0.05,
  deathRemission: 0.01,
  deathRelapse: 0.05,
};

/**
 * The default scenario of a study (and arm, default '' = the whole study): its fitted intensities
 * (per year; `FALLBACK_RATE` without a fit), n, horizon and design (months), seed 'lupus',
 * 200 replicates, censoring on, speed 1, relapse view 'cif', 1-month cycle, playhead at 0.
 * With `compareArms` (default false), a trial with several arms and no arm chosen opens as a
 * comparison of its first two arms (A = the first, B = the second, same intensities: the single
 * vs double MSCT trial reported "no remarkable differences").
 */
export function defaultScenario(study: StudyDefaults, armId = '', compareArms = false): Scenario {
  const arm = study.design.arms.find((a) => a.id === armId);
  const pieces = study.template.breakpoints.length + 1;
  const intensities: Intensities = {};
  for (const p of parametersOf(study.template)) {
    intensities[p] = study.fitted?.[p]?.slice() ?? new Array<number>(pieces).fill(FALLBACK_RATE[p]);
  }
  const scenario: Scenario = {
    study: study.id,
    arm: arm ? arm.id : '',
    template: { ...study.template, breakpoints: [...study.template.breakpoints] },
    intensities,
    targets: null,
    seed: 'lupus',
    n: arm ? arm.n : study.design.n,
    horizon: study.horizonMonths,
    replicates: 200,
    censoring: true,
    design: { ...study.design.studyDesign },
    speed: 1,
    relapseView: 'cif',
    cycle: 1,
    at: 0,
    compare: null,
    sampler: SAMPLER_VERSION,
  };
  const [a, b] = study.design.arms;
  if (compareArms && !arm && a && b) {
    scenario.arm = a.id;
    scenario.n = a.n;
    scenario.compare = {
      label: b.label,
      intensities: structuredClone(intensities),
      n: b.n,
      crn: false,
    };
  }
  return scenario;
}

/** One problem found while reading a scenario: the field, what was wrong, what was used. */
export interface ScenarioProblem {
  field: string;
  message: string;
  /** The value used instead, as text. */
  used: string;
}

/** Quantity kinds a target may have, with their short codes (used by URLs and forms). */
export const QUANTITY_CODES: { code: string; quantity: Quantity; label: string }[] = [
  { code: 'os', quantity: { kind: 'survival' }, label: 'Overall survival' },
  {
    code: 'rem',
    quantity: { kind: 'inState', which: 'remission', denominator: 'enrolled' },
    label: 'In remission (all enrolled)',
  },
  {
    code: 'rems',
    quantity: { kind: 'inState', which: 'remission', denominator: 'survivors' },
    label: 'In remission (survivors)',
  },
  {
    code: 'cr',
    quantity: { kind: 'inState', which: 'complete', denominator: 'enrolled' },
    label: 'In complete remission (all enrolled)',
  },
  {
    code: 'pr',
    quantity: { kind: 'inState', which: 'partial', denominator: 'enrolled' },
    label: 'In partial remission (all enrolled)',
  },
  {
    code: 'act',
    quantity: { kind: 'inState', which: 'active', denominator: 'enrolled' },
    label: 'Still active, never remitted (all enrolled)',
  },
  {
    code: 'rlp',
    quantity: { kind: 'inState', which: 'relapse', denominator: 'enrolled' },
    label: 'In relapse (all enrolled)',
  },
  { code: 'ever', quantity: { kind: 'everRemitted' }, label: 'Ever remitted' },
  {
    code: 'rar',
    quantity: { kind: 'relapsedAmongRemitted' },
    label: 'Relapsed among those who remitted',
  },
  {
    code: 'rfu',
    quantity: { kind: 'relapsedDuringFollowUp' },
    label: 'Relapsed during their own follow-up (all enrolled)',
  },
];

// Compared field by field, not with JSON.stringify: a quantity parsed from an imported JSON file
// may list its keys in another order and must still be recognised.
const sameQuantity = (a: Quantity, b: Quantity): boolean =>
  a.kind === b.kind &&
  (a.kind !== 'inState' ||
    (b.kind === 'inState' && a.which === b.which && a.denominator === b.denominator));

/** The short code of a quantity (newRelapses: `new-<from>-<e|a|r>`). */
export function quantityCode(q: Quantity): string {
  if (q.kind === 'newRelapses') {
    const d = q.denominator === 'enrolled' ? 'e' : q.denominator === 'alive-at-start' ? 'a' : 'r';
    return `new-${q.fromMonth}-${d}`;
  }
  const hit = QUANTITY_CODES.find((c) => sameQuantity(c.quantity, q));
  return hit ? hit.code : 'os';
}

/** The quantity of a short code, or undefined when the code is unknown. */
export function quantityFromCode(code: string): Quantity | undefined {
  const m = /^new-(\d+(?:\.\d+)?)-([ear])$/.exec(code);
  if (m) {
    const denominator =
      m[2] === 'e' ? 'enrolled' : m[2] === 'a' ? 'alive-at-start' : 'ever-remitted';
    return { kind: 'newRelapses', fromMonth: Number(m[1]), denominator };
  }
  return QUANTITY_CODES.find((c) => c.code === code)?.quantity;
}

/** A readable label for a quantity at a time in months, e.g. "Overall survival at 60 mo". */
export function describeQuantity(q: Quantity, time: number): string {
  // A label is a short text: a time typed to many digits is shown to 4 significant digits.
  const at = monthsLabel(time);
  if (q.kind === 'newRelapses') {
    const d =
      q.denominator === 'enrolled'
        ? 'all enrolled'
        : q.denominator === 'alive-at-start'
          ? `alive at ${q.fromMonth} mo`
          : 'those who remitted';
    return `New relapses ${monthsLabel(q.fromMonth)}–${at} mo (${d})`;
  }
  const hit = QUANTITY_CODES.find((c) => sameQuantity(c.quantity, q));
  return `${hit?.label ?? 'Overall survival'} at ${at} mo`;
}

/** Months in a label: 60 → "60", 8.25 → "8.25", 0.0000013365… → "0.000001337". */
function monthsLabel(months: number): string {
  return String(Number(months.toPrecision(4)));
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// A lone UTF-16 surrogate cannot be written in a URL (encodeURIComponent throws, URLSearchParams
// turns it into U+FFFD), so a label holding one would not survive a link: such labels are
// repaired (each lone surrogate becomes U+FFFD) and reported.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with every lone UTF-16 surrogate replaced by U+FFFD (what a URL would carry). */
export function wellFormedText(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD');
}

/** Neutralises text for messages: no markup survives, long values are cut. */
export function showValue(v: unknown): string {
  let s: string;
  if (typeof v === 'string') s = JSON.stringify(v);
  else if (typeof v === 'number') s = String(v);
  else if (v === undefined) s = '(missing)';
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/**
 * Validates anything (parsed JSON, a decoded URL) into a valid scenario for the given study
 * registry. Never throws: every field that is missing, of the wrong type or out of range is
 * replaced by the study's default (or clamped) and reported as a problem naming the field.
 */
export function validateScenario(
  raw: unknown,
  studies: readonly StudyDefaults[],
  fallbackStudy: string,
): { scenario: Scenario; problems: ScenarioProblem[] } {
  const problems: ScenarioProblem[] = [];
  const r = isRecord(raw) ? raw : {};
  if (!isRecord(raw)) {
    problems.push({ field: 'scenario', message: 'is not an object', used: 'the default scenario' });
  }
  const byId = new Map(studies.map((s) => [s.id, s]));
  const fallback = byId.get(fallbackStudy) ?? studies[0];
  if (!fallback) throw new Error('validateScenario needs at least one study.');

  let study = fallback;
  if (r.study !== undefined) {
    const found = typeof r.study === 'string' ? byId.get(r.study) : undefined;
    if (found) study = found;
    else
      problems.push({
        field: 'study',
        message: `unknown study ${showValue(r.study)}`,
        used: fallback.id,
      });
  }
  let armId = '';
  if (r.arm !== undefined && r.arm !== '') {
    const arm = study.design.arms.find((a) => a.id === r.arm);
    if (arm && study.design.arms.length > 1) armId = arm.id;
    else if (!(arm && study.design.arms.length <= 1)) {
      problems.push({
        field: 'arm',
        message: `unknown arm ${showValue(r.arm)}`,
        used: '(whole study)',
      });
    }
  }
  // A link that names neither an arm nor a comparison opens a trial with arms as a comparison.
  const d = defaultScenario(study, armId, r.arm === undefined && r.compare === undefined);
  if (d.arm) armId = d.arm;

  const num = (
    field: string,
    value: unknown,
    def: number,
    lim: { min: number; max: number },
    integer = false,
  ): number => {
    if (value === undefined) return def;
    const x = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      problems.push({
        field,
        message: `${showValue(value)} is not a finite number`,
        used: String(def),
      });
      return def;
    }
    let y = integer ? Math.round(x) : x;
    if (y < lim.min || y > lim.max) {
      y = Math.min(Math.max(y, lim.min), lim.max);
      problems.push({
        field,
        message: `${showValue(value)} is outside ${lim.min}–${lim.max}`,
        used: String(y),
      });
    } else if (integer && y !== x) {
      problems.push({
        field,
        message: `${showValue(value)} is not a whole number`,
        used: String(y),
      });
    }
    return y;
  };
  const bool = (field: string, value: unknown, def: boolean): boolean => {
    if (value === undefined) return def;
    if (typeof value === 'boolean') return value;
    if (value === '1' || value === 'true') return true;
    if (value === '0' || value === 'false') return false;
    problems.push({
      field,
      message: `${showValue(value)} is not true/false`,
      used: def ? '1' : '0',
    });
    return def;
  };

  // Structure.
  const rt = isRecord(r.template) ? r.template : {};
  if (r.template !== undefined && !isRecord(r.template)) {
    problems.push({ field: 'template', message: 'is not an object', used: 'the study structure' });
  }
  const template: TemplateOptions = {
    splitRemission: bool('template.splitRemission', rt.splitRemission, d.template.splitRemission),
    reRemission: bool('template.reRemission', rt.reRemission, d.template.reRemission),
    breakpoints: d.template.breakpoints,
  };
  if (rt.breakpoints !== undefined) {
    const bp = rt.breakpoints;
    const ok =
      Array.isArray(bp) &&
      bp.length <= LIMITS.breakpoints.max &&
      bp.every(
        (x, i) =>
          typeof x === 'number' &&
          Number.isFinite(x) &&
          x > 0 &&
          x < 1200 &&
          (i === 0 || x > (bp[i - 1] as number)),
      );
    if (ok) template.breakpoints = [...(bp as number[])];
    else
      problems.push({
        field: 'template.breakpoints',
        message: `${showValue(bp)} is not an increasing list of up to ${LIMITS.breakpoints.max} positive months`,
        used: showValue(d.template.breakpoints),
      });
  }

  const readIntensities = (prefix: string, value: unknown, def: Intensities): Intensities => {
    const pieces = template.breakpoints.length + 1;
    const src = isRecord(value) ? value : {};
    if (value !== undefined && !isRecord(value)) {
      problems.push({ field: prefix, message: 'is not an object', used: 'the study values' });
    }
    const out: Intensities = {};
    for (const p of parametersOf(template)) {
      const fallbackValues = (): number[] => {
        const base = def[p] ?? [];
        return Array.from(
          { length: pieces },
          (_, i) => base[Math.min(i, base.length - 1)] ?? FALLBACK_RATE[p],
        );
      };
      const v = src[p];
      if (v === undefined) {
        out[p] = fallbackValues();
        continue;
      }
      if (!Array.isArray(v) || v.length !== pieces) {
        const used = fallbackValues();
        problems.push({
          field: `${prefix}.${p}`,
          message: `${showValue(v)} does not have ${pieces} value(s), one per time piece`,
          used: used.join(','),
        });
        out[p] = used;
        continue;
      }
      const base = fallbackValues();
      out[p] = v.map((x, i) => num(`${prefix}.${p}[${i + 1}]`, x, base[i]!, LIMITS.rate));
    }
    for (const key of Object.keys(src)) {
      if (!(PARAMETERS as readonly string[]).includes(key)) {
        problems.push({
          field: `${prefix}.${key}`,
          message: 'is not a parameter of the model',
          used: '(ignored)',
        });
      } else if (!parametersOf(template).includes(key as ParameterId)) {
        problems.push({
          field: `${prefix}.${key}`,
          message: 'is not used by this structure',
          used: '(ignored)',
        });
      }
    }
    return out;
  };
  const structureChanged = !sameTemplate(template, d.template);
  const intensities = readIntensities(
    'intensities',
    r.intensities,
    structureChanged ? adaptIntensities(d.intensities, template) : d.intensities,
  );

  let targets: Target[] | null = null;
  if (r.targets !== undefined && r.targets !== null) {
    if (!Array.isArray(r.targets)) {
      problems.push({ field: 'targets', message: 'is not a list', used: "the study's figures" });
    } else {
      targets = [];
      r.targets.slice(0, LIMITS.targets.max).forEach((t, i) => {
        const res = validateTarget(t, `targets[${i + 1}]`);
        if (res.target) targets!.push(res.target);
        problems.push(...res.problems);
      });
      if (r.targets.length > LIMITS.targets.max) {
        problems.push({
          field: 'targets',
          message: `more than ${LIMITS.targets.max} targets`,
          used: `the first ${LIMITS.targets.max}`,
        });
      }
    }
  }

  let seed = d.seed;
  if (r.seed !== undefined) {
    if (typeof r.seed === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(r.seed)) seed = r.seed;
    else
      problems.push({
        field: 'seed',
        message: `${showValue(r.seed)} must be 1–40 letters, digits, - or _`,
        used: d.seed,
      });
  }

  const rd = isRecord(r.design) ? r.design : {};
  const accrualMonths = num(
    'design.accrualMonths',
    rd.accrualMonths,
    d.design.accrualMonths,
    LIMITS.accrual,
  );
  let cutoffMonths = num(
    'design.cutoffMonths',
    rd.cutoffMonths,
    d.design.cutoffMonths,
    LIMITS.cutoff,
  );
  if (cutoffMonths < accrualMonths) {
    problems.push({
      field: 'design.cutoffMonths',
      message: `${cutoffMonths} is before the end of accrual (${accrualMonths})`,
      used: String(accrualMonths),
    });
    cutoffMonths = accrualMonths;
  }
  const design: StudyDesign = {
    accrualMonths,
    cutoffMonths,
    lossPerYear: num('design.lossPerYear', rd.lossPerYear, d.design.lossPerYear, LIMITS.loss),
  };

  let relapseView = d.relapseView;
  if (r.relapseView !== undefined) {
    if (r.relapseView === 'cif' || r.relapseView === 'km') relapseView = r.relapseView;
    else
      problems.push({
        field: 'relapseView',
        message: `${showValue(r.relapseView)} is not cif or km`,
        used: d.relapseView,
      });
  }

  const horizon = num('horizon', r.horizon, d.horizon, LIMITS.horizon);
  const scenario: Scenario = {
    study: study.id,
    arm: armId,
    template,
    intensities,
    targets,
    seed,
    n: num('n', r.n, d.n, LIMITS.n, true),
    horizon,
    replicates: num('replicates', r.replicates, d.replicates, LIMITS.replicates, true),
    censoring: bool('censoring', r.censoring, d.censoring),
    design,
    speed: num('speed', r.speed, d.speed, LIMITS.speed),
    relapseView,
    cycle: num('cycle', r.cycle, d.cycle, LIMITS.cycle),
    at: num('at', r.at, 0, { min: 0, max: horizon }),
    compare: null,
    sampler: d.sampler,
  };
  if (r.sampler !== undefined) {
    if (r.sampler === 1 || r.sampler === 2) scenario.sampler = r.sampler;
    else
      problems.push({
        field: 'sampler',
        message: `${showValue(r.sampler)} is not a sampler version (1 or 2)`,
        used: String(d.sampler),
      });
  }
  if (r.compare === undefined && d.compare) {
    scenario.compare = { ...d.compare, intensities: structuredClone(intensities) };
  } else if (r.compare !== undefined && r.compare !== null) {
    if (!isRecord(r.compare)) {
      problems.push({ field: 'compare', message: 'is not an object', used: '(no comparison)' });
    } else {
      const c = r.compare;
      let label = 'Arm B';
      if (c.label !== undefined) {
        if (typeof c.label === 'string' && c.label.length <= LIMITS.labelLength.max) {
          label = wellFormedText(c.label);
          if (label !== c.label)
            problems.push({
              field: 'compare.label',
              message: 'holds broken characters',
              used: showValue(label),
            });
        } else
          problems.push({ field: 'compare.label', message: 'is not a short text', used: label });
      }
      scenario.compare = {
        label,
        intensities: readIntensities('compare.intensities', c.intensities, intensities),
        n: num('compare.n', c.n, scenario.n, LIMITS.n, true),
        crn: bool('compare.crn', c.crn, false),
      };
    }
  }
  return { scenario, problems };
}

/** Re-shapes intensities (per year) to a structure with another number of pieces or parameters. */
export function adaptIntensities(from: Intensities, template: TemplateOptions): Intensities {
  const pieces = template.breakpoints.length + 1;
  const out: Intensities = {};
  for (const p of parametersOf(template)) {
    let base = from[p];
    if (!base) {
      // Splitting remission: share the combined rate; merging: add the parts.
      if (p === 'remissionComplete' && from.remission) base = from.remission.map((x) => x * 0.7);
      else if (p === 'remissionPartial' && from.remission)
        base = from.remission.map((x) => x * 0.3);
      else if (p === 'remission' && from.remissionComplete && from.remissionPartial)
        base = from.remissionComplete.map((x, i) => x + (from.remissionPartial![i] ?? 0));
    }
    out[p] = Array.from(
      { length: pieces },
      (_, i) => base?.[Math.min(i, base.length - 1)] ?? FALLBACK_RATE[p],
    );
  }
  return out;
}

/** Validates one target (a typed-in or imported figure; time in months); errors name the field. */
export function validateTarget(
  raw: unknown,
  field: string,
): { target: Target | null; problems: ScenarioProblem[] } {
  const problems: ScenarioProblem[] = [];
  if (!isRecord(raw)) {
    problems.push({ field, message: 'is not a target', used: '(dropped)' });
    return { target: null, problems };
  }
  // A record quantity goes through its code, but an unknown record must not fall through
  // quantityCode's defaults ('os'; 'r' for an unknown denominator) and silently become another
  // quantity.
  const fromRecord = (q: Record<string, unknown>): Quantity | undefined => {
    const code = quantityCode(q as Quantity);
    if (code === 'os' && q.kind !== 'survival') return undefined;
    if (
      q.kind === 'newRelapses' &&
      !['enrolled', 'alive-at-start', 'ever-remitted'].includes(q.denominator as string)
    )
      return undefined;
    return quantityFromCode(code);
  };
  const quantity =
    typeof raw.quantity === 'string'
      ? quantityFromCode(raw.quantity)
      : isRecord(raw.quantity)
        ? fromRecord(raw.quantity)
        : undefined;
  if (!quantity) {
    problems.push({
      field: `${field}.quantity`,
      message: `${showValue(raw.quantity)} is not a known quantity`,
      used: '(target dropped)',
    });
    return { target: null, problems };
  }
  // Number('') and Number(null) are 0 and Number([7]) is 7: only numbers and non-blank strings
  // count as numbers, so an empty field is reported instead of read as 0.
  const toNum = (v: unknown): number =>
    typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  const k = toNum(raw.k);
  const n = toNum(raw.n);
  const time = toNum(raw.time);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
    problems.push({
      field: `${field}.n`,
      message: `${showValue(raw.n)} is not a whole number from 1 to 1,000,000`,
      used: '(target dropped)',
    });
    return { target: null, problems };
  }
  if (!Number.isInteger(k) || k < 0 || k > n) {
    problems.push({
      field: `${field}.k`,
      message: `${showValue(raw.k)} is not a whole number from 0 to n = ${n}`,
      used: '(target dropped)',
    });
    return { target: null, problems };
  }
  if (!Number.isFinite(time) || time <= 0 || time > 1200) {
    problems.push({
      field: `${field}.time`,
      message: `${showValue(raw.time)} is not a time in months (0–1200]`,
      used: '(target dropped)',
    });
    return { target: null, problems };
  }
  if (quantity.kind === 'newRelapses' && !(quantity.fromMonth < time)) {
    problems.push({
      field: `${field}.quantity`,
      message: `the interval must start before ${time} months`,
      used: '(target dropped)',
    });
    return { target: null, problems };
  }
  let id = typeof raw.id === 'string' && /^[A-Za-z0-9_-]{1,12}$/.test(raw.id) ? raw.id : '';
  if (!id) {
    id = `${field.replace(/\W+/g, '')}`.slice(0, 12) || 'T';
    if (raw.id !== undefined)
      problems.push({
        field: `${field}.id`,
        message: `${showValue(raw.id)} is not a short id`,
        used: id,
      });
  }
  let label = describeQuantity(quantity, time);
  if (raw.label !== undefined) {
    if (
      typeof raw.label === 'string' &&
      raw.label.trim() !== '' &&
      raw.label.length <= LIMITS.labelLength.max
    ) {
      label = wellFormedText(raw.label);
      if (label !== raw.label)
        problems.push({
          field: `${field}.label`,
          message: 'holds broken characters',
          used: showValue(label),
        });
    } else problems.push({ field: `${field}.label`, message: 'is not a short text', used: label });
  }
  return { target: { id, label, quantity, time, k, n }, problems };
}
