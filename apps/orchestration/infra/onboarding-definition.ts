/**
 * The onboarding workflow as a chain of states (JSONPath only: the local cloud runs this same
 * definition with aws-local-stepfunctions, which has no JSONata, `Assign` or variables).
 *
 *   ApplySignupDefaults -> CreateUser -> WelcomeAndStorage[ SendWelcomeEmail | CreateUserStorage ] -> CheckWelcomeAndStorage
 *     -> NotifyTeam -> PublishUserOnboarded -> Onboarded
 *
 * Failure paths:
 *   CreateUser fails            -> CreateUserFailed -> DeleteUser -> PublishUserOnboardingFailed -> OnboardingFailed
 *   a Parallel branch fails     -> <Step>Failed marker; the Parallel succeeds and the Choice routes to
 *                                  CompensateAfter<Step> -> DeleteUserStorage -> DeleteUser -> PublishUserOnboardingFailed
 *   a compensation step fails   -> PublishUserOnboardingFailedUncompensated -> OnboardingFailedUncompensated
 *   NotifyTeam fails            -> TeamNotNotified (teamNotified false) -> PublishUserOnboarded: the signup stands,
 *                                  and the UserOnboarded event with teamNotified false is the record to replay from.
 *
 * Each branch catches its own failure and ends with a marker object, because a failing branch
 * would fail the whole Parallel and the Catch on the Parallel could not tell which step failed.
 *
 * State data, from the input (a UserSignup v1 or v2 detail; v1 carries no locale, ApplySignupDefaults
 * gives it `en`) on:
 *   $.user        { userId }                               CreateUser's result
 *   $.onboarding  { email: {failed, ...}, storage: {failed, ...} }   the Parallel's branches
 *   $.notification { delivered }                           NotifyTeam's result (false when it gave up)
 *   $.failure     { failedStep, error, deleteUser }        what failed, and DeleteUser's payload
 * Every Lambda payload also carries `executionName` (`$$.Execution.Name`), which the functions
 * append to their log lines next to `signupId` and `tenantId`.
 * Error `Cause` texts stay out of every published field: a step's message may quote the email
 * address or the name, so events carry the error name and a reason written from step and error names.
 */
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  Choice,
  Condition,
  Fail,
  JsonPath,
  Parallel,
  Pass,
  Succeed,
  TaskInput,
  Timeout,
  type IChainable,
  type RetryProps,
} from 'aws-cdk-lib/aws-stepfunctions';
import { EventBridgePutEvents, LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { UserOnboardedV1 } from '@onboarding/contract-user-onboarded-v1';
import { DEFAULT_LOCALE } from '@onboarding/events';
import { UserOnboardingFailedV1 } from '@onboarding/contract-user-onboarding-failed-v1';
import { TASK_TIMEOUT, compensationStepRetries, forwardStepRetries, publishRetries } from './retry-policies';
import type { StepName } from './step-contracts';

/** The six team functions the workflow calls, one per step. */
export type StepFunctions = Record<StepName, IFunction>;

/** Props of {@link buildOnboardingDefinition}. */
export interface OnboardingDefinitionProps {
  functions: StepFunctions;
  /** The bus the outcome events go to. */
  eventBus: IEventBus;
}

/**
 * State names. They are an interface: the local cloud and the behaviour tests key task overrides
 * by state name, and operators read them in the execution history.
 */
export const StateNames = {
  ApplySignupDefaults: 'ApplySignupDefaults',
  CreateUser: 'CreateUser',
  CreateUserFailed: 'CreateUserFailed',
  WelcomeAndStorage: 'WelcomeAndStorage',
  SendWelcomeEmail: 'SendWelcomeEmail',
  SendWelcomeEmailFailed: 'SendWelcomeEmailFailed',
  CreateUserStorage: 'CreateUserStorage',
  CreateUserStorageFailed: 'CreateUserStorageFailed',
  CheckWelcomeAndStorage: 'CheckWelcomeAndStorage',
  CompensateAfterSendWelcomeEmail: 'CompensateAfterSendWelcomeEmail',
  CompensateAfterCreateUserStorage: 'CompensateAfterCreateUserStorage',
  DeleteUserStorage: 'DeleteUserStorage',
  DeleteUser: 'DeleteUser',
  PublishUserOnboardingFailed: 'PublishUserOnboardingFailed',
  PublishUserOnboardingFailedUncompensated: 'PublishUserOnboardingFailedUncompensated',
  OnboardingFailed: 'OnboardingFailed',
  OnboardingFailedUncompensated: 'OnboardingFailedUncompensated',
  NotifyTeam: 'NotifyTeam',
  TeamNotNotified: 'TeamNotNotified',
  PublishUserOnboarded: 'PublishUserOnboarded',
  Onboarded: 'Onboarded',
} as const;

const signupKeys = { signupId: JsonPath.stringAt('$.signupId'), tenantId: JsonPath.stringAt('$.tenantId') };
const userId = JsonPath.stringAt('$.user.userId');
const executionName = JsonPath.stringAt('$$.Execution.Name');
/**
 * The keys every Lambda step payload starts with. `executionName` is not part of any step's input
 * contract: the contracts are open objects, so it passes, and each function appends it to its log
 * lines, which is how an operator goes from an execution to the logs of all its functions.
 */
const stepKeys = { ...signupKeys, executionName };

function withRetries<T extends { addRetry(props: RetryProps): unknown }>(state: T, retries: RetryProps[]): T {
  for (const retry of retries) state.addRetry(retry);
  return state;
}

/** A Lambda task in the house shape: our own retriers, a time-out, the result under `resultSelector`. */
function invokeStep(
  scope: Construct,
  step: StepName,
  fn: IFunction,
  props: { payload: TaskInput; resultSelector?: Record<string, unknown>; resultPath?: string; comment: string },
): LambdaInvoke {
  return new LambdaInvoke(scope, step, {
    lambdaFunction: fn,
    payload: props.payload,
    resultSelector: props.resultSelector,
    resultPath: props.resultPath,
    comment: props.comment,
    // The retriers below list Lambda's transient errors themselves, with jitter; CDK's built-in
    // retrier would add a second, jitter-less policy for the same errors.
    retryOnServiceExceptions: false,
    taskTimeout: Timeout.duration(TASK_TIMEOUT),
  });
}

/** A PutEvents task publishing one outcome event to the bus. */
function publishOutcome(scope: Construct, id: string, props: { eventBus: IEventBus; contract: typeof UserOnboardedV1 | typeof UserOnboardingFailedV1; detail: Record<string, unknown>; comment: string }) {
  const task = new EventBridgePutEvents(scope, id, {
    entries: [
      {
        eventBus: props.eventBus,
        source: props.contract.source,
        detailType: props.contract.detailType,
        detail: TaskInput.fromObject({ version: props.contract.version, ...signupKeys, ...props.detail, executionName }),
      },
    ],
    resultSelector: { eventId: JsonPath.stringAt('$.Entries[0].EventId') },
    resultPath: '$.published',
    comment: props.comment,
    taskTimeout: Timeout.duration(TASK_TIMEOUT),
  });
  return withRetries(task, publishRetries());
}

/** Builds the workflow; returns its first state. */
export function buildOnboardingDefinition(scope: Construct, props: OnboardingDefinitionProps): IChainable {
  const { functions, eventBus } = props;

  // ---- outcome and failure tail -------------------------------------------------------------
  const onboardingFailed = new Fail(scope, StateNames.OnboardingFailed, {
    errorPath: '$.failure.error',
    cause: 'A step failed; what the signup had completed was undone (see the UserOnboardingFailed event)',
  });
  const onboardingFailedUncompensated = new Fail(scope, StateNames.OnboardingFailedUncompensated, {
    errorPath: '$.failure.error',
    cause: 'A step failed and undoing the completed steps failed too (see the UserOnboardingFailed event)',
  });

  const publishFailed = publishOutcome(scope, StateNames.PublishUserOnboardingFailed, {
    eventBus,
    contract: UserOnboardingFailedV1,
    comment: 'Publishes UserOnboardingFailed after the compensation succeeded.',
    detail: {
      failedStep: JsonPath.stringAt('$.failure.failedStep'),
      error: JsonPath.stringAt('$.failure.error'),
      reason: JsonPath.format('{} failed with {}; the steps this signup had completed were undone', JsonPath.stringAt('$.failure.failedStep'), JsonPath.stringAt('$.failure.error')),
      compensated: true,
    },
  }).next(onboardingFailed);

  const publishFailedUncompensated = publishOutcome(scope, StateNames.PublishUserOnboardingFailedUncompensated, {
    eventBus,
    contract: UserOnboardingFailedV1,
    comment: 'Publishes UserOnboardingFailed when a compensation step failed as well: data of this signup may remain.',
    detail: {
      failedStep: JsonPath.stringAt('$.failure.failedStep'),
      error: JsonPath.stringAt('$.failure.error'),
      reason: JsonPath.format(
        '{} failed with {}; undoing the completed steps failed with {}, so data of this signup may remain',
        JsonPath.stringAt('$.failure.failedStep'),
        JsonPath.stringAt('$.failure.error'),
        JsonPath.stringAt('$.compensationError.Error'),
      ),
      compensated: false,
    },
  }).next(onboardingFailedUncompensated);

  // ---- compensation ----------------------------------------------------------------------------
  const catchCompensation = { errors: ['States.ALL'], resultPath: '$.compensationError' };

  // DeleteUser deletes only records of this signupId, so it is safe after any CreateUser failure,
  // DuplicateUserError included; its payload is prepared by whoever routes here (userId is known
  // only after CreateUser succeeded).
  const deleteUser = withRetries(
    invokeStep(scope, 'DeleteUser', functions.DeleteUser, {
      payload: TaskInput.fromJsonPathAt('$.failure.deleteUser'),
      resultPath: JsonPath.DISCARD,
      comment: 'Compensation: deletes the user records of this signup.',
    }),
    compensationStepRetries('DeleteUser'),
  )
    .addCatch(publishFailedUncompensated, catchCompensation)
    .next(publishFailed);

  const deleteUserStorage = withRetries(
    invokeStep(scope, 'DeleteUserStorage', functions.DeleteUserStorage, {
      payload: TaskInput.fromObject({ ...stepKeys, userId }),
      resultPath: JsonPath.DISCARD,
      comment: 'Compensation: deletes the storage prefix of this signup (a no-op when it was never created).',
    }),
    compensationStepRetries('DeleteUserStorage'),
  )
    .addCatch(publishFailedUncompensated, catchCompensation)
    .next(deleteUser);

  const createUserFailed = new Pass(scope, StateNames.CreateUserFailed, {
    comment: 'Records the failure of CreateUser and the DeleteUser payload (no userId: the user may not exist).',
    parameters: { failedStep: 'CreateUser', error: JsonPath.stringAt('$.caught.Error'), deleteUser: stepKeys },
    resultPath: '$.failure',
  }).next(deleteUser);

  function compensateAfter(step: 'SendWelcomeEmail' | 'CreateUserStorage', markerPath: string) {
    return new Pass(scope, `CompensateAfter${step}`, {
      comment: `Records the failure of ${step} and the DeleteUser payload.`,
      parameters: {
        failedStep: JsonPath.stringAt(`${markerPath}.failedStep`),
        error: JsonPath.stringAt(`${markerPath}.error`),
        deleteUser: { ...stepKeys, userId },
      },
      resultPath: '$.failure',
    }).next(deleteUserStorage);
  }

  // ---- forward path --------------------------------------------------------------------------
  const onboarded = new Succeed(scope, StateNames.Onboarded);
  const publishOnboarded = publishOutcome(scope, StateNames.PublishUserOnboarded, {
    eventBus,
    contract: UserOnboardedV1,
    comment: 'Publishes UserOnboarded; teamNotified false marks a notification to replay.',
    detail: {
      userId,
      storagePrefix: JsonPath.stringAt('$.onboarding.storage.prefix'),
      teamNotified: JsonPath.stringAt('$.notification.delivered'),
    },
  }).next(onboarded);

  const teamNotNotified = new Pass(scope, StateNames.TeamNotNotified, {
    comment: 'NotifyTeam gave up: the signup stands, the event records that the team was not told.',
    parameters: { delivered: false },
    resultPath: '$.notification',
  }).next(publishOnboarded);

  const notifyTeam = withRetries(
    invokeStep(scope, 'NotifyTeam', functions.NotifyTeam, {
      payload: TaskInput.fromObject({ ...stepKeys, userId, plan: JsonPath.stringAt('$.plan') }),
      resultSelector: { delivered: JsonPath.stringAt('$.Payload.delivered') },
      resultPath: '$.notification',
      comment: 'Tells the team about the new user (Slack or webhook).',
    }),
    forwardStepRetries('NotifyTeam'),
  )
    .addCatch(teamNotNotified, { errors: ['States.ALL'], resultPath: '$.notificationError' })
    .next(publishOnboarded);

  // Each branch ends with either its result or a marker, so the Parallel itself never fails.
  function branchFailureMarker(step: 'SendWelcomeEmail' | 'CreateUserStorage') {
    return new Pass(scope, `${step}Failed`, {
      comment: `Turns the failure of ${step} into a marker the Choice after the Parallel routes on.`,
      parameters: { failed: true, failedStep: step, error: JsonPath.stringAt('$.Error') },
    });
  }

  const sendWelcomeEmail = withRetries(
    invokeStep(scope, 'SendWelcomeEmail', functions.SendWelcomeEmail, {
      payload: TaskInput.fromObject({ ...stepKeys, userId, email: JsonPath.stringAt('$.email'), name: JsonPath.stringAt('$.name'), locale: JsonPath.stringAt('$.locale') }),
      resultSelector: { failed: false, messageId: JsonPath.stringAt('$.Payload.messageId') },
      comment: 'Sends the welcome email (SES v2).',
    }),
    forwardStepRetries('SendWelcomeEmail'),
  ).addCatch(branchFailureMarker('SendWelcomeEmail'), { errors: ['States.ALL'] });

  const createUserStorage = withRetries(
    invokeStep(scope, 'CreateUserStorage', functions.CreateUserStorage, {
      payload: TaskInput.fromObject({ ...stepKeys, userId }),
      resultSelector: { failed: false, bucket: JsonPath.stringAt('$.Payload.bucket'), prefix: JsonPath.stringAt('$.Payload.prefix') },
      comment: "Creates the user's S3 prefix.",
    }),
    forwardStepRetries('CreateUserStorage'),
  ).addCatch(branchFailureMarker('CreateUserStorage'), { errors: ['States.ALL'] });

  const welcomeAndStorage = new Parallel(scope, StateNames.WelcomeAndStorage, {
    comment: 'The welcome email and the storage do not depend on each other.',
    resultSelector: { email: JsonPath.objectAt('$[0]'), storage: JsonPath.objectAt('$[1]') },
    resultPath: '$.onboarding',
  })
    .branch(sendWelcomeEmail)
    .branch(createUserStorage);

  const checkWelcomeAndStorage = new Choice(scope, StateNames.CheckWelcomeAndStorage, {
    comment: 'Routes to compensation when a branch left a failure marker (the email first when both failed).',
  })
    .when(Condition.booleanEquals('$.onboarding.email.failed', true), compensateAfter('SendWelcomeEmail', '$.onboarding.email'))
    .when(Condition.booleanEquals('$.onboarding.storage.failed', true), compensateAfter('CreateUserStorage', '$.onboarding.storage'))
    .otherwise(notifyTeam);

  const createUser = withRetries(
    invokeStep(scope, 'CreateUser', functions.CreateUser, {
      payload: TaskInput.fromObject({
        ...stepKeys,
        email: JsonPath.stringAt('$.email'),
        name: JsonPath.stringAt('$.name'),
        plan: JsonPath.stringAt('$.plan'),
      }),
      resultSelector: { userId: JsonPath.stringAt('$.Payload.userId') },
      resultPath: '$.user',
      comment: 'Creates the user record (user-service, DynamoDB).',
    }),
    forwardStepRetries('CreateUser'),
  ).addCatch(createUserFailed, { errors: ['States.ALL'], resultPath: '$.caught' });

  createUser.next(welcomeAndStorage).next(checkWelcomeAndStorage);

  // Both UserSignup versions start the workflow during the migration: a v1 signup (or the replay
  // of one) has no locale, and is welcomed in English. Fields of the input win over the defaults.
  return new Pass(scope, StateNames.ApplySignupDefaults, {
    comment: 'Gives a UserSignup v1 signup, which has no locale, the locale en; a v2 signup keeps its own.',
    parameters: { signup: JsonPath.jsonMerge(JsonPath.stringToJson(JSON.stringify({ locale: DEFAULT_LOCALE })), JsonPath.objectAt('$')) },
    outputPath: '$.signup',
  }).next(createUser);
}
