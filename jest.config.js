// Two projects in one run: `unit` (specs beside the code, nothing external) and `integration` (test/ and
// workflows/, against one real Temporal dev server and one fresh Postgres database started by the global
// setup). Jest runs a project's global setup only when that project has tests selected, so
// `npx jest libs/domain` starts no server.
const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      // NestJS and TypeORM read constructor and property types from decorator metadata.
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swcTransform },
  moduleNameMapper: {
    '^@grantflow/domain/(.*)$': '<rootDir>/libs/domain/src/$1',
    '^@grantflow/(contracts|domain|db|config|temporal|open-data)$': '<rootDir>/libs/$1/src',
    '^@grantflow/activities$': '<rootDir>/activities',
  },
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 120_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/activities', '<rootDir>/infra'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      roots: ['<rootDir>/test', '<rootDir>/workflows'],
      testMatch: ['**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFiles: ['<rootDir>/test/support/quiet-temporal-runtime.ts'],
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      slowTestThreshold: 30,
    },
  ],
};
