// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  {
    ignores: ['dist/**', '.data/**', 'node_modules/**', 'coverage/**', 'apps/web/**', '**/*.js', '**/*.mjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code is replayed: it must stay deterministic and free of I/O. Types may still be imported.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflows are deterministic sandboxes: no Node built-ins.',
            allowTypeImports: true,
          })),
          patterns: [
            {
              group: [
                'typeorm',
                'typeorm/*',
                'pg',
                '@nestjs/*',
                '@grantflow/db',
                '**/libs/db/**',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
              ],
              message:
                'Workflows may not import persistence, NestJS or non-workflow Temporal packages; use activities.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Pure business rules depend on no framework and do no I/O, so they run in workflows, the API and tests alike.
    files: ['libs/domain/**/*.ts', 'libs/contracts/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Domain and contracts are pure: no Node built-ins.',
            allowTypeImports: true,
          })),
          patterns: [
            {
              group: [
                'typeorm',
                'typeorm/*',
                'pg',
                '@nestjs/*',
                '@grantflow/db',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
              ],
              message: 'Domain and contracts import no framework.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
