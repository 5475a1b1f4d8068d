const esmPackages = require('./jest.esm-packages');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }], ...esmPackages.transform },
  transformIgnorePatterns: esmPackages.transformIgnorePatterns,
  testMatch: ['<rootDir>/test/{unit,db,http,cli,mail}/**/*.test.ts'],
  testTimeout: 90000,
};
