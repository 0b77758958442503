// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PanelBoundary } from '../../src/ui/PanelBoundary';

// React asks test environments to say they run updates in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let fail = true;
function Broken() {
  if (fail) throw new Error('a bad curve');
  return <p>drawn again</p>;
}

describe('PanelBoundary', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows a message in place of the panel that threw; its neighbours still render and work', () => {
    // React reports caught errors on the console; keep the test output readable.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    let clicks = 0;
    act(() =>
      root.render(
        <div>
          <PanelBoundary name="curves">
            <Broken />
          </PanelBoundary>
          <PanelBoundary name="fit table">
            <button type="button" onClick={() => clicks++}>
              neighbour
            </button>
          </PanelBoundary>
        </div>,
      ),
    );
    const alert = host.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('The curves could not be drawn (a bad curve)');
    const neighbour = [...host.querySelectorAll('button')].find(
      (b) => b.textContent === 'neighbour',
    );
    expect(neighbour).toBeDefined();
    act(() => neighbour!.click());
    expect(clicks).toBe(1);

    // Try again draws the panel anew once it can be drawn.
    fail = false;
    const retry = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Try again');
    act(() => retry!.click());
    expect(host.querySelector('[role="alert"]')).toBeNull();
    expect(host.textContent).toContain('drawn again');
    act(() => root.unmount());
  });
});
