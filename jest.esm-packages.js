// openid-client and the two libraries it imports are published as ES modules only. Node 20.19+
// loads them with require() (as the compiled app does), but Jest's own module loader does not:
// Jest gets them turned into CommonJS by ts-jest (allowJs, transpiled only), and only them.
// Shared by jest.config.js and jest.e2e.config.js.
const ESM_PACKAGES = ['openid-client', 'oauth4webapi', 'jose'];

module.exports = {
  transform: {
    [`/node_modules/(${ESM_PACKAGES.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', sourceMap: false }, isolatedModules: true },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
};
