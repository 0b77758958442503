import { beforeEach, describe, expect, it } from 'vitest';
import { useApp } from '../../src/ui/store';

describe('store: comparison fields and imported curves', () => {
  beforeEach(() => {
    useApp.setState(useApp.getInitialState(), true);
  });

  it('opens a two-arm trial on the comparison tab', () => {
    useApp.getState().loadStudy('rct2012');
    expect(useApp.getState().trial.compare).not.toBeNull();
    expect(useApp.getState().tab).toBe('compare');
  });

  it("patches arm B's label, n and common random numbers, refusing a bad n", () => {
    const { patchCompare, setCompare } = useApp.getState();
    patchCompare({ n: 10 }); // no comparison yet: nothing to patch
    expect(useApp.getState().trial.compare).toBeNull();
    setCompare(true);
    // A new comparison draws arm B's patients independently (the trial question).
    expect(useApp.getState().trial.compare?.crn).toBe(false);
    patchCompare({ label: 'Double', n: 28, crn: true });
    expect(useApp.getState().trial.compare).toMatchObject({
      label: 'Double',
      n: 28,
      crn: true,
    });
    for (const n of [0, 2.5, NaN, 1e9]) {
      patchCompare({ n });
      expect(useApp.getState().trial.compare?.n).toBe(28);
    }
    patchCompare({ label: 'x'.repeat(500) });
    expect(useApp.getState().trial.compare?.label).toHaveLength(80);
  });

  it('adds and removes imported curves by id', () => {
    const { addOverlay } = useApp.getState();
    addOverlay({ panel: 'os', label: 'a', points: [{ time: 0, value: 1 }] });
    addOverlay({ panel: 'relapse', label: 'b', points: [{ time: 0, value: 0 }] });
    const [a, b] = useApp.getState().overlays;
    expect(a!.id).not.toBe(b!.id);
    useApp.getState().removeOverlay(a!.id);
    expect(useApp.getState().overlays.map((o) => o.label)).toEqual(['b']);
  });
});
