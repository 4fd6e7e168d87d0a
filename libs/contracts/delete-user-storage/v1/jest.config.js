module.exports = { ...require('../../../../jest.preset.js'), displayName: 'contract-delete-user-storage-v1' };
