import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'playwright-report', 'test-results', '.scratch'] },
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
    // The layering rule of the project: core knows neither Preact nor the Chime SDK. One rule entry
    // per file group: in flat config a later `no-restricted-imports` replaces an earlier one for the
    // same files, which silently dropped the Preact ban from src/core when both blocks matched it.
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // @preact/signals-core is framework-free (signal, computed, effect, batch); the
              // Preact bindings (@preact/signals) and Preact itself are not.
              group: ['preact', 'preact/*', '@preact/*', '!@preact/signals-core'],
              message: 'src/core is framework-free: of Preact packages only @preact/signals-core.',
            },
            {
              group: ['amazon-chime-sdk-js', 'amazon-chime-sdk-js/*'],
              message: 'Only src/media talks to the Chime SDK.',
            },
            {
              group: ['amazon-connect-chatjs', 'amazon-connect-chatjs/*'],
              message: 'Only src/chat talks to amazon-connect-chatjs.',
            },
            {
              group: [
                '**/ui',
                '**/ui/*',
                '**/media',
                '**/media/*',
                '**/chat',
                '**/chat/*',
                '**/embed',
                '**/embed/*',
              ],
              message: 'Imports flow embed -> ui -> core and media -> core, never out of core.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only src/media talks to the Chime SDK, only src/chat to amazon-connect-chatjs (each in its
    // own lazily loaded chunk).
    files: ['src/ui/**', 'src/embed/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'amazon-chime-sdk-js',
            'amazon-chime-sdk-js/*',
            'amazon-connect-chatjs',
            'amazon-connect-chatjs/*',
          ],
        },
      ],
    },
  },
  {
    files: ['src/media/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['amazon-connect-chatjs', 'amazon-connect-chatjs/*'] },
      ],
    },
  },
  {
    files: ['src/chat/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['amazon-chime-sdk-js', 'amazon-chime-sdk-js/*'] },
      ],
    },
  },
);
