// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { FileButton } from '../../src/ui/FileButton';

// React asks test environments to say they run updates in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('FileButton', () => {
  it('hands the picked file over, then clears the pick so the same file can be read again', async () => {
    const picked: string[] = [];
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    act(() =>
      root.render(
        <FileButton
          label="Choose CSV…"
          accept=".csv"
          testId="pick"
          onFile={async (f) => {
            picked.push(await f.text());
          }}
        />,
      ),
    );
    const label = host.querySelector('label.file-button')!;
    const input = host.querySelector<HTMLInputElement>('[data-testid="pick"]')!;
    expect(label.textContent).toBe('Choose CSV…');
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.csv');

    let cleared = false;
    Object.defineProperty(input, 'files', {
      value: [new File(['time,value\n0,1'], 'km.csv', { type: 'text/csv' })],
    });
    Object.defineProperty(input, 'value', {
      get: () => (cleared ? '' : 'C:\\fakepath\\km.csv'),
      set: (v: string) => {
        if (v === '') cleared = true;
      },
    });
    await act(async () => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(picked).toEqual(['time,value\n0,1']);
    expect(cleared).toBe(true);
    act(() => root.unmount());
  });
});
