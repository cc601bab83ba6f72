// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // shared/ runs in the browser and in Node: no platform or SDK imports.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'http'],
              message: 'shared/ must not use Node APIs.',
            },
            {
              group: [
                'botbuilder*',
                'botframework-*',
                '@microsoft/teams-js',
                'react*',
                'pg',
                'better-sqlite3',
              ],
              message: 'shared/ holds domain code only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only bot/teams talks to the Bot Framework SDK, so swapping the SDK touches one folder.
    files: ['bot/**/*.ts'],
    ignores: ['bot/teams/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['botbuilder*', 'botframework-*'],
              message: 'Only bot/teams/ may import the Bot Framework SDK.',
            },
          ],
        },
      ],
    },
  },
);
