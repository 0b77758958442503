/// <reference lib="webworker" />
/**
 * The simulation worker: a thin shell around the pure model (README.md, "Layout"). It runs the microsimulation, the replicates and calibration off the main thread.
 * Simulations are latest-wins (simScheduler.ts): a newer trial supersedes queued work and stops
 * running work between batches; the cohort's curves come first, then growing replicate bands.
 */
import { calibrate } from '../model/calibrate/calibrate';
import { curveTerms } from '../scenario/digitisedCurves';
import { createScheduler, messageChannelTick } from './simScheduler';
import { simulationJob, type Arms, type Simulated } from './simulationJob';
import { scenarioPowerCurve } from '../scenario/simulation';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';
import { createIdleRunner } from './idleRunner';
import { createUncertaintyWork, type FitUncertainty } from './uncertaintyJob';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Hand the cohort columns over without copying them. */
function cohortBuffers(arms: Arms): Transferable[] {
  const transfer: Transferable[] = [];
  for (const arm of arms.B ? [arms.A, arms.B] : [arms.A]) {
    const c = arm.cohort;
    transfer.push(
      c.offsets.buffer,
      c.eventTime.buffer,
      c.eventState.buffer,
      c.followUp.buffer,
      c.entry.buffer,
    );
  }
  return transfer;
}

const scheduler = createScheduler<Arms, Simulated>({
  tick: messageChannelTick(),
  now: () => performance.now(),
  onDone: (id, { A, B, diff, comparison, power }, ms) =>
    scope.postMessage(
      { type: 'simulated', id, A, B, diff, comparison, power, ms } satisfies WorkerResponse,
      cohortBuffers({ A, B }),
    ),
  // A partial result shares its cohort with the later steps: copied, not transferred.
  onPartial: (id, { A, B }) =>
    scope.postMessage({ type: 'partial', id, A, B } satisfies WorkerResponse),
  onProgress: (id, step) =>
    scope.postMessage({ type: 'progress', id, ...step } satisfies WorkerResponse),
  onError: (id, err) =>
    scope.postMessage({
      type: 'error',
      id,
      request: 'simulate',
      message: errorMessage(err),
    } satisfies WorkerResponse),
});

// What the published figures allow: after the simulations, in steps, cached by the fit's inputs.
const uncertainty = createUncertaintyWork();
const background = createIdleRunner<FitUncertainty | null>({
  tick: messageChannelTick(),
  busy: () => scheduler.busy(),
  onDone: (id, key, fit) =>
    scope.postMessage({ type: 'uncertainty', id, key, fit } satisfies WorkerResponse),
  onError: (id, _key, err) =>
    scope.postMessage({
      type: 'error',
      id,
      request: 'uncertainty',
      message: errorMessage(err),
    } satisfies WorkerResponse),
});

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  if (req.type === 'simulate') {
    scheduler.submit(req.id, simulationJob(req.trial, req.targets));
    return;
  }
  if (req.type === 'uncertainty') {
    const { id, type: _t, ...request } = req;
    const hit = uncertainty.cached(req.key);
    if (hit !== undefined)
      scope.postMessage({
        type: 'uncertainty',
        id,
        key: req.key,
        fit: hit,
      } satisfies WorkerResponse);
    else background.submit(id, req.key, uncertainty.job(request));
    return;
  }
  const t0 = performance.now();
  try {
    if (req.type === 'powerCurve') {
      const curve = scenarioPowerCurve(req.trial);
      scope.postMessage({
        type: 'powerCurve',
        id: req.id,
        curve,
        ms: performance.now() - t0,
      } satisfies WorkerResponse);
      return;
    }
    const result = calibrate({ ...req.options, extraTerms: curveTerms(req.curves ?? []) });
    scope.postMessage({
      type: 'calibrated',
      id: req.id,
      result,
      ms: performance.now() - t0,
    } satisfies WorkerResponse);
  } catch (err) {
    scope.postMessage({
      type: 'error',
      id: req.id,
      request: req.type,
      message: errorMessage(err),
    } satisfies WorkerResponse);
  }
};
