// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/** Node built-ins and I/O modules: never in deterministic workflow code. */
const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https'];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      '.tools',
      '.temporal',
      'coverage',
      'work',
      'reports',
      'models',
      '*.js',
      '*.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json', '.node'] })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      // Layers point one way; a cycle would mean two modules that can only be understood together.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // The layers, bottom up: src/ (domain, no Temporal) → temporal/ (adapters to the SDK)
    // → activities/ → workflows/ → worker.ts and client/. Nothing imports a layer above it.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@temporalio/*'],
              message: 'src/ is plain domain code: Temporal adapters live in temporal/ and activities/.',
            },
            {
              group: ['**/workflows', '**/workflows/**', '**/client/**', '**/activities', '**/activities/**'],
              message: 'src/ is the bottom layer: it must not import workflows/, activities/ or client/.',
            },
            {
              group: ['**/temporal/**', '**/worker', '**/test/**'],
              message: 'src/ is the bottom layer: it must not import temporal/, worker.ts or tests.',
            },
          ],
        },
      ],
    },
  },
  {
    // One error model: error classes live in an errors.ts of their area and extend DomainError
    // (src/core/errors.ts), which carries the failure type and whether a retry can help.
    files: ['src/**/*.ts', 'activities/**/*.ts', 'workflows/**/*.ts', 'temporal/**/*.ts', 'client/**/*.ts'],
    ignores: ['**/errors.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ClassDeclaration[id.name=/Error$/], ClassDeclaration[superClass.name=/Error$/]',
          message: 'Error classes go in an errors.ts and extend DomainError from src/core/errors.ts.',
        },
      ],
    },
  },
  {
    files: ['src/**/errors.ts'],
    ignores: ['src/core/errors.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ClassDeclaration[superClass.name='Error']",
          message:
            'Domain errors extend DomainError (src/core/errors.ts), which says whether a retry can help.',
        },
      ],
    },
  },
  {
    // src/core is shared by every layer, workflows included (at run time): plain data, no imports.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./)', message: 'src/core holds plain data and imports nothing.' }] },
      ],
    },
  },
  {
    files: ['temporal/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/workflows', '**/workflows/**', '**/client/**', '**/activities', '**/activities/**'],
              message: 'temporal/ adapts the SDK for the layers above it and must not import them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../workflows', '../workflows/**', '../client/**'],
              allowTypeImports: true,
              message:
                'Activities sit below workflows: only type imports from workflows/ (names in src/core).',
            },
          ],
        },
      ],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O,
    // no domain modules that touch files or tensors. Types may still be imported, and
    // the import-free src/core at run time.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: NODE_BUILTINS,
              message: 'Workflows must be deterministic: do I/O in an activity.',
            },
            {
              group: [
                '@tensorflow/*',
                'arquero',
                'pino',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
              ],
              message: 'Workflows must not load I/O or compute libraries.',
            },
            {
              // Allowed at run time: src/core (plain data), the pure zod schemas that check
              // workflow inputs (promotion policy, training parameters, rollback request, an
              // experiment's input and settings, which the retrain's experiment policy reuses), and
              // the study's sampler, pruner, schedule and settings schemas (src/tuning): pure, deterministic
              // arithmetic on small JSON — no files, tensors or clocks — run inside the study
              // workflow so replays and resumes suggest the same trials; and the experiment's
              // bounded per-batch timeline (src/experiments/timeline: type imports only).
              regex:
                '^\\.\\./(src/(?!core/|evaluation/promotion-policy$|model/training-params$|experiments/(experiment-input|settings|timeline)$|registry/rollback-request$|tuning/(suggest|median-pruner|study-schedule|study-settings|trial-params|trial-record)$)|activities(/|$)|temporal/)',
              allowTypeImports: true,
              message:
                'Only type imports from domain code and activities inside workflows (src/core is allowed).',
            },
            {
              group: ['../client/**', '../worker'],
              message: 'Workflows sit below the worker and the CLI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
