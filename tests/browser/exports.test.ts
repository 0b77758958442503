import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, launch, serveStatic, watchErrors } from './harness';
import { builds, openApp, settled } from './app';
import { mkdirSync, writeFileSync } from 'node:fs';

/** Clicks an export button and returns the downloaded file's name and text. */
async function download(
  page: Page,
  testId: string,
): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = join(builds().scratch, dl.suggestedFilename());
  await dl.saveAs(path);
  const bytes = readFileSync(path);
  return { name: dl.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

describe.skipIf(!hasChromium)('comparison, export and import (production build)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;
  let seen: ReturnType<typeof watchErrors>;
  beforeAll(async () => {
    server = await serveStatic(builds().dist);
    browser = await launch();
    mkdirSync(ARTIFACTS, { recursive: true });
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1366, height: 768 },
    });
    page = await context.newPage();
    seen = watchErrors(page);
    await openApp(page, server.url, '?study=rct2012&seed=compare');
    await settled(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the single vs double MSCT trial as two arms side by side with the difference band', async () => {
    expect(await page.getByTestId('compare-toggle').isChecked()).toBe(true);
    await page.getByRole('tab', { name: 'Compare arms' }).click();
    const charts = page.getByTestId('difference-charts');
    await charts.waitFor();
    expect(await charts.locator('[data-testid="curve-band"]').count()).toBeGreaterThan(0);
    // Arm B's curves are overlaid on the main charts.
    expect(
      await page.locator('[data-testid="curve-series"][data-series-id="os-km-B"]').count(),
    ).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'comparison.png'), fullPage: true });
    expect(seen.errors).toEqual([]);
  });

  it('exports the patients of both arms as CSV with the documented columns', async () => {
    await page.getByText('Export / import').click();
    const { text } = await download(page, 'export-patients');
    const rows = csvParse(text);
    expect(rows.columns).toEqual(['arm', 'patient', 'time_months', 'state']);
    expect(new Set(rows.map((r) => r.arm))).toEqual(new Set(['A', 'B']));
    const patientsA = new Set(rows.filter((r) => r.arm === 'A').map((r) => r.patient));
    expect(patientsA.size).toBe(30);
    // Every patient starts with its initial state at time 0.
    expect(rows.filter((r) => r.time_months === '0')).toHaveLength(
      patientsA.size + new Set(rows.filter((r) => r.arm === 'B').map((r) => r.patient)).size,
    );
  });

  it('exports the fit table as CSV, the scenario as JSON, and the curves as SVG and PNG', async () => {
    const fit = await download(page, 'export-fit');
    expect(csvParse(fit.text).columns).toEqual(expect.arrayContaining(['id', 'k', 'n', 'model']));
    const scenario = JSON.parse((await download(page, 'export-scenario')).text) as {
      format: string;
      query: string;
    };
    expect(scenario.format).toBe('msct-sim-scenario');
    expect(scenario.query).toContain('study=rct2012');
    const svg = await download(page, 'export-svg');
    expect(svg.text).toMatch(/^<\?xml|^<svg/);
    expect(svg.text).toContain('<path');
    expect(svg.text).not.toMatch(/href="http|NaN/);
    const png = await download(page, 'export-png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(seen.errors).toEqual([]);
  });

  it('imports a digitised curve as an overlay and reports bad rows by line number', async () => {
    const csv = 'time,value\n0,1\n12,0.95\n24,abc\n36,0.9\n60,0.84\n';
    const file = join(builds().scratch, 'digitised.csv');
    writeFileSync(file, csv);
    await page.getByTestId('import-curve').setInputFiles(file);
    await expect.poll(() => page.locator('.notice').last().textContent()).toContain('line 4');
    await expect
      .poll(() => page.locator('[data-testid="curve-series"][data-series-id^="overlay"]').count())
      .toBeGreaterThan(0);
    expect(seen.errors).toEqual([]);
  });
});
