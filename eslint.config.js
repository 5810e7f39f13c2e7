// Lint: typescript-eslint (type-aware where promises are concerned) and eslint-plugin-vue.
// Layout is Prettier's job (.prettierrc.json); eslint-config-prettier turns off rules that would fight it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.output/',
      '.wxt/',
      'widget/dist/',
      'hub/widget/dist/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'data/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        parser: tseslint.parser,
        extraFileExtensions: ['.vue'],
      },
    },
    rules: {
      // A promise nobody awaits hides its failure: await it, or mark it `void` where fire-and-forget is meant.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  // The benches drive the built extension: code they evaluate inside its pages uses `chrome`.
  { files: ['bench/**'], languageOptions: { globals: globals.webextensions } },
  {
    // Tests read frames and answers as loose JSON on purpose (to send and check malformed ones too).
    files: ['tests/**', '**/*.test.ts', '**/*.testing.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
