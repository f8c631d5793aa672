import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'playwright-report', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The layering rule of the project: core knows neither Preact nor the Chime SDK.
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'preact',
            'preact/*',
            '@preact/*',
            'amazon-chime-sdk-js',
            '../ui/*',
            '../media/*',
            '../embed/*',
          ],
        },
      ],
    },
  },
  {
    // Only src/media talks to the Chime SDK.
    files: ['src/ui/**', 'src/embed/**', 'src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['amazon-chime-sdk-js', 'amazon-chime-sdk-js/*'] },
      ],
    },
  },
);
