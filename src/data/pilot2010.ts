import { shortCitation } from './citation';
import type { Citation, StudyPreset } from './studyTypes';

const ERRATUM_URL =
  'https://www.stemcell.co.nz/allogenic-mesenchymal-stem-cells-transplantation-in-refractory-systemic-lupus-erythematosus-a-pilot-clinical-study/';
const DESIGN_TABLE_URL =
  'https://biomedcentral-bmcnephrol.publicaciones.saludcastillayleon.es/articles/10.1186/s12882-025-04029-y/tables/1';

const RELAPSE_SENTENCE =
  'At 1-year follow-up in 13 patients, 2 had a relapse of proteinuria, while the other 11 continue to have decreased disease activity on minimal treatment.';

const CITATION: Citation = {
  authors: [
    'Liang J',
    'Zhang H',
    'Hua B',
    'Wang H',
    'Lu L',
    'Shi S',
    'Hou Y',
    'Zeng X',
    'Gilkeson GS',
    'Sun L',
  ],
  title:
    'Allogenic mesenchymal stem cells transplantation in refractory systemic lupus erythematosus: a pilot clinical study',
  journal: 'Ann Rheum Dis',
  year: 2010,
  volume: '69',
  issue: '8',
  pages: '1423-1429',
  doi: '10.1136/ard.2009.123463',
  note: `Authors from ${ERRATUM_URL} (the abstract lists none). An erratum exists, "Ann Rheum Dis. 2011 Jan;70(1):237"; its content is unknown.`,
};
/** How every figure quoted from this study's own abstract names its source. */
const SOURCE = shortCitation(CITATION);

/**
 * Liang et al., Ann Rheum Dis 2010: open pilot of allogeneic bone-marrow MSCT in 15 patients with
 * refractory SLE. Reports too little to fit a full model: one relapse figure (2/13).
 */
export const pilot2010: StudyPreset = {
  id: 'pilot2010',
  shortName: 'Liang 2010 (BM pilot, n = 15)',
  title: 'Allogeneic bone-marrow MSCT in refractory SLE: a pilot clinical study',
  citation: CITATION,
  relatedCitations: [],
  design: {
    n: 15,
    arms: [
      {
        id: 'all',
        label: 'BM-MSCT',
        n: 15,
        infusions:
          'single IV infusion, 1.0 × 10^6 cells/kg (third-party table; not in the abstract)',
      },
    ],
    cellSource: 'allogeneic bone marrow (third-party table; the abstract says "Allogenic")',
    dose: `not stated in the abstract; 1.0 × 10^6/kg per the BMC Nephrology 2025 design table (${DESIGN_TABLE_URL})`,
    schedule: 'single IV infusion (third-party table; not in the abstract)',
    accrual: { start: '2007-03-11', end: '2008-11-04' },
    followUp: 'mean 17.2 ± 9.5 months; 13 of 15 followed for more than 12 months',
    studyDesign: { accrualMonths: 19.8, cutoffMonths: 29.2, lossPerYear: 0 },
  },
  horizonMonths: 24,
  template: { splitRemission: false, reRemission: false, breakpoints: [] },
  figures: [
    {
      id: 'A1',
      label: 'Relapse of proteinuria by 1 year (patients followed ≥ 12 months)',
      quantity: { kind: 'relapsedAmongRemitted' },
      time: 12,
      k: 2,
      n: 13,
      published: '2 of 13',
      sentence: RELAPSE_SENTENCE,
      source: 'paper',
      sourceRef: SOURCE,
      role: 'primary',
      notes:
        'All 15 patients "clinically improved", so every patient followed counts as a responder and the 13 followed for more than 12 months are the denominator. Renal (proteinuria) relapse only. "Improved" is not a formal remission definition. The 12-month SLEDAI analysis has n = 12, not 13 (unexplained). An erratum of unknown content exists.',
    },
    {
      id: 'A2',
      label: 'Still improved at 1 year (patients followed ≥ 12 months)',
      quantity: { kind: 'inState', which: 'remission', denominator: 'survivors' },
      time: 12,
      k: 11,
      n: 13,
      published: '11 of 13',
      sentence: RELAPSE_SENTENCE,
      source: 'paper',
      sourceRef: SOURCE,
      role: 'validation',
      notes:
        'The complement of A1 (11 = 13 − 2): fitting both would count the same 13 patients twice. Denominator = survivors because the 13 are patients followed (alive) at 1 year; deaths are not mentioned.',
    },
  ],
  continuousFigures: [
    {
      id: 'A3',
      label: 'SLEDAI',
      unit: 'score',
      population: 'patients with 12-month data (n = 12)',
      points: [
        { time: 0, mean: 12.2, sd: 3.3, n: 12 },
        { time: 12, mean: 3.2, sd: 2.8, n: 12 },
      ],
      sentence:
        'At 12-month follow-up, SLEDAI scores decreased from 12.2 +/- 3.3 to 3.2 +/- 2.8 and proteinuria decreased from 2505.0 +/- 1323.9 to 858.0 +/- 800.7 mg/24 h (all p < 0.05, by paired t test, n = 12).',
      source: 'paper',
      sourceRef: SOURCE,
      notes: 'Paired t test, p < 0.05. n = 12 although 13 patients were followed > 12 months.',
    },
    {
      id: 'A4',
      label: '24 h proteinuria',
      unit: 'mg/24 h',
      population: 'patients with 12-month data (n = 12)',
      points: [
        { time: 0, mean: 2505.0, sd: 1323.9, n: 12 },
        { time: 12, mean: 858.0, sd: 800.7, n: 12 },
      ],
      sentence:
        'At 12-month follow-up, SLEDAI scores decreased from 12.2 +/- 3.3 to 3.2 +/- 2.8 and proteinuria decreased from 2505.0 +/- 1323.9 to 858.0 +/- 800.7 mg/24 h (all p < 0.05, by paired t test, n = 12).',
      source: 'paper',
      sourceRef: SOURCE,
      notes: 'Paired t test, p < 0.05.',
    },
  ],
  qualitative: [
    {
      id: 'A5',
      label: 'Overall survival',
      kind: 'not-reported',
      statement:
        'Survival is not reported and deaths are not mentioned; the abstract only says that no serious adverse events were reported. Do not read this as 15/15 alive.',
      time: null,
      sentence: 'No serious adverse events were reported.',
      source: 'paper',
      sourceRef: SOURCE,
      role: 'context',
    },
  ],
  assumptions: [
    '"Clinically improved" is treated as entering Remission: all 15 patients improved, so everyone followed is a responder (A1, A2). The paper gives no formal remission definition.',
    'Improvement comes early: the remission intensity is held at 12 per year (mean 1 month; 95% of patients improved by 3 months). The pilot gives no time to improvement; the same group reports disease activity falling within 1-3 months of MSCT in its other series (a fall in SLEDAI by the first month in an early umbilical-cord series, BILAG "markedly decreased 3 months after MSCT" in the multicentre trial).',
    'A "relapse of proteinuria" (renal) is treated as a relapse; non-renal relapses are not reported and are assumed absent.',
    'Accrual is uniform over the published enrolment window, 11 Mar 2007 to 4 Nov 2008 (604 days = 19.8 months, derived).',
    'The data cut-off, 29.2 months after the first enrolment, is chosen so that 13 of 15 patients have more than 12 months of follow-up ((29.2 − 12) / 19.8 × 15 = 13, derived). Uniform accrual then gives a mean follow-up of 19.3 months against the published 17.2 ± 9.5; no uniform window reproduces both the 13/15 and the mean, and the denominator was preferred.',
    'No loss to follow-up (none is reported).',
    'Dose and schedule (1.0 × 10^6 cells/kg, single IV) come from a third-party design table, not from the abstract.',
  ],
  calibration: {
    targetIds: ['A1'],
    rationale:
      "A1 (2/13 relapsed by 1 year) is the only figure that informs an intensity; A2 is its complement and would double-count the same 13 patients. Each intensity: relapse is FITTED to A1 (one figure, one parameter). Remission is FIXED fast, not borrowed: the paper says every patient improved, whereas the 5-year cohort's remission intensity (0.14/yr) would leave about 87% of patients unimproved at one year (e^−0.14) and put A2 (11/13 still improved) at 11%. Held at 12/yr, everyone improves within weeks, A2 comes out near 11/13, and relapse is fitted to about 0.17/yr, close to −ln(11/13). The three death intensities are BORROWED from the 5-year cohort (same centre, same dose), because the pilot reports no deaths or survival (A5); they barely matter over one year.",
    freeParameters: ['relapse'],
    fixed: [
      {
        parameter: 'remission',
        ratePerYear: 12,
        reason:
          '"All patients clinically improved": improvement within weeks (mean 1 month, 95% by 3 months); no time to improvement is published.',
      },
    ],
    borrowFrom: {
      studyId: 'followup2018',
      reason: 'Deaths only: same Nanjing programme and dose; the pilot reports no survival (A5).',
    },
  },
  // Calibrated by scripts/fit-presets.ts (4 significant digits); tests/data/fitted.test.ts
  // checks these against a fresh fit.
  fitted: {
    remission: [12],
    relapse: [0.1772],
    deathActive: [0.0435],
    deathRemission: [0.008848],
    deathRelapse: [0.0435],
  },
};
