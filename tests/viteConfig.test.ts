import { fileURLToPath } from 'node:url';
import { createLogger, loadConfigFromFile } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('vite.config.ts', () => {
  it('loads without a warning (every relative import names its file extension)', async () => {
    const warnings: string[] = [];
    const logger = createLogger('warn');
    logger.warn = (msg) => void warnings.push(msg);
    logger.warnOnce = (msg) => void warnings.push(msg);
    for (const mode of ['production', 'single']) {
      const loaded = await loadConfigFromFile(
        { command: 'build', mode },
        undefined,
        ROOT,
        'warn',
        logger,
      );
      expect(loaded?.path).toMatch(/vite\.config\.ts$/);
    }
    expect(warnings).toEqual([]);
  });
});
