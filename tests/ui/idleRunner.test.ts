import { describe, expect, it } from 'vitest';
import { createIdleRunner } from '../../src/ui/idleRunner';
import type { Job } from '../../src/ui/simScheduler';

/** A fake event loop: `tick()` resolves when the test calls `flush()`. */
function fakeLoop() {
  let waiting: (() => void)[] = [];
  return {
    tick: () => new Promise<void>((resolve) => waiting.push(resolve)),
    /** Lets `rounds` ticks through (and the promise callbacks after each). */
    async flush(rounds = 1) {
      for (let i = 0; i < rounds; i++) {
        const now = waiting;
        waiting = [];
        now.forEach((r) => r());
        await new Promise((r) => setTimeout(r, 0));
      }
    },
  };
}

/** A job of `steps` steps that logs what it does, and whether it was stopped. */
function job(name: string, steps: number, log: string[]): Job<never, string> {
  return function* () {
    try {
      for (let i = 0; i < steps; i++) {
        log.push(`${name}${i}`);
        yield { label: name, done: i, total: steps };
      }
      log.push(`${name} done`);
      return name;
    } finally {
      log.push(`${name} closed`);
    }
  };
}

function setup() {
  const loop = fakeLoop();
  let busy = false;
  const done: [number, string, string][] = [];
  const errors: [number, string, string][] = [];
  const runner = createIdleRunner<string>({
    tick: loop.tick,
    busy: () => busy,
    onDone: (id, key, r) => done.push([id, key, r]),
    onError: (id, key, e) => errors.push([id, key, (e as Error).message]),
  });
  return { loop, runner, done, errors, setBusy: (b: boolean) => (busy = b) };
}

describe('idleRunner (background work after the trial)', () => {
  it('runs nothing while the simulations are busy, then one step per tick', async () => {
    const { loop, runner, done, setBusy } = setup();
    const log: string[] = [];
    setBusy(true);
    runner.submit(1, 'a', job('a', 2, log));
    await loop.flush(5);
    expect(log).toEqual([]);
    setBusy(false);
    await loop.flush(1);
    expect(log).toEqual(['a0']);
    setBusy(true); // a new trial arrives between two steps: the background waits again
    await loop.flush(3);
    expect(log).toEqual(['a0']);
    setBusy(false);
    await loop.flush(3);
    expect(log).toEqual(['a0', 'a1', 'a done', 'a closed']);
    expect(done).toEqual([[1, 'a', 'a']]);
    expect(runner.current()).toBeNull();
  });

  it('a job of another key replaces the running one, which stops between steps', async () => {
    const { loop, runner, done } = setup();
    const log: string[] = [];
    runner.submit(1, 'a', job('a', 5, log));
    await loop.flush(2);
    runner.submit(2, 'b', job('b', 1, log));
    expect(log).toEqual(['a0', 'a1', 'a closed']);
    await loop.flush(4);
    expect(log).toEqual(['a0', 'a1', 'a closed', 'b0', 'b done', 'b closed']);
    expect(done).toEqual([[2, 'b', 'b']]);
  });

  it('a job of the same key as the current one is ignored (it is on its way)', async () => {
    const { loop, runner, done } = setup();
    const log: string[] = [];
    runner.submit(1, 'a', job('a', 2, log));
    await loop.flush(1);
    runner.submit(2, 'a', job('again', 2, log));
    await loop.flush(4);
    expect(log).toEqual(['a0', 'a1', 'a done', 'a closed']);
    expect(done).toEqual([[1, 'a', 'a']]);
  });

  it('reports a failing job by its id and key, and runs the next one', async () => {
    const { loop, runner, errors, done } = setup();
    runner.submit(1, 'a', function* () {
      yield { label: 'x', done: 0, total: 1 };
      throw new Error('nothing to fit');
    });
    await loop.flush(3);
    expect(errors).toEqual([[1, 'a', 'nothing to fit']]);
    runner.submit(2, 'b', job('b', 0, []));
    await loop.flush(2);
    expect(done).toEqual([[2, 'b', 'b']]);
  });
});
