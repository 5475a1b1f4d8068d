/** Browser tests: real Chromium (Debian's /usr/bin/chromium) driven by playwright-core. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
  testTimeout: 120000,
};
