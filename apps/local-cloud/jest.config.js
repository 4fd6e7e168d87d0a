module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'local-cloud',
  testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '/tests/fixtures/'],
  // Each file boots servers and worker threads; two files at a time fit the 2-core machine.
  maxWorkers: 2,
  testTimeout: 30000,
};
