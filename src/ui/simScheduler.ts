/**
 * Latest-wins scheduling of the worker's simulations, pure so it can be tested with fake batches
 * and a fake clock. A job is a generator that yields between batches (the cohort, then groups of
 * replicates). After every batch the scheduler yields to the message queue (`tick`), so a newer
 * request can arrive; a newer request supersedes the queued one and stops the running one at
 * that point. Results, partial results and progress all carry the id of their request.
 */

/** What a job yields between two batches. */
export interface JobStep<P> {
  /** What was done so far, for a progress line, e.g. 'replicates' 120 of 500. */
  label: string;
  done: number;
  total: number;
  /** Post the partial result of this step even if one was posted lately (e.g. the cohort). */
  first?: boolean;
  /** The results so far (computed only when they will be posted); null when none to show. */
  partial?: () => P | null;
}

/** A job: started when its turn comes; yields steps and returns the full result. */
export type Job<P, R> = () => Iterator<JobStep<P>, R, void>;

export interface SchedulerOptions<P, R> {
  /** Lets the event loop deliver pending messages (a MessageChannel tick in the worker). */
  tick: () => Promise<void>;
  /** A clock in ms. */
  now: () => number;
  onDone: (id: number, result: R, ms: number) => void;
  onPartial: (id: number, partial: P) => void;
  onProgress: (id: number, step: { label: string; done: number; total: number }) => void;
  onError: (id: number, error: unknown) => void;
  /** Progress is posted only for work running longer than this (ms). @default 500 */
  progressAfterMs?: number;
  /** Partial results are posted at most this often (ms), apart from `first` steps. @default 500 */
  partialEveryMs?: number;
  /**
   * Progress is posted at most this often (ms): each one re-renders the status line, and small
   * batches of a large trial come every few milliseconds. @default 250
   */
  progressEveryMs?: number;
}

export interface Scheduler<P, R> {
  /** Schedules a job; it supersedes queued work and interrupts older running work. */
  submit: (id: number, job: Job<P, R>) => void;
  /** The id of the newest job submitted (0 before any). */
  latest: () => number;
  /** True while a job waits or runs (background work gives way: `idleRunner.ts`). */
  busy: () => boolean;
}

export function createScheduler<P, R>(options: SchedulerOptions<P, R>): Scheduler<P, R> {
  const { tick, now, onDone, onPartial, onProgress, onError } = options;
  const progressAfterMs = options.progressAfterMs ?? 500;
  const partialEveryMs = options.partialEveryMs ?? 500;
  const progressEveryMs = options.progressEveryMs ?? 250;
  let latest = 0;
  let pending: { id: number; job: Job<P, R> } | null = null;
  let running = false;

  async function runOne(id: number, job: Job<P, R>): Promise<void> {
    const t0 = now();
    let lastPartial = -Infinity;
    let lastProgress = -Infinity;
    try {
      const it = job();
      for (;;) {
        const s = it.next();
        if (s.done) {
          onDone(id, s.value, now() - t0);
          return;
        }
        const step = s.value;
        const t = now();
        if (step.partial && (step.first || t - lastPartial >= partialEveryMs)) {
          const partial = step.partial();
          if (partial !== null) {
            onPartial(id, partial);
            lastPartial = t;
          }
        }
        if (t - t0 >= progressAfterMs && t - lastProgress >= progressEveryMs) {
          onProgress(id, { label: step.label, done: step.done, total: step.total });
          lastProgress = t;
        }
        await tick();
        if (latest !== id) {
          it.return?.();
          return;
        }
      }
    } catch (err) {
      onError(id, err);
    }
  }

  async function loop(): Promise<void> {
    running = true;
    while (pending) {
      const { id, job } = pending;
      pending = null;
      await runOne(id, job);
    }
    running = false;
  }

  return {
    submit(id, job) {
      if (id <= latest) return; // an old request arriving late: never run it
      latest = id;
      pending = { id, job };
      if (!running) void loop();
    },
    latest: () => latest,
    busy: () => running,
  };
}

/**
 * A tick that lets the event loop deliver pending messages: a MessageChannel message runs after
 * the messages already queued (setTimeout(0) would be clamped to 4 ms after a few nestings).
 */
export function messageChannelTick(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}
