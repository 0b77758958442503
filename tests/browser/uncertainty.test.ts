import { mkdirSync, readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builds, openApp, settled } from './app';
import { ARTIFACTS, hasChromium, launch, serveStatic, watchErrors } from './harness';

/**
 * Issue 16: what the published figures allow, for a preset opened by link: the intervals beside
 * the sliders and the rates' band come without pressing Fit (worked out in the worker after the
 * trial's own simulation).
 */
describe.skipIf(!hasChromium)('uncertainty of the fitted rates (production build)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;
  let seen: ReturnType<typeof watchErrors>;
  beforeAll(async () => {
    server = await serveStatic(builds().dist);
    browser = await launch();
    mkdirSync(ARTIFACTS, { recursive: true });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    seen = watchErrors(page);
    await openApp(page, server.url, '?study=followup2018&seed=lecture');
    await settled(page);
    // No Fit button: the intervals arrive by themselves.
    await page.locator('.rate-status[data-status="ready"]').waitFor({ timeout: 60_000 });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a 95% interval beside the sliders without Fit, flagging the weakly identified rate', async () => {
    const texts = await page.locator('.rate-interval').allTextContents();
    expect(texts.length).toBeGreaterThanOrEqual(5);
    for (const t of texts) expect(t).toMatch(/^95%: (≤ )?[\d.e-]+–(≥ )?[\d.e-]+/);
    expect(texts.some((t) => /weakly identified/.test(t))).toBe(true);
    expect(await page.locator('.rate-status').textContent()).toMatch(/95% interval/);
    // The rates' band on the survival chart, also without Fit.
    await page.getByRole('radio', { name: 'The rates are uncertain' }).check();
    await expect.poll(() => page.locator('[data-band-id="os-band-rates"]').count()).toBe(1);
    expect(await page.locator('.interval-table tbody tr').count()).toBe(4);
  });

  it('says the intervals are the fit’s once a slider moves away from it', async () => {
    const box = page.getByRole('textbox', { name: 'Remission, per year', exact: true });
    const before = await page.locator('.rate-interval').first().textContent();
    await box.fill('0.5');
    await box.press('Enter');
    await expect
      .poll(() => page.locator('.rate-status').textContent())
      .toMatch(/the intervals are the fit’s, not your values’/);
    const after = await page.locator('.rate-interval').first().textContent();
    expect(after).toMatch(/^fit 0\.14, 95%: /);
    expect(after).toContain(before!);
    expect(await page.locator('.rate-interval').first().getAttribute('class')).toMatch(/outside/);
    // Back to the fitted values: the plain intervals again, nothing recomputed meanwhile.
    await page.getByRole('button', { name: 'Reset to fitted' }).click();
    await expect
      .poll(() => page.locator('.rate-status').textContent())
      .toMatch(/Under each fitted value/);
    await settled(page);
  });

  it('draws the parameter band apart from the replicate band, and the switch picks them', async () => {
    const param = page.locator('[data-band-id="os-band-rates"]');
    const trial = page.locator('[data-band-id="os-band"]');
    const both = page.locator('[data-band-id="os-band-predictive"]');
    await page.getByRole('radio', { name: 'The rates are uncertain' }).check();
    await expect.poll(() => param.count()).toBeGreaterThan(0);
    expect(await trial.count()).toBe(0);
    expect(await both.count()).toBe(0);
    await page.getByRole('radio', { name: 'A trial of this size wobbles' }).check();
    await expect.poll(() => trial.count()).toBeGreaterThan(0);
    expect(await param.count()).toBe(0);
    expect(await both.count()).toBe(0);
    await page.getByRole('radio', { name: 'Both (predictive)' }).check();
    await expect.poll(() => both.count()).toBeGreaterThan(0);
    expect(await param.count()).toBe(0);
    expect(await trial.count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'uncertainty.png'), fullPage: true });
    expect(seen.errors).toEqual([]);
  });

  it('gives the time in each state with intervals beside the simulated trial', async () => {
    const rows = page.locator('.time-in-state-table tbody tr');
    expect(await rows.count()).toBe(5);
    const life = await rows.last().locator('td').allTextContents();
    expect(life[0]).toMatch(/^\d\.\d\d$/);
    expect(life[1]).toMatch(/^\d\.\d\d–\d\.\d\d$/);
    expect(life[2]).toMatch(/^\d\.\d\d$/);
  });

  it('exports the intervals and the time in each state as CSV', async () => {
    await page.getByText('Export / import').click();
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-uncertainty').click(),
    ]);
    const path = join(ARTIFACTS, dl.suggestedFilename());
    await dl.saveAs(path);
    const rows = csvParse(readFileSync(path, 'utf8'));
    expect(rows.columns).toEqual([
      'quantity',
      'name',
      'estimate',
      'lower',
      'upper',
      'unit',
      'note',
    ]);
    expect(rows.filter((r) => r.quantity === 'intensity')).toHaveLength(4);
    expect(rows.some((r) => r.quantity === 'life-years alive')).toBe(true);
  });
});
