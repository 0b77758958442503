import type { PublishedFigure } from '../model/types';
import { shortCitation } from './citation';
import type { Citation, StudyPreset } from './studyTypes';

const URL_DRCALAPAI =
  'https://drcalapai.net/articles/allogeneic-mesenchymal-stem-cell-transplantation-in-severe-and-refractory-systemic-lupus-erythematosus-4-years-of-experience/';
const URL_HKU = 'https://repository.hku.hk/handle/10722/212116';
const URL_QXMD = 'https://www.readbyqxmd.com/read/25904587/-unknown-title';
const GU_URL = 'https://bohrium.dp.tech/paper/arxiv/55a684ad65ce054aad6a684b';

const CITATION: Citation = {
  authors: ['Wang D', 'Zhang H', 'Liang J', 'Li X', 'Feng X', 'Wang H', 'et al.'],
  title:
    'Allogeneic mesenchymal stem cell transplantation in severe and refractory systemic lupus erythematosus: 4 years of experience',
  journal: 'Cell Transplant',
  year: 2013,
  volume: '22',
  issue: '12',
  pages: '2267-77',
  doi: '10.3727/096368911X582769c',
  url: URL_DRCALAPAI,
  note: `Abstract copies: ${URL_DRCALAPAI}, ${URL_HKU} ("Cell Transplantation, 2013, v. 22 n. 12, p. 2267-2277") and ${URL_QXMD} (dated "Cell Transplantation 2012 October", the e-pub). The year appears as 2012 (e-pub), 2013 (issue) and 2014 (the reference list on the 2018 paper's abstract page). Author list and DOI (with its trailing "c") from the reference list on the 2018 paper's abstract page, truncated there; its "PMC: 11849135" is unverified.`,
};
/** Every E figure is quoted from copies of this paper's abstract (the first one is linked). */
const SOURCE = shortCitation(CITATION);

/** A lupus nephritis cohort of the same centre (context figures G1-G1c). */
const GU: Citation = {
  authors: ['Gu F', 'Wang D', 'et al.', 'Sun L'],
  title: 'Allogeneic MSCT for lupus nephritis refractory to conventional therapy',
  journal: 'Clin Rheumatol',
  year: 2014,
  doi: '10.1007/s10067-014-2754-4',
  url: GU_URL,
  note: 'Title as abbreviated in the record found (full title not stored). Source of the context figures G1, G1b, G1c: 81 lupus nephritis patients, 2007-2010, single centre; overlaps this cohort.',
};

const CR_FRAGMENT =
  '28% at 1 year (23/83), 31% at 2 years (12/39), 42% at 3 years (5/12), and 50% at 4 years (3/6)';
const RELAPSE_FRAGMENT =
  '12% (10/83) at 1 year, 18% (7/39) at 2 years, 17% (2/12) at 3 years, and 17% (1/6) at 4 years';

const CR_NOTES =
  'Ambiguous: point prevalence among the patients followed to that year, or cumulative CR among them. Read as point prevalence (the same group\'s "X-year remission rate" in the 2018 paper is a point prevalence), with the dead counted in the denominator as in 2018. Complete remission only (partial is not reported). The denominators shrink (83 → 39 → 12 → 6) because of staggered entry.';

const RELAPSE_NOTES =
  'New relapses in the year: 10 + 7 + 2 + 1 = 20 = all relapses (E10). The published denominator is the number followed to the end of the year (including patients who never remitted); the model\'s "alive at the start of the interval" is the closest quantity, and for the first year it counts all 87 alive at month 0, not 83. Relapses of patients whose follow-up ended inside the year seem to be counted in the numerator but not the denominator.';

/** Complete remission by year (E2-E5): point prevalence among those followed, dead included. */
function crByYear(id: string, year: number, k: number, n: number, pct: string): PublishedFigure {
  return {
    id,
    label: `In complete remission at ${year} year${year > 1 ? 's' : ''} (patients followed that long)`,
    quantity: { kind: 'inState', which: 'complete', denominator: 'enrolled' },
    time: 12 * year,
    k,
    n,
    published: `${pct} at ${year} year${year > 1 ? 's' : ''} (${k}/${n})`,
    sentence: CR_FRAGMENT,
    source: 'found',
    sourceRef: SOURCE,
    sourceUrl: URL_DRCALAPAI,
    role: 'primary',
    notes: n < 13 ? `${CR_NOTES} Very small denominator (${n}).` : CR_NOTES,
  };
}

/** New relapses in year `year` (E6-E9), over the patients followed to that year. */
function relapsesInYear(
  id: string,
  year: number,
  k: number,
  n: number,
  pct: string,
): PublishedFigure {
  return {
    id,
    label: `New relapses in year ${year} (patients followed that long)`,
    quantity: { kind: 'newRelapses', fromMonth: 12 * (year - 1), denominator: 'alive-at-start' },
    time: 12 * year,
    k,
    n,
    published: `${pct} (${k}/${n}) at ${year} year${year > 1 ? 's' : ''}`,
    sentence: RELAPSE_FRAGMENT,
    source: 'found',
    sourceRef: SOURCE,
    sourceUrl: URL_DRCALAPAI,
    role: 'primary',
    notes: n < 13 ? `${RELAPSE_NOTES} Very small denominator (${n}).` : RELAPSE_NOTES,
  };
}

/**
 * Wang et al., Cell Transplant 2013: 4 years of experience with allogeneic BM or UC MSCT in 87
 * patients with severe, refractory SLE. Every figure is `found` on public copies of its abstract. Its yearly figures, on shrinking denominators (83 → 39 → 12 → 6), are the only published
 * information on the time shape of remission and relapse.
 */
export const fouryear2013: StudyPreset = {
  id: 'fouryear2013',
  shortName: 'Wang 2013 (4 years of experience, n = 87)',
  title: 'Allogeneic MSCT in severe and refractory SLE: 4 years of experience',
  citation: CITATION,
  relatedCitations: [GU],
  design: {
    n: 87,
    arms: [
      {
        id: 'all',
        label: 'BM or UC MSCT',
        n: 87,
        infusions: 'IV, 1 × 10^6 cells/kg ("Single IV" per a third-party table)',
      },
    ],
    cellSource: 'allogeneic bone marrow or umbilical cord',
    dose: '"1 × 10^6 cells/kg of body weight"',
    schedule: 'IV infusion ("Single IV" per the BMC Nephrology 2025 design table)',
    accrual: null,
    followUp: '4-year follow-up; mean follow-up period of 27 months',
    studyDesign: { accrualMonths: 39, cutoffMonths: 51, lossPerYear: 0.1 },
    followedAt: [
      { month: 12, n: 83 },
      { month: 24, n: 39 },
      { month: 36, n: 12 },
      { month: 48, n: 6 },
    ],
  },
  horizonMonths: 48,
  template: { splitRemission: true, reRemission: false, breakpoints: [] },
  figures: [
    {
      id: 'E1',
      label: 'Alive at last follow-up (mean 27 months)',
      quantity: { kind: 'survival' },
      time: 27,
      k: 82,
      n: 87,
      published: '94% (82/87)',
      sentence: '94% (82/87)',
      source: 'found',
      sourceRef: SOURCE,
      sourceUrl: URL_DRCALAPAI,
      role: 'primary',
      notes:
        'Crude, not Kaplan-Meier: "five patients (6%) died after MSCT from non-treatment-related events" over follow-ups of up to 4 years (mean 27 months). Read at the mean follow-up, where the crude proportion alive approximates survival (exact to first order for a constant hazard); reading it at 48 months would overstate 4-year survival. Crude death rate ≈ 0.026 per person-year (derived).',
    },
    crByYear('E2', 1, 23, 83, '28%'),
    crByYear('E3', 2, 12, 39, '31%'),
    crByYear('E4', 3, 5, 12, '42%'),
    crByYear('E5', 4, 3, 6, '50%'),
    relapsesInYear('E6', 1, 10, 83, '12%'),
    relapsesInYear('E7', 2, 7, 39, '18%'),
    relapsesInYear('E8', 3, 2, 12, '17%'),
    relapsesInYear('E9', 4, 1, 6, '17%'),
    {
      id: 'E10',
      label: 'Relapsed during their own follow-up (all 87 as denominator)',
      quantity: { kind: 'relapsedDuringFollowUp' },
      time: 48,
      k: 20,
      n: 87,
      published: '23% (20/87)',
      sentence: '23% (20/87)',
      source: 'found',
      sourceRef: SOURCE,
      sourceUrl: URL_DRCALAPAI,
      role: 'validation',
      notes:
        "The sum of E6-E9 (10 + 7 + 2 + 1), so not fitted again. Read as the paper counts it: a patient counts when the relapse came during that patient's own follow-up (mean 27 months, at most 4 years), and all 87 enrolled are the denominator, including those who never remitted and those followed briefly. So the model value weighs each month by the share still followed then (the study design), and each simulated trial counts its 87 patients; it is not the 4-year relapse probability. A different definition from F6 (9/37 among remitters).",
    },
    {
      id: 'G1',
      label: '12-month survival, lupus nephritis cohort (Gu 2014, n = 81)',
      quantity: { kind: 'survival' },
      time: 12,
      k: 77,
      n: 81,
      published: '95 % (77/81)',
      sentence: '95 % (77/81)',
      source: 'found',
      sourceRef: shortCitation(GU),
      sourceUrl: GU_URL,
      role: 'context',
      notes:
        'Lupus nephritis patients, 2007-2010, BM or UC MSC at 1 × 10^6/kg; overlaps this cohort. Never pool with E.',
    },
    {
      id: 'G1b',
      label: 'Renal remission by 12 months, lupus nephritis cohort (Gu 2014)',
      quantity: { kind: 'everRemitted' },
      time: 12,
      k: 49,
      n: 81,
      published: '60.5 % (49/81)',
      sentence: '60.5 % (49/81)',
      source: 'found',
      sourceRef: shortCitation(GU),
      sourceUrl: GU_URL,
      role: 'context',
      notes: 'Renal remission, not clinical remission: a different endpoint.',
    },
    {
      id: 'G1c',
      label: 'Renal flare by 12 months among renal remitters (Gu 2014)',
      quantity: { kind: 'relapsedAmongRemitted' },
      time: 12,
      k: 11,
      n: 49,
      published: 'Eleven of 49 (22.4 %) = 11/49',
      sentence: 'Eleven of 49 (22.4 %)',
      source: 'found',
      sourceRef: shortCitation(GU),
      sourceUrl: GU_URL,
      role: 'context',
      notes: 'Renal flare among the 49 with renal remission: a renal endpoint.',
    },
  ],
  continuousFigures: [],
  qualitative: [],
  assumptions: [
    'Remission is split so that the complete-remission figures (E2-E5) are exact; the paper reports no partial remission, so the partial-remission intensity is held at 0 and patients in partial remission count as Active here.',
    'E2-E5 are read as point prevalence of complete remission among the patients followed to that year, the dead included in the denominator (the 2018 paper of the same group uses "X-year remission rate" that way). The alternative reading, cumulative CR among those followed, would give a different target; the data do not settle it.',
    'E6-E9 are read as new relapses in each yearly interval (their numerators add up to the 20 of E10). The published denominators (83/39/12/6) are the patients followed to the end of each year; the model uses those alive at the start of the interval (for year 1: all 87), the closest quantity it has.',
    'E1 (82/87 alive at last contact) is read at the mean follow-up, 27 months.',
    'Enrolment dates are not published. Uniform accrual over 39 months, a cut-off at 51 months and loss to follow-up of 0.1 per year give an expected 79/49/25/4.5 patients followed at 1/2/3/4 years against the published 83/39/12/6 (the maximum-likelihood fit of these four counts within this family, derived) and a mean follow-up of 27.3 months against the published 27. No uniform window reproduces the published shape, which falls faster after year 1 and flattens later; the published counts are kept in `design.followedAt`.',
    'The 87 − 83 = 4 patients missing at 1 year may be deaths or short follow-up (not stated); the design treats them as short follow-up.',
    'The 4-year paper very probably shares patients with the 2018 cohort (81) and the lupus nephritis cohort of Gu 2014 (G1); nothing is pooled.',
  ],
  calibration: {
    targetIds: ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9'],
    rationale:
      'The yearly figures are the only published time shape of remission and relapse. Fitted: survival (E1), complete remission at 1-4 years (E2-E5) and new relapses in each year (E6-E9); E10 is the sum of E6-E9 and would count the same relapses twice. The 3- and 4-year figures rest on 12 and 6 patients and weigh little in the likelihood, as they should. The 5 deaths are not attributed to a disease state, so one death intensity is shared. Free: complete remission, relapse and death: 3 numbers for 9 figures.',
    fixed: [
      {
        parameter: 'remissionPartial',
        ratePerYear: 0,
        reason: 'The paper reports complete remission only; partial remission is not modelled.',
      },
    ],
    tied: [
      {
        parameters: ['deathActive', 'deathRemission', 'deathRelapse'],
        reason:
          'Five deaths "from non-treatment-related events", not attributed to a disease state.',
      },
    ],
  },
  // Calibrated by scripts/fit-presets.ts (4 significant digits); tests/data/fitted.test.ts
  // checks these against a fresh fit.
  fitted: {
    remissionComplete: [0.5033],
    remissionPartial: [0],
    relapse: [0.5195],
    deathActive: [0.02515],
    deathRemission: [0.02515],
    deathRelapse: [0.02515],
  },
};
