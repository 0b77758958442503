// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigitisedCurvePanel } from '../../../src/ui/panels/DigitisedCurvePanel';
import { useApp } from '../../../src/ui/store';

// React asks test environments to say they run updates in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Types into a controlled field as a user would (React listens for the input event). */
function type(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = Object.getPrototypeOf(el) as object;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The panel as App shows it: only while its tab is open. */
function Tabs() {
  const tab = useApp((s) => s.tab);
  return tab === 'curve' ? <DigitisedCurvePanel /> : <p>another tab</p>;
}

describe('DigitisedCurvePanel', () => {
  let host: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    act(() => useApp.getState().setTab('curve'));
    act(() => root.render(<Tabs />));
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
    useApp.setState(useApp.getInitialState(), true);
  });

  it('keeps what was typed when another tab is opened and closed', () => {
    const [curve, risk] = Array.from(host.querySelectorAll('textarea'));
    const label = host.querySelector<HTMLInputElement>('input[maxlength="80"]')!;
    act(() => {
      type(label, 'OS, figure 2');
      type(curve!, 'time,survival\n0,1\n6,0.9\n12,0.8\n18,0.7\n');
      type(risk!, 'time,at_risk\n0,40\n12,30\n');
    });
    expect(host.textContent).toMatch(/Reconstructed 40 patients/);
    act(() => useApp.getState().setTab('fit'));
    expect(host.textContent).toBe('another tab');
    act(() => useApp.getState().setTab('curve'));
    const [curveAgain, riskAgain] = Array.from(host.querySelectorAll('textarea'));
    expect(curveAgain!.value).toBe('time,survival\n0,1\n6,0.9\n12,0.8\n18,0.7\n');
    expect(riskAgain!.value).toBe('time,at_risk\n0,40\n12,30\n');
    expect(host.querySelector<HTMLInputElement>('input[maxlength="80"]')!.value).toBe(
      'OS, figure 2',
    );
    expect(host.textContent).toMatch(/Reconstructed 40 patients/);
  });
});
