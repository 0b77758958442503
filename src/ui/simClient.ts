import type { DigitisedCurve } from '../scenario/digitisedCurves';
import type { CalibrationOptions, CalibrationResult } from '../model/calibrate/calibrate';
import type { Trial } from '../scenario/scenario';
import type { ArmResult } from '../scenario/simulation';
import type { Target } from '../model/types';
import type { PowerCurve } from '../model/simulate/power';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';
import type { Arms, Simulated } from './simulationJob';
import { useSim } from './store';
import type { FitUncertainty, UncertaintyRequest } from './uncertaintyJob';
// Inlined only in the single-file build (scripts/workerInlining.ts decides by build mode).
import SimWorker from './simWorker?worker';

/**
 * The main thread's side of the worker: every request goes at once (no debounce: the worker is
 * latest-wins, so a newer trial stops older work between batches instead of queueing behind it),
 * each carries a rising id, and every message of an older request than the newest is dropped, so
 * a slider drag never shows stale curves. The worker is latest-wins (simScheduler.ts): it sends the cohort's curves, then
 * growing replicate bands (`partial`) and progress, then the full result.
 * Results land in the store's results slice (`useSim`, src/ui/store.ts).
 */

let worker: Worker | null = null;
/** Set when no worker can run here (a very locked-down browser): simulate on the main thread. */
let noWorker = false;
let nextId = 1;
let latestSimulate = 0;
const pendingCalibrations = new Map<number, (r: CalibrationResult | Error) => void>();
const pendingTrials = new Map<number, Trial>();
const pendingPowerCurves = new Map<number, (r: PowerCurve | null | Error) => void>();

function getWorker(): Worker | null {
  if (worker || noWorker) return worker;
  try {
    worker = new SimWorker();
  } catch {
    noWorker = true;
    return null;
  }
  worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
    const msg = e.data;
    if (msg.type === 'calibrated') {
      pendingCalibrations.get(msg.id)?.(msg.result);
      pendingCalibrations.delete(msg.id);
      return;
    }
    if (msg.type === 'powerCurve') {
      pendingPowerCurves.get(msg.id)?.(msg.curve);
      pendingPowerCurves.delete(msg.id);
      return;
    }
    if (msg.type === 'error' && msg.request === 'powerCurve') {
      pendingPowerCurves.get(msg.id)?.(new Error(msg.message));
      pendingPowerCurves.delete(msg.id);
      return;
    }
    if (msg.type === 'uncertainty') {
      answerUncertainty(msg.key, msg.fit);
      return;
    }
    if (msg.type === 'error' && msg.request === 'uncertainty') {
      const key = uncertaintyKeyOf.get(msg.id);
      if (key !== undefined) answerUncertainty(key, new Error(msg.message));
      return;
    }
    if (msg.type === 'error' && msg.request === 'calibrate') {
      pendingCalibrations.get(msg.id)?.(new Error(msg.message));
      pendingCalibrations.delete(msg.id);
      return;
    }
    if (msg.id !== latestSimulate) {
      // Stale: a newer request is on its way (superseded requests may never answer).
      if (msg.type === 'simulated' || msg.type === 'error') pendingTrials.delete(msg.id);
      return;
    }
    receive(msg);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    // The worker could not start or crashed: carry on without it, on the main thread.
    worker?.terminate();
    worker = null;
    noWorker = true;
    const last = lastRequest;
    if (last) runOnMainThread(last.id, last.trial, last.targets);
  };
  return worker;
}

let lastRequest: { id: number; trial: Trial; targets: Target[] } | null = null;

/** Takes in a message of the newest simulation request (from the worker or the fallback). */
/** The arms shown from the newest request's partial results (its cohort and curves so far). */
let shownArms: { id: number; A: ArmResult; B: ArmResult | null } | null = null;

/**
 * An arm of request `id` whose cohort was already shown by a partial result keeps the shown
 * cohort, curves and summaries (the worker sends copies of the same ones), with the new bands:
 * what depends on the cohort only (the dot layout, the trial's curve paths, the fit rows) is not
 * rebuilt when the bands fill in.
 */
function sameArm(id: number, arm: 'A' | 'B', next: ArmResult): ArmResult {
  const shown = shownArms?.id === id ? shownArms[arm] : null;
  if (!shown || shown.cohort.n !== next.cohort.n) return next;
  return { ...shown, replicates: next.replicates };
}

function receive(
  msg: Exclude<WorkerResponse, { type: 'calibrated' | 'powerCurve' | 'uncertainty' }>,
): void {
  if (msg.type === 'progress') {
    const { label, done, total } = msg;
    useSim.setState({ progress: { label, done, total } });
    return;
  }
  const trial = pendingTrials.get(msg.id) ?? null;
  if (msg.type === 'partial') {
    // The trial's own curves, then bands of the replicates so far; the difference comes last.
    const A = sameArm(msg.id, 'A', msg.A);
    const B = msg.B && sameArm(msg.id, 'B', msg.B);
    shownArms = { id: msg.id, A, B };
    useSim.setState({
      A,
      B,
      diff: null,
      comparison: null,
      power: null,
      trial,
      error: null,
    });
    return;
  }
  for (const id of pendingTrials.keys()) if (id <= msg.id) pendingTrials.delete(id);
  if (msg.type === 'error') {
    useSim.setState({ status: 'error', error: msg.message, progress: null });
    return;
  }
  const A = sameArm(msg.id, 'A', msg.A);
  const B = msg.B && sameArm(msg.id, 'B', msg.B);
  shownArms = null;
  useSim.setState({
    status: 'ready',
    A,
    B,
    diff: msg.diff,
    comparison: msg.comparison,
    power: msg.power,
    trial,
    error: null,
    ms: msg.ms,
    progress: null,
  });
}

/** The main-thread fallback's scheduler (created with the first simulation it runs). */
let mainThread: Promise<(id: number, trial: Trial, targets: Target[]) => void> | null = null;

/**
 * The fallback: the same latest-wins pipeline on the main thread, yielding to the page between
 * batches (slower than a worker, but the page still works and stays responsive).
 */
function runOnMainThread(id: number, trial: Trial, targets: Target[]): void {
  // Loaded only when needed: the worker bundle already holds this code.
  mainThread ??= Promise.all([import('./simulationJob'), import('./simScheduler')]).then(
    ([{ simulationJob }, { createScheduler }]) => {
      const fresh = (id: number) => id === latestSimulate;
      const scheduler = createScheduler<Arms, Simulated>({
        tick: () => new Promise((resolve) => setTimeout(resolve, 0)),
        now: () => performance.now(),
        onDone: (id, { A, B, diff, comparison, power }, ms) => {
          if (fresh(id)) receive({ type: 'simulated', id, A, B, diff, comparison, power, ms });
        },
        onPartial: (id, { A, B }) => {
          if (fresh(id)) receive({ type: 'partial', id, A, B });
        },
        onProgress: (id, step) => {
          if (fresh(id)) receive({ type: 'progress', id, ...step });
        },
        onError: (id, err) => {
          const message = err instanceof Error ? err.message : String(err);
          if (fresh(id)) receive({ type: 'error', id, request: 'simulate', message });
        },
      });
      return (id, trial, targets) => scheduler.submit(id, simulationJob(trial, targets));
    },
  );
  void mainThread.then((run) => run(id, trial, targets));
}

/** Asks for a simulation of the trial at once; only the newest request's results are kept. */
export function requestSimulation(trial: Trial, targets: Target[]): void {
  const id = nextId++;
  latestSimulate = id;
  pendingTrials.set(id, trial);
  useSim.setState({ status: 'running', progress: null });
  lastRequest = { id, trial, targets };
  const w = getWorker();
  if (w) w.postMessage({ type: 'simulate', id, trial, targets } satisfies WorkerRequest);
  else runOnMainThread(id, trial, targets);
}

/** Runs a calibration in the worker. */
export function requestCalibration(
  options: Omit<CalibrationOptions, 'extraTerms'>,
  curves: DigitisedCurve[] = [],
): Promise<CalibrationResult> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pendingCalibrations.set(id, (r) => (r instanceof Error ? reject(r) : resolve(r)));
    const w = getWorker();
    if (w) w.postMessage({ type: 'calibrate', id, options, curves } satisfies WorkerRequest);
    else
      void Promise.all([
        import('../model/calibrate/calibrate'),
        import('../scenario/digitisedCurves'),
      ]).then(([{ calibrate }, { curveTerms }]) => {
        pendingCalibrations.delete(id);
        try {
          resolve(calibrate({ ...options, extraTerms: curveTerms(curves) }));
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
  });
}

/**
 * Power against n per arm for a comparison (`scenarioPowerCurve`), in the worker: R × 2 × 500
 * simulated patients, so it is asked for on demand rather than with every simulation.
 */
export function requestPowerCurve(trial: Trial): Promise<PowerCurve | null> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const settle = (r: PowerCurve | null | Error) => (r instanceof Error ? reject(r) : resolve(r));
    const w = getWorker();
    if (w) {
      pendingPowerCurves.set(id, settle);
      w.postMessage({ type: 'powerCurve', id, trial } satisfies WorkerRequest);
    } else
      void import('../scenario/simulation').then(({ scenarioPowerCurve }) => {
        try {
          resolve(scenarioPowerCurve(trial));
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
  });
}

/** Who hears the newest "what the figures allow" answer, and of which keys (issue 16). */
let uncertaintyListener: ((key: string, answer: FitUncertainty | null | Error) => void) | null =
  null;
const uncertaintyKeyOf = new Map<number, string>();
function answerUncertainty(key: string, answer: FitUncertainty | null | Error): void {
  uncertaintyListener?.(key, answer);
}

/** The main-thread fallback's background runner (created with the first request it runs). */
let mainThreadUncertainty: Promise<(id: number, req: UncertaintyRequest) => void> | null = null;

/**
 * Asks for what the published figures allow for a trial (`uncertaintyJob.ts`): worked out in the
 * worker after its simulations, in steps, newest wins, cached by the fit's inputs. `listener`
 * hears each answer with its key (the caller keeps the newest); an Error says why there is none.
 */
export function requestUncertainty(
  req: UncertaintyRequest,
  listener: (key: string, answer: FitUncertainty | null | Error) => void,
): void {
  const id = nextId++;
  uncertaintyListener = listener;
  uncertaintyKeyOf.clear();
  uncertaintyKeyOf.set(id, req.key);
  const w = getWorker();
  if (w) {
    w.postMessage({ type: 'uncertainty', id, ...req } satisfies WorkerRequest);
    return;
  }
  // No worker: the same work on the main thread, yielding to the page between steps.
  mainThreadUncertainty ??= Promise.all([import('./idleRunner'), import('./uncertaintyJob')]).then(
    ([{ createIdleRunner }, { createUncertaintyWork }]) => {
      const work = createUncertaintyWork();
      const runner = createIdleRunner<FitUncertainty | null>({
        tick: () => new Promise((resolve) => setTimeout(resolve, 0)),
        busy: () => useSim.getState().status === 'running',
        onDone: (_id, key, fit) => answerUncertainty(key, fit),
        onError: (_id, key, err) =>
          answerUncertainty(key, err instanceof Error ? err : new Error(String(err))),
      });
      return (id, req) => {
        const hit = work.cached(req.key);
        if (hit !== undefined) answerUncertainty(req.key, hit);
        else runner.submit(id, req.key, work.job(req));
      };
    },
  );
  void mainThreadUncertainty.then((run) => run(id, req));
}
