import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'test-results/', 'playwright-report/', 'admin/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../../*'], message: 'Use the #src/* alias instead.' }] },
      ],
    },
  },
  {
    // Domains never reach up into the delivery layers (web, api, cli).
    files: ['src/{catalog,features,rankings,search,accounts,db,shared}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['#src/web/*', '#src/api/*', '#src/cli/*'],
              message: 'Domains must not import delivery layers.',
            },
            { group: ['../../*'], message: 'Use the #src/* alias instead.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/assets/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The back office talks to the server only through the HTTP API.
    files: ['admin/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['#src/*', '../src/*', '../../src/*'],
              message: 'admin/ uses the HTTP API, not src/.',
            },
          ],
        },
      ],
    },
  },
);
