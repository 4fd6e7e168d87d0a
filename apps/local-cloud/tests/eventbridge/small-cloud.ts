/**
 * A hand-made CloudModel for the EventBridge and Step Functions endpoint tests: one custom bus, two
 * rules (one with an input transformer), and an onboarding-like state machine with a Retry, a
 * Catch, a Parallel and an EventBridge PutEvents task. Plus the plumbing to serve a handler on
 * 127.0.0.1 and point the real AWS SDK v3 clients at it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_ACCOUNT, LOCAL_REGION, type CloudModel, type RuleModel, type StateMachineModel } from '../../src/model';

const origin = { app: 'test', stackName: 'TestStack' };
export const BUS_NAME = 'onboarding-bus';
export const BUS_ARN = `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:event-bus/${BUS_NAME}`;

export function functionArn(name: string): string {
  return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${name}`;
}

export function stateMachineArn(name: string): string {
  return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}`;
}

export const ONBOARDING_MACHINE = stateMachineArn('onboarding');

/** Starts the onboarding of a signup; forwards the UserSignup detail. */
export const signupRule: RuleModel = {
  ...origin,
  logicalId: 'SignupRule',
  name: 'signup-to-workflow',
  arn: `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:rule/${BUS_NAME}/signup-to-workflow`,
  eventBusName: BUS_NAME,
  eventPattern: { source: ['onboarding.signup'], 'detail-type': ['UserSignup'] },
  state: 'ENABLED',
  description: 'Starts the onboarding workflow',
  targets: [{ id: 'StartOnboarding', arn: functionArn('start-onboarding'), inputPath: '$.detail' }],
};

/** Audits onboarded users with an input transformer. */
export const auditRule: RuleModel = {
  ...origin,
  logicalId: 'AuditRule',
  name: 'onboarded-audit',
  arn: `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:rule/${BUS_NAME}/onboarded-audit`,
  eventBusName: BUS_NAME,
  eventPattern: { source: ['onboarding.orchestration'], 'detail-type': ['UserOnboarded'], detail: { plan: ['pro', 'team'] } },
  state: 'ENABLED',
  targets: [
    {
      id: 'AuditLog',
      arn: functionArn('audit-log'),
      inputTransformer: {
        InputPathsMap: { signup: '$.detail.signupId', plan: '$.detail.plan', tags: '$.detail.tags', absent: '$.detail.nothing' },
        InputTemplate:
          '{"signupId": <signup>, "summary": "<signup> chose \\"<plan>\\"", "tags": <tags>, "absent": <absent>, "rule": <aws.events.rule-name>, "ruleArn": <aws.events.rule-arn>, "envelope": <aws.events.event>, "kept": "<not-a-variable>"}',
      },
    },
  ],
};

/** A disabled rule that would match signups: it must never fire. */
export const disabledRule: RuleModel = {
  ...origin,
  logicalId: 'DisabledRule',
  name: 'signup-disabled',
  arn: `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:rule/${BUS_NAME}/signup-disabled`,
  eventBusName: BUS_NAME,
  eventPattern: { source: ['onboarding.signup'] },
  state: 'DISABLED',
  targets: [{ id: 'Never', arn: functionArn('never') }],
};

/**
 * CreateUser (Retry on UserStoreUnavailableError, Catch to CreateUserFailed) then a Parallel of
 * SendWelcomeEmail and PublishSignupSeen (events:putEvents), then Onboarded.
 */
export const onboardingDefinition = {
  Comment: 'Test onboarding',
  StartAt: 'CreateUser',
  States: {
    CreateUser: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: functionArn('create-user'), 'Payload.$': '$' },
      ResultSelector: { 'userId.$': '$.Payload.userId' },
      ResultPath: '$.user',
      Retry: [{ ErrorEquals: ['UserStoreUnavailableError'], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 3 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.caught', Next: 'CreateUserFailed' }],
      Next: 'WelcomeAndPublish',
    },
    WelcomeAndPublish: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'SendWelcomeEmail',
          States: {
            SendWelcomeEmail: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { FunctionName: functionArn('send-welcome-email'), Payload: { 'signupId.$': '$.signupId', 'userId.$': '$.user.userId' } },
              OutputPath: '$.Payload',
              End: true,
            },
          },
        },
        {
          StartAt: 'PublishSignupSeen',
          States: {
            PublishSignupSeen: {
              Type: 'Task',
              Resource: 'arn:aws:states:::events:putEvents',
              Parameters: {
                Entries: [
                  {
                    EventBusName: BUS_NAME,
                    Source: 'onboarding.orchestration',
                    DetailType: 'SignupSeen',
                    Detail: { 'signupId.$': '$.signupId', 'executionName.$': '$$.Execution.Name' },
                  },
                ],
              },
              ResultSelector: { 'eventId.$': '$.Entries[0].EventId' },
              End: true,
            },
          },
        },
      ],
      ResultSelector: { 'messageId.$': '$[0].messageId', 'eventId.$': '$[1].eventId' },
      ResultPath: '$.onboarding',
      Next: 'Onboarded',
    },
    Onboarded: { Type: 'Succeed' },
    CreateUserFailed: {
      Type: 'Pass',
      Parameters: { 'signupId.$': '$.signupId', 'error.$': '$.caught.Error' },
      Next: 'OnboardingFailed',
    },
    OnboardingFailed: { Type: 'Fail', Error: 'OnboardingFailed', Cause: 'CreateUser failed' },
  },
};

export const onboardingMachine: StateMachineModel = {
  ...origin,
  logicalId: 'OnboardingStateMachine',
  name: 'onboarding',
  arn: ONBOARDING_MACHINE,
  type: 'STANDARD',
  definition: onboardingDefinition,
  roleLogicalId: 'OnboardingRole',
};

/** An Express machine that echoes its input through a plain Lambda ARN task. */
export const echoMachine: StateMachineModel = {
  ...origin,
  logicalId: 'EchoStateMachine',
  name: 'echo',
  arn: stateMachineArn('echo'),
  type: 'EXPRESS',
  definition: { StartAt: 'Echo', States: { Echo: { Type: 'Task', Resource: functionArn('echo'), End: true } } },
};

/** The model of the tests. */
export function smallCloud(): CloudModel {
  return {
    functions: [],
    tables: [],
    buckets: [],
    queues: [],
    buses: [{ ...origin, logicalId: 'Bus', name: BUS_NAME, arn: BUS_ARN }],
    rules: [signupRule, auditRule, disabledRule],
    stateMachines: [onboardingMachine, echoMachine],
    httpRoutes: [],
    secrets: [],
    ssmParameters: [],
    roles: {},
  };
}

/** Serves a request listener on 127.0.0.1 (a free port); resolves with its base URL and a closer. */
export async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Client settings for the AWS SDK v3 against a local endpoint: no retries, so errors surface as they are. */
export function clientConfig(endpoint: string) {
  return { endpoint, region: LOCAL_REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
}
