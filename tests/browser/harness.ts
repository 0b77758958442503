import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

/** Where the system Chromium is: $CHROME_PATH, or Debian's /usr/bin/chromium. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

export const chromiumPath = findChromium();

if (!chromiumPath) {
  const msg =
    'Chromium not found: install it with `apt-get install chromium` or set CHROME_PATH; browser tests skipped.';
  if (process.env.CI === 'true') throw new Error(msg.replace('skipped', 'required when CI=true'));
  console.warn(msg);
}

/** Whether browser tests can run here (they fail loudly in CI when they cannot). */
export const hasChromium = chromiumPath !== undefined;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/**
 * Serves a built folder on a loopback port, as a plain static file host would. Browser tests pass
 * this run's own build, `builds().dist` (tests/browser/app.ts); `dist/` is the default for the
 * benchmarks. A folder that is not there is an error at once, not a page that never loads.
 */
export async function serveStatic(
  root = 'dist',
): Promise<{ url: string; close: () => Promise<void> }> {
  const base = resolve(root);
  if (!existsSync(join(base, 'index.html')))
    throw new Error(`No build to serve in ${base}: browser tests serve builds().dist (app.ts).`);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = normalize(join(base, path));
      if (!file.startsWith(base)) {
        res.writeHead(403).end();
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** Launches the system Chromium headless, with no background network traffic. */
export async function launch(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium not found');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Collects console errors, page errors and any request that leaves the machine. */
export function watchErrors(page: Page): { errors: string[]; external: string[] } {
  const errors: string[] = [];
  const external: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!/^(https?:\/\/127\.0\.0\.1|data:|blob:|file:)/.test(u)) external.push(u);
  });
  return { errors, external };
}

/** Folder for screenshots and exported files, kept as test artefacts. */
export const ARTIFACTS = resolve('test-artifacts');
