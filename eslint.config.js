// Lint rules, including the import matrix of the design: each layer imports only downward.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

const layer = (message) => message;

// The import matrix (design §2): which folder may see which.
const matrix = [
  { target: './shared', from: ['./engine', './electron', './renderer', './e2e', './build'], message: layer('shared/ imports nothing but zod') },
  { target: './engine', from: ['./electron', './renderer', './build'], message: layer('engine/ never imports electron/, renderer/ or build/') },
  { target: './renderer', from: ['./engine', './electron', './e2e', './build'], message: layer('renderer/ imports only shared/ and its own files') },
  { target: './electron', from: ['./renderer', './e2e', './build'], message: layer('electron/ imports shared/ and engine/host only') },
  { target: './electron', from: './engine', except: ['./host'], message: layer('electron/ imports shared/ and engine/host only') },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'e2e/artifacts/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      'preserve-caught-error': 'off',
      // LDIF and DN escaping deal with control characters on purpose.
      'no-control-regex': 'off',
      // The import matrix (design §2): which folder may see which.
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: matrix,
        },
      ],
    },
  },
  {
    // Engine code never sees the test environment; its integration tests use the launchers in e2e/env.
    files: ['engine/**/*.{ts,tsx,mjs}'],
    ignores: ['engine/**/*.test.ts', 'engine/**/test-*.ts', 'engine/**/*-harness.ts', 'engine/**/test-fixture.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: [...matrix, { target: './engine', from: ['./e2e'], message: 'engine/ never imports e2e/ (only its tests do)' }] },
      ],
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!zod$)(?!\\.{1,2}/)', message: 'shared/ imports nothing but zod' }] }],
    },
  },
  {
    files: ['engine/**/*.{ts,tsx,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'engine/ must never import electron (a run-time require tries to download the binary)' }],
          patterns: [{ regex: '^(react|react-dom|@mui/.*|@tanstack/react-.*|@emotion/.*)(/.*)?$', message: 'engine/ never imports UI libraries' }],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer uses window.idsync, never electron' }],
          patterns: [{ regex: '^node:', message: 'the renderer runs in a browser sandbox: no Node built-ins' }, { regex: '^(better-sqlite3|ldapts|@azure/.*|@microsoft/.*|ws)$', message: 'renderer/ imports only shared/ and its own files' }],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(react|react-dom|@mui/.*)(/.*)?$', message: 'electron/ has no UI code' }] }],
    },
  },
);
