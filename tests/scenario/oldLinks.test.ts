import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_ID, STUDIES } from '../../src/data';
import { simulateScenario } from '../../src/scenario/simulation';
import { decodeScenario, encodeScenario } from '../../src/scenario/urlCodec';
import { fnv1a } from '../model/simulate/referenceSim';

/**
 * Links keep their patients: a link written before sampler version 2 (`v=1`) must reopen with
 * exactly the cohort it showed then. The hashes below were computed with the code of main at
 * commit 136fc79 (before version 2 existed) on this very link, with the same `fnv1a` helper
 * (Node 20 / V8; the version-1 sampler is bit-deterministic by construction: alea + detLog).
 * Every value the link needs is in it, so no preset change can move these patients.
 */
const OLD_LINK =
  'https://example.org/app/?v=1&study=followup2018&arm=&seed=class1&n=81&h=60&r=0&cens=1' +
  '&acc=24&cut=60&loss=0.05&split=0&rr=0&bp=&rem=0.1415&rel=0.1003&dA=0.0435&dR=0.008848' +
  '&dL=0.0435&sp=1&rv=cif&cyc=1&at=0&cmp=1&bl=Arm+B&bn=100&crn=1' +
  '&b.rem=0.1415&b.rel=0.05015&b.dA=0.0435&b.dR=0.008848&b.dL=0.0435';
const OLD_HASH_A = 2195447809;
const OLD_HASH_B = 3335241425;

describe('old links', () => {
  it('reopen a v=1 link with exactly the patients it showed (both arms, censoring on)', () => {
    const { scenario, problems } = decodeScenario(OLD_LINK, STUDIES, DEFAULT_STUDY_ID);
    expect(problems).toEqual([]);
    expect(scenario.sampler).toBe(1);
    const { A, B } = simulateScenario(scenario, []);
    expect(fnv1a(A.cohort)).toBe(OLD_HASH_A);
    expect(fnv1a(B!.cohort)).toBe(OLD_HASH_B);
  });

  it('keep their version when written back, so a shared copy also keeps its patients', () => {
    const { scenario } = decodeScenario(OLD_LINK, STUDIES, DEFAULT_STUDY_ID);
    const again = decodeScenario(encodeScenario(scenario), STUDIES, DEFAULT_STUDY_ID).scenario;
    expect(again).toEqual(scenario);
    expect(fnv1a(simulateScenario(again, []).A.cohort)).toBe(OLD_HASH_A);
  });

  it('the same link as v=2 (or without v) draws other patients: the new sampler', () => {
    const v2 = OLD_LINK.replace('?v=1&', '?v=2&');
    const bare = OLD_LINK.replace('?v=1&', '?');
    const a = decodeScenario(v2, STUDIES, DEFAULT_STUDY_ID).scenario;
    const b = decodeScenario(bare, STUDIES, DEFAULT_STUDY_ID).scenario;
    expect(a.sampler).toBe(2);
    expect(b).toEqual(a);
    expect(fnv1a(simulateScenario(a, []).A.cohort)).not.toBe(OLD_HASH_A);
  });
});
