/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests', '<rootDir>/shared', '<rootDir>/bot', '<rootDir>/manifest'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking is `npm run typecheck`; jest only transpiles.
    '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: 'tsconfig.json', transpilation: true }],
  },
  // jose is ESM-only: let ts-jest turn it into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  moduleNameMapper: {
    // adaptivecards' "main" is untranspiled ESM with extensionless imports; its UMD bundle works in Node.
    '^adaptivecards$': '<rootDir>/node_modules/adaptivecards/dist/adaptivecards.js',
  },
  testTimeout: 60000,
  maxWorkers: 2,
};
