/** Fault suite (npm run test:faults, issue 19): real processes, real SMTP, killed processes, outside locks, full disks; prints what was lost or duplicated. */
const esmPackages = require('./jest.esm-packages');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }], ...esmPackages.transform },
  transformIgnorePatterns: esmPackages.transformIgnorePatterns,
  testMatch: ['<rootDir>/test/faults/**/*.test.ts'],
  testTimeout: 180000,
};
