import { describe, expect, it } from 'vitest';
import { createScheduler, type Job, type JobStep } from '../../src/ui/simScheduler';

/**
 * The scheduler with fake batches: each batch advances a fake clock by `batchMs`, and every
 * tick of the message queue delivers whatever the test queued to arrive then.
 */
function harness(options: { batchMs: number }) {
  let clock = 0;
  const log: string[] = [];
  /** Work to do when the scheduler next yields to the message queue. */
  const arrivals: (() => void)[] = [];
  let started = 0;
  const scheduler = createScheduler<string, string>({
    tick: async () => {
      await Promise.resolve();
      arrivals.shift()?.();
    },
    now: () => clock,
    onDone: (id, result) => log.push(`done ${id} ${result}`),
    onPartial: (id, partial) => log.push(`partial ${id} ${partial}`),
    onProgress: (id, s) => log.push(`progress ${id} ${s.label} ${s.done}/${s.total}`),
    onError: (id, err) => log.push(`error ${id} ${(err as Error).message}`),
  });
  /** A job of a cohort step and `batches` batches of 10 replicates. */
  const job = (name: string, batches: number): Job<string, string> =>
    function* () {
      started++;
      clock += options.batchMs;
      yield { label: 'cohort', done: 0, total: batches * 10, first: true, partial: () => name };
      for (let b = 1; b < batches; b++) {
        clock += options.batchMs;
        yield {
          label: 'replicates',
          done: b * 10,
          total: batches * 10,
          partial: () => `${name}@${b * 10}`,
        } satisfies JobStep<string>;
      }
      clock += options.batchMs;
      return name;
    };
  const settle = async () => {
    for (let i = 0; i < 200; i++) await Promise.resolve();
  };
  return { scheduler, job, log, arrivals, settle, started: () => started };
}

describe('latest-wins scheduling', () => {
  it('runs one job through: cohort first, bands as they come, then the result', async () => {
    const h = harness({ batchMs: 300 });
    h.scheduler.submit(1, h.job('a', 3));
    await h.settle();
    expect(h.log).toEqual([
      // 300 ms in: the cohort's curves, at once.
      'partial 1 a',
      // 600 ms: only 300 ms after the last partial, so no bands yet; progress (over 500 ms).
      'progress 1 replicates 10/30',
      // 900 ms: bands of the first 20 replicates.
      'partial 1 a@20',
      'progress 1 replicates 20/30',
      'done 1 a',
    ]);
  });

  it('small batches post progress at most every 250 ms', async () => {
    const h = harness({ batchMs: 50 });
    h.scheduler.submit(1, h.job('a', 30));
    await h.settle();
    const progress = h.log.filter((l) => l.startsWith('progress'));
    // Batches end at 100, 150, …, 1,500 ms: progress from 500 ms on, then every 250 ms.
    expect(progress).toEqual([
      'progress 1 replicates 90/300',
      'progress 1 replicates 140/300',
      'progress 1 replicates 190/300',
      'progress 1 replicates 240/300',
      'progress 1 replicates 290/300',
    ]);
  });

  it('short work posts no progress', async () => {
    const h = harness({ batchMs: 100 });
    h.scheduler.submit(1, h.job('a', 3));
    await h.settle();
    expect(h.log).toEqual(['partial 1 a', 'done 1 a']);
  });

  it('a newer request stops the running one between batches; only the newest completes', async () => {
    const h = harness({ batchMs: 300 });
    // Requests 2 and 3 arrive while request 1's first batch runs; 3 supersedes queued 2.
    h.arrivals.push(() => {
      h.scheduler.submit(2, h.job('b', 3));
      h.scheduler.submit(3, h.job('c', 2));
    });
    h.scheduler.submit(1, h.job('a', 3));
    await h.settle();
    expect(h.log).toEqual([
      'partial 1 a',
      'partial 3 c',
      'progress 3 replicates 10/20',
      'done 3 c',
    ]);
    // Request 2 was never started: superseded while queued.
    expect(h.started()).toBe(2);
  });

  it('six quick requests complete far fewer than six computations', async () => {
    const h = harness({ batchMs: 300 });
    // One new request arrives at each of the first five ticks.
    for (let id = 2; id <= 6; id++)
      h.arrivals.push(() => h.scheduler.submit(id, h.job(`t${id}`, 5)));
    h.scheduler.submit(1, h.job('t1', 5));
    await h.settle();
    expect(h.log.filter((l) => l.startsWith('done'))).toEqual(['done 6 t6']);
    // Each older request was stopped after its first batch.
    expect(h.log.filter((l) => /^(progress|done) [1-5] /.test(l))).toEqual([]);
  });

  it('an old request arriving after a newer one is never run', async () => {
    const h = harness({ batchMs: 10 });
    h.scheduler.submit(5, h.job('new', 1));
    h.scheduler.submit(4, h.job('old', 1));
    await h.settle();
    expect(h.log).toEqual(['partial 5 new', 'done 5 new']);
    expect(h.scheduler.latest()).toBe(5);
  });

  it('an error names its request, and the next request still runs', async () => {
    const h = harness({ batchMs: 10 });
    h.scheduler.submit(1, () => {
      throw new Error('bad trial');
    });
    await h.settle();
    h.scheduler.submit(2, h.job('ok', 1));
    await h.settle();
    expect(h.log).toEqual(['error 1 bad trial', 'partial 2 ok', 'done 2 ok']);
  });
});
