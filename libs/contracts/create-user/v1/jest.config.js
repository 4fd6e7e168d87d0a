module.exports = { ...require('../../../../jest.preset.js'), displayName: 'contract-create-user-v1' };
