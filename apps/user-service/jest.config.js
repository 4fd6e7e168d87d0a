module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'user-service',
  // The handlers read their configuration at cold start (module load), so it must be in place first.
  setupFiles: ['<rootDir>/tests/support/env.ts'],
};
