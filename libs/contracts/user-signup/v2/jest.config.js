module.exports = { ...require('../../../../jest.preset.js'), displayName: 'contract-user-signup-v2' };
