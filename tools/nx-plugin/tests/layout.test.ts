/** How a contract version is named in each place it appears. */
import { contractFolder, contractPackageName, contractProjectName, contractRefOfFolder, contractRefOfPackage, formatContractRef, kebabCase, parseContractRef } from '../src/contracts/layout.ts';

describe('contract layout', () => {
  const ref = { name: 'send-welcome-email', version: '1' };

  it('names the folder, the package, the project and the reference of a contract version alike', () => {
    expect([contractFolder(ref), contractPackageName(ref), contractProjectName(ref), formatContractRef(ref)]).toEqual([
      'libs/contracts/send-welcome-email/v1',
      '@onboarding/contract-send-welcome-email-v1',
      'contract-send-welcome-email-v1',
      'send-welcome-email/v1',
    ]);
  });

  it('reads a reference back from each of them', () => {
    expect(parseContractRef('send-welcome-email/v1')).toEqual(ref);
    expect(contractRefOfFolder('libs/contracts/send-welcome-email/v1')).toEqual(ref);
    expect(contractRefOfPackage('@onboarding/contract-send-welcome-email-v1')).toEqual(ref);
    expect(contractRefOfPackage('@onboarding/contract-user-signup-v12')).toEqual({ name: 'user-signup', version: '12' });
  });

  it.each(['user-signup', 'user-signup/1', 'user-signup/v0', 'UserSignup/v1', 'user_signup/v1', 'user-signup/v1/x'])('refuses %p as a reference', (text) => {
    expect(parseContractRef(text)).toBeUndefined();
  });

  it('finds no contract in other folders and packages', () => {
    expect(contractRefOfFolder('libs/events')).toBeUndefined();
    expect(contractRefOfPackage('@onboarding/events')).toBeUndefined();
  });

  it('turns contract names into folder names', () => {
    expect(['UserSignup', 'SendWelcomeEmail', 'UserOnboardingFailed', 'HTTPRequestMade'].map(kebabCase)).toEqual(['user-signup', 'send-welcome-email', 'user-onboarding-failed', 'http-request-made']);
  });
});
