/** One jest run covers every package; tests live in test/ and import packages by name. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
    // PnPjs (the SharePoint adapter) ships ES modules only: Node requires them natively, jest needs them compiled.
    '/node_modules/@pnp/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!@pnp/)'],
  moduleNameMapper: {
    '^@pph/contract$': '<rootDir>/contract/src/index.ts',
    '^@pph/functions$': '<rootDir>/functions/src/index.ts',
    '^@pph/functions/(.*)$': '<rootDir>/functions/src/$1',
    '^@pph/bot$': '<rootDir>/bot/src/index.ts',
    '^@pph/bot/(.*)$': '<rootDir>/bot/src/$1',
    // The SPFx web part's views are tested on the root's React and Fluent UI, never spfx/node_modules' React 17.
    '^react$': '<rootDir>/node_modules/react',
    '^react/(.*)$': '<rootDir>/node_modules/react/$1',
    '^react-dom$': '<rootDir>/node_modules/react-dom',
    '^react-dom/(.*)$': '<rootDir>/node_modules/react-dom/$1',
    '^@fluentui/react-components$': '<rootDir>/node_modules/@fluentui/react-components',
  },
  testTimeout: 30000,
};
