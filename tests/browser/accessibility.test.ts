import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builds, openApp, settled } from './app';
import { hasChromium, launch, serveStatic } from './harness';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core (WCAG 2 A and AA rules) and returns its violations as readable lines. */
async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run: (
          ctx: Document,
          opts: object,
        ) => Promise<{
          violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
        }>;
      };
    };
    return w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    });
  });
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 4)
        .join(', ')}`,
  );
}

describe.skipIf(!hasChromium)('accessibility (axe-core, WCAG 2.1 AA)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;
  beforeAll(async () => {
    server = await serveStatic(builds().dist);
    browser = await launch();
    // axe is injected as a script tag, which the app's CSP forbids: bypass it for this check only.
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1366, height: 768 },
    });
    page = await context.newPage();
    await openApp(page, server.url, '?study=followup2018');
    await settled(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the main screen has no violations', async () => {
    expect(await axe(page)).toEqual([]);
  });

  it.each(['Transition matrix & diagram', 'Targets', 'How this works', 'Fit table'])(
    'the "%s" tab has no violations',
    async (tab) => {
      await page.getByRole('tab', { name: tab }).click();
      expect(await axe(page)).toEqual([]);
    },
  );

  it('presentation mode has no violations', async () => {
    await page.getByRole('button', { name: 'Presentation mode' }).click();
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Exit presentation' }).click();
  });
});
