/** Fault suite (npm run test:faults): real processes, real SMTP, injected failures; prints what was lost or duplicated. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/faults/**/*.test.ts'],
  testTimeout: 180000,
};
