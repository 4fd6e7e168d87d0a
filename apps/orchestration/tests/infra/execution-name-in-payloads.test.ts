/**
 * The functions log the execution name only if the state machine hands it to them. This runs the
 * synthesized definition on the local cloud's engine (aws-local-stepfunctions) and looks at the
 * payload each simulated team function received, on the forward path and on the compensation path,
 * Parallel branches included (the context object there is the runner's, not the branch input's).
 */
import { exampleUserSignupV1 } from '@onboarding/contract-user-signup-v1/testing';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { renderOnboardingDefinition } from '../../infra/render-definition';
import { SimulatedTeams, runOnboarding } from '../support/simulated-teams';

let definition: StateMachineDefinition;
beforeAll(() => {
  definition = renderOnboardingDefinition();
});

const signup = exampleUserSignupV1();

describe('the execution name in step payloads', () => {
  it('reaches every function of a successful onboarding, in the Parallel branches too', async () => {
    const teams = new SimulatedTeams();

    const execution = await runOnboarding(definition, signup, teams);

    expect(teams.stepsCalled.sort()).toEqual(['CreateUser', 'CreateUserStorage', 'NotifyTeam', 'SendWelcomeEmail']);
    for (const call of teams.calls) expect(call.payload).toMatchObject({ executionName: execution.executionName, signupId: signup.signupId });
  });

  it('reaches both compensation functions when the welcome email is refused', async () => {
    const teams = new SimulatedTeams({ refusedRecipients: [signup.email] });

    const execution = await runOnboarding(definition, signup, teams);

    const compensations = teams.calls.filter((c) => c.step === 'DeleteUserStorage' || c.step === 'DeleteUser');
    expect(compensations.map((c) => c.step)).toEqual(['DeleteUserStorage', 'DeleteUser']);
    for (const call of compensations) expect(call.payload).toMatchObject({ executionName: execution.executionName });
  });

  it('reaches DeleteUser when CreateUser itself failed', async () => {
    const teams = new SimulatedTeams({ down: { CreateUser: 'DuplicateUserError' } });

    const execution = await runOnboarding(definition, signup, teams);

    expect(execution.failedWith).toBe('DuplicateUserError');
    expect(teams.calls.find((c) => c.step === 'DeleteUser')?.payload).toMatchObject({ executionName: execution.executionName, signupId: signup.signupId });
  });
});
