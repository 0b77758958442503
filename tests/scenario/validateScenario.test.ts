import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../src/scenario/builtIn';
import { validateScenario } from '../../src/scenario/validateScenario';
import { decodeScenario, encodeScenario } from '../../src/scenario/urlCodec';
import { FAKE_STUDIES } from '../model/studyFakes';

const decode = (q: string) => decodeScenario(q, FAKE_STUDIES, 'followup2018');

describe('validateScenario fixes found while writing the codec', () => {
  it('repairs and reports a label with a lone surrogate (a URL cannot carry one)', () => {
    const { scenario, problems } = validateScenario(
      { compare: { label: 'B \uD800' } },
      FAKE_STUDIES,
      'followup2018',
    );
    expect(scenario.compare?.label).toBe('B \uFFFD');
    expect(problems.map((p) => p.field)).toEqual(['compare.label']);
    expect(decode(encodeScenario(scenario)).scenario).toEqual(scenario);
  });
});

describe('validateScenario: the sampler version', () => {
  it('is 1 or 2; anything else is reported and replaced by the newest', () => {
    const { scenario, problems } = checkScenario({ study: 'followup2018', sampler: 7 });
    expect(scenario.sampler).toBe(2);
    expect(problems).toEqual([
      { field: 'sampler', message: '7 is not a sampler version (1 or 2)', used: '2' },
    ]);
    expect(checkScenario({ study: 'followup2018', sampler: 1 }).scenario.sampler).toBe(1);
  });
});
