import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core drives the system Chromium against the production build in dist/.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    // Builds dist/ and dist-single/ for this run into a temporary folder (see the file).
    globalSetup: ['tests/browser/globalSetup.ts'],
    environment: 'node',
    // Generous waits: they catch a page that never settles, not a slow machine (two test runs
    // side by side on two cores take many times longer). Speed is `npm run bench`'s business.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    expect: { poll: { timeout: 60_000 } },
    fileParallelism: false,
  },
});
