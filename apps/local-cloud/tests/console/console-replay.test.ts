/**
 * The console's own replay (used when the local cloud gives it no `replaySignup`), and its change
 * feed, on a console served over HTTP in front of the real Step Functions runner with step fakes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsoleFeed, createConsole, type ConsoleChange } from '../../src/console';
import type { CloudModel, InvokeFunction, InvokeResult } from '../../src/model';
import { createStepFunctionsService, type StepFunctionsService } from '../../src/stepfunctions';
import { onboardingDefinition } from './onboarding-definition';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:onboarding';
const model: CloudModel = {
  functions: [],
  tables: [],
  buckets: [],
  queues: [],
  buses: [],
  rules: [],
  stateMachines: [{ app: 'orchestration', stackName: 'OnboardingOrchestration', logicalId: 'OnboardingStateMachine', name: 'onboarding', arn: ARN, type: 'STANDARD', definition: onboardingDefinition }],
  httpRoutes: [],
  secrets: [],
  ssmParameters: [],
  roles: {},
};

const ok = (Payload: unknown): InvokeResult => ({ StatusCode: 200, Payload, durationMs: 1, coldStart: false });
/** Every step succeeds, except CreateUser for a signupId starting with `duplicate`. */
const invokeFunction: InvokeFunction = async (fn, payload) => {
  const step = fn.split(':').pop();
  const signupId = (payload as { signupId: string }).signupId;
  if (step === 'CreateUser' && signupId.startsWith('duplicate')) return { StatusCode: 200, FunctionError: 'Unhandled', Payload: { errorType: 'DuplicateUserError', errorMessage: 'exists' }, durationMs: 1, coldStart: false };
  return ok(step === 'CreateUser' ? { userId: `u-${signupId}` } : step === 'CreateUserStorage' ? { bucket: 'b', prefix: 'p/' } : step === 'NotifyTeam' ? { delivered: true } : { messageId: 'm' });
};

describe("the console's own replay", () => {
  let sfn: StepFunctionsService;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    sfn = createStepFunctionsService({ model, invokeFunction, putEvents: async (entries) => ({ FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: 'e' })) }), retryDelayScale: 0 });
    server = createServer(createConsole({ model, endpoints: () => ({}), stepfunctions: sfn }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await sfn.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const replay = async (executionArn: string) => {
    const response = await fetch(`${url}/api/executions/replay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ executionArn }) });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };
  const names = async () => (await sfn.listExecutions({ stateMachineArn: ARN })).executions.map((e) => e.name).sort();

  it('starts the failed execution again from its input as <name>-r1, then -r2', async () => {
    // No plan: the runner fails CreateUser before calling it (States.Runtime), nothing to undo.
    const input = JSON.stringify({ signupId: 'broken-1', tenantId: 't1', email: 'a@example.com', name: 'A' });
    const { executionArn } = await sfn.startExecution(ARN, 'signup-broken-1', input);
    expect((await sfn.waitForExecution(executionArn)).status).toBe('FAILED');

    const first = await replay(executionArn);
    const second = await replay(first.body['executionArn'] as string);

    expect(first).toEqual({ status: 202, body: { executionArn: expect.stringMatching(/:signup-broken-1-r1$/), via: 'new-execution' } });
    expect((await sfn.waitForExecution(first.body['executionArn'] as string)).status).toBe('FAILED');
    expect(second.body['executionArn']).toMatch(/:signup-broken-1-r2$/);
    expect((await sfn.describeExecution(second.body['executionArn'] as string)).input).toBe(input);
    expect(await names()).toEqual(expect.arrayContaining(['signup-broken-1', 'signup-broken-1-r1', 'signup-broken-1-r2']));
  });

  it('re-drives a signup whose compensation ran as a new execution from the same input', async () => {
    const input = { signupId: 'duplicate-1', tenantId: 't1', email: 'a@example.com', name: 'A', plan: 'pro' };
    const { executionArn } = await sfn.startExecution(ARN, 'signup-duplicate-1', input);
    await sfn.waitForExecution(executionArn);

    const answer = await replay(executionArn);

    expect(answer.status).toBe(202);
    expect(answer.body['executionArn']).toMatch(/:signup-duplicate-1-r1$/);
    expect(JSON.parse((await sfn.describeExecution(answer.body['executionArn'] as string)).input ?? '{}')).toEqual(input);
  });
});

describe('ConsoleFeed', () => {
  it('sends the notes of one moment together, once per execution, and nothing to nobody', async () => {
    const feed = new ConsoleFeed({ batchMs: 5 });
    feed.publish({ topic: 'executions', executionArn: 'before-anyone-listened' });
    const received: ConsoleChange[][] = [];
    const batch = new Promise<void>((resolve) => {
      feed.subscribe((changes) => {
        received.push(changes);
        resolve();
      });
    });

    feed.publish({ topic: 'executions', executionArn: 'a' });
    feed.publish({ topic: 'executions', executionArn: 'a' });
    feed.publish({ topic: 'events' });
    await batch;

    expect(received).toEqual([[{ topic: 'executions', executionArn: 'a' }, { topic: 'events' }]]);
    feed.close();
  });

  it('runs its closers when it closes', () => {
    const feed = new ConsoleFeed();
    const closed: string[] = [];
    feed.onClose(() => closed.push('console'));

    feed.close();

    expect(closed).toEqual(['console']);
  });
});
