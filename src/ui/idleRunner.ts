import type { Job } from './simScheduler';

/**
 * Background work that gives way to the trial (issue 16: what the figures allow, computed after
 * the trial's curves). One job at a time, newest wins: a job of another key replaces the one
 * waiting or running (which stops at its next step); a job of the same key as the current one
 * is ignored (it is already on its way). Before every step the runner yields to the event loop
 * (`tick`) and runs nothing while `busy()` says the simulations have work: a newer trial waits
 * at most for one step of background work, never for the whole of it. Pure (a fake tick and
 * fake jobs test it).
 */
export interface IdleRunnerOptions<R> {
  tick: () => Promise<void>;
  /** True while foreground work (the simulation scheduler) has a job. */
  busy: () => boolean;
  onDone: (id: number, key: string, result: R) => void;
  onError: (id: number, key: string, error: unknown) => void;
}

export interface IdleRunner<R> {
  submit: (id: number, key: string, job: Job<never, R>) => void;
  /** The key of the job waiting or running, null when idle. */
  current: () => string | null;
}

export function createIdleRunner<R>(options: IdleRunnerOptions<R>): IdleRunner<R> {
  const { tick, busy, onDone, onError } = options;
  type Active = { id: number; key: string; job: Job<never, R>; it: Iterator<unknown, R> | null };
  let active: Active | null = null;
  let running = false;

  async function loop(): Promise<void> {
    running = true;
    while (active) {
      await tick();
      const a = active;
      if (!a || busy()) continue;
      try {
        a.it ??= a.job();
        const s = a.it.next();
        if (s.done) {
          if (active === a) active = null;
          onDone(a.id, a.key, s.value);
        }
      } catch (err) {
        if (active === a) active = null;
        onError(a.id, a.key, err);
      }
    }
    running = false;
  }

  return {
    submit(id, key, job) {
      if (active?.key === key) return;
      // The replaced job is dropped between two steps (never while one runs: this is called
      // from a message handler, and steps run synchronously).
      active?.it?.return?.(undefined as never);
      active = { id, key, job, it: null };
      if (!running) void loop();
    },
    current: () => active?.key ?? null,
  };
}
