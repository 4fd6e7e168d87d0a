/**
 * The console's HTTP API on the local cloud running the real apps (their synthesized assemblies):
 * what the page reads (executions with their failed step, one execution with its analysis, what a
 * signup left behind, the live stream) and the two things it can change (a signup, a replay), with
 * bad requests refused and nothing started by them.
 */
import { eventually as poll, type Probe } from '@onboarding/testing';
import { startLocalCloud, type LocalCloud } from '../../src/boot/start-local-cloud';
import type { ExecutionDetail, ExecutionRow } from '../../src/console';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** This file's bound on every wait. */
const eventually = <T>(probe: Probe<T>, what: string, timeoutMs = 15_000): Promise<T> => poll(probe, what, timeoutMs);

describe('the console API on the local cloud', () => {
  let cloud: LocalCloud;
  let consoleUrl: string;

  beforeAll(async () => {
    cloud = await startLocalCloud({ ports: 'free', synth: false, stepFunctionsRetryDelayScale: 0.001, asyncRetryDelayMs: () => 10 });
    consoleUrl = cloud.endpoints.console;
  }, 60_000);

  afterAll(async () => {
    await cloud?.stop();
  });

  const get = async <T>(path: string) => {
    const response = await fetch(`${consoleUrl}${path}`);
    return { status: response.status, body: (await response.json()) as T };
  };
  const post = async (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
    const response = await fetch(`${consoleUrl}${path}`, { method: 'POST', headers, body });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };
  const signUp = async (email: string, name: string, tenantId: string) => {
    const answer = await post('/api/signup', JSON.stringify({ email, name, tenantId, plan: 'pro' }));
    expect(answer.status).toBe(202);
    return answer.body['signupId'] as string;
  };
  const finishedRow = (signupId: string) =>
    eventually(async () => (await get<ExecutionRow[]>('/api/executions')).body.find((r) => r.signupId === signupId && r.status !== 'RUNNING'), `the execution of ${signupId} to finish`);
  const executionCount = async () => (await get<ExecutionRow[]>('/api/executions?limit=1000')).body.length;

  it('signs up through the API and lists the execution with its tenant, signup and duration', async () => {
    const signupId = await signUp(`ada+${Date.now()}@example.com`, 'Ada Lovelace', 'console-happy');

    const row = await finishedRow(signupId);

    expect(row).toMatchObject({ status: 'SUCCEEDED', tenantId: 'console-happy', signupId, name: `signup-${signupId}`, retries: 0 });
    expect(row.failedStep).toBeUndefined();
    expect(row.durationMs).toBeGreaterThan(0);
    expect(row.stateMachineName).toContain('Onboarding');
  });

  it('shows one execution with its definition, its history and what happened at each state', async () => {
    const signupId = await signUp(`grace+${Date.now()}@example.com`, 'Grace Hopper', 'console-detail');
    const row = await finishedRow(signupId);

    const { status, body } = await get<ExecutionDetail>(`/api/execution?arn=${encodeURIComponent(row.executionArn)}`);

    expect(status).toBe(200);
    expect(body.execution).toMatchObject({ status: 'SUCCEEDED', signupId, tenantId: 'console-detail' });
    expect(body.stateMachine.definition).toHaveProperty('StartAt');
    expect(body.history[0]?.type).toBe('ExecutionStarted');
    expect(body.history.at(-1)?.type).toBe('ExecutionSucceeded');
    for (const step of ['CreateUser', 'SendWelcomeEmail', 'CreateUserStorage', 'NotifyTeam']) expect(body.analysis.states[step]?.outcome).toBe('succeeded');
    expect(body.analysis.states['DeleteUser']?.outcome).toBe('not-reached');
  });

  it('lists what a signup left behind: its events with the rules they matched, its email, its stored object, its webhook message', async () => {
    const email = `edsger+${Date.now()}@example.com`;
    const signupId = await signUp(email, 'Edsger Dijkstra', 'console-effects');
    const row = await finishedRow(signupId);

    const effects = await eventually(async () => {
      const { body } = await get<{ events: { 'detail-type': string; matchedRules: string[] }[]; emails: { destination: { to: string[] } }[]; objects: { key: string }[]; webhookMessages: unknown[] }>(
        `/api/execution/side-effects?arn=${encodeURIComponent(row.executionArn)}`,
      );
      return body.events.some((e) => e['detail-type'] === 'UserOnboarded') && body.webhookMessages.length > 0 && body;
    }, 'the side effects of the signup');

    const signupRule = cloud.model.rules.find((r) => JSON.stringify(r.eventPattern).includes('UserSignup'));
    expect(effects.events.find((e) => e['detail-type'] === 'UserSignup')?.matchedRules).toEqual([signupRule?.name]);
    expect(effects.emails.map((m) => m.destination.to)).toEqual([[email]]);
    expect(effects.objects.some((o) => o.key.startsWith('tenants/console-effects/users/'))).toBe(true);
    expect(JSON.stringify(effects.webhookMessages)).toContain(signupId);
  });

  it('tells a listening page when an execution moves on', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${consoleUrl}/api/stream`, { signal: controller.signal });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (needle: string) => {
      while (!received.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`The stream ended before "${needle}"`);
        received += decoder.decode(value, { stream: true });
      }
    };
    try {
      await readUntil('event: ready');

      const signupId = await signUp(`barbara+${Date.now()}@example.com`, 'Barbara Liskov', 'console-live');

      await readUntil(`signup-${signupId}`);
      expect(stream.headers.get('content-type')).toBe('text/event-stream');
      const note = received.split('\n\n').find((chunk) => chunk.includes(`signup-${signupId}`));
      expect(note).toMatch(/^event: change\ndata: \[/);
      expect(JSON.parse(note?.split('data: ')[1] ?? '[]')).toEqual(expect.arrayContaining([{ topic: 'executions', executionArn: expect.stringContaining(`signup-${signupId}`) }]));
    } finally {
      controller.abort();
    }
  });

  /** Every signup accepted so far has its execution: deliveries done, and the asynchronous StartOnboarding invocations they made. */
  const settled = async () => {
    await cloud.eventbridge.idle();
    await cloud.asyncInvoker.idle();
  };

  it('refuses a signup that is not JSON, comes from another site, or that the API refuses, and starts nothing', async () => {
    // The stream test's signup may still be on its way to StartOnboarding: counted before, not after.
    await settled();
    const eventsBefore = cloud.eventbridge.events().length;
    const executionsBefore = await executionCount();

    const answers = await Promise.all([
      post('/api/signup', '{"email": '),
      post('/api/signup', '[1, 2]'),
      post('/api/signup', 'email=a@example.com&name=A', { 'content-type': 'application/x-www-form-urlencoded' }),
      post('/api/signup', JSON.stringify({ email: 'a@example.com', name: 'A' }), { 'content-type': 'application/json', origin: 'http://evil.example' }),
      post('/api/signup', JSON.stringify({ email: 'not-an-email', name: 'A' })),
      post('/api/signup', JSON.stringify({ email: 'a@example.com', name: 'A', pad: 'x'.repeat(70_000) })),
    ]);

    expect(answers.map((a) => a.status)).toEqual([400, 400, 415, 403, 400, 413]);
    for (const answer of answers) expect(answer.body).toEqual({ error: expect.any(String), message: expect.any(String) });
    await settled();
    expect(cloud.eventbridge.events().length).toBe(eventsBefore);
    expect(await executionCount()).toBe(executionsBefore);
  });

  it('replays a stopped signup under a new name that still carries its signupId', async () => {
    // CreateUser starts late, so the execution can be stopped before anything happened.
    await fetch(`${consoleUrl}/api/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ faults: 'user-service/CreateUser:slow:10s:1' }) });
    const signupId = await signUp(`alan+${Date.now()}@example.com`, 'Alan Turing', 'console-replay');
    const running = await eventually(async () => (await get<ExecutionRow[]>('/api/executions')).body.find((r) => r.signupId === signupId), 'the execution to start');
    await cloud.stepfunctions.stopExecution(running.executionArn, 'Stopped', 'by the test');
    await fetch(`${consoleUrl}/api/faults`, { method: 'DELETE' });
    const before = await executionCount();

    const replayed = await post('/api/executions/replay', JSON.stringify({ executionArn: running.executionArn }));

    expect(replayed.status).toBe(202);
    expect(replayed.body['executionArn']).toMatch(new RegExp(`:signup-${signupId}-r1$`));
    expect(await executionCount()).toBe(before + 1);
    const again = await eventually(async () => (await get<ExecutionRow[]>('/api/executions')).body.find((r) => r.name === `signup-${signupId}-r1` && r.status !== 'RUNNING'), 'the replay to finish');
    expect(again).toMatchObject({ status: 'SUCCEEDED', signupId, tenantId: 'console-replay' });
    const ofSignup = await get<ExecutionRow[]>(`/api/executions?signup=${signupId}`);
    expect(ofSignup.body.map((r) => `${r.name}:${r.status}`)).toEqual([`signup-${signupId}-r1:SUCCEEDED`, `signup-${signupId}:ABORTED`]);
  });

  it('refuses to replay a signup that succeeded, says why, and starts nothing', async () => {
    const first = await finishedRow(await signUp(`kurt+${Date.now()}@example.com`, 'Kurt Goedel', 'console-no-replay'));
    await settled();
    const before = await executionCount();

    const succeeded = await post('/api/executions/replay', JSON.stringify({ executionArn: first.executionArn }));

    expect(succeeded.status).toBe(409);
    expect(succeeded.body['message']).toContain('SUCCEEDED');
    expect(await executionCount()).toBe(before);
  });

  it('answers an unknown execution, page or method with a JSON error', async () => {
    const unknown = await get<Record<string, string>>(`/api/execution?arn=${encodeURIComponent('arn:aws:states:us-east-1:000000000000:execution:Nope:nope')}`);
    const noArn = await get<Record<string, string>>('/api/execution');
    const noPage = await get<Record<string, string>>('/api/nothing-here');
    const objectMembers = await Promise.all(['/constructor', '/__proto__', '/toString'].map((path) => fetch(`${consoleUrl}${path}`).then((r) => r.status)));
    const wrongMethod = await fetch(`${consoleUrl}/api/executions`, { method: 'DELETE' });
    const replayUnknown = await post('/api/executions/replay', JSON.stringify({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:Nope:nope' }));
    const replayNothing = await post('/api/executions/replay', JSON.stringify({}));

    expect([unknown.status, noArn.status, noPage.status, wrongMethod.status, replayUnknown.status, replayNothing.status]).toEqual([404, 400, 404, 405, 404, 400]);
    expect(objectMembers).toEqual([404, 404, 404]);
    expect(unknown.body['error']).toBe('NotFound');
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('serves the page with its script and stylesheet, bundled from console-ui', async () => {
    const page = await fetch(consoleUrl);
    const script = await fetch(`${consoleUrl}/assets/console.js`);
    const styles = await fetch(`${consoleUrl}/assets/console.css`);

    const html = await page.text();
    expect(html).toContain('<script src="/assets/console.js" defer></script>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect((await script.text()).length).toBeGreaterThan(10_000);
    expect(await styles.text()).toContain('.state-graph');
  });
});
