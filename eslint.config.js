import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The UI libraries no pure part may import.
const UI_LIBRARIES = ['react', 'react-dom', 'zustand', 'd3-selection', 'd3-transition'];

/** A pattern forbidding imports of one part of src/ (by its folder name) from another. */
const part = (name, from) => ({
  regex: String.raw`(^|/)${name}(/|$)`,
  message: `${from} must not import src/${name} (see docs/architecture.md).`,
});

/** The options of no-restricted-imports: the UI libraries, plus the given patterns. */
const restrict = (...patterns) => ({
  patterns: [
    {
      regex: `^(${UI_LIBRARIES.join('|')})(/|$)`,
      message: 'This part stays pure: no React, zustand or DOM libraries.',
    },
    ...patterns,
  ],
});

export default tseslint.config(
  { ignores: ['dist', 'dist-single', 'node_modules', 'test-artifacts', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Every random draw comes from the scenario's seed.
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the seeded generator (src/model/simulate/random.ts).',
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  // Boundaries between the parts (docs/architecture.md): the model knows nothing of the rest;
  // the data are plain records typed by the model; the scenario core and the CLI never reach
  // into the UI. tests/architecture/boundaries.test.ts plants a violation of each.
  {
    files: ['src/model/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        restrict(
          part('ui', 'src/model'),
          part('scenario', 'src/model'),
          part('data', 'src/model'),
          part('cli', 'src/model'),
        ),
      ],
    },
  },
  {
    files: ['src/data/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        restrict(part('ui', 'src/data'), part('scenario', 'src/data'), part('cli', 'src/data'), {
          regex: String.raw`(^|/)model(/|$)`,
          allowTypeImports: true,
          message: 'src/data imports only types from src/model (import type).',
        }),
      ],
    },
  },
  {
    files: ['src/scenario/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        restrict(part('ui', 'src/scenario'), part('cli', 'src/scenario')),
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', restrict(part('ui', 'src/cli'))],
    },
  },
  {
    // The pure parts run in Node, in a Web Worker and in the CLI: no DOM.
    files: ['src/model/**/*.ts', 'src/data/**/*.ts', 'src/scenario/**/*.ts', 'src/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'localStorage', 'navigator'].map((name) => ({
          name,
          message: 'src/model, src/data, src/scenario and src/cli have no DOM.',
        })),
      ],
    },
  },
);
