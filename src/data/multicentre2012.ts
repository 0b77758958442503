import { shortCitation } from './citation';
import type { Citation, StudyPreset } from './studyTypes';

const ACR_URL =
  'https://acrabstracts.org/abstract/a-multicentre-clinical-study-of-umbilical-cord-mesenchymal-stem-cells-transplantation-in-active-systemic-lupus-erythematosus/';
const ART_ABSTRACT_URL = 'https://www.springermedizin.de/link?doi=10.1186/ar4520';
const ART_TABLE1_URL =
  'https://arthritis-research.biomedcentral.com/articles/10.1186/ar4520/tables/1';
const ART_TABLE2_URL =
  'https://arthritis-research.biomedcentral.com/articles/10.1186/ar4520/tables/2';
const DESIGN_TABLE_URL =
  'https://biomedcentral-bmcnephrol.publicaciones.saludcastillayleon.es/articles/10.1186/s12882-025-04029-y/tables/1';

const RESPONSE_SENTENCE =
  'Fourteen and fifteen patients achieved MCR (14/40, 35.0%) and PCR (15/40, 37.5%) at 6 months follow-up, respectively.';
const RELAPSE_SENTENCE =
  'Three and four patients experienced disease relapse at 9 (7.5%) and 12 (10%) months follow-up, respectively, after a prior clinical response.';
const ART_RELAPSE_FRAGMENT =
  'Three and four patients experienced disease relapse at 9 months (12.5%) and 12 months (16.7%)';

const CITATION: Citation = {
  authors: ['Sun L', 'Wang D', 'Li J', 'Zhang M', 'Zhang Y', 'Li X'],
  title:
    'A multicentre clinical study of umbilical cord mesenchymal stem cells transplantation in active systemic lupus erythematosus',
  journal: '2012 ACR/ARHP Annual Meeting (abstract)',
  year: 2012,
  url: ACR_URL,
  note: 'Authors from the abstract\'s disclosure list; title from its URL (the abstract page has no title line). The abstract says "no adverse event was observed"; the full paper (2014) reports 3 deaths.',
};
/** How every figure quoted from this study's own abstract names its source. */
const SOURCE = shortCitation(CITATION);

/** The full paper of the same trial: survival, deaths by day, responders over 12 months. */
const ART: Citation = {
  authors: ['Wang D', 'et al.'],
  title:
    'Umbilical cord mesenchymal stem cell transplantation in active and refractory systemic lupus erythematosus: a multicenter clinical study',
  journal: 'Arthritis Res Ther',
  year: 2014,
  volume: '16',
  pages: 'R79',
  doi: '10.1186/ar4520',
  url: ART_ABSTRACT_URL,
  note: `Title expanded from an abbreviated record, consistent with the relifemed.com page's URL. Published 25 March 2014; 4 centres (Drum Tower Nanjing, Jiangsu Univ. Zhenjiang, Subei People's Yangzhou, Jiangsu Provincial People's Nanjing). Only the abstract, Table 2, rows 1-13 of Table 1 (${ART_TABLE1_URL}) and the Fig. 2 legend were available. Primary endpoint = safety (efficacy in the ACR abstract).`,
};

/**
 * The multicentre umbilical-cord MSCT trial (NCT01741857): 40 patients, infusions on days 0 and 7,
 * visits at 3, 6, 9 and 12 months. The source is the 2012 ACR/ARHP abstract; the full paper
 * (Arthritis Res Ther 2014) reports different response counts, deaths and relapse denominators
 * (figures marked `found`).
 */
export const multicentre2012: StudyPreset = {
  id: 'multicentre2012',
  shortName: 'Sun/Wang 2012-14 (multicentre UC-MSCT, n = 40)',
  title: 'Multicentre trial of umbilical-cord MSCT (days 0 and 7) in active SLE: 12 months',
  citation: CITATION,
  relatedCitations: [ART],
  design: {
    n: 40,
    arms: [
      {
        id: 'all',
        label: 'UC-MSCT (days 0 and 7)',
        n: 40,
        infusions: 'two IV infusions of UC-MSC, on days 0 and 7',
      },
    ],
    cellSource: 'allogeneic umbilical cord',
    dose: `not stated in the abstract; 1.0 × 10^6/kg per infusion per the BMC Nephrology 2025 design table (${DESIGN_TABLE_URL})`,
    schedule: 'IV infusions on days 0 and 7',
    accrual: null,
    followUp: '12 months (visits at 3, 6, 9 and 12 months)',
    studyDesign: { accrualMonths: 0, cutoffMonths: 12, lossPerYear: 0 },
  },
  horizonMonths: 12,
  template: { splitRemission: false, reRemission: false, breakpoints: [6] },
  figures: [
    {
      id: 'D1',
      label: 'Major clinical response at 6 months (ACR abstract)',
      quantity: { kind: 'inState', which: 'complete', denominator: 'enrolled' },
      time: 6,
      k: 14,
      n: 40,
      published: '14/40, 35.0%',
      sentence: RESPONSE_SENTENCE,
      source: 'paper',
      sourceRef: SOURCE,
      role: 'validation',
      notes:
        'MCR is mapped to complete remission (an assumption: MCR/PCR are response criteria, probably BILAG-based, not remission). Needs split remission, which this preset does not use. Conflicts with the full paper (D8: 13 MCR during 12 months).',
    },
    {
      id: 'D2',
      label: 'Partial clinical response at 6 months (ACR abstract)',
      quantity: { kind: 'inState', which: 'partial', denominator: 'enrolled' },
      time: 6,
      k: 15,
      n: 40,
      published: '15/40, 37.5%',
      sentence: RESPONSE_SENTENCE,
      source: 'paper',
      sourceRef: SOURCE,
      role: 'validation',
      notes:
        'PCR mapped to partial remission (assumption). Needs split remission. Conflicts with D8 (11 PCR during 12 months).',
    },
    {
      id: 'D3',
      label: 'Any response at 6 months (ACR abstract)',
      quantity: { kind: 'inState', which: 'remission', denominator: 'enrolled' },
      time: 6,
      k: 29,
      n: 40,
      published: '14 + 15 = 29 of 40',
      sentence: RESPONSE_SENTENCE,
      source: 'derived',
      sourceRef: SOURCE,
      role: 'validation',
      notes:
        'Derived: 14 MCR + 15 PCR. Contradicts D8: patients responding at 6 months (29) cannot outnumber those who ever responded by 12 months (24), so no model meets both; the calibration uses D8 and shows D3 as a conflict.',
    },
    {
      id: 'D4',
      label: 'New relapses at the 9-month visit (all 40 as denominator)',
      quantity: { kind: 'newRelapses', fromMonth: 6, denominator: 'enrolled' },
      time: 9,
      k: 3,
      n: 40,
      published: '3 of 40 (7.5%)',
      sentence: RELAPSE_SENTENCE,
      source: 'paper',
      sourceRef: SOURCE,
      role: 'primary',
      notes:
        'Visit-based: relapses found at the 9-month visit, i.e. in (6, 9] months; no relapse before the 6-month visit. The percentage uses all 40 patients; the full paper divides the same 3 by the 24 responders (D9).',
    },
    {
      id: 'D5',
      label: 'New relapses at the 12-month visit (all 40 as denominator)',
      quantity: { kind: 'newRelapses', fromMonth: 9, denominator: 'enrolled' },
      time: 12,
      k: 4,
      n: 40,
      published: '4 of 40 (10%)',
      sentence: RELAPSE_SENTENCE,
      source: 'paper',
      sourceRef: SOURCE,
      role: 'primary',
      notes: 'Relapses in (9, 12] months. The full paper divides the same 4 by 24 (D9b).',
    },
    {
      id: 'D6',
      label: 'Relapses by 12 months (all 40 as denominator)',
      quantity: { kind: 'newRelapses', fromMonth: 0, denominator: 'enrolled' },
      time: 12,
      k: 7,
      n: 40,
      published: '7 relapsed cases (7 of 40)',
      sentence:
        'Serum creatinine and urea nitrogen decreased to the lowest level at 6 months, while slightly increased at 9 and 12 months due to the 7 relapsed cases.',
      source: 'paper',
      sourceRef: SOURCE,
      role: 'validation',
      notes:
        'The sum of D4 and D5 (3 + 4): fitting it as well would count the same 7 relapses twice, so it is a check, not a target. Denominator 40 is derived; among the 24 responders of the full paper it is 7/24 = 29.2%.',
    },
    {
      id: 'D7',
      label: '12-month overall survival (full paper)',
      quantity: { kind: 'survival' },
      time: 12,
      k: 37,
      n: 40,
      published: '92.5% (37 of 40 patients)',
      sentence: '92.5% (37 of 40 patients)',
      source: 'found',
      sourceRef: shortCitation(ART),
      sourceUrl: ART_ABSTRACT_URL,
      role: 'primary',
      notes: `Three deaths, all judged unrelated to MSCT (Table 2, ${ART_TABLE2_URL}): Kaplan-Meier steps at days 7, 192 and 256 (at risk 40 → 39 → 38 → 37), assuming no censoring before day 256. The ACR abstract says "no adverse event was observed".`,
    },
    {
      id: 'D8',
      label: 'Any response during 12 months (full paper)',
      quantity: { kind: 'everRemitted' },
      time: 12,
      k: 24,
      n: 40,
      published: '24 of 40 (13 MCR + 11 PCR)',
      sentence: 'MCR (13 of 40, 32.5%) and PCR (11 of 40, 27.5%) … during 12 months of follow up',
      source: 'found',
      sourceRef: shortCitation(ART),
      sourceUrl: ART_ABSTRACT_URL,
      role: 'primary',
      notes:
        'Best response "during 12 months": patients who responded at some visit by 12 months, i.e. ever remitted (MCR or PCR). 24 = 13 + 11 (derived), 60%. Conflicts with the ACR abstract (D1-D3: 29 responding at 6 months). The relapse denominators of the full paper (3/24, 4/24) are these 24 responders.',
    },
    {
      id: 'D9',
      label: 'New relapses at 9 months among the 24 responders (full paper)',
      quantity: { kind: 'newRelapses', fromMonth: 6, denominator: 'ever-remitted' },
      time: 9,
      k: 3,
      n: 24,
      published: '3 of 24 (12.5%)',
      sentence: ART_RELAPSE_FRAGMENT,
      source: 'found',
      sourceRef: shortCitation(ART),
      sourceUrl: ART_ABSTRACT_URL,
      role: 'validation',
      notes:
        "Same 3 relapses as D4 with the 24 responders as denominator (derived from 12.5%). Not fitted: it would count D4's relapses twice.",
    },
    {
      id: 'D9b',
      label: 'New relapses at 12 months among the 24 responders (full paper)',
      quantity: { kind: 'newRelapses', fromMonth: 9, denominator: 'ever-remitted' },
      time: 12,
      k: 4,
      n: 24,
      published: '4 of 24 (16.7%)',
      sentence: ART_RELAPSE_FRAGMENT,
      source: 'found',
      sourceRef: shortCitation(ART),
      sourceUrl: ART_ABSTRACT_URL,
      role: 'validation',
      notes:
        'The 12-month half of D9 (given its own id here). Same 4 relapses as D5 with 24 as denominator (derived from 16.7%).',
    },
  ],
  continuousFigures: [
    {
      id: 'D10',
      label: 'SLEDAI',
      unit: 'score',
      population: 'all patients (40 at baseline; n at later visits not given)',
      points: [
        { time: 0, mean: 10.83, sd: 4.63, n: 40 },
        { time: 3, mean: 7.43, sd: 3.93, n: null },
        { time: 6, mean: 6.3, sd: 3.63, n: null },
        { time: 9, mean: 6.4, sd: 3.84, n: null },
        { time: 12, mean: 6.48, sd: 3.52, n: null },
      ],
      sentence:
        'SLEDAI score significantly decreased at 3 (7.43±3.93), 6 (6.30±3.63), 9 (6.40±3.84) and 12 months (6.48±3.52) follow-up (P all <0.05 vs. baseline 10.83±4.63).',
      source: 'paper',
      sourceRef: SOURCE,
      notes:
        'Mean ± SD; all P < 0.05 vs baseline. The slight rise after 6 months coincides with the relapses.',
    },
    {
      id: 'D11',
      label: '24 h proteinuria (lupus nephritis)',
      unit: 'g/24 h',
      population: 'patients with lupus nephritis (n not given)',
      points: [
        { time: 0, mean: 2.24, sd: 1.43, n: null },
        { time: 9, mean: 1.24, sd: 1.09, n: null },
        { time: 12, mean: 1.41, sd: 1.33, n: null },
      ],
      sentence:
        'For those with lupus nephritis, 24-hour proteinuria declined after transplantation, with statistical differences at 9 (1.24±1.09 mg) and 12 months (1.41±1.33 mg, P<0.05 vs. baseline 2.24±1.43 mg).',
      source: 'paper',
      sourceRef: SOURCE,
      notes: 'Printed unit is "mg"; values of 1.2-2.2 for 24 h proteinuria must be g/24 h.',
    },
  ],
  qualitative: [],
  reportedEvents: [
    {
      day: 7,
      event: 'death',
      atRiskBefore: 40,
      patient: 'pt 9',
      sourceRef: shortCitation(ART),
      sourceUrl: ART_TABLE2_URL,
      notes:
        'Table 2 lists pt 9 as "Death (SAE), day 7", but Table 1 gives pt 9 the outcome "MCR → R": the patient numbering differs between the tables or one of them is wrong.',
    },
    {
      day: 192,
      event: 'death',
      atRiskBefore: 39,
      patient: 'pt 27',
      sourceRef: shortCitation(ART),
      sourceUrl: ART_TABLE2_URL,
    },
    {
      day: 256,
      event: 'death',
      atRiskBefore: 38,
      patient: 'pt 14',
      sourceRef: shortCitation(ART),
      sourceUrl: ART_TABLE2_URL,
    },
  ],
  assumptions: [
    'MCR and PCR (response criteria, probably BILAG-based) are treated as remission, and "relapse after a prior clinical response" as relapse from remission.',
    'Everyone is followed to the 12-month visit (accrual 0, cut-off 12, no loss): every visit figure has all 40 patients as denominator, and the Kaplan-Meier steps need no censoring before day 256. Enrolment dates are not published.',
    'Relapse intensity is 0 before 6 months ("several cases experienced disease relapse after 6 months visit"; none is reported earlier), hence the breakpoint at 6 months.',
    'The three deaths are not attributed to a disease state (Table 2 conflicts with Table 1 for pt 9), so one death intensity is shared by all states.',
    'Dose (1.0 × 10^6/kg per infusion) comes from a third-party design table; the abstract gives none.',
    "The ACR abstract and the full paper disagree on response counts, relapse denominators and deaths; the preset fits the full paper's response and survival (see calibration) and shows the abstract's figures as validation.",
  ],
  calibration: {
    targetIds: ['D4', 'D5', 'D7', 'D8'],
    rationale:
      'Two reports of the same 40 patients conflict: the ACR abstract has 29 responding at 6 months (D1-D3), the full paper 24 responding during 12 months (D8). No model meets both (29 responding at 6 months cannot exceed 24 ever responding by 12). The preset fits D8 because the peer-reviewed full paper is the later, complete report: it is the source of the survival figure D7 and of the responder denominator (24) behind the relapse figures, so all fitted figures share one data cut, and the abstract was evidently an earlier, incomplete snapshot (it reported no adverse events where the paper lists 3 deaths). D4 and D5 (relapses at the 9- and 12-month visits, 3/40 and 4/40) give the relapse intensity after 6 months; D6 (7/40) is their sum and D9/D9b are the same counts over 24, so they are checks, not targets. D7 gives the death intensity. Free: remission (constant), relapse after 6 months, one shared death intensity: 3 numbers for 4 figures.',
    fixed: [
      {
        parameter: 'relapse',
        piece: 0,
        ratePerYear: 0,
        reason: 'No relapse before the 6-month visit ("disease relapse after 6 months visit").',
      },
    ],
    tied: [
      {
        parameters: ['deathActive', 'deathRemission', 'deathRelapse'],
        reason:
          'Three deaths, not attributable to a disease state (the tables conflict for pt 9): one death intensity.',
      },
    ],
    piecewise: ['relapse'],
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
