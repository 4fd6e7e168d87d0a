module.exports = { ...require('../../../../jest.preset.js'), displayName: 'contract-delete-user-v1' };
