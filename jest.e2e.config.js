/** Browser tests: real Chromium (Debian's /usr/bin/chromium) driven by playwright-core. */
const esmPackages = require('./jest.esm-packages');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }], ...esmPackages.transform },
  transformIgnorePatterns: esmPackages.transformIgnorePatterns,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
  testTimeout: 120000,
};
