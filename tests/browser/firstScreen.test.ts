import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, launch, serveStatic, watchErrors } from './harness';
import { builds } from './app';

describe.skipIf(!hasChromium)('first screen (production build)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    server = await serveStatic(builds().dist);
    browser = await launch();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the heading with no console error, page error or outside request', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const seen = watchErrors(page);
    await page.goto(server.url);
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.isVisible()).toBe(true);
    expect(await heading.textContent()).toMatch(/simulator/i);
    await page.screenshot({ path: join(ARTIFACTS, 'first-screen.png') });
    expect(seen.errors).toEqual([]);
    expect(seen.external).toEqual([]);
    await page.close();
  });

  it('carries a Content-Security-Policy that forbids network calls', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    const csp = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    await page.close();
  });

  it('loads a tab panel only when its tab opens, and the worker as its own file', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const seen = watchErrors(page);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.js')) scripts.push(r.url().replace(/.*\//, ''));
    });
    await page.goto(server.url);
    await page.locator('[data-testid="curve-series"][data-series-id="os-km"][d]').first().waitFor();
    expect(scripts.some((f) => f.startsWith('simWorker-'))).toBe(true);
    expect(scripts.filter((f) => f.startsWith('TargetEditor-'))).toEqual([]);
    await page.getByRole('tab', { name: 'Targets' }).click();
    await page.getByRole('tabpanel').getByRole('button').first().waitFor();
    expect(scripts.filter((f) => f.startsWith('TargetEditor-'))).toHaveLength(1);
    expect(seen.errors).toEqual([]);
    await page.close();
  });
});
