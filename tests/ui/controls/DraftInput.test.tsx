// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftInput, useRefuseTyped } from '../../../src/ui/controls/DraftInput';
import { useApp } from '../../../src/ui/store';

// React asks test environments to say they run updates in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  if (root) act(() => root!.unmount());
  root = null;
});

/** A DraftInput showing `value`, and the texts it has handed over. */
function mount(value: string) {
  const commits: string[] = [];
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(<DraftInput id="f" value={value} onCommit={(t) => commits.push(t)} />));
  return { input: host.querySelector('input')!, commits };
}

/** Types `text` into the field as a user would (React reads the native value setter). */
function type(input: HTMLInputElement, text: string) {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setValue.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const press = (input: HTMLInputElement, key: string) =>
  act(() => {
    input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });

describe('DraftInput', () => {
  it('keeps what is typed as a draft and hands it over on Enter, then shows the value again', () => {
    const { input, commits } = mount('12');
    type(input, '3');
    expect(input.value).toBe('3');
    expect(commits).toEqual([]);
    press(input, 'Enter');
    expect(commits).toEqual(['3']);
    expect(input.value).toBe('12');
  });

  it('hands the draft over on blur', () => {
    const { input, commits } = mount('12');
    type(input, '40');
    act(() => {
      input.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    });
    expect(commits).toEqual(['40']);
  });

  it('drops the draft on Escape, and a blur with nothing typed hands nothing over', () => {
    const { input, commits } = mount('12');
    type(input, '999');
    press(input, 'Escape');
    expect(input.value).toBe('12');
    act(() => {
      input.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    });
    press(input, 'Enter');
    expect(commits).toEqual([]);
  });
});

describe('useRefuseTyped', () => {
  it('posts one warning saying a typed value was not used, with the field and the value kept', () => {
    let refuse: ReturnType<typeof useRefuseTyped> | null = null;
    function Probe() {
      refuse = useRefuseTyped();
      return null;
    }
    const host = document.createElement('div');
    root = createRoot(host);
    act(() => root!.render(<Probe />));
    const before = useApp.getState().notices.length;
    const problem = { field: 'Seed', message: 'must be 1–40 letters', used: 'abc' };
    act(() => refuse!(problem));
    const notices = useApp.getState().notices;
    expect(notices).toHaveLength(before + 1);
    expect(notices.at(-1)).toMatchObject({
      kind: 'warning',
      title: 'A typed value was not used',
      problems: [problem],
    });
  });
});
