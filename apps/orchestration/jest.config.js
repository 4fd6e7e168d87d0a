module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'orchestration',
  // aws-local-stepfunctions targets Node 22; tests/setup.ts polyfills what Node 20 lacks.
  setupFiles: ['<rootDir>/tests/setup.ts'],
};
