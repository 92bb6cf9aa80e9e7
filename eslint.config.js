// Lint rules that keep each process to what it may import (see DESIGN.md, "Processes and boundaries").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeOnly = {
  group: ['node:*', 'electron', 'sharp', 'ws', 'exifr', 'file-type'],
  message: 'The renderer and the contract run without Node: ask main through window.shoebox.',
};
const electronOnlyInShell = {
  paths: [
    { name: 'electron', message: 'Only main/hosts/electron/ and preload/ may import electron.' },
  ],
};

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
  {
    files: ['contract/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeOnly] }] },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/hosts/electron/**'],
    rules: { 'no-restricted-imports': ['error', electronOnlyInShell] },
  },
  {
    // In tests a missing value fails the test either way; `!` keeps assertions readable.
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
