import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/components/**', 'src/app/**', 'src/charts/**', 'src/state/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // DESIGN.md layering: core and train never reach the UI, the DOM or the store.
    files: ['src/core/**', 'src/train/**', 'cli/**', 'tools/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*', 'd3', 'd3-*'],
              message: 'core, train and the CLI must not depend on the UI.',
            },
            {
              group: ['**/state/**', '**/components/**', '**/charts/**', '**/app/**', '**/worker/**'],
              message: 'core, train and the CLI sit below the UI layers (DESIGN.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*', 'd3', 'd3-*', '@tensorflow/*'],
              message: 'core is pure TypeScript: no UI and no tfjs.',
            },
            {
              group: ['**/train/**', '**/state/**', '**/components/**', '**/charts/**', '**/app/**', '**/worker/**'],
              message: 'core is the bottom layer (DESIGN.md).',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
);
