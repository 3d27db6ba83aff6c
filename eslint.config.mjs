// One lint configuration for the whole repository: the app (src), the console, the backend (cloud),
// the contract, the tests, the benchmarks, the scripts and the build configuration.
// Formatting is Prettier's alone: eslint-config-prettier, last, turns off every rule it would fight.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** SQL lives in cloud/store: anything else asks the store, whose functions name what they read and write. */
const SQL_OUTSIDE_THE_STORE = [
  {
    selector: "CallExpression[callee.property.name='query']",
    message: 'SQL belongs in cloud/store: add or use a store function instead of calling query() here.',
  },
  {
    // A regular expression literal's exec() is not SQL.
    selector: "CallExpression[callee.property.name='exec']:not([callee.object.regex])",
    message: 'SQL belongs in cloud/store: add or use a store function instead of calling exec() here.',
  },
];

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', '.data/', '.test-data/', 'coverage/', 'bench/out/', 'test/artifacts/', 'test/fixtures/', '.swc/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused code is the compiler's to report (noUnusedLocals), and an unused parameter is often a signature's.
      '@typescript-eslint/no-unused-vars': 'off',
      'no-restricted-syntax': ['error', ...SQL_OUTSIDE_THE_STORE],
      // Validators reject control characters in names, titles and CSV cells by matching them.
      'no-control-regex': 'off',
    },
  },
  {
    // The app and the console run in a browser or a mini-program: React, hooks and the DOM.
    files: ['src/**/*.{ts,tsx}', 'console/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      // Neither app is built with the React Compiler, which these rules prepare code for. The hooks
      // deliberately keep the latest callback in a ref assigned during render, reset their state in
      // the effect that starts a load, and pages read the clock while rendering a countdown.
      'react-hooks/refs': 'off',
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/purity': 'off',
      'react-hooks/incompatible-library': 'off',
      // A missing dependency is an error, not a warning that scrolls by.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // CommonJS build configuration files.
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Taro evaluates its build configuration as CommonJS: it resolves paths with require('path') and __dirname.
    files: ['config/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The store itself, and tests and benchmarks that set up or inspect the database directly.
    files: ['cloud/store/**', 'test/**', '**/*.test.{ts,tsx}', 'bench/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Test doubles stand in for untyped platform objects (wx, my, the SDK's replies, zod internals).
    files: ['test/**', '**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
