import { shortCitation } from './citation';
import type { Citation, StudyPreset } from './studyTypes';

const EULAR_URL = 'https://ard.bmj.com/content/76/Suppl_2/866.1';
const WEN_URL = 'https://www.hindawi.com/journals/sci/2019/7061408/';
const LIANG_URL = 'https://stemcellres.biomedcentral.com/articles/10.1186/s13287-018-1053-4';

const OS_SENTENCE =
  'Eighty-one patients were enrolled, and the 5-year overall survival rate was 84% (68/81) after MSCT.';
const REMISSION_SENTENCE =
  'At 5-year follow-up, 27% of patients (22/81) were in complete clinical remission and another 7% (6/81) were in partial clinical remission, with a 5-year disease remission rate of 34% (28/81).';
/** The abstract has a no-break space (U+00A0) between "clinical" and "remission" in this sentence. */
const RELAPSE_SENTENCE =
  'In total, 37 patients had achieved clinical\u00a0remission and then 9 patients subsequently relapsed, with 5-year overall rate of relapse of 24% (9/37).';

const CITATION: Citation = {
  authors: [
    'Wang D',
    'Zhang H',
    'Liang J',
    'Wang H',
    'Hua B',
    'Feng X',
    'Gilkeson GS',
    'Farge D',
    'Shi S',
    'Sun L',
  ],
  title:
    'A Long-Term Follow-Up Study of Allogeneic Mesenchymal Stem/Stromal Cell Transplantation in Patients with Drug-Resistant Systemic Lupus Erythematosus',
  journal: 'Stem Cell Reports',
  year: 2018,
  volume: '10',
  issue: '3',
  pages: '933-941',
  doi: '10.1016/j.stemcr.2018.01.029',
  pmid: '29478901',
  note: 'Issue 13 Mar 2018, Epub 1 Mar 2018 (abstract page dated 27 Feb 2018). Authors from medworm.com (the abstract lists none). Only abstract copies were found; no yearly Kaplan-Meier values, causes of death or enrolment dates.',
};
/** How every figure quoted from this study's own abstract names its source. */
const SOURCE = shortCitation(CITATION);

/** The conference version of this cohort: survivor denominators and the CR/PR split. */
const EULAR: Citation = {
  authors: ['Wang D', 'et al.'],
  title: 'EULAR 2017 abstract: the conference version of this cohort (title not stored)',
  journal: 'Ann Rheum Dis',
  year: 2017,
  volume: '76 (Suppl 2)',
  pages: '866',
  url: EULAR_URL,
  note: 'Gives the survivor denominators (22/68, 6/68, 28/68), the CR/PR split of the 37 ever remitted (27 + 10) and "Thirteen patients died within 5 years post-MSCT".',
};

/** The Nanjing database (context: complete remission and low disease activity by 12 months). */
const WEN: Citation = {
  authors: ['Wen L', 'Labopin M', 'Badoglio M', 'Wang D', 'Sun L', 'Farge-Bancel D'],
  title: 'Analysis of the Nanjing MSCT database (title not stored)',
  journal: 'Stem Cells Int',
  year: 2019,
  pages: '7061408',
  url: WEN_URL,
  note: 'PMC6525791. 69 adults with SLEDAI ≥ 8 and at least 1 year of follow-up, 1 or 2 infusions of 1 million cells/kg.',
};

/** Long-term safety of MSCT in 404 patients with various autoimmune diseases (context for F1). */
const LIANG: Citation = {
  authors: ['Liang J', 'et al.'],
  title: 'Safety analysis … long-term retrospective study (title shortened in the stored record)',
  journal: 'Stem Cell Res Ther',
  year: 2018,
  doi: '10.1186/s13287-018-1053-4',
  url: LIANG_URL,
  note: 'The DOI is the one in the publisher page address. NCT00698191; 404 patients, not SLE only.',
};

/**
 * Wang et al., Stem Cell Reports 2018: 5-year follow-up of 81 patients with drug-resistant SLE
 * after allogeneic bone-marrow and/or umbilical-cord MSCT, with the EULAR 2017
 * conference version (survivor denominators, CR/PR split of the ever-remitted). The default study.
 */
export const followup2018: StudyPreset = {
  id: 'followup2018',
  shortName: 'Wang 2018 (5-year follow-up, n = 81)',
  title: 'Allogeneic BM and/or UC MSCT in drug-resistant SLE: 5-year follow-up',
  citation: CITATION,
  relatedCitations: [EULAR, WEN, LIANG],
  design: {
    n: 81,
    arms: [
      {
        id: 'all',
        label: 'BM and/or UC MSCT',
        n: 81,
        infusions:
          'at least one infusion of 1 × 10^6 cells/kg; some patients had more than one (numbers per patient not reported)',
      },
    ],
    cellSource: 'allogeneic bone marrow and/or umbilical cord',
    dose: '"one million cells per kilogram of bodyweight for each infusion" (EULAR 2017; not in the 2018 abstract)',
    schedule: 'at least one infusion; repeat infusions in some patients',
    accrual: null,
    followUp: '5 years ("5-year follow-up")',
    studyDesign: { accrualMonths: 0, cutoffMonths: 60, lossPerYear: 0 },
  },
  horizonMonths: 60,
  template: { splitRemission: false, reRemission: false, breakpoints: [] },
  figures: [
    {
      id: 'F1',
      label: '5-year overall survival',
      quantity: { kind: 'survival' },
      time: 60,
      k: 68,
      n: 81,
      published: '84% (68/81)',
      sentence: OS_SENTENCE,
      source: 'paper',
      sourceRef: SOURCE,
      role: 'primary',
      notes:
        'Given as 68/81 (13 deaths, EULAR 2017): a crude proportion, equal to Kaplan-Meier only if nobody was censored before 5 years (assumed). Constant hazard ≈ 0.035/yr (derived).',
    },
    {
      id: 'F2',
      label: 'In complete remission at 5 years (all 81 as denominator)',
      quantity: { kind: 'inState', which: 'complete', denominator: 'enrolled' },
      time: 60,
      k: 22,
      n: 81,
      published: '27% (22/81)',
      sentence: REMISSION_SENTENCE,
      source: 'paper',
      sourceRef: SOURCE,
      role: 'validation',
      notes:
        'Point prevalence with the dead in the denominator. Needs split remission, which this preset does not use; shown for reference. EULAR 2017 gives 22/68 = 32% among survivors.',
    },
    {
      id: 'F3',
      label: 'In partial remission at 5 years (all 81 as denominator)',
      quantity: { kind: 'inState', which: 'partial', denominator: 'enrolled' },
      time: 60,
      k: 6,
      n: 81,
      published: '7% (6/81)',
      sentence: REMISSION_SENTENCE,
      source: 'paper',
      sourceRef: SOURCE,
      role: 'validation',
      notes:
        'Needs split remission (not used by this preset). EULAR 2017 gives 6/68 = 9% among survivors.',
    },
    {
      id: 'F4',
      label: 'In remission at 5 years (all 81 as denominator)',
      quantity: { kind: 'inState', which: 'remission', denominator: 'enrolled' },
      time: 60,
      k: 28,
      n: 81,
      published: '34% (28/81)',
      sentence: REMISSION_SENTENCE,
      source: 'paper',
      sourceRef: SOURCE,
      role: 'primary',
      notes:
        'Point prevalence: patients *in* remission at the 5-year visit, the dead counted as not in remission. NOT the cumulative incidence of remission (that is F5, 37/81). Rounding trap: 28/81 = 34.6% would print as 35%; the published 34% is the sum of the rounded 27% and 7%.',
    },
    {
      id: 'F4b',
      label: 'In remission at 5 years among the 68 survivors (EULAR 2017)',
      quantity: { kind: 'inState', which: 'remission', denominator: 'survivors' },
      time: 60,
      k: 28,
      n: 68,
      published: '41% (28/68)',
      sentence: '5-year disease remission was 41% (28/68)',
      source: 'found',
      sourceRef: shortCitation(EULAR),
      sourceUrl: EULAR_URL,
      role: 'validation',
      notes:
        'Same 28 patients as F4 over the 68 survivors: CR "22 patients (22/68, 32%)", PR "6 patients (6/68, 9%)". Not fitted: it is F4 divided by F1, so fitting it would count the same patients again.',
    },
    {
      id: 'F5',
      label: 'Ever in remission by 5 years',
      quantity: { kind: 'everRemitted' },
      time: 60,
      k: 37,
      n: 81,
      published: '37 patients had achieved clinical remission (37 of 81)',
      sentence: RELAPSE_SENTENCE,
      source: 'paper',
      sourceRef: SOURCE,
      role: 'primary',
      notes:
        'Crude cumulative incidence of remission, 45.7% (derived). EULAR 2017 splits it: "27 in complete remission and 10 in partial remission".',
    },
    {
      id: 'F6',
      label: 'Relapsed by 5 years among the 37 who remitted',
      quantity: { kind: 'relapsedAmongRemitted' },
      time: 60,
      k: 9,
      n: 37,
      published: '24% (9/37)',
      sentence: RELAPSE_SENTENCE,
      source: 'paper',
      sourceRef: SOURCE,
      role: 'primary',
      notes:
        'A crude proportion among those who ever remitted, not a Kaplan-Meier estimate and not a rate: time at risk differs between patients. "24% relapsed" is not a relapse rate.',
    },
    {
      id: 'G2',
      label: 'Complete remission by 12 months, Nanjing database (Wen 2019, n = 69)',
      quantity: { kind: 'everRemitted' },
      time: 12,
      k: 16,
      n: 69,
      published: '16 (23%) of 69',
      sentence: '40 (58%) achieved LDA and 16 (23%) achieved CR',
      source: 'found',
      sourceRef: shortCitation(WEN),
      sourceUrl: WEN_URL,
      role: 'context',
      notes:
        "Different selection (adults with SLEDAI ≥ 8 and ≥ 1 year of follow-up, 1 or 2 infusions), very probably overlapping patients. Complete remission only, so it is a lower bound for the model's ever-remitted (which includes partial). Never pool with F.",
    },
    {
      id: 'G2b',
      label: 'Low disease activity by 12 months, Nanjing database (Wen 2019, n = 69)',
      quantity: { kind: 'everRemitted' },
      time: 12,
      k: 40,
      n: 69,
      published: '40 (58%) of 69',
      sentence: '40 (58%) achieved LDA and 16 (23%) achieved CR',
      source: 'found',
      sourceRef: shortCitation(WEN),
      sourceUrl: WEN_URL,
      role: 'context',
      notes:
        "Low disease activity (LDA) is a looser endpoint than remission: an upper bound for the model's ever-remitted, together with G2 a bracket. Median SLEDAI 13 → 9/8/6/5 at 1/3/6/12 months.",
    },
  ],
  continuousFigures: [],
  qualitative: [
    {
      id: 'F7',
      label: '5-year balance: ever remitted − relapsed = in remission',
      kind: 'consistency',
      statement:
        '37 ever remitted − 9 relapsed = 28 in remission at 5 years; by type, complete 27 → 22 (5 lost) and partial 10 → 6 (4 lost), 5 + 4 = 9 relapses. So none of the 28 non-relapsed remitters died, and no relapsed patient was counted as back in remission.',
      time: 60,
      tally: {
        everRemitted: 37,
        relapsed: 9,
        inRemission: 28,
        everComplete: 27,
        everPartial: 10,
        inComplete: 22,
        inPartial: 6,
      },
      sentence: RELAPSE_SENTENCE,
      source: 'derived',
      sourceRef: SOURCE,
      role: 'validation',
      notes: `The CR/PR split of the 37 (27 + 10) is from EULAR 2017 (${EULAR_URL}): "37 patients had achieved clinical remission (27 in complete remission and 10 in partial remission)". A fitted model should reproduce the balance in its expected counts.`,
    },
    {
      id: 'G3',
      label: '5- and 8-year survival after MSCT in 404 patients with mixed autoimmune diseases',
      kind: 'context',
      statement:
        'Liang 2018 (Stem Cell Res Ther, NCT00698191, 2007-2016): 5-year and 8-year survival 90.4% and 88.9% in 404 patients with various autoimmune diseases, not SLE only; 45 deaths, mean follow-up 43.4 ± 25.9 months. No k/n is given for the landmark rates.',
      time: 60,
      sentence: '90.4% and 88.9%',
      source: 'found',
      sourceRef: shortCitation(LIANG),
      sourceUrl: LIANG_URL,
      role: 'context',
      notes: 'Not SLE-only and overlaps the Nanjing cohorts: context for F1, never a target.',
    },
  ],
  assumptions: [
    'Everyone is followed for 5 years (accrual 0, cut-off 60 months, no loss): the 5-year figures divide by all 81 enrolled and survival is given as 68/81, which equals Kaplan-Meier only without censoring before 5 years. Enrolment dates are not published.',
    'Complete and partial clinical remission are merged into one Remission state; F2/F3 (CR, PR) need the split and are shown, not fitted.',
    'No re-remission: the balance F7 (37 − 9 = 28) leaves no relapsed patient back in remission.',
    'Infusions: "at least one" of 1 × 10^6 cells/kg (EULAR 2017); the number per patient is unknown and not modelled.',
    'Cohorts overlap: this cohort very probably shares patients with the 2010 pilots, the RCT and the 4-year cohort (87); its figures are never pooled with theirs.',
  ],
  calibration: {
    targetIds: ['F1', 'F4', 'F5', 'F6'],
    rationale:
      "Four constraints on the 81 patients at 5 years: dead 13/81 (F1), in remission 28/81 (F4), ever remitted 37/81 (F5) and relapsed 9 of the 37 (F6). F4b is F4 over the survivors (redundant with F1 and F4), F2/F3 need split remission, and F7 is a balance check: 37 − 9 = 28 means none of the non-relapsed remitters died, so the fit should drive death in remission to 0 (a boundary estimate from 0 of 28, not a belief that the risk is nil). How the 13 deaths divide between never-remitted and relapsed patients is not identified by these counts, so those two death intensities are tied. The time shape is not identified either (all four figures are at 60 months): compare with the 4-year cohort's yearly figures (E1-E9).",
    tied: [
      {
        parameters: ['deathActive', 'deathRelapse'],
        reason:
          'The 13 deaths are not broken down by disease state; death with active disease before any remission and after a relapse share one intensity.',
      },
    ],
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
