import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
  {
    // The model is pure: it runs in Node, in a Web Worker and in the CLI.
    files: ['src/model/**/*.ts', 'src/data/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'react',
            'react-dom',
            'react-dom/client',
            'zustand',
            'd3-selection',
            'd3-transition',
          ].map((name) => ({
            name,
            message: 'src/model and src/data stay pure: no React, zustand or DOM.',
          })),
          patterns: [
            { group: ['**/ui/**', 'zustand/*', 'react/*'], message: 'src/model stays pure.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'src/model has no DOM.' },
        { name: 'document', message: 'src/model has no DOM.' },
        { name: 'localStorage', message: 'src/model has no DOM.' },
        { name: 'navigator', message: 'src/model has no DOM.' },
      ],
    },
  },
);
