module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'email-service',
  // The environment the stack gives the function, so handler tests import the real module.
  setupFiles: ['<rootDir>/tests/support/lambda-environment.ts'],
};
