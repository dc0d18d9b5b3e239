/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // arquero 8 is ESM-only; Node 20 can require() it, jest's module loader cannot, so
  // jest gets arquero's own UMD build of the same version.
  moduleNameMapper: { '^arquero$': '<rootDir>/node_modules/arquero/dist/arquero.js' },
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.tools/'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 120_000,
};
