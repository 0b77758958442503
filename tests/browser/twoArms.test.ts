import { join } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, launch, serveStatic, watchErrors } from './harness';
import { builds, openApp, settled } from './app';

/** The 97.5% minus the 2.5% edge of a difference band at the last grid time (read from the path). */
async function bandWidthAtEnd(page: Page, chartIndex: number): Promise<number> {
  const d =
    (await page
      .getByTestId('difference-charts')
      .locator('[data-testid="curve-band"]')
      .nth(chartIndex)
      .getAttribute('d')) ?? '';
  // The band is an area path: upper edge left to right, then lower edge right to left. Its
  // vertical extent in px is a faithful proxy for its width in percentage points (same axis).
  const ys = [...d.matchAll(/[ML,]\s*[\d.]+[ ,]([\d.]+)/g)].map((m) => Number(m[1]));
  return Math.max(...ys) - Math.min(...ys);
}

describe.skipIf(!hasChromium)('two-arm trial: rct2012 (production build)', () => {
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
    await openApp(page, server.url, '?study=rct2012&seed=two-arms&at=12');
    await settled(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows both arms' patients with their own counts", async () => {
    const a = page.getByTestId('cohort-arm-A');
    const b = page.getByTestId('cohort-arm-B');
    expect(await a.textContent()).toContain('Single MSCT (30 patients)');
    expect(await b.textContent()).toContain('Double MSCT (28 patients)');
    const count = async (arm: typeof a) => {
      let sum = 0;
      for (const c of await arm.locator('.cohort-count').allTextContents()) sum += Number(c);
      return sum;
    };
    expect(await count(a)).toBe(30);
    expect(await count(b)).toBe(28);
    expect(await page.locator('canvas[role="img"]').count()).toBe(2);
  });

  it('fits the comparison in the 1366×768 main view: both lanes, three readable charts, the at-risk table and tests', async () => {
    await page.getByTestId('logrank-os').waitFor();
    const m = await page.evaluate(() => {
      const view = document.querySelector<HTMLElement>('[data-testid="main-view"]')!;
      const centre = document.querySelector<HTMLElement>('.centre')!;
      const bottom = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().bottom;
      return {
        viewOverflow: view.scrollHeight - view.clientHeight,
        centreOverflow: centre.scrollHeight - centre.clientHeight,
        bottoms: [
          '[data-testid="main-view"]',
          '[data-testid="cohort-arm-B"]',
          '[data-testid="survival-summary"]',
          '[data-testid="logrank-remission"]',
          '[data-testid="fit-summary"]',
        ].map(bottom),
        plotHeights: [...document.querySelectorAll('.curve-chart-svg')].map(
          (e) => e.getBoundingClientRect().height,
        ),
      };
    });
    expect(m.viewOverflow).toBeLessThanOrEqual(0);
    expect(m.centreOverflow).toBeLessThanOrEqual(0);
    for (const b of m.bottoms) expect(b).toBeLessThanOrEqual(768);
    expect(m.plotHeights).toHaveLength(3);
    // The lecture screen's readable minimum (lecture.test.ts) holds with two arms too.
    for (const h of m.plotHeights) expect(h).toBeGreaterThanOrEqual(180);
  });

  it("says which figures each arm's intensities come from", async () => {
    for (const arm of ['A', 'B']) {
      const text = await page.getByTestId(`rate-source-${arm}`).textContent();
      expect(text).toContain('Wang 2018 (5-year follow-up, n = 81)');
      expect(text).toContain('reports no figure to fit for either arm');
    }
  });

  it('shows the number-at-risk table per arm and the log-rank line with the hazard ratio', async () => {
    const table = page.getByTestId('risk-table');
    expect(await table.locator('thead th').allTextContents()).toEqual([
      'Months',
      '0',
      '3',
      '6',
      '9',
      '12',
    ]);
    // At month 0 everyone is at risk.
    expect(await page.getByTestId('risk-row-A').locator('td .risk-n').first().textContent()).toBe(
      '30',
    );
    expect(await page.getByTestId('risk-row-B').locator('td .risk-n').first().textContent()).toBe(
      '28',
    );
    const line = (await page.getByTestId('logrank-remission').textContent()) ?? '';
    expect(line).toMatch(/log-rank (χ² = \d+\.\d\d \(1 df\), p [=<] [\d.]+|: no test)/);
    expect(line).toMatch(/HR/);
    expect(line).not.toMatch(/NaN|undefined/);
    await page.screenshot({ path: join(ARTIFACTS, 'two-arms.png'), fullPage: true });
  });

  it('grows the risk table with the playhead: no counts past the playhead', async () => {
    await page.keyboard.press('Home');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="risk-row-A"] .risk-n').length === 1,
      undefined,
      { timeout: 5000 },
    );
    await page.keyboard.press('End');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="risk-row-A"] .risk-n').length === 5,
      undefined,
      { timeout: 5000 },
    );
  });

  it('draws a wider band with independent patients than with the same patients under each treatment', async () => {
    await page.getByRole('tab', { name: 'Compare arms' }).click();
    await page.getByTestId('difference-charts').waitFor();
    expect(await page.getByTestId('difference-mode-caption').textContent()).toContain(
      'Could trials of this size show this by chance?',
    );
    expect(await page.getByTestId('power-remission').textContent()).toMatch(
      /same intensities, so there is nothing to detect; still, \d+% of 200 trials of 30 vs 28 \(95% CI \d+–\d+%\) reach log-rank p < 0\.05 by chance alone/,
    );
    const independent = await bandWidthAtEnd(page, 1);
    const bandSel = '[data-testid="difference-charts"] [data-testid="curve-band"]';
    const before = await page.locator(bandSel).nth(1).getAttribute('d');
    await page.getByTestId('mode-crn').check();
    await page.waitForFunction(() =>
      (
        document.querySelector('[data-testid="difference-mode-caption"]')?.textContent ?? ''
      ).includes('The same patients under each treatment'),
    );
    // The new trial is posted to the worker after a short delay (simSync): wait for its band,
    // not just for a quiet status line, which may still show the old result.
    await page.waitForFunction(
      ([sel, d]) => document.querySelectorAll(sel)[1]?.getAttribute('d') !== d,
      [bandSel, before] as const,
      { timeout: 20_000 },
    );
    await settled(page);
    const crn = await bandWidthAtEnd(page, 1);
    expect(independent).toBeGreaterThan(1.5 * crn);
    // The link is written a moment after the change (urlSync's debounce), maybe after the band.
    await expect.poll(() => page.url()).toContain('crn=1');
    expect(seen.errors).toEqual([]);
  });

  it('exports medians, at-risk tables, log-rank, hazard ratio and power as CSV', async () => {
    await page.getByText('Export / import').click();
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-survival').click(),
    ]);
    const path = join(ARTIFACTS, dl.suggestedFilename());
    await dl.saveAs(path);
    const rows = csvParse(readFileSync(path, 'utf8'));
    expect(rows.columns).toEqual(['arm', 'endpoint', 'measure', 'time', 'value', 'lower', 'upper']);
    const measures = new Set(rows.filter((r) => r.arm === 'B vs A').map((r) => r.measure));
    expect([...measures]).toEqual(['log-rank chi-square', 'log-rank p', 'hazard ratio', 'power']);
    const arms = new Set(rows.filter((r) => r.measure === 'at risk').map((r) => r.arm));
    expect(arms).toEqual(new Set(['Single MSCT', 'Double MSCT']));
  });
});
