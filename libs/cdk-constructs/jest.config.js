module.exports = { ...require('../../jest.preset.js'), displayName: 'cdk-constructs' };
