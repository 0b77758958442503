import { describe, expect, it } from 'vitest';
import {
  isFollowedAt,
  NOT_OBSERVED,
  overallSurvivalData,
  pathStateAt,
  remissionToRelapseData,
  stateAt,
  stateMasks,
  timeToRemissionData,
} from '../../../src/model/estimate/cohortQueries';
import { buildModel, DEFAULT_TEMPLATE_OPTIONS } from '../../../src/model/markov/template';
import { code, EIGHT_PATIENTS, makeCohort } from './cohortFixture';

const rates = {
  remission: [1],
  relapse: [1],
  reRemission: [1],
  deathActive: [1],
  deathRemission: [1],
  deathRelapse: [1],
};
const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, rates);

const cohort = makeCohort(spec, EIGHT_PATIENTS);

describe('stateAt', () => {
  it('is right-continuous at event times', () => {
    expect(stateAt(cohort, 0, 4.999)).toBe(code(spec, 'active'));
    expect(stateAt(cohort, 0, 5)).toBe(code(spec, 'remission'));
    expect(stateAt(cohort, 0, 0)).toBe(code(spec, 'active'));
    expect(stateAt(cohort, 4, 60)).toBe(code(spec, 'dead_relapsed'));
  });

  it('is NOT_OBSERVED after follow-up ends, while pathStateAt still shows the simulated path', () => {
    expect(stateAt(cohort, 7, 12)).toBe(code(spec, 'active'));
    expect(stateAt(cohort, 7, 12.01)).toBe(NOT_OBSERVED);
    expect(pathStateAt(cohort, 7, 31)).toBe(code(spec, 'dead_never_remitted'));
    expect(stateAt(cohort, 0, -1)).toBe(NOT_OBSERVED);
    expect(isFollowedAt(cohort, 6, 24)).toBe(true);
    expect(isFollowedAt(cohort, 6, 24.5)).toBe(false);
  });

  it('rejects a patient index outside the cohort', () => {
    expect(() => stateAt(cohort, 8, 1)).toThrow(/outside the cohort/);
    expect(() => stateAt(cohort, -1, 1)).toThrow(/outside the cohort/);
  });
});

describe('stateMasks', () => {
  it('reads the template flags and lanes', () => {
    const m = stateMasks(spec);
    expect([...m.alive]).toEqual([1, 1, 1, 0, 0, 0]);
    expect([...m.everRemitted]).toEqual([0, 1, 1, 0, 1, 1]);
    expect([...m.everRelapsed]).toEqual([0, 0, 1, 0, 0, 1]);
    expect([...m.active]).toEqual([1, 0, 0, 0, 0, 0]);
    expect([...m.relapse]).toEqual([0, 0, 1, 0, 0, 0]);
    expect(stateMasks(spec)).toBe(m); // cached
  });
});

describe('overallSurvivalData', () => {
  it('records observed deaths and censors at follow-up', () => {
    const d = overallSurvivalData(cohort, spec);
    expect([...d.time]).toEqual([60, 60, 10, 60, 40, 15, 24, 12]);
    expect([...d.event]).toEqual([0, 0, 1, 0, 1, 1, 0, 0]);
  });
});

describe('timeToRemissionData', () => {
  it('censors at death for KM and codes death as a competing cause for the CIF', () => {
    const { km, cif } = timeToRemissionData(cohort, spec);
    expect([...km.time]).toEqual([5, 3, 10, 60, 8, 6, 4, 12]);
    expect([...km.event]).toEqual([1, 1, 0, 0, 1, 1, 1, 0]);
    expect([...cif.cause]).toEqual([1, 1, 2, 0, 1, 1, 1, 0]);
    expect(cif.time).toBe(km.time);
  });
});

describe('remissionToRelapseData', () => {
  it('starts the clock at first remission and treats death as censoring or a competing cause', () => {
    const { km, cif, patient } = remissionToRelapseData(cohort, spec);
    expect([...patient]).toEqual([0, 1, 4, 5, 6]);
    // P0 20−5; P1 censored 60−3; P4 30−8; P5 died 15−6; P6 censored 24−4 (relapse at 50 unseen).
    expect([...km.time]).toEqual([15, 57, 22, 9, 20]);
    expect([...km.event]).toEqual([1, 0, 1, 0, 0]);
    expect([...cif.cause]).toEqual([1, 0, 1, 2, 0]);
  });

  it('ignores a remission after follow-up ended and counts only the first relapse', () => {
    const re = buildModel({ ...DEFAULT_TEMPLATE_OPTIONS, reRemission: true }, rates);
    const c = makeCohort(re, [
      {
        path: [
          [0, 'active'],
          [2, 'remission'],
          [5, 'relapse'],
          [8, 'reremission'],
          [12, 'relapse'],
        ],
        followUp: 60,
      },
      {
        path: [
          [0, 'active'],
          [30, 'remission'],
        ],
        followUp: 20,
      },
    ]);
    const { km, patient } = remissionToRelapseData(c, re);
    expect([...patient]).toEqual([0]);
    expect([...km.time]).toEqual([3]);
    expect([...km.event]).toEqual([1]);
  });
});
