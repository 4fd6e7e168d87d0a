module.exports = { ...require('../../../../jest.preset.js'), displayName: 'contract-send-welcome-email-v1' };
