/// <reference lib="webworker" />
/**
 * The simulation worker: a thin shell around the pure model (README.md, "Layout"). It runs the
 * microsimulation, the replicates and calibration off the main thread.
 */
import { calibrate } from '../model/calibrate/calibrate';
import { curveTerms } from '../scenario/digitisedCurves';
import { simulateScenario } from '../scenario/simulation';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  const t0 = performance.now();
  try {
    if (req.type === 'simulate') {
      const { A, B, diff } = simulateScenario(req.trial, req.targets);
      const msg: WorkerResponse = {
        type: 'simulated',
        id: req.id,
        A,
        B,
        diff,
        ms: performance.now() - t0,
      };
      // Hand the cohort columns over without copying them.
      const transfer: Transferable[] = [];
      for (const arm of B ? [A, B] : [A]) {
        const c = arm.cohort;
        transfer.push(
          c.offsets.buffer,
          c.eventTime.buffer,
          c.eventState.buffer,
          c.followUp.buffer,
          c.entry.buffer,
        );
      }
      scope.postMessage(msg, transfer);
    } else {
      const result = calibrate({ ...req.options, extraTerms: curveTerms(req.curves ?? []) });
      scope.postMessage({
        type: 'calibrated',
        id: req.id,
        result,
        ms: performance.now() - t0,
      } satisfies WorkerResponse);
    }
  } catch (err) {
    scope.postMessage({
      type: 'error',
      id: req.id,
      request: req.type,
      message: err instanceof Error ? err.message : String(err),
    } satisfies WorkerResponse);
  }
};
