import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builds, openApp, settled } from './app';
import { hasChromium, launch, serveStatic, watchErrors } from './harness';

// A digitised overall-survival figure of 81 patients (percent, declared by the header), one
// point climbing above the one before (digitising noise), and its at-risk table.
const CURVE = [
  'time,survival_%',
  '0,100',
  '3,98.8',
  '6,97.5',
  '9,96.3',
  '12,95.1',
  '15,95.6', // climbs: repaired to 95.1
  '18,93.8',
  '24,92.6',
  '30,90.1',
  '36,88.9',
  '42,87.7',
  '48,86.4',
  '54,85.2',
  '60,84.0',
].join('\n');
const RISK = ['time,at_risk', '0,81', '12,77', '24,73', '36,70', '48,68', '60,66'].join('\n');

describe.skipIf(!hasChromium)('a digitised Kaplan–Meier figure: reconstruct and fit', () => {
  let browser: Browser;
  let context: BrowserContext;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;
  let seen: ReturnType<typeof watchErrors>;
  beforeAll(async () => {
    server = await serveStatic(builds().dist);
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.url.replace(/\/$/, ''),
    });
    page = await context.newPage();
    seen = watchErrors(page);
    await openApp(page, server.url, '?study=followup2018');
    await settled(page);
    await page.getByRole('tab', { name: 'Digitised KM curve' }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports a curve and its at-risk table and shows the reconstruction', async () => {
    await page
      .getByLabel('Import curve CSV')
      .setInputFiles({ name: 'curve.csv', mimeType: 'text/csv', buffer: Buffer.from(CURVE) });
    await page
      .getByLabel('Import at-risk CSV')
      .setInputFiles({ name: 'risk.csv', mimeType: 'text/csv', buffer: Buffer.from(RISK) });
    const result = page.getByTestId('reconstruction');
    await expect.poll(() => result.textContent()).toMatch(/Reconstructed 81 patients/);
    // Published against reconstructed at risk, and the KM over the digitised points.
    const rows = result.locator('table tbody tr');
    expect(await rows.count()).toBe(6);
    expect(await rows.nth(1).locator('td').allTextContents()).toEqual(['12', '77', '77']);
    expect(await result.locator('svg circle').count()).toBeGreaterThanOrEqual(14);
    // The climbing point is repaired, and its line named.
    expect(await page.locator('.digitised-messages').textContent()).toMatch(
      /curve line 7: survival 0\.956 rises above/,
    );
  });

  it('fits the model to it and shows the curve as a row of the fit table', async () => {
    await page.getByRole('button', { name: 'Use in fit' }).click();
    await page.getByRole('button', { name: 'Fit to published figures' }).click();
    await expect
      .poll(() => page.locator('.notice').last().textContent(), { timeout: 60_000 })
      .toMatch(/Fitted|conflict/);
    await page.getByRole('tab', { name: 'Fit table' }).click();
    const row = page.locator('.fit-table tr.curve-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/81 reconstructed patients.*largest gap \d/);
    expect(seen.errors).toEqual([]);
  });

  it('the copied link carries the curve: reloaded, it shows the same reconstruction and fit', async () => {
    const row = await page.locator('.fit-table tr.curve-row').textContent();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.locator('.copy-status').textContent()).toContain('Link copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/[?&]dc=c1:os:/);
    expect(copied.length).toBeLessThan(8000);

    const other = await context.newPage();
    const otherSeen = watchErrors(other);
    await openApp(other, copied, '');
    await settled(other);
    await other.getByRole('tab', { name: 'Digitised KM curve' }).click();
    expect(await other.locator('.digitised-in-use li').textContent()).toMatch(
      /14 points, 81 reconstructed patients, \d+ events/,
    );
    // The same fitted model and curve row as the page the link was copied from...
    await other.getByRole('tab', { name: 'Fit table' }).click();
    const otherRow = other.locator('.fit-table tr.curve-row');
    await expect.poll(() => otherRow.textContent()).toBe(row);
    // ...and fitting again from the reloaded link lands on the same fit.
    await other.getByRole('button', { name: 'Fit to published figures' }).click();
    await expect
      .poll(() => other.locator('.notice').last().textContent(), { timeout: 60_000 })
      .toMatch(/Fitted|conflict/);
    await expect.poll(() => otherRow.textContent()).toBe(row);
    expect(otherSeen.errors).toEqual([]);
    await other.close();
  });

  it('keeps the typed input while other tabs are open', async () => {
    // The fit table has been open since the fit; the tab comes back as it was left.
    await page.getByRole('tab', { name: 'Digitised KM curve' }).click();
    const texts = page.locator('.digitised-texts textarea');
    expect(await texts.nth(0).inputValue()).toBe(CURVE);
    expect(await texts.nth(1).inputValue()).toBe(RISK);
    await expect
      .poll(() => page.getByTestId('reconstruction').textContent())
      .toMatch(/Reconstructed 81 patients/);
  });

  it('a curve too long for a link: the link leaves the curves out and the share bar says so', async () => {
    await page.getByRole('tab', { name: 'Digitised KM curve' }).click();
    // 500 full-precision points: their exact text alone passes 8,000 characters.
    const rows = ['time,survival'];
    for (let i = 0; i <= 500; i++) rows.push(`${(i * 0.12).toFixed(4)},${Math.exp(-i / 2000)}`);
    await page.getByLabel('Import curve CSV').setInputFiles({
      name: 'long.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.join('\n')),
    });
    // The at-risk table typed before is still there.
    await expect
      .poll(() => page.getByTestId('reconstruction').textContent())
      .toMatch(/Reconstructed 81 patients/);
    await page.getByRole('button', { name: 'Use in fit' }).click();
    const note = page.locator('.link-without-curves');
    await expect
      .poll(() => note.textContent())
      .toMatch(/would be [\d,]+ characters.*8,000.*leaves the curves out.*Scenario \(JSON\)/);
    await expect.poll(() => page.url()).not.toContain('dc=');
    expect(seen.errors).toEqual([]);
  });
});
