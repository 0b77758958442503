/**
 * The README's screenshots at 1366×768 (a common projector): the main view and presentation mode
 * of the 5-year study at 36 months. Run after `npm run build`: `npx tsx scripts/screenshots.ts`.
 */
import { join } from 'node:path';
import { launch, serveStatic } from '../tests/browser/harness';

const OUT = 'docs';
const QUERY = '?study=followup2018&at=36';

const server = await serveStatic('dist');
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`${server.url}${QUERY}`);
  await page.locator('[data-testid="curve-series"][data-series-id="os-km"]').waitFor();
  await page.waitForFunction(() => {
    const t = document.querySelector('.sim-status')?.textContent ?? '';
    return t !== '' && !/Updating|Simulating/.test(t);
  });
  await page.screenshot({ path: join(OUT, 'main-screen.png') });
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await page.locator('.app.presentation').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, 'presentation-mode.png') });
  console.log(`Wrote ${OUT}/main-screen.png and ${OUT}/presentation-mode.png`);
} finally {
  await browser.close();
  await server.close();
}
