import { shortCitation } from './citation';
import type { Citation, StudyPreset } from './studyTypes';

const DESIGN_TABLE_URL =
  'https://biomedcentral-bmcnephrol.publicaciones.saludcastillayleon.es/articles/10.1186/s12882-025-04029-y/tables/1';

const OUTCOME_SENTENCE =
  'Significant reduction in disease activity was achieved in all patients, and there has been no recurrence to date and no treatment-related deaths.';

const CITATION: Citation = {
  authors: [
    'Sun L',
    'Wang D',
    'Liang J',
    'Zhang H',
    'Feng X',
    'Wang H',
    'Hua B',
    'Liu B',
    'Ye S',
    'Hu X',
    'Xu W',
    'Zeng X',
    'Hou Y',
    'Gilkeson GS',
    'Silver RM',
    'Lu L',
    'Shi S',
  ],
  title:
    'Umbilical cord mesenchymal stem cell transplantation in severe and refractory systemic lupus erythematosus',
  journal: 'Arthritis Rheum',
  year: 2010,
  volume: '62',
  issue: '8',
  pages: '2467-75',
  pmid: '20506343',
  note: 'Read from a copy of the PubMed abstract on a clinic website.',
};
/** How every figure quoted from this study's own abstract names its source. */
const SOURCE = shortCitation(CITATION);

/**
 * Sun et al., Arthritis Rheum 2010: single-arm umbilical-cord MSCT in 16 patients with severe,
 * refractory SLE. Short, variable follow-up (median 8.25 months); every figure is a
 * boundary count (16/16 responded, 0/16 relapsed), so nothing is fitted.
 */
export const uc2010: StudyPreset = {
  id: 'uc2010',
  shortName: 'Sun 2010 (UC-MSCT, n = 16)',
  title: 'Umbilical-cord MSCT in severe and refractory SLE: single-arm trial',
  citation: CITATION,
  relatedCitations: [],
  design: {
    n: 16,
    arms: [
      {
        id: 'all',
        label: 'UC-MSCT',
        n: 16,
        infusions:
          'single IV infusion, 1.0 × 10^6 cells/kg (third-party table; not in the abstract)',
      },
    ],
    cellSource: 'allogeneic umbilical cord',
    dose: `not stated in the abstract; 1.0 × 10^6/kg per the BMC Nephrology 2025 design table (${DESIGN_TABLE_URL})`,
    schedule: 'single IV infusion (third-party table; not in the abstract)',
    accrual: { start: '2007-04', end: '2009-07' },
    followUp: 'median 8.25 months (range 3-28 months)',
    studyDesign: { accrualMonths: 10.5, cutoffMonths: 13.5, lossPerYear: 0 },
  },
  horizonMonths: 12,
  template: { splitRemission: false, reRemission: false, breakpoints: [6] },
  figures: [
    {
      id: 'C1',
      label: 'Relapse to date (median follow-up 8.25 months)',
      quantity: { kind: 'relapsedAmongRemitted' },
      time: 8.25,
      k: 0,
      n: 16,
      published: 'no recurrence to date (0 of 16)',
      sentence: OUTCOME_SENTENCE,
      source: 'paper',
      sourceRef: SOURCE,
      role: 'validation',
      notes:
        '"To date" means at each patient\'s last visit (3-28 months); read at the median follow-up, 8.25 months. All 16 responded (C2), so responders = enrolled. 0/16 is a boundary count: its likelihood pushes the relapse intensity to 0, so it is shown, not fitted.',
    },
    {
      id: 'C2',
      label: 'Reduction in disease activity (response) to date',
      quantity: { kind: 'everRemitted' },
      time: 8.25,
      k: 16,
      n: 16,
      published: 'all patients (16 of 16)',
      sentence: OUTCOME_SENTENCE,
      source: 'paper',
      sourceRef: SOURCE,
      role: 'validation',
      notes:
        '"Significant reduction in disease activity" is a response, not a formal remission; mapping it to ever-remitted is an assumption. Read at the median follow-up. 16/16 is a boundary count (its likelihood pushes the remission intensity to infinity).',
    },
  ],
  continuousFigures: [],
  qualitative: [
    {
      id: 'C3',
      label: 'Treatment-related deaths',
      kind: 'safety',
      statement:
        'No treatment-related deaths. All-cause deaths are not reported, so this is not a survival figure: it does not mean 16/16 alive.',
      time: null,
      count: { k: 0, n: 16, published: 'no treatment-related deaths' },
      sentence: OUTCOME_SENTENCE,
      source: 'paper',
      sourceRef: SOURCE,
      role: 'context',
    },
  ],
  assumptions: [
    '"Significant reduction in disease activity" (all 16) is treated as entering Remission, and "recurrence" as relapse; the abstract defines neither.',
    'C1 and C2 ("to date", follow-up 3-28 months) are read at the median follow-up, 8.25 months.',
    'Follow-up: accrual 10.5 months and cut-off 13.5 months reproduce the published minimum (3 months) and median (8.25 months) follow-up under uniform accrual (13.5 − 10.5 = 3; 13.5 − 10.5 / 2 = 8.25). The published enrolment window (Apr 2007 to Jul 2009, about 27 months) and maximum follow-up (28 months) are not reproduced: with uniform accrual over 25 months to match the range 3-28, the median would be 15.5 months, nearly twice the published one. Enrolment was evidently concentrated late; the median was preferred because it governs what "to date" could observe.',
    'No loss to follow-up (none is reported). All-cause deaths are unknown (C3 counts treatment-related deaths only).',
    'Dose and schedule (1.0 × 10^6 cells/kg, single IV) come from a third-party design table, not from the abstract.',
    'Template with a breakpoint at 6 months, matching the multicentre UC trial whose intensities this preset borrows.',
  ],
  calibration: {
    targetIds: [],
    rationale:
      'Nothing is fitted: both figures are boundary counts (16/16 responded, 0/16 relapsed) whose maximum-likelihood intensities are infinite and zero, and survival is not reported (C3 counts treatment-related deaths only). The preset uses the intensities of the multicentre UC-MSC trial, and C1/C2 check them: with no relapse before 6 months there, 0/16 at a median of 8.25 months is expected.',
    borrowFrom: {
      studyId: 'multicentre2012',
      reason:
        'Same cell source (umbilical cord) and group; its 12-month visit data include a relapse-free first 6 months. It gave two infusions (days 0 and 7) where this study gave one.',
    },
  },
  // Calibrated by scripts/fit-presets.ts (4 significant digits); tests/data/fitted.test.ts
  // checks these against a fresh fit.
  fitted: {
    remission: [0.9707, 0.9707],
    relapse: [0, 0.8266],
    deathActive: [0.07473, 0.07473],
    deathRemission: [0.07473, 0.07473],
    deathRelapse: [0.07473, 0.07473],
  },
};
