/** Fault tests (issue 19): several processes, killed processes, outside locks, full disks. Run with `npm run test:faults`. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/faults/**/*.test.ts'],
  testTimeout: 120000,
};
