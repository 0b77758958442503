import type { StudyDesign, Target } from '../model/types';
import {
  PARAMETERS,
  parametersOf,
  sameTemplate,
  type Intensities,
  type ParameterId,
  type TemplateOptions,
} from '../model/markov/template';
import type { Scenario } from './scenario';
import { LIMITS } from './limits';
import { defaultScenario, FALLBACK_RATE, type StudyDefaults } from './defaults';
import { adaptIntensities } from './adaptIntensities';
import { isRecord, showValue, wellFormedText, type ScenarioProblem } from './problems';
import { validateTarget } from './validateTarget';

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
