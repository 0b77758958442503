import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { findChromium } from './harness';

/**
 * Builds the production site and the single-file build once per browser-test run, into a
 * temporary folder of this run's own: a second `npm test` running beside this one (or an
 * `npm run build`) cannot replace the files these tests are serving. Downloads and uploaded
 * files of the run go to its `scratch` folder; everything is removed at the end.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const root = mkdtempSync(join(tmpdir(), 'msct-browser-tests-'));
  const dist = join(root, 'dist');
  const distSingle = join(root, 'dist-single');
  const scratch = join(root, 'scratch');
  mkdirSync(scratch);
  // Without Chromium every browser test is skipped (or fails first, under CI): nothing to build.
  if (findChromium()) {
    // Vitest sets NODE_ENV=test, and Vite would then bundle React's development build (slower
    // renders, warnings): the tests must drive the build users get.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ mode: 'production', logLevel: 'warn', build: { outDir: dist } });
      await build({ mode: 'single', logLevel: 'warn', build: { outDir: distSingle } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  }
  project.provide('browserBuilds', { dist, distSingle, scratch });
  return () => rmSync(root, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's builds and scratch folder (absolute paths), from tests/browser/globalSetup.ts. */
    browserBuilds: { dist: string; distSingle: string; scratch: string };
  }
}
