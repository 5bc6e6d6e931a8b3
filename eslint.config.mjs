// Lint configuration: typescript-eslint's recommended rules everywhere, plus the type-aware rules
// that catch real bugs in an asynchronous language server (unawaited promises, promises passed
// where a callback is expected). Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'out/**',
      'packages/language/src/generated/**',
      'packages/*/test/golden/**',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // The webview is compiled by its own project (DOM types, no Node).
    files: ['packages/vscode/src/webview/**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: 'packages/vscode/tsconfig.webview.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // The end-to-end runner also sends functions to the browser page.
    files: ['test/e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
);
