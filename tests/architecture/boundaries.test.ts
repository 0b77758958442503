import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The boundaries between the parts (docs/architecture.md) are ESLint rules: this plants a
 * violation of each in a file that is linted as if it lived in that folder (nothing is written)
 * and shows that lint fails, and that the allowed imports pass.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The messages ESLint gives for `text` as the file `path` (relative to the repository). */
async function lint(path: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${text}\nexport const planted = 1;\n`, {
    filePath: `${root}/${path}`,
  });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const CASES: { path: string; text: string; rule: RegExp }[] = [
  {
    path: 'src/model/simulate/planted.ts',
    text: "import { useApp } from '../../ui/store';\nvoid useApp;",
    rule: /src\/model must not import src\/ui/,
  },
  {
    path: 'src/model/planted.ts',
    text: "import { decodeLink } from '../scenario/builtIn';\nvoid decodeLink;",
    rule: /src\/model must not import src\/scenario/,
  },
  {
    path: 'src/model/estimate/planted.ts',
    text: "import type { StudyPreset } from '../../data';\nexport type X = StudyPreset;",
    rule: /src\/model must not import src\/data/,
  },
  {
    path: 'src/model/planted.ts',
    text: "import { create } from 'zustand';\nvoid create;",
    rule: /no React, zustand/,
  },
  {
    path: 'src/data/planted.ts',
    text: "import { buildModel } from '../model/markov/template';\nvoid buildModel;",
    rule: /src\/data imports only types from src\/model/,
  },
  {
    path: 'src/data/planted.ts',
    text: "import { decodeLink } from '../scenario/builtIn';\nvoid decodeLink;",
    rule: /src\/data must not import src\/scenario/,
  },
  {
    path: 'src/scenario/planted.ts',
    text: "import { useApp } from '../ui/store';\nvoid useApp;",
    rule: /src\/scenario must not import src\/ui/,
  },
  {
    path: 'src/scenario/planted.ts',
    text: 'export const w = window.location.href;',
    rule: /no-restricted-globals/,
  },
  {
    path: 'src/cli/planted.ts',
    text: "import { shareUrl } from '../ui/urlSync';\nvoid shareUrl;",
    rule: /src\/cli must not import src\/ui/,
  },
];

describe('ESLint boundaries between the parts', () => {
  it.each(CASES.map((c) => [c.path, c.text.split('\n')[0], c] as const))(
    'a planted violation in %s (%s) fails lint',
    async (_p, _t, c) => {
      const messages = await lint(c.path, c.text);
      expect(
        messages.some((m) => c.rule.test(m)),
        messages.join('\n'),
      ).toBe(true);
    },
    30_000,
  );

  it('the allowed directions pass', async () => {
    expect(
      await lint(
        'src/data/planted.ts',
        "import type { Intensities } from '../model/markov/template';\nexport type X = Intensities;",
      ),
    ).toEqual([]);
    expect(
      await lint(
        'src/scenario/planted.ts',
        "import { STUDIES } from '../data';\nimport { buildModel } from '../model/markov/template';\nvoid STUDIES;\nvoid buildModel;",
      ),
    ).toEqual([]);
    expect(
      await lint(
        'src/cli/planted.ts',
        "import { decodeLink } from '../scenario/builtIn';\nvoid decodeLink;",
      ),
    ).toEqual([]);
  }, 30_000);
});
