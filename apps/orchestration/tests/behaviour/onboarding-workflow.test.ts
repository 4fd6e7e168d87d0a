/**
 * Runs the synthesized state machine definition with aws-local-stepfunctions (the local cloud's
 * engine) against simulated team functions, and checks what the workflow does in each situation.
 */
import { UserOnboardedV1 } from '@onboarding/contract-user-onboarded-v1';
import { UserOnboardingFailedV1 } from '@onboarding/contract-user-onboarding-failed-v1';
import { exampleUserSignupV1 } from '@onboarding/contract-user-signup-v1/testing';
import { exampleUserSignupV2 } from '@onboarding/contract-user-signup-v2/testing';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { renderOnboardingDefinition } from '../../infra/render-definition';
import { SimulatedTeams, runOnboarding, statesEntered } from '../support/simulated-teams';

let definition: StateMachineDefinition;
beforeAll(() => {
  definition = renderOnboardingDefinition();
});

const signup = exampleUserSignupV1();
const userId = `u-${signup.signupId.replaceAll('-', '')}`;
const prefix = `tenants/${signup.tenantId}/users/${userId}/`;
const executionName = `signup-${signup.signupId}`;

describe('the onboarding workflow', () => {
  it('onboards a signup: user, welcome email, storage, team notification, then UserOnboarded', async () => {
    const teams = new SimulatedTeams();

    const execution = await runOnboarding(definition, signup, teams);

    expect(execution.failedWith).toBeUndefined();
    expect(teams.users).toEqual([{ signupId: signup.signupId, tenantId: signup.tenantId, userId, email: signup.email }]);
    expect(teams.sentEmails).toEqual([{ signupId: signup.signupId, to: signup.email, locale: 'en' }]);
    expect([...teams.prefixes]).toEqual([prefix]);
    expect(teams.notifications).toEqual([{ signupId: signup.signupId, plan: signup.plan }]);
    expect(teams.events).toEqual([
      expect.objectContaining({
        source: UserOnboardedV1.source,
        detailType: UserOnboardedV1.detailType,
        detail: { version: '1', signupId: signup.signupId, tenantId: signup.tenantId, userId, storagePrefix: prefix, teamNotified: true, executionName },
      }),
    ]);
    expect(execution.output).toMatchObject({ signupId: signup.signupId, user: { userId }, notification: { delivered: true }, published: { eventId: 'event-1' } });
  });

  it('calls CreateUser first, then the email and the storage, then NotifyTeam', async () => {
    const teams = new SimulatedTeams();

    await runOnboarding(definition, signup, teams);

    expect(teams.stepsCalled[0]).toBe('CreateUser');
    expect(teams.stepsCalled.slice(1, 3).sort()).toEqual(['CreateUserStorage', 'SendWelcomeEmail']);
    expect(teams.stepsCalled[3]).toBe('NotifyTeam');
    expect(teams.stepsCalled).toHaveLength(4);
  });

  it('retries a step whose dependency is briefly unavailable, then carries on', async () => {
    const teams = new SimulatedTeams({ flaky: { SendWelcomeEmail: ['MailerUnavailableError', 'MailerUnavailableError'] } });

    const execution = await runOnboarding(definition, signup, teams);

    expect(teams.stepsCalled.filter((s) => s === 'SendWelcomeEmail')).toHaveLength(3);
    expect(execution.history.filter((e) => e.type === 'StateRetried' && e.state?.name === 'SendWelcomeEmail')).toHaveLength(2);
    expect(teams.sentEmails).toHaveLength(1);
    expect(teams.events.map((e) => e.detailType)).toEqual(['UserOnboarded']);
  });

  it('retries a Lambda service error (throttling) like a transient step error', async () => {
    const teams = new SimulatedTeams({ flaky: { CreateUser: ['Lambda.TooManyRequestsException'] } });

    const execution = await runOnboarding(definition, signup, teams);

    expect(execution.failedWith).toBeUndefined();
    expect(teams.stepsCalled.filter((s) => s === 'CreateUser')).toHaveLength(2);
    expect(teams.users).toHaveLength(1);
  });

  it('undoes the storage and then the user when the welcome email is refused for good, and says so', async () => {
    const teams = new SimulatedTeams({ refusedRecipients: [signup.email] });

    const execution = await runOnboarding(definition, signup, teams);

    expect(execution.failedWith).toBe('EmailRejectedError');
    expect(teams.stepsCalled.filter((s) => s === 'SendWelcomeEmail')).toHaveLength(1);
    const compensation = teams.stepsCalled.filter((s) => s.startsWith('Delete'));
    expect(compensation).toEqual(['DeleteUserStorage', 'DeleteUser']);
    expect(teams.prefixes.size).toBe(0);
    expect(teams.users).toEqual([]);
    expect(teams.calls.find((c) => c.step === 'DeleteUser')?.payload).toEqual({ signupId: signup.signupId, tenantId: signup.tenantId, userId, executionName });
    expect(teams.notifications).toEqual([]);
    expect(teams.events).toEqual([
      expect.objectContaining({
        source: UserOnboardingFailedV1.source,
        detailType: UserOnboardingFailedV1.detailType,
        detail: expect.objectContaining({ signupId: signup.signupId, failedStep: 'SendWelcomeEmail', error: 'EmailRejectedError', compensated: true, executionName }),
      }),
    ]);
  });

  it('refuses a duplicate user without touching storage, deleting only what this signup owns', async () => {
    const teams = new SimulatedTeams();
    const earlier = exampleUserSignupV1({ signupId: '5e0c1c56-8b0a-4c1e-a7a4-0c1f6f9b2d11' });
    await runOnboarding(definition, earlier, teams);
    teams.events.length = 0;
    teams.calls.length = 0;

    const execution = await runOnboarding(definition, signup, teams);

    expect(execution.failedWith).toBe('DuplicateUserError');
    expect(teams.stepsCalled).toEqual(['CreateUser', 'DeleteUser']);
    expect(teams.calls[1]?.payload).toEqual({ signupId: signup.signupId, tenantId: signup.tenantId, executionName });
    expect(teams.users.map((u) => u.signupId)).toEqual([earlier.signupId]);
    expect(teams.events).toEqual([
      expect.objectContaining({
        detailType: 'UserOnboardingFailed',
        detail: expect.objectContaining({ failedStep: 'CreateUser', error: 'DuplicateUserError', compensated: true }),
      }),
    ]);
  });

  it('publishes no personal data when a step fails with a message that quotes it', async () => {
    const teams = new SimulatedTeams({ refusedRecipients: [signup.email] });

    await runOnboarding(definition, signup, teams);

    const published = JSON.stringify(teams.events);
    expect(published).toContain('EmailRejectedError');
    expect(published).not.toContain(signup.email);
    expect(published).not.toContain(signup.name);
  });

  it('still onboards the user when the team notification gives up, recording teamNotified false', async () => {
    const teams = new SimulatedTeams({ down: { NotifyTeam: 'WebhookUnavailableError' } });

    const execution = await runOnboarding(definition, signup, teams);

    expect(execution.failedWith).toBeUndefined();
    expect(teams.stepsCalled.filter((s) => s === 'NotifyTeam').length).toBeGreaterThan(1);
    expect(teams.stepsCalled.some((s) => s.startsWith('Delete'))).toBe(false);
    expect(teams.users).toHaveLength(1);
    expect(teams.events).toEqual([expect.objectContaining({ detailType: 'UserOnboarded', detail: expect.objectContaining({ teamNotified: false, userId }) })]);
  });

  it('does not retry a notification the notifier refuses for good', async () => {
    const teams = new SimulatedTeams({ webhookConfigured: false });

    await runOnboarding(definition, signup, teams);

    expect(teams.stepsCalled.filter((s) => s === 'NotifyTeam')).toHaveLength(1);
    expect(teams.events[0]?.detail).toMatchObject({ teamNotified: false });
  });

  it('compensates when the storage stays unavailable after its retries, naming CreateUserStorage', async () => {
    const teams = new SimulatedTeams({ down: { CreateUserStorage: 'StorageUnavailableError' } });

    const execution = await runOnboarding(definition, signup, teams);

    expect(execution.failedWith).toBe('StorageUnavailableError');
    expect(teams.stepsCalled.filter((s) => s === 'CreateUserStorage')).toHaveLength(5);
    expect(teams.users).toEqual([]);
    expect(teams.events[0]?.detail).toMatchObject({ failedStep: 'CreateUserStorage', error: 'StorageUnavailableError', compensated: true });
  });

  it('reports compensated false when undoing the storage fails too, and leaves the user to an operator', async () => {
    const teams = new SimulatedTeams({ refusedRecipients: [signup.email], down: { DeleteUserStorage: 'StorageUnavailableError' } });

    const execution = await runOnboarding(definition, signup, teams);

    expect(execution.failedWith).toBe('EmailRejectedError');
    expect(statesEntered(execution.history)).toContain('PublishUserOnboardingFailedUncompensated');
    expect(teams.stepsCalled).not.toContain('DeleteUser');
    expect(teams.events).toEqual([
      expect.objectContaining({
        detail: expect.objectContaining({ failedStep: 'SendWelcomeEmail', error: 'EmailRejectedError', compensated: false, reason: expect.stringContaining('StorageUnavailableError') }),
      }),
    ]);
  });

  it('retries a compensation step through an error nobody listed before giving up', async () => {
    const teams = new SimulatedTeams({ refusedRecipients: [signup.email], flaky: { DeleteUser: ['Error', 'Error'] } });

    await runOnboarding(definition, signup, teams);

    expect(teams.stepsCalled.filter((s) => s === 'DeleteUser')).toHaveLength(3);
    expect(teams.users).toEqual([]);
    expect(teams.events[0]?.detail).toMatchObject({ compensated: true });
  });
});

describe('the onboarding workflow while UserSignup moves from v1 to v2', () => {
  it('onboards a v2 signup and writes its welcome email in the signup\'s language', async () => {
    const german = exampleUserSignupV2({ signupId: '7c2d9e4a-3b1f-4a6e-8d5c-1e9f0a2b3c4d', tenantId: 'default', email: 'lise@example.de', name: 'Lise Meitner', locale: 'de-AT' });
    const teams = new SimulatedTeams();

    const execution = await runOnboarding(definition, german, teams);

    expect(execution.failedWith).toBeUndefined();
    expect(teams.sentEmails).toEqual([{ signupId: german.signupId, to: german.email, locale: 'de-AT' }]);
    expect(teams.events.map((e) => e.detailType)).toEqual(['UserOnboarded']);
  });

  it('still onboards a v1 signup, which has no locale, with the welcome email in English', async () => {
    const v1 = exampleUserSignupV1();
    expect(v1).not.toHaveProperty('locale');
    const teams = new SimulatedTeams();

    const execution = await runOnboarding(definition, v1, teams);

    expect(execution.failedWith).toBeUndefined();
    expect(teams.sentEmails).toEqual([{ signupId: v1.signupId, to: v1.email, locale: 'en' }]);
    expect(teams.events).toEqual([expect.objectContaining({ detailType: 'UserOnboarded', detail: expect.objectContaining({ signupId: v1.signupId, teamNotified: true }) })]);
  });

  it('gives a v1 signup its default locale in the first state, and keeps the locale of a v2 one', async () => {
    const one = await runOnboarding(definition, exampleUserSignupV1(), new SimulatedTeams());
    const two = await runOnboarding(definition, exampleUserSignupV2({ locale: 'de' }), new SimulatedTeams());

    expect(statesEntered(one.history)[0]).toBe('ApplySignupDefaults');
    expect(one.output).toMatchObject({ version: '1', locale: 'en' });
    expect(two.output).toMatchObject({ version: '2', locale: 'de' });
  });
});
