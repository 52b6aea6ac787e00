// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { layerBoundaries } from './scripts/eslint/layer-boundaries.js';

/** Modules that must run under plain Node or in a web page may not reach for Electron. */
const noElectron = {
  name: 'electron',
  message: 'Product logic runs without Electron: inject an interface instead.',
};
/** The core computes; it reaches the world only through injected ports. */
const nodeIo = 'I/O belongs in src/main/node (an adapter the composition root injects).';
const ipcOnly = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Only the IPC transport modules touch ipcMain/ipcRenderer.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'reports/**', 'test-results/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // One-line handlers such as `onClick={() => setOpen(false)}` are clear; blocks elsewhere.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      'no-console': 'off',
    },
  },
  {
    files: [
      'src/main/core/**',
      'src/main/node/**',
      'src/shared/**',
      'src/cli/**',
      'src/main/web/**',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    // Files, sockets and processes are Node adapters (src/main/node), handed to the core.
    files: ['src/main/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'ws', message: nodeIo }],
          patterns: [{ regex: '^node:(?!crypto$)', message: nodeIo }],
        },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['node:*', 'ws'], message: 'src/shared is used by the renderer too.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'ws', message: 'The renderer talks only to the bridge.' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer is a web page: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**', 'src/preload/**'],
    ignores: [
      'src/main/electron/ipc-transport.ts',
      'src/preload/**',
      'src/main/core/**',
      'src/main/node/**',
      'src/main/web/**',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcOnly] }] },
  },
  {
    // Which layer may import which (docs/architecture.md §1): resolved paths, not package names.
    files: ['src/**'],
    plugins: { jobshell: layerBoundaries },
    rules: { 'jobshell/layer-boundaries': 'error' },
  },
  {
    // Issue 17's house rule: a file a newcomer can read in one sitting has one purpose, and past
    // about 300 lines a file holds more than one. React components count too; tests do not (a
    // table of cases is long without being hard to follow).
    files: ['src/**', 'scripts/**'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Issue 17's house rule: a function past about 80 lines does several things; name them. A
    // React component (.tsx) is exempt: its length is mostly markup, read top to bottom.
    files: ['src/**/*.ts', 'scripts/**'],
    rules: {
      'max-lines-per-function': [
        'error',
        { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
