// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Trial } from '../../src/scenario/scenario';

// The worker client, replaced by a recorder: this test is about who asks, and when.
const asked = vi.hoisted(() => [] as { trial: Trial }[]);
vi.mock('../../src/ui/simClient', () => ({
  requestSimulation: (trial: Trial) => asked.push({ trial }),
}));

const { useApp } = await import('../../src/ui/store');
const { startSimSync } = await import('../../src/ui/simSync');

let stop: (() => void) | null = null;
beforeEach(() => {
  asked.length = 0;
  useApp.setState(useApp.getInitialState(), true);
  stop = startSimSync();
});
afterEach(() => {
  stop?.();
  useApp.getState().clock.pause();
});

describe('simSync: the one sender of the trial', () => {
  it('sends the first trial at once', () => {
    // Synchronously, while starting: nothing is debounced (the worker is latest-wins).
    expect(asked).toHaveLength(1);
    expect(asked[0]!.trial).toBe(useApp.getState().trial);
  });

  it('sends nothing for the playhead, the speed, the view, the tab or the results', () => {
    const { clock, setView, setTab, setPresentation } = useApp.getState();
    clock.setTime(24);
    clock.setSpeed(4);
    clock.play();
    clock.pause();
    setView({ relapseView: 'km', cycle: 12 });
    setTab('matrix');
    setPresentation(true);
    useApp.setState((s) => ({ results: { ...s.results, status: 'running' } }));
    expect(asked).toHaveLength(1);
  });

  it('sends a changed trial once, and not a new object holding the same trial', () => {
    useApp.getState().patch({ seed: 'another' });
    expect(asked).toHaveLength(2);
    expect(asked[1]!.trial.seed).toBe('another');
    useApp.getState().patch({ seed: 'another' }); // a new object, the same trial
    expect(asked).toHaveLength(2);
  });
});
