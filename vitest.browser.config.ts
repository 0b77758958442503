import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core drives the system Chromium against the production build in dist/.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
