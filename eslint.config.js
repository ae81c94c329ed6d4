import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Chinese text uses the ideographic space (U+3000) on purpose.
  { rules: { 'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }] } },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The house rule: shared code runs everywhere, so it imports neither Node, Electron, nor main/renderer code.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'electron', 'better-sqlite3', 'exceljs', '../main/*', '../renderer/*', '**/main/**', '**/renderer/**'] },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', '**/main/**'] }] },
  },
  {
    files: ['src/main/**/*.ts'],
    // The thin Electron glue; everything else in main (services, db, bridge, CLI) must run without electron.
    ignores: [
      'src/main/index.ts',
      'src/main/window.ts',
      'src/main/ipc.ts',
      'src/main/security.ts',
      'src/main/electron-host.ts',
      'src/main/menu.ts',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['**/renderer/**'] }] },
  },
  {
    files: ['src/main/bridge/window-api.js'],
    languageOptions: {
      globals: {
        window: 'writable',
        document: 'readonly',
        location: 'readonly',
        sessionStorage: 'readonly',
        fetch: 'readonly',
        URLSearchParams: 'readonly',
      },
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
