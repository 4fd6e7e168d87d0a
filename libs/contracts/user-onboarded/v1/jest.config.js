module.exports = { ...require('../../../../jest.preset.js'), displayName: 'contract-user-onboarded-v1' };
