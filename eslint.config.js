import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/__generated__/**',
      '.data/**',
      'scratch/**',
      'bench/results/**',
      '**/dist/**',
      'test-output/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // Services log structured JSON through pino; console output would break the log stream.
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // A cast to never or through unknown silences the type checker instead of answering it: type the
    // value (codegen mappers, satisfies, type guards, generics) so a real mismatch stays an error.
    files: ['**/src/**/*.ts'],
    ignores: ['**/__generated__/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'TSAsExpression[typeAnnotation.type="TSNeverKeyword"], TSTypeAssertion[typeAnnotation.type="TSNeverKeyword"]',
          message:
            'No `as never`: type the value (a mapper, a type guard, a generic) instead of silencing the checker.',
        },
        {
          selector: 'TSAsExpression > TSAsExpression.expression[typeAnnotation.type="TSUnknownKeyword"]',
          message:
            'No `as unknown as`: type the value (a mapper, a type guard, a generic) instead of silencing the checker.',
        },
      ],
    },
  },
  {
    // Tests, scripts and benchmarks may use `any` for JSON bodies and write to the console.
    files: ['tests/**', 'scripts/**', 'bench/**', '**/*.test.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  // The web front: Vue single-file components in the browser, linted with Vue's recommended rules.
  ...pluginVue.configs['flat/recommended'].map((config) => ({ ...config, files: ['web/**/*.vue'] })),
  {
    files: ['web/**/*.vue', 'web/**/*.ts'],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
    rules: {
      // Prettier lays out the templates; these layout rules would fight it.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
);
