/**
 * Browser benchmarks (issue 5, "Performance"): the production build in dist/, served on a loopback
 * port and driven in the system's headless Chromium through playwright-core (the browser tests'
 * harness). Rows:
 *
 * - the first-screen JavaScript, gzipped (the scripts index.html loads and preloads; chunks
 *   loaded on demand are reported apart), and every .js in dist/assets;
 * - time from navigation start to the first model trace and to the first simulated curves (the
 *   worker's first Kaplan–Meier path), median of 3 cold page loads;
 * - slider input → simulated curves and replicate bands redrawn (the survival band, and the
 *   trial's survival curve when that change moved it), over 20 changes of a rate slider by two
 *   keyboard steps on the default scenario (median and p95);
 * - the frame interval (median, p95) while 10,000 and 1,000,000 patients play, against the
 *   display's refresh interval measured the same way on an idle page;
 * - the longest main-thread task during a 5-second drag of a rate slider (PerformanceObserver
 *   'longtask') on the default scenario.
 *
 * Without Chromium the figures are NaN with a note, rather than an exception (unless CI=true).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launch, serveStatic } from '../../tests/browser/harness';
import { median } from './benchRow';

const ROOT = resolve('.');
const DIST = join(ROOT, 'dist');

/** The study with a five-year follow-up, without replicates, at `n` patients. */
const playing = (n: number) => `?study=followup2018&n=${n}&r=0`;
const SLIDER = '#rate-A-relapse-0';
const OS_KM = '[data-testid="curve-series"][data-series-id="os-km"]';
const OS_BAND = '[data-testid="curve-band"][data-band-id="os-band"]';
/** The cohort sizes whose playback frame interval is measured. */
export const FRAME_SIZES = [10_000, 1_000_000] as const;

// ── Build ─────────────────────────────────────────────────────────────────────────────────

/** Newest modification time (ms) of the files under a path. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = s.mtimeMs;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

/** Builds dist/ with `vite build` when it is missing or older than its sources. */
function ensureBuild(): void {
  const built = existsSync(join(DIST, 'index.html'))
    ? statSync(join(DIST, 'index.html')).mtimeMs
    : 0;
  const sources = Math.max(
    newest(join(ROOT, 'src')),
    newest(join(ROOT, 'index.html')),
    newest(join(ROOT, 'vite.config.ts')),
    newest(join(ROOT, 'scripts', 'csp.ts')),
    newest(join(ROOT, 'scripts', 'workerInlining.ts')),
    newest(join(ROOT, 'public')),
  );
  if (built > sources) return;
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stderr}`);
}

/** Gzipped size (bytes) of every JavaScript file in dist/assets. */
function bundleGzipBytes(): number {
  const dir = join(DIST, 'assets');
  let total = 0;
  for (const f of readdirSync(dir)) {
    if (f.endsWith('.js')) total += gzipSync(readFileSync(join(dir, f))).length;
  }
  return total;
}

/**
 * Gzipped size (bytes) of the JavaScript the first screen loads: the module scripts and
 * modulepreload links of dist/index.html (Vite lists the entry's static imports there; chunks
 * behind a dynamic import are not listed, and a worker is fetched by the worker itself).
 */
function firstScreenGzipBytes(): number {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) files.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g))
    files.add(m[1]!);
  if (files.size === 0) throw new Error('dist/index.html loads no script');
  let total = 0;
  for (const f of files) total += gzipSync(readFileSync(join(DIST, f))).length;
  return total;
}

// ── In-page probes ────────────────────────────────────────────────────────────────────────

/** What the init script records in the page (times are performance.now(), from navigation). */
interface Probe {
  firstOsKm: number | null;
  firstTrace: number | null;
  longTasks: { start: number; duration: number }[];
  /** Input events seen (the slider's, during a drag). */
  inputs: number;
  /** Time of the last input event. */
  lastInput: number;
  /** Path data of the simulated survival curve and its band, and when each last changed. */
  km: string;
  band: string;
  kmAt: number;
  bandAt: number;
}

declare global {
  interface Window {
    __bench?: Probe;
  }
}

/**
 * Installed before any page script: a MutationObserver notes when the first Kaplan–Meier and
 * trace paths carry path data, and a buffered PerformanceObserver keeps every long task.
 * (Plain source text: tsx's transform would wrap named inner functions in a helper the page
 * does not have.)
 */
const PROBE_SCRIPT = `(() => {
  const probe = { firstOsKm: null, firstTrace: null, longTasks: [], inputs: 0, lastInput: 0,
    km: '', band: '', kmAt: 0, bandAt: 0 };
  window.__bench = probe;
  document.addEventListener('input', () => { probe.inputs++; probe.lastInput = performance.now(); }, true);
  const pathOf = (sel) => { const el = document.querySelector(sel); return (el && el.getAttribute('d')) || ''; };
  const drawn = (id) => {
    const el = document.querySelector('[data-testid="curve-series"][data-series-id="' + id + '"]');
    const d = el ? el.getAttribute('d') : null;
    return !!d && d.trim() !== '';
  };
  const mo = new MutationObserver(() => {
    const t = performance.now();
    if (probe.firstTrace === null && drawn('os-trace')) probe.firstTrace = t;
    if (probe.firstOsKm === null && drawn('os-km')) probe.firstOsKm = t;
    const km = pathOf(${JSON.stringify(OS_KM)});
    const band = pathOf(${JSON.stringify(OS_BAND)});
    if (km !== probe.km) { probe.km = km; probe.kmAt = t; }
    if (band !== probe.band) { probe.band = band; probe.bandAt = t; }
  });
  mo.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['d'] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    // no long-task timing in this browser: the drag rows then report no tasks
  }
})();`;

/** Timestamps of `ms` worth of animation frames, collected in the page. */
function rafTimestamps(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(`new Promise((done) => {
    const ts = [];
    const tick = (t) => {
      ts.push(t);
      if (t - ts[0] < ${ms}) requestAnimationFrame(tick);
      else done(ts);
    };
    requestAnimationFrame(tick);
  })`);
}

function intervals(ts: number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < ts.length; i++) out.push(ts[i]! - ts[i - 1]!);
  return out;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Waits until the worker's first Kaplan–Meier curve has path data. */
async function curvesDrawn(page: Page): Promise<void> {
  await page.waitForFunction((sel) => !!document.querySelector(sel)?.getAttribute('d'), OS_KM, {
    timeout: 60_000,
  });
}

/** Waits until the status line says the worker's results match the scenario. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const t = document.querySelector('.sim-status')?.textContent ?? '';
      return t !== '' && !/Updating|Simulating/.test(t);
    },
    undefined,
    { timeout: 60_000 },
  );
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

// ── Measurements ──────────────────────────────────────────────────────────────────────────

async function firstCurves(browser: Browser, url: string): Promise<{ km: number; trace: number }> {
  const km: number[] = [];
  const trace: number[] = [];
  for (let i = 0; i < 3; i++) {
    // A fresh context each time: no HTTP cache, no storage, a cold load.
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.addInitScript(PROBE_SCRIPT);
      await page.goto(url);
      await page.waitForFunction(() => window.__bench?.firstOsKm != null, undefined, {
        timeout: 30_000,
      });
      const p = await page.evaluate(() => window.__bench!);
      km.push(p.firstOsKm!);
      trace.push(p.firstTrace ?? NaN);
    } finally {
      await context.close();
    }
  }
  return { km: median(km), trace: median(trace) };
}

/** The display's refresh interval (ms): median rAF interval on an idle page. */
async function refreshInterval(browser: Browser): Promise<number> {
  const context = await browser.newContext();
  try {
    const idle = await context.newPage();
    await idle.setContent('<!doctype html><title>idle</title><p>idle</p>');
    await rafTimestamps(idle, 500); // warm-up
    return median(intervals(await rafTimestamps(idle, 2000)));
  } finally {
    await context.close();
  }
}

/**
 * Frame intervals (ms) while `n` patients play. Throws when the app did not simulate `n`
 * patients (its status line names the count) or stopped playing during the measurement.
 */
async function frameIntervals(
  browser: Browser,
  url: string,
  n: number,
): Promise<{ median: number; p95: number }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    await page.goto(`${url}${playing(n)}`);
    await curvesDrawn(page);
    await page.locator('canvas[role="img"]').waitFor();
    await settled(page);
    const status = (await page.locator('.sim-status').textContent()) ?? '';
    const shown = Number(/([\d,]+) patients/.exec(status)?.[1]?.replace(/,/g, '') ?? NaN);
    if (shown !== n) throw new Error(`asked for ${n} patients, the app shows: "${status}"`);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await sleep(300); // warm-up frames after the first ones of playback
    const dt = intervals(await rafTimestamps(page, 4000));
    const stillPlaying = await page
      .getByRole('button', { name: 'Pause', exact: true })
      .isVisible()
      .catch(() => false);
    if (!stillPlaying) throw new Error('playback stopped during the frame measurement');
    return { median: median(dt), p95: quantile(dt, 0.95) };
  } finally {
    await context.close();
  }
}

/**
 * Slider input → the simulated survival curve AND its replicate band redrawn (ms), over `steps`
 * single keyboard steps of a rate slider on the default scenario (each step waits for the
 * previous one to settle, so this is the latency of one change, not of a drag).
 */
async function sliderToCurves(browser: Browser, url: string, steps = 20): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(PROBE_SCRIPT);
    await page.goto(url);
    await curvesDrawn(page);
    await page.locator(OS_BAND).waitFor();
    await settled(page);
    const slider = page.locator(SLIDER);
    await slider.focus();
    await sleep(300);
    const out: number[] = [];
    for (let i = 0; i < steps + 2; i++) {
      const before = await page.evaluate(() => ({
        km: window.__bench!.km,
        band: window.__bench!.band,
      }));
      // Two slider steps (about 2%): one step (1%) can round to the same three-digit intensity,
      // which is no change at all. Always upwards: every change is a scenario the app has not
      // seen, so no cache can answer it. Latency counts from the second input.
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page
        .waitForFunction(
          (b) => {
            const p = window.__bench!;
            const t = document.querySelector('.sim-status')?.textContent ?? '';
            return p.band !== b.band && t !== '' && !/Updating|Simulating/.test(t);
          },
          before,
          { timeout: 30_000 },
        )
        .catch(async (error: unknown) => {
          const where = await page.evaluate(() => ({
            focus: document.activeElement?.id ?? '',
            inputs: window.__bench!.inputs,
          }));
          throw new Error(`step ${i}: no new band (${JSON.stringify(where)}): ${String(error)}`);
        });
      const p = await page.evaluate(() => window.__bench!);
      // The first two steps warm up the worker's and the page's code paths.
      // The band always moves (200 replicate trials); the trial's own curve may not, when one
      // slider step changes no step of 81 patients: then only the band's time counts.
      const done = p.kmAt > p.lastInput ? Math.max(p.kmAt, p.bandAt) : p.bandAt;
      if (i >= 2) out.push(done - p.lastInput);
      await sleep(100);
    }
    return out;
  } finally {
    await context.close();
  }
}

async function sliderDrag(
  browser: Browser,
  url: string,
): Promise<{ max: number; over: number; inputs: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(PROBE_SCRIPT);
    await page.goto(url);
    await curvesDrawn(page);
    await settled(page);
    const slider = page.locator(SLIDER);
    await slider.scrollIntoViewIfNeeded();
    await sleep(500);
    const box = await slider.boundingBox();
    if (!box) throw new Error(`${SLIDER} has no box`);
    const y = box.y + box.height / 2;
    const x0 = box.x + box.width * 0.5;
    const amplitude = box.width * 0.3;

    const { start, inputs } = await page.evaluate(() => ({
      start: performance.now(),
      inputs: window.__bench?.inputs ?? 0,
    }));
    await page.mouse.move(x0, y);
    await page.mouse.down();
    const t0 = Date.now();
    while (Date.now() - t0 < 5000) {
      // Back and forth, about 1.2 s per sweep, one small move every 16 ms.
      const phase = ((Date.now() - t0) / 1200) * 2 * Math.PI;
      await page.mouse.move(x0 + amplitude * Math.sin(phase), y);
      await sleep(16);
    }
    await page.mouse.up();
    // The last request after release is part of the drag: wait for its result to be drawn.
    await sleep(50);
    await settled(page);
    await sleep(300);
    const probe = await page.evaluate(() => window.__bench!);
    const tasks = probe.longTasks.filter((t) => t.start >= start);
    if (probe.inputs - inputs < 20)
      throw new Error(`the drag moved ${SLIDER} only ${probe.inputs - inputs} times`);
    const durations = tasks.map((t) => t.duration);
    return {
      max: durations.length ? Math.max(...durations) : 0,
      over: durations.filter((d) => d > 50).length,
      inputs: probe.inputs - inputs,
    };
  } finally {
    await context.close();
  }
}

// ── Entry ─────────────────────────────────────────────────────────────────────────────────

/** What `benchBrowser` measures (keys as in `npm run bench -- --json`). */
export interface BrowserFigures {
  /** First-screen JavaScript, gzip (KB). */
  bundleGzipKB: number;
  /** Every .js file of the build, on-demand chunks and worker included, gzip (KB). */
  bundleTotalGzipKB: number;
  firstTraceMs: number;
  firstCurvesMs: number;
  sliderToCurvesMsMedian: number;
  sliderToCurvesMsP95: number;
  refreshMs: number;
  /** Frame interval while playing, by cohort size (NaN with a note when not measured). */
  frameMsMedian: Record<string, number>;
  frameMsP95: Record<string, number>;
  /** Longest main-thread task during a 5 s slider drag, default scenario (ms). */
  dragLongestTaskMs: number;
  /** Why a figure is NaN. */
  notes: string[];
}

/** Runs `fn`; on an error notes it and returns `fallback`. */
async function attempt<T>(notes: string[], what: string, fn: () => Promise<T>, fallback: T) {
  try {
    return await fn();
  } catch (error) {
    notes.push(`${what}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return fallback;
  }
}

/** Every browser figure NaN (not measured), with the reason as a note. */
export function browserNotMeasured(note: string): BrowserFigures {
  const frames = () => Object.fromEntries(FRAME_SIZES.map((n) => [String(n), NaN]));
  return {
    bundleGzipKB: NaN,
    bundleTotalGzipKB: NaN,
    firstTraceMs: NaN,
    firstCurvesMs: NaN,
    sliderToCurvesMsMedian: NaN,
    sliderToCurvesMsP95: NaN,
    refreshMs: NaN,
    frameMsMedian: frames(),
    frameMsP95: frames(),
    dragLongestTaskMs: NaN,
    notes: [note],
  };
}

/** The browser figures of `npm run bench` (builds dist/ first when it is out of date). */
export async function benchBrowser(): Promise<BrowserFigures> {
  ensureBuild();
  const out: BrowserFigures = { ...browserNotMeasured(''), notes: [] };
  const notes = out.notes;
  out.bundleGzipKB = firstScreenGzipBytes() / 1024;
  out.bundleTotalGzipKB = bundleGzipBytes() / 1024;
  if (!hasChromium) {
    // The harness already throws when CI=true; elsewhere the figures say what is missing.
    notes.push('browser figures not run: Chromium not found (set CHROME_PATH)');
    return out;
  }
  const server = await serveStatic(DIST);
  let browser: Browser | undefined;
  try {
    browser = await launch();
    const b = browser;
    const first = await attempt(notes, 'first curves', () => firstCurves(b, server.url), null);
    out.firstTraceMs = first?.trace ?? NaN;
    out.firstCurvesMs = first?.km ?? NaN;
    const lat = await attempt(notes, 'slider to curves', () => sliderToCurves(b, server.url), []);
    if (lat.length) {
      out.sliderToCurvesMsMedian = median(lat);
      out.sliderToCurvesMsP95 = quantile(lat, 0.95);
    }
    out.refreshMs = await refreshInterval(b);
    for (const n of FRAME_SIZES) {
      const f = await attempt(
        notes,
        `frames, ${n} patients`,
        () => frameIntervals(b, server.url, n),
        null,
      );
      out.frameMsMedian[String(n)] = f?.median ?? NaN;
      out.frameMsP95[String(n)] = f?.p95 ?? NaN;
    }
    const drag = await attempt(notes, 'slider drag', () => sliderDrag(b, server.url), null);
    out.dragLongestTaskMs = drag?.max ?? NaN;
  } finally {
    await browser?.close();
    await server.close();
  }
  return out;
}
