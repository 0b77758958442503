import { studyOf } from '../scenario/builtIn';
import { planFit } from '../scenario/fit';
import type { Trial } from '../scenario/scenario';
import { requestUncertainty } from './simClient';
import { useApp, useSim } from './store';
import { useUncertainty } from './uncertainty';
import { uncertaintyKeys } from './uncertaintyKeys';

/**
 * The one module that asks for what the published figures allow (issue 16), for every trial,
 * a preset opened by link or picker as much as a trial the user built: no Fit button needed.
 *
 * When: once the worker has answered the trial's own simulation (its first curves), so the work
 * always comes after the trial's and never delays its first curves; and when the digitised
 * curves in the fit change. Only when the keys change (`uncertaintyKeys.ts`): a slider, the
 * playhead or the speed never asks again. The worker caches its fits by the same keys, and runs
 * the work in small steps after the simulations (`idleRunner.ts`), newest wins.
 */
export function startUncertaintySync(request = requestUncertainty): () => void {
  let asked: string | null = null;
  const ask = (trial: Trial) => {
    const curves = useApp.getState().curves;
    const keys = uncertaintyKeys(trial, curves);
    if (keys.key === asked) return;
    asked = keys.key;
    if (useUncertainty.getState().fit?.key === keys.key) {
      useUncertainty.setState({ pending: null });
      return;
    }
    // The plan is made here (cheap; the worker's script then needs no study data). The curves'
    // terms only decide whether a study without figures has something to fit: one per curve.
    let options;
    try {
      const { extraTerms: _terms, ...planned } = planFit(
        trial,
        studyOf(trial),
        curves.map((c) => ({ id: c.id, label: c.label, logLik: () => 0 })),
      ).options;
      options = planned;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      useUncertainty.setState({ pending: null, none: { ...keys, reason } });
      return;
    }
    useUncertainty.setState({ pending: keys });
    request({ ...keys, trial, options, curves }, (key, answer) => {
      if (key !== asked) return; // an older request's answer
      if (answer instanceof Error)
        useUncertainty.setState({ pending: null, none: { ...keys, reason: answer.message } });
      else if (answer === null)
        useUncertainty.setState({
          pending: null,
          none: { ...keys, reason: 'the fit gave no intervals.' },
        });
      else useUncertainty.setState({ pending: null, fit: answer, none: null });
    });
  };
  const offSim = useSim.subscribe((s, prev) => {
    if (s.trial && s.trial !== prev.trial) ask(s.trial);
  });
  const offCurves = useApp.subscribe((s, prev) => {
    if (s.curves !== prev.curves) ask(s.trial);
  });
  // A trial already simulated before this started: ask now.
  const first = useSim.getState().trial;
  if (first) ask(first);
  return () => {
    offSim();
    offCurves();
  };
}
