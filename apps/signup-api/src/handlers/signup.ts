/**
 * Lambda entry point of `POST /signup` (API Gateway HTTP API, payload format 2.0): read and
 * validate the request, submit it (idempotently when the client sent an Idempotency-Key), answer
 * `202 {"signupId"}` or a JSON error. Every 4xx is decided before anything is published.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventPublisher } from '@onboarding/events';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { EventBridgeSignupPublisher } from '../adapters/event-bridge-signup-publisher';
import { makeIdempotentSubmission } from '../adapters/idempotent-submission';
import { randomSignupIds } from '../adapters/random-signup-ids';
import { systemClock } from '../adapters/system-clock';
import { config } from '../config';
import { submitSignup } from '../domain/submit-signup';
import { idempotencyStore, logger } from '../powertools';
import { errorResponse, jsonResponse, statusOf } from './http-response';
import { readSignupRequest } from './read-signup-request';

const events = new EventPublisher({ client: new EventBridgeClient({}), eventBusName: config.eventBusName });
const submit = submitSignup({ publisher: new EventBridgeSignupPublisher(events), clock: systemClock, ids: randomSignupIds });
const submitIdempotently = makeIdempotentSubmission(submit, { persistenceStore: idempotencyStore });

/** The Lambda handler of `POST /signup`. Always answers; never throws to API Gateway. */
export const handler = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
  logger.addContext(context);
  try {
    const { request, idempotencyKey } = readSignupRequest(event);
    logger.appendKeys({ tenantId: request.tenantId });
    const outcome = idempotencyKey
      ? await submitIdempotently(idempotencyKey, request, context)
      : { accepted: await submit(request), publishedNow: true, recorded: true };
    logger.appendKeys({ signupId: outcome.accepted.signupId });
    if (!outcome.recorded) {
      logger.warn('Signup published but its idempotency record was not saved; a retry with the same key may publish again');
    } else {
      logger.info(outcome.publishedNow ? 'Signup accepted' : 'Signup replayed for a repeated Idempotency-Key', { idempotent: idempotencyKey !== undefined });
    }
    return jsonResponse(202, { signupId: outcome.accepted.signupId });
  } catch (error) {
    const status = statusOf(error);
    if (status >= 500) {
      logger.error('Signup failed', { status, error: error as Error });
    } else {
      // Name and status only: the message of a refusal may quote client input (unknown field names).
      logger.info('Signup refused', { status, error: error instanceof Error ? error.name : 'unknown' });
    }
    return errorResponse(error);
  } finally {
    logger.resetKeys();
  }
};
