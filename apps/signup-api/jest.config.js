module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'signup-api',
  // The handler reads its configuration at import, as it does at a Lambda cold start.
  setupFiles: ['<rootDir>/tests/test-env.ts'],
};
