import { getStudy } from '../data';
import { scenarioTargets } from '../scenario/derive';
import { sameTrial, type Trial } from '../scenario/scenario';
import { requestSimulation } from './simClient';
import { useApp } from './store';

/**
 * The one module that sends the trial to the worker: when, and only when, the trial changes
 * (`sameTrial`). A change of view (playhead, speed, relapse view, cycle length, tab) never
 * reaches the worker. Every new trial goes at once (the worker is latest-wins).
 */
export function startSimSync(): () => void {
  let sent: Trial | null = null;
  const send = () => {
    const trial = useApp.getState().trial;
    if (sent && sameTrial(sent, trial)) return;
    sent = trial;
    const targets = scenarioTargets(trial, getStudy(trial.study)).map((t) => t.target);
    requestSimulation(trial, targets);
  };
  send();
  return useApp.subscribe((state, prev) => {
    if (state.trial !== prev.trial) send();
  });
}
