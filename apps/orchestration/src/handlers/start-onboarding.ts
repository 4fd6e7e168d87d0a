/**
 * StartOnboarding: the target of the UserSignup rule. EventBridge cannot name a Step Functions
 * execution, and the execution name must come from the signupId (so a duplicate delivery cannot
 * start a second onboarding), so this function parses the event and starts the named execution.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { EventContractError, parseEventOf } from '@onboarding/events';
import { SfnWorkflowStarter } from '../adapters/sfn-workflow-starter';
import { loadConfig } from '../config';
import { InvalidSignupEventError } from '../domain/errors';
import { startOnboarding, type StartOnboardingResult } from '../domain/start-onboarding';
import { logger } from '../powertools';
import { SIGNUP_VERSIONS, type AcceptedSignup } from '../signup-versions';

const config = loadConfig();
const workflow = new SfnWorkflowStarter(new SFNClient({}), config.stateMachineArn);

/** Reads the event with the UserSignup version its detail names (v1 or v2). */
function parseSignup(event: unknown): AcceptedSignup {
  try {
    return parseEventOf(SIGNUP_VERSIONS, event).detail;
  } catch (error) {
    if (error instanceof EventContractError) {
      throw new InvalidSignupEventError(`UserSignup event refused, nothing started: ${error.problems.join('; ')}`, error.path, error.problems, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Parses the UserSignup event and starts its onboarding; a duplicate delivery is a success. */
export const handler = async (event: unknown): Promise<StartOnboardingResult> => {
  try {
    let signup: AcceptedSignup;
    try {
      signup = parseSignup(event);
    } catch (error) {
      // Problems name fields and rules, never values, so they are safe to log.
      if (error instanceof InvalidSignupEventError) logger.error('Refused an invalid UserSignup event', { field: error.field, problems: error.problems });
      throw error;
    }
    logger.appendKeys({ signupId: signup.signupId, tenantId: signup.tenantId, signupVersion: signup.version });
    const result = await startOnboarding(signup, { workflow });
    logger.appendKeys({ executionName: result.executionName });
    if (result.outcome === 'already-started') logger.info('Onboarding already started for this signup: duplicate delivery ignored');
    else logger.info('Onboarding started', { executionArn: result.executionArn });
    return result;
  } finally {
    // Keys appended for one signup must not leak into the next invocation of this sandbox.
    logger.resetKeys();
  }
};
