import { shortCitation } from './citation';
import type { Citation, StudyPreset } from './studyTypes';

const CITATION: Citation = {
  authors: [
    'Wang D',
    'Akiyama K',
    'Zhang H',
    'Yamaza T',
    'Li X',
    'Feng X',
    'Wang H',
    'Hua B',
    'Liu B',
    'Xu H',
    'Chen W',
    'Shi S',
    'Sun L',
  ],
  title:
    'Double allogenic mesenchymal stem cells transplantations could not enhance therapeutic effect compared with single transplantation in systemic lupus erythematosus',
  journal: 'Clin Dev Immunol',
  year: 2012,
  volume: '2012',
  pages: '273291',
  doi: '10.1155/2012/273291',
  note: 'Epub 9 Jul 2012. Read on its PubMed page. Authors from https://kyushu-u.elsevierpure.com (PubMed shows "Dandan Wang et al."). A catalogue record points to PMC3399403, whose text is not stored.',
};
/** How every figure quoted from this study's own abstract names its source. */
const SOURCE = shortCitation(CITATION);

/**
 * Wang et al., Clin Dev Immunol 2012: randomised trial of single (30) vs double (28) MSCT in
 * refractory SLE. No numeric outcome is available, only "no remarkable differences";
 * both arms share one set of intensities.
 */
export const rct2012: StudyPreset = {
  id: 'rct2012',
  shortName: 'Wang 2012 (single vs double MSCT, n = 58)',
  title: 'Randomised trial: single vs double allogeneic MSCT in refractory SLE',
  citation: CITATION,
  relatedCitations: [],
  design: {
    n: 58,
    arms: [
      {
        id: 'single',
        label: 'Single MSCT',
        n: 30,
        infusions: 'one infusion of 1 × 10^6 MSC/kg',
      },
      {
        id: 'double',
        label: 'Double MSCT',
        n: 28,
        infusions:
          'two infusions of 1 × 10^6 MSC/kg each (per-infusion dose as in the single arm; the interval is not in the abstract)',
      },
    ],
    cellSource: 'allogeneic MSC (source not stated in the abstract)',
    dose: '1 × 10^6 MSC/kg per infusion ("one million MSCs per kilogram of body weight")',
    schedule: 'randomised: one infusion (30 patients) or two infusions (28 patients)',
    accrual: null,
    followUp: 'more than one year',
    studyDesign: { accrualMonths: 0, cutoffMonths: 12, lossPerYear: 0 },
  },
  horizonMonths: 12,
  template: { splitRemission: false, reRemission: false, breakpoints: [] },
  figures: [],
  continuousFigures: [],
  qualitative: [
    {
      id: 'B1',
      label: 'Single vs double MSCT: remission and relapse',
      kind: 'qualitative',
      statement:
        'No remarkable differences between the arms in remission, relapse, disease activity or serology over more than one year. The Kaplan-Meier curves of complete remission and relapse by arm (Fig. 1) exist but no values are available. Use as an equivalence check: with shared intensities the simulated arm gap should be within chance for about 30 patients per arm.',
      time: 12,
      sentence:
        'Our results showed that no remarkable differences between single and double allogenic MSCT were found in terms of disease remission and relapse, amelioration of disease activity, and serum indexes in an SLE clinical trial with more than one year followup.',
      source: 'paper',
      sourceRef: SOURCE,
      role: 'validation',
      notes:
        '"No remarkable differences" in a trial of 58 is not evidence of equivalence; it only says the difference was not significant.',
    },
  ],
  assumptions: [
    'Both arms share one set of intensities: the published finding is "no remarkable differences" between single and double MSCT, and no arm-specific number is available.',
    'Enrolment dates are unknown and follow-up is "more than one year": every patient is assumed followed for exactly 12 months (accrual 0, cut-off 12), the minimum the abstract implies.',
    'No loss to follow-up and no deaths are reported (the abstract lists survival as an endpoint without a number).',
    'The double arm is assumed to receive the same per-infusion dose as the single arm.',
  ],
  calibration: {
    targetIds: [],
    rationale:
      'Nothing is fitted: the abstract gives no remission, relapse or survival number by arm, only "no remarkable differences" (B1). Both arms use the intensities of the 5-year cohort, which shares the centre, the dose and (very probably) patients.',
    borrowFrom: {
      studyId: 'followup2018',
      reason:
        'Same Nanjing programme and dose (1 × 10^6/kg per infusion); the 5-year cohort reports the numbers this trial does not.',
    },
  },
  // Calibrated by scripts/fit-presets.ts (4 significant digits); tests/data/fitted.test.ts
  // checks these against a fresh fit.
  fitted: {
    remission: [0.1415],
    relapse: [0.1003],
    deathActive: [0.0435],
    deathRemission: [0.008848],
    deathRelapse: [0.0435],
  },
};
