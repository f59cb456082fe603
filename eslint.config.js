import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noElectron = {
  name: 'electron',
  message: 'The core runs under plain Node; Electron-only code belongs in electron/main.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test/e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // The core never imports Electron, so every client (and every test) can run it under Node.
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [{ group: ['electron/*'], message: noElectron.message }] },
      ],
    },
  },
  {
    // The contract is shared by the renderer, the core and the CLI: no platform imports.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'react', message: 'shared/ is UI-free.' }],
          patterns: [
            { group: ['node:*'], message: 'shared/ runs in the browser too: no Node built-ins.' },
            {
              group: ['react/*', 'react-dom', 'react-dom/*', 'electron/*'],
              message: 'shared/ holds only the contract.',
            },
            {
              group: [
                'fs',
                'path',
                'os',
                'crypto',
                'child_process',
                'net',
                'http',
                'https',
                'stream',
                'events',
                'util',
              ],
              message: 'shared/ runs in the browser too: no Node built-ins.',
            },
          ],
        },
      ],
    },
  },
);
