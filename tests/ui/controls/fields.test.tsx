// @vitest-environment happy-dom
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CheckboxField,
  DraftInput,
  NumberField,
  useRefuseTyped,
} from '../../../src/ui/controls/fields';
import { useApp } from '../../../src/ui/store';

// React asks test environments to say they run updates in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  if (root) act(() => root!.unmount());
  root = null;
});

/** Renders `node` into a fresh element of the page and returns that element. */
function render(node: ReactNode): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(node));
  return host;
}

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

describe('NumberField', () => {
  const field = (integer: boolean) => {
    const commits: number[] = [];
    const host = render(
      <NumberField
        id="n"
        label="Patients"
        value={200}
        range={{ min: 1, max: 1000 }}
        integer={integer}
        onCommit={(v) => commits.push(v)}
      />,
    );
    return { input: host.querySelector('input')!, commits };
  };

  it('commits a number inside the range, and nothing when it is the value already', () => {
    const { input, commits } = field(true);
    type(input, ' 350 ');
    press(input, 'Enter');
    type(input, '200');
    press(input, 'Enter');
    expect(commits).toEqual([350]);
  });

  it.each([
    ['1001', true, '"1001" is not a whole number from 1 to 1000'],
    ['2.5', true, '"2.5" is not a whole number from 1 to 1000'],
    ['', true, '"" is not a whole number from 1 to 1000'],
    ['abc', false, '"abc" is not a number from 1 to 1000'],
  ])('refuses %j, naming the field and the value kept', (text, integer, message) => {
    const { input, commits } = field(integer);
    const before = useApp.getState().notices.length;
    type(input, text);
    press(input, 'Enter');
    expect(commits).toEqual([]);
    expect(useApp.getState().notices.slice(before)).toMatchObject([
      { problems: [{ field: 'Patients', message, used: '200' }] },
    ]);
  });
});

describe('CheckboxField', () => {
  it('labels its box and hands the new state to onChange', () => {
    const seen: boolean[] = [];
    const host = render(
      <CheckboxField id="c" checked={false} onChange={(on) => seen.push(on)} testId="c-box">
        Compare two arms
      </CheckboxField>,
    );
    const box = host.querySelector<HTMLInputElement>('[data-testid="c-box"]')!;
    expect(host.querySelector('label[for="c"]')?.textContent).toBe('Compare two arms');
    act(() => box.click());
    expect(seen).toEqual([true]);
  });
});
