module.exports = { ...require('../../../../jest.preset.js'), displayName: 'contract-user-onboarding-failed-v1' };
