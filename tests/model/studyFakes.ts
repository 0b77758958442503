import type { StudyDefaults } from '../../src/scenario/defaults';

/**
 * A small fake study registry for codec and storage tests (independent of src/data): a single-arm
 * study, a two-arm study with no fitted values, and one with a split, re-remission and a
 * breakpoint.
 */
export const FAKE_STUDIES: readonly StudyDefaults[] = [
  {
    id: 'followup2018',
    horizonMonths: 60,
    template: { splitRemission: false, reRemission: false, breakpoints: [] },
    fitted: {
      remission: [0.9],
      relapse: [0.12],
      deathActive: [0.2],
      deathRemission: [0.01],
      deathRelapse: [0.05],
    },
    design: {
      n: 81,
      arms: [{ id: 'all', label: 'All patients', n: 81 }],
      studyDesign: { accrualMonths: 48, cutoffMonths: 96, lossPerYear: 0.02 },
    },
  },
  {
    id: 'rct2012',
    horizonMonths: 12,
    template: { splitRemission: false, reRemission: false, breakpoints: [] },
    fitted: null,
    design: {
      n: 58,
      arms: [
        { id: 'single', label: 'Single MSCT', n: 30 },
        { id: 'double', label: 'Double MSCT', n: 28 },
      ],
      studyDesign: { accrualMonths: 0, cutoffMonths: 12, lossPerYear: 0 },
    },
  },
  {
    id: 'split2020',
    horizonMonths: 48,
    template: { splitRemission: true, reRemission: true, breakpoints: [6] },
    fitted: {
      remissionComplete: [0.5, 0.2],
      remissionPartial: [0.3, 0.1],
      relapse: [0.1, 0.15],
      reRemission: [0.2, 0.2],
      deathActive: [0.1, 0.05],
      deathRemission: [0.01, 0.01],
      deathRelapse: [0.04, 0.04],
    },
    design: {
      n: 40,
      arms: [{ id: 'all', label: 'All', n: 40 }],
      studyDesign: { accrualMonths: 12, cutoffMonths: 60, lossPerYear: 0 },
    },
  },
];
