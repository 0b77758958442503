import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, launch, serveStatic, watchErrors } from './harness';

describe.skipIf(!hasChromium)('first screen (production build)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    server = await serveStatic('dist');
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
});
