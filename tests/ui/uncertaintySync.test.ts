import { beforeEach, describe, expect, it } from 'vitest';
import { decodeLink } from '../../src/scenario/builtIn';
import { trialOf, type Trial } from '../../src/scenario/scenario';

import { useApp, useSim } from '../../src/ui/store';
import { useUncertainty } from '../../src/ui/uncertainty';
import type { FitUncertainty, UncertaintyRequest } from '../../src/ui/uncertaintyJob';
import { startUncertaintySync } from '../../src/ui/uncertaintySync';

type Listener = (key: string, answer: FitUncertainty | null | Error) => void;

/** Starts the sync with a fake worker that records the requests. */
function start() {
  const asked: { req: UncertaintyRequest; answer: Listener }[] = [];
  const stop = startUncertaintySync((req, answer) => asked.push({ req, answer }));
  return { asked, stop };
}

const link = '?study=followup2018&seed=lecture';
/** What the worker's first answer for a trial does: the trial's curves are on screen. */
const simulated = (trial: Trial) => useSim.setState({ trial, status: 'running' });
const fakeFit = (req: UncertaintyRequest) =>
  ({ fitKey: req.fitKey, key: req.key }) as unknown as FitUncertainty;

describe('uncertaintySync (when what the figures allow is asked for)', () => {
  beforeEach(() => {
    useApp.setState(useApp.getInitialState(), true);
    useUncertainty.setState(useUncertainty.getInitialState(), true);
    useApp.getState().setScenario(decodeLink(link).scenario);
  });

  it('asks once the trial’s own simulation has answered, not before', () => {
    const { asked, stop } = start();
    expect(asked).toHaveLength(0);
    simulated(trialOf(useApp.getState().trial));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.req.trial.study).toBe('followup2018');
    expect(useUncertainty.getState().pending?.key).toBe(asked[0]!.req.key);
    stop();
  });

  it('does not ask again for a moved slider, a playhead or a new replicate count', () => {
    const { asked, stop } = start();
    const s = useApp.getState().trial;
    simulated(trialOf(s));
    simulated(trialOf({ ...s, intensities: { ...s.intensities, remission: [0.5] } }));
    simulated(trialOf({ ...s, at: 30, replicates: 20 }));
    expect(asked).toHaveLength(1);
    stop();
  });

  it('asks again for another seed, and when a digitised curve joins the fit', () => {
    const { asked, stop } = start();
    const s = useApp.getState().trial;
    simulated(trialOf(s));
    simulated(trialOf({ ...s, seed: 'other' }));
    expect(asked).toHaveLength(2);
    useApp.getState().putCurve({
      id: 'os',
      label: 'OS',
      endpoint: 'overallSurvival',
      points: [
        [0, 1],
        [12, 0.9],
      ],
      atRisk: [[0, 81]],
      totalEvents: null,
    });
    expect(asked).toHaveLength(3);
    expect(asked[2]!.req.curves).toHaveLength(1);
    stop();
  });

  it('asks nothing when there is nothing to fit, and says why', () => {
    const { asked, stop } = start();
    useApp.getState().setScenario(decodeLink(`${link}&t=`).scenario);
    simulated(trialOf(useApp.getState().trial));
    expect(asked).toHaveLength(0);
    expect(useUncertainty.getState().none?.reason).toMatch(/nothing to fit/);
    stop();
  });

  it('sends the fit’s plan, without functions (they cannot reach a worker)', () => {
    const { asked, stop } = start();
    simulated(trialOf(useApp.getState().trial));
    const { options } = asked[0]!.req;
    expect(options.targets.length).toBeGreaterThan(0);
    expect('extraTerms' in options).toBe(false);
    expect(() => structuredClone(asked[0]!.req)).not.toThrow();
    stop();
  });

  it('keeps the newest answer only; an error says why there are no intervals', () => {
    const { asked, stop } = start();
    const s = useApp.getState().trial;
    simulated(trialOf(s));
    simulated(trialOf({ ...s, seed: 'other' }));
    const [first, second] = asked;
    first!.answer(first!.req.key, fakeFit(first!.req)); // late: a newer request is out
    expect(useUncertainty.getState().fit).toBeNull();
    second!.answer(second!.req.key, fakeFit(second!.req));
    expect(useUncertainty.getState().fit?.key).toBe(second!.req.key);
    expect(useUncertainty.getState().pending).toBeNull();
    simulated(trialOf({ ...s, seed: 'third' }));
    const third = asked[2]!;
    third.answer(third.req.key, new Error('nothing to fit'));
    expect(useUncertainty.getState().none).toMatchObject({
      key: third.req.key,
      reason: 'nothing to fit',
    });
    // Back to a trial already answered: no new request.
    simulated(trialOf({ ...s, seed: 'other' }));
    expect(asked).toHaveLength(3);
    stop();
  });
});
