import type { ModelSpec, StateDef, TransitionSpec } from '../types';

/**
 * The default disease-course template: Active → Remission → Relapse, any alive state → Dead,
 * optionally Relapse → Remission (re-remission) and remission split into complete and partial.
 *
 * The state space is *expanded* so that history the papers ask about is exact in the cohort
 * trace: `Dead` is split by what the patient had been through (never remitted / remitted and never
 * relapsed / relapsed), and a remission after a relapse is its own state. So "ever remitted by t"
 * and "relapsed among those who remitted" are sums of occupancies, not approximations.
 */

/** User-facing parameters of the template (each an intensity per year, per time piece). */
export const PARAMETERS = [
  'remission',
  'remissionComplete',
  'remissionPartial',
  'relapse',
  'reRemission',
  'deathActive',
  'deathRemission',
  'deathRelapse',
] as const;

/** One of the template's parameter ids. */
export type ParameterId = (typeof PARAMETERS)[number];

/** Human description of each parameter, for sliders and tables. */
export const PARAMETER_INFO: Record<ParameterId, { label: string; from: string; to: string }> = {
  remission: { label: 'Remission', from: 'Active', to: 'Remission' },
  remissionComplete: { label: 'Complete remission', from: 'Active', to: 'Complete remission' },
  remissionPartial: { label: 'Partial remission', from: 'Active', to: 'Partial remission' },
  relapse: { label: 'Relapse', from: 'Remission', to: 'Relapse' },
  reRemission: { label: 'Re-remission', from: 'Relapse', to: 'Remission' },
  deathActive: { label: 'Death while active', from: 'Active', to: 'Dead' },
  deathRemission: { label: 'Death in remission', from: 'Remission', to: 'Dead' },
  deathRelapse: { label: 'Death after relapse', from: 'Relapse', to: 'Dead' },
};

/** Structure options of the template. */
export interface TemplateOptions {
  /** Split remission into complete and partial (parameters `remissionComplete`/`remissionPartial`
   * replace `remission`). @default false */
  splitRemission: boolean;
  /** Allow Relapse → Remission (parameter `reRemission`). @default false */
  reRemission: boolean;
  /** Months where intensities change (e.g. `[6]`: 0–6 months and after). @default [] */
  breakpoints: number[];
}

/** Default structure: four lanes, no split, no re-remission, constant intensities. */
export const DEFAULT_TEMPLATE_OPTIONS: TemplateOptions = {
  splitRemission: false,
  reRemission: false,
  breakpoints: [],
};

/** Whether two structures are the same (switches and breakpoints; the one structure equality). */
export function sameTemplate(a: TemplateOptions, b: TemplateOptions): boolean {
  return (
    a.splitRemission === b.splitRemission &&
    a.reRemission === b.reRemission &&
    a.breakpoints.length === b.breakpoints.length &&
    a.breakpoints.every((x, i) => x === b.breakpoints[i])
  );
}

/** Intensities per year for each parameter, one value per time piece. */
export type Intensities = Partial<Record<ParameterId, number[]>>;

/** The parameters a structure uses, in display order. */
export function parametersOf(options: TemplateOptions): ParameterId[] {
  const ids: ParameterId[] = options.splitRemission
    ? ['remissionComplete', 'remissionPartial']
    : ['remission'];
  ids.push('relapse');
  if (options.reRemission) ids.push('reRemission');
  ids.push('deathActive', 'deathRemission', 'deathRelapse');
  return ids;
}

const flags = (
  alive: boolean,
  inRemission: boolean,
  everRemitted: boolean,
  everRelapsed: boolean,
): Pick<StateDef, 'alive' | 'inRemission' | 'everRemitted' | 'everRelapsed'> => ({
  alive,
  inRemission,
  everRemitted,
  everRelapsed,
});

/**
 * Builds the expanded model for a structure and its intensities (per year).
 * Throws an error naming the parameter when an intensity is missing, has the wrong number of
 * pieces, or is negative or not finite.
 */
export function buildModel(options: TemplateOptions, intensities: Intensities): ModelSpec {
  const pieces = options.breakpoints.length + 1;
  const rate = (id: ParameterId): number[] => {
    const r = intensities[id];
    if (!r) throw new Error(`Intensity "${id}" is missing.`);
    if (r.length !== pieces) {
      throw new Error(`Intensity "${id}" has ${r.length} piece(s); the structure has ${pieces}.`);
    }
    r.forEach((v, i) => {
      if (!Number.isFinite(v) || v < 0) {
        throw new Error(
          `Intensity "${id}" (piece ${i + 1}) must be a finite number ≥ 0, got ${v}.`,
        );
      }
    });
    return [...r];
  };

  const states: StateDef[] = [];
  const add = (s: StateDef): number => states.push(s) - 1;
  const active = add({
    id: 'active',
    label: 'Active',
    lane: 'active',
    ...flags(true, false, false, false),
  });
  const remissions: number[] = [];
  if (options.splitRemission) {
    remissions.push(
      add({
        id: 'complete',
        label: 'Complete remission',
        lane: 'remission',
        inComplete: true,
        ...flags(true, true, true, false),
      }),
      add({
        id: 'partial',
        label: 'Partial remission',
        lane: 'remission',
        inPartial: true,
        ...flags(true, true, true, false),
      }),
    );
  } else {
    remissions.push(
      add({
        id: 'remission',
        label: 'Remission',
        lane: 'remission',
        ...flags(true, true, true, false),
      }),
    );
  }
  const relapse = add({
    id: 'relapse',
    label: 'Relapse',
    lane: 'relapse',
    ...flags(true, false, true, true),
  });
  const reremission = options.reRemission
    ? add({
        id: 'reremission',
        label: 'Remission after relapse',
        lane: 'remission',
        ...flags(true, true, true, true),
      })
    : -1;
  const deadNever = add({
    id: 'dead_never_remitted',
    label: 'Dead (never remitted)',
    lane: 'dead',
    ...flags(false, false, false, false),
  });
  const deadRemitted = add({
    id: 'dead_remitted',
    label: 'Dead (had remitted, no relapse)',
    lane: 'dead',
    ...flags(false, false, true, false),
  });
  const deadRelapsed = add({
    id: 'dead_relapsed',
    label: 'Dead (had relapsed)',
    lane: 'dead',
    ...flags(false, false, true, true),
  });

  const transitions: TransitionSpec[] = [];
  const link = (from: number, to: number, parameter: ParameterId) =>
    transitions.push({ from, to, parameter, ratesPerYear: rate(parameter) });

  if (options.splitRemission) {
    link(active, remissions[0]!, 'remissionComplete');
    link(active, remissions[1]!, 'remissionPartial');
  } else {
    link(active, remissions[0]!, 'remission');
  }
  link(active, deadNever, 'deathActive');
  for (const r of remissions) {
    link(r, relapse, 'relapse');
    link(r, deadRemitted, 'deathRemission');
  }
  link(relapse, deadRelapsed, 'deathRelapse');
  if (options.reRemission) {
    link(relapse, reremission, 'reRemission');
    link(reremission, relapse, 'relapse');
    link(reremission, deadRelapsed, 'deathRemission');
  }
  return { states, transitions, breakpoints: [...options.breakpoints], initialState: active };
}

/** The display lanes, left to right. */
export const LANES = ['active', 'remission', 'relapse', 'dead'] as const;
