/**
 * The full suite (`npm test`, CI: .ci/run), in two projects:
 * - unit: every test, on the modules under src/ (the CLI in this process through a fake edge);
 * - bundle: the CLI tests again on the product as installed: runCli spawns bin/pii-scan with its
 *   bundle, rules snapshot and saved prefilter (test/cli/helpers.ts, TARGET).
 * The edit loop's subset is jest.fast.config.js (`npm run test:fast`).
 * Native ESM: TypeScript is transformed by swc, module syntax is kept for Node's VM modules.
 */
export const base = {
  rootDir: '.',
  // Jest's node environment with a plain global: global names are read at Node's own speed.
  testEnvironment: '<rootDir>/test/helpers/node-environment.mjs',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    }],
  },
  testTimeout: 60000,
};

const unit = {
  ...base,
  displayName: 'unit',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
};

const bundle = {
  ...base,
  displayName: 'bundle',
  roots: ['<rootDir>/test'],
  testMatch: ['<rootDir>/test/cli/**/*.test.ts', '<rootDir>/test/report/no-leak*.test.ts', '<rootDir>/test/guard/check-*.test.ts'],
  // Counts the CLI's writes to its stdout, which only the fake edge can see.
  testPathIgnorePatterns: ['<rootDir>/test/cli/stdout-writes.test.ts'],
  globals: { PII_SCAN_TEST_TARGET: 'bundle' },
  globalSetup: '<rootDir>/test/helpers/ensure-built.mjs',
};

// testTimeout is read from the top level when there are projects.
export default { projects: [unit, bundle], testTimeout: base.testTimeout };
