// Jest: TypeScript through ts-jest, tests under test/, in three projects: `unit` (everything but
// test/integration and the Redis tests, run in parallel), `neo4j` (test/integration/*.int.test.ts against a
// real Neo4j: its global setup starts a local one when NEO4J_URI is not set, and its files run one at a time
// since they share the database) and `redis` (test/queue/*.redis.test.ts: each file starts its own
// redis-server on a spare port, test/helpers/redis.ts, and runs the built binary's workers).
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFiles: ['<rootDir>/test/helpers/setup.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/integration/', '\\.redis\\.test\\.ts$'],
    },
    {
      ...shared,
      displayName: 'redis',
      roots: ['<rootDir>/test/queue'],
      testMatch: ['**/*.redis.test.ts'],
    },
    {
      ...shared,
      displayName: 'neo4j',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.int.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
      runner: '<rootDir>/test/integration/serial-runner.js',
      setupFilesAfterEnv: ['<rootDir>/test/integration/timeout.ts'],
    },
  ],
};
