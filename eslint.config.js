// Lint for the whole repo; the import boundaries are in eslint.boundaries.js (docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { boundaries } from './eslint.boundaries.js';

const nodeOnly = {
  group: ['node:*', 'electron', 'sharp', 'ws', 'exifr', 'file-type'],
  message: 'The renderer and the contract run without Node: ask main through window.shoebox.',
};
const shipped = ['main/**/*.ts', 'renderer/**/*.{ts,tsx}', 'contract/**/*.ts', 'preload/**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      'out/',
      '.tools/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'bench/.work/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [nodeOnly] }],
    },
  },
  ...boundaries,
  // Shipped code is linted with type information: strict type-checked rules, no floating promise.
  ...tseslint.configs.strictTypeChecked.map((config) => ({ ...config, files: shipped })),
  {
    files: shipped,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      // Handler tables and ports are async by contract; a handler with nothing to await is fine.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // zustand actions are closures over the store, never `this`: destructuring them is safe.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // One error shape in main/ (docs/architecture.md, "Errors"): every error class is coded.
    files: ['main/**/*.ts'],
    ignores: ['main/model/coded-error.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ClassDeclaration[superClass.name="Error"]',
          message: 'Extend CodedError (main/model/coded-error.ts): one error shape, with a code.',
        },
      ],
    },
  },
  {
    // Core code logs through the logger port (main/model/logger.ts); hosts may print to a terminal.
    files: ['main/**/*.ts'],
    ignores: ['main/hosts/**'],
    rules: { 'no-console': 'error' },
  },
  {
    // In tests a missing value fails the test either way; `!` keeps assertions readable.
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
