module.exports = { ...require('../../../../jest.preset.js'), displayName: 'contract-notify-team-v1' };
