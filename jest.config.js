/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // The build uses `module: nodenext`, which keeps `import()` native; jest's module loader
  // cannot run a native import() without --experimental-vm-modules, so tests compile to plain
  // CommonJS (tsconfig.jest.json) and `import('vega')` becomes a require() of the UMD build below.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  // arquero 8 is ESM-only; Node 20 can require() it, jest's module loader cannot, so
  // jest gets arquero's own UMD build of the same version.
  moduleNameMapper: {
    '^arquero$': '<rootDir>/node_modules/arquero/dist/arquero.js',
    // vega is ESM with a top-level await (vega-canvas): jest gets the packages' own UMD builds.
    '^vega$': '<rootDir>/node_modules/vega/build/vega.js',
    '^vega-lite$': '<rootDir>/node_modules/vega-lite/build/vega-lite.min.js',
  },
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.tools/'],
  // The Python venvs under .tools/ hold package.json files of their own (jupyter extensions):
  // keep them out of jest's module map, or two of them collide by name.
  modulePathIgnorePatterns: ['<rootDir>/.tools/'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 120_000,
};
