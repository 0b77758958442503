import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { contentSecurityPolicy } from './scripts/csp.ts';
import { workerInlining } from './scripts/workerInlining.ts';

// `npm run build` makes a static site that works from any path (relative base);
// `npm run build:single` (mode "single") makes one self-contained HTML file for a USB stick.
export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  const plugins: Plugin[] = [workerInlining(single), react() as unknown as Plugin];
  if (single) plugins.push(viteSingleFile() as unknown as Plugin);
  plugins.push(contentSecurityPolicy());
  return {
    base: './',
    plugins,
    // Classic (iife) worker: module workers from blob: URLs fail on file:// (the single-file build).
    worker: { format: 'iife' },
    build: {
      outDir: single ? 'dist-single' : 'dist',
      target: 'es2022',
      sourcemap: false,
    },
    test: {
      include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
      exclude: ['tests/browser/**', 'node_modules/**'],
      environment: 'node',
      // Timeouts catch a hang, never slowness: a calibration or a child process can take many
      // seconds on a loaded machine. Speed is measured by `npm run bench`, not by tests.
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  };
});
