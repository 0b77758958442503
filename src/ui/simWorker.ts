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

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  if (req.type === 'simulate') {
    scheduler.submit(req.id, simulationJob(req.trial, req.targets));
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
