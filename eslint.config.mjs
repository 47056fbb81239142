// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// One owner per entity: a module imports another module's `*.entity` only as a type (`import
// type`). Entity classes are repositories' keys; a module holding another's class can write its
// rows. A module reads and changes another's rows through that module's services (for the grant
// aggregate: GrantAggregate.withGrant and GrantLifecycleService). The kernel (src/core) imports no
// module's entity at all.
const MODULES = [
  'applications',
  'budget',
  'grants',
  'identity',
  'learnings',
  'notifications',
  'operations',
  'programmes',
  'proof-of-use',
  'reminders',
  'reports',
  'sprints',
  'webhooks',
];
const otherModulesEntity = (self) => ({
  regex: `^(\\.\\./)+(${MODULES.filter((m) => m !== self).join('|')})/(.+/)?[^/]+\\.entity$`,
  allowTypeImports: true,
  message:
    "Another module's entity may be imported only as a type (`import type`): read and change its rows through that module's services.",
});
// Files that still read another module's rows through its entity class, to move behind the owning
// module's services. The list only shrinks: any other file breaking the rule fails the lint.
const ENTITY_READERS_TO_MOVE = [
  'src/notifications/notifier.service.ts',
  'src/reminders/send-reminder.job.ts',
  'src/reports/generate-report.job.ts',
  'src/reports/report-builder.ts',
  'src/reports/report.service.ts',
];
const entityOwnership = [
  ...MODULES.map((module) => ({
    files: [`src/${module}/**/*.ts`],
    // Entities declare relations to other entities (`@ManyToOne(() => Grant)`); resolvers and the
    // GraphQL shapes in dto/ name them as GraphQL types (`@Field(() => BudgetLine)`): they need
    // the class, and none of them writes.
    ignores: [
      '**/*.entity.ts',
      '**/*.resolver.ts',
      '**/dto/**',
      '**/*.spec.ts',
      ...ENTITY_READERS_TO_MOVE,
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [otherModulesEntity(module)] },
      ],
    },
  })),
  {
    files: ['src/core/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [otherModulesEntity('core')] },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      'eslint.config.mjs',
      'web/dist/**',
      'web/src/routeTree.gen.ts',
      'web/src/graphql-env.d.ts',
      'web/test-results/**',
      'web/playwright-report/**',
      'web/postcss.config.cjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='parseFloat']",
          message: 'Money is integer minor units; never parse floats.',
        },
      ],
    },
  },
  ...entityOwnership,
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // TanStack Router redirects by throwing redirect(), its documented idiom.
    files: ['web/src/routes/**/*.tsx'],
    rules: { '@typescript-eslint/only-throw-error': 'off' },
  },
  {
    // Scripts of the web workspace run in Node as plain JavaScript modules.
    files: ['web/scripts/**/*.mjs', 'web/e2e/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly' },
    },
  },
);
