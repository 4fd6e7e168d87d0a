module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'notifier',
  // The environment the stack gives the function, so handler tests load the real module.
  setupFiles: ['<rootDir>/tests/support/lambda-environment.ts'],
};
