import { join } from 'node:path';
import { ResourceNotFoundError, RequestTooLargeError, InvalidRuntimeError } from '../../src/lambda/errors';
import type { AwsEndpoints } from '../../src/lambda/function-environment';
import { LambdaRuntime } from '../../src/lambda/lambda-runtime';
import type { CloudModel, FunctionModel } from '../../src/model';

const HANDLERS = join(__dirname, '../fixtures/handlers');

function fixtureFunction(name: string, handler: string, overrides: Partial<FunctionModel> = {}): FunctionModel {
  return {
    app: 'fixture',
    stackName: 'FixtureStack',
    logicalId: `${name}Fn1234ABCD`,
    functionName: name,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    codeDir: HANDLERS,
    handler,
    runtime: 'nodejs24.x',
    timeoutSeconds: 3,
    memorySize: 128,
    environment: {},
    ...overrides,
  };
}

const endpoints: AwsEndpoints = {
  dynamodb: 'http://127.0.0.1:1001',
  s3: 'http://127.0.0.1:1002',
  sesv2: 'http://127.0.0.1:1003',
  eventbridge: 'http://127.0.0.1:1004',
  stepfunctions: 'http://127.0.0.1:1005',
  ssm: 'http://127.0.0.1:1006',
  secretsmanager: 'http://127.0.0.1:1007',
  lambda: 'http://127.0.0.1:1008',
};

const functions = [
  fixtureFunction('echo', 'index.echo'),
  fixtureFunction('env-a', 'index.env', { environment: { TABLE_NAME: 'table-a' } }),
  fixtureFunction('env-b', 'index.env', { environment: { TABLE_NAME: 'table-b' } }),
  fixtureFunction('sleep', 'index.sleep', { timeoutSeconds: 1 }),
  fixtureFunction('fail', 'index.fail'),
  fixtureFunction('log', 'index.log'),
  fixtureFunction('undefined-result', 'index.returnsUndefined'),
  fixtureFunction('callback', 'index.callback'),
  fixtureFunction('exits', 'index.exits'),
  fixtureFunction('missing-export', 'index.nope'),
  fixtureFunction('broken-init', 'index.handler', { codeDir: join(__dirname, '../fixtures/broken-handler') }),
  fixtureFunction('image', 'index.handler', { codeDir: '', unavailableReason: 'it is a container image function (Code.ImageUri), which needs Docker' }),
];
const model = { functions } as unknown as CloudModel;

describe('LambdaRuntime', () => {
  let runtime: LambdaRuntime;
  const parentSecret = process.env.AWS_SECRET_ACCESS_KEY;

  beforeAll(() => {
    // A developer's real credentials in the parent must never reach a function.
    process.env.AWS_SECRET_ACCESS_KEY = 'parent-real-secret';
    process.env.AWS_SESSION_TOKEN = 'parent-real-token';
    process.env.AWS_PROFILE = 'production';
    runtime = new LambdaRuntime({ model, endpoints });
  });

  afterAll(async () => {
    await runtime.close();
    if (parentSecret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    else process.env.AWS_SECRET_ACCESS_KEY = parentSecret;
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
  });

  it('invokes a handler by name or ARN with the event and a Lambda context', async () => {
    const byName = await runtime.invoke('echo', { hello: 'world' });
    const byArn = await runtime.invoke('arn:aws:lambda:us-east-1:000000000000:function:echo:$LATEST', { n: 2 });

    expect(byName).toMatchObject({ StatusCode: 200, Payload: { event: { hello: 'world' }, functionName: 'echo' } });
    expect(byName.FunctionError).toBeUndefined();
    const payload = byName.Payload as { requestId: string; remainingMs: number };
    expect(payload.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.remainingMs).toBeGreaterThan(2000);
    expect(payload.remainingMs).toBeLessThanOrEqual(3000);
    expect(byArn.Payload).toMatchObject({ event: { n: 2 } });
  });

  it('reports a cold start on the first invocation of a sandbox only, and keeps module state while warm', async () => {
    const first = await runtime.invoke('undefined-result', {});
    const second = await runtime.invoke('undefined-result', {});
    const warmEcho = [await runtime.invoke('echo', {}), await runtime.invoke('echo', {})].map((r) => (r.Payload as { invocationsInThisSandbox: number }).invocationsInThisSandbox);

    expect(first.coldStart).toBe(true);
    expect(second.coldStart).toBe(false);
    expect(first.Payload).toBeNull();
    expect(warmEcho[1]).toBe((warmEcho[0] ?? NaN) + 1);
    expect(runtime.stats().find((s) => s.functionName === 'undefined-result')).toMatchObject({ invocations: 2, coldStarts: 1, lastInitDurationMs: expect.any(Number) });
  });

  it('gives each function its own environment: its variables, its identity, the local endpoints, none of the parent’s credentials', async () => {
    const a = (await runtime.invoke('env-a', {})).Payload as Record<string, string>;
    const b = (await runtime.invoke('env-b', {})).Payload as Record<string, string>;

    expect(a.TABLE_NAME).toBe('table-a');
    expect(b.TABLE_NAME).toBe('table-b');
    expect(a.AWS_ACCESS_KEY_ID).toBe('env-aFn1234ABCD');
    expect(b.AWS_ACCESS_KEY_ID).toBe('env-bFn1234ABCD');
    expect(a).toMatchObject({
      AWS_LAMBDA_FUNCTION_NAME: 'env-a',
      _HANDLER: 'index.env',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: endpoints.s3,
      AWS_ENDPOINT_URL_SESV2: endpoints.sesv2,
      AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventbridge,
      AWS_ENDPOINT_URL_SFN: endpoints.stepfunctions,
      AWS_ENDPOINT_URL_SSM: endpoints.ssm,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsmanager,
      AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    });
    expect(a.AWS_SECRET_ACCESS_KEY).not.toBe('parent-real-secret');
    expect(a).not.toHaveProperty('AWS_SESSION_TOKEN');
    expect(a).not.toHaveProperty('AWS_PROFILE');
  });

  it('times an invocation out as Lambda does (Sandbox.Timedout) and replaces the sandbox', async () => {
    const timedOut = await runtime.invoke('sleep', { ms: 5000 });
    const next = await runtime.invoke('sleep', { ms: 1 });

    expect(timedOut).toMatchObject({ StatusCode: 200, FunctionError: 'Unhandled', Payload: { errorType: 'Sandbox.Timedout' } });
    expect((timedOut.Payload as { errorMessage: string }).errorMessage).toMatch(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/);
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(1000);
    expect(timedOut.durationMs).toBeLessThan(3000);
    expect(next).toMatchObject({ Payload: { slept: 1 }, coldStart: true });
  });

  it('reports a thrown error as Lambda does: errorType from the error name, errorMessage, trace, FunctionError Unhandled', async () => {
    const result = await runtime.invoke('fail', {});

    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBe('Unhandled');
    expect(result.Payload).toEqual({
      errorType: 'DuplicateUserError',
      errorMessage: 'a user with this email exists in this tenant',
      trace: expect.arrayContaining([expect.stringContaining('DuplicateUserError: a user with this email exists')]),
    });
  });

  it('reports an error thrown while the module initialises, and retries the init on the next invocation', async () => {
    const first = await runtime.invoke('broken-init', {});
    const second = await runtime.invoke('broken-init', {});

    expect(first).toMatchObject({ FunctionError: 'Unhandled', Payload: { errorType: 'ConfigError', errorMessage: 'Missing environment variable TABLE_NAME' } });
    expect(second.coldStart).toBe(true);
  });

  it('reports a missing handler export as Runtime.HandlerNotFound', async () => {
    const result = await runtime.invoke('missing-export', {});

    expect(result).toMatchObject({ FunctionError: 'Unhandled', Payload: { errorType: 'Runtime.HandlerNotFound' } });
  });

  it('reports a handler that exits the process as Runtime.ExitError, and starts a fresh sandbox after', async () => {
    const exited = await runtime.invoke('exits', {});
    const again = await runtime.invoke('exits', {});

    expect(exited).toMatchObject({ FunctionError: 'Unhandled', Payload: { errorType: 'Runtime.ExitError' } });
    expect((exited.Payload as { errorMessage: string }).errorMessage).toContain('exit status 3');
    expect(again.coldStart).toBe(true);
  });

  it('supports callback-style handlers', async () => {
    expect((await runtime.invoke('callback', { value: 7 })).Payload).toEqual({ viaCallback: 7 });
  });

  it('keeps each function’s log lines, Lambda JSON-formatted with the request id, plus a REPORT line', async () => {
    const result = await runtime.invoke('log', { marker: 'm-123' });
    const requestId = (await runtime.logs('log')).find((l) => l.stream === 'platform')?.requestId;

    const lines = runtime.logs('log').filter((l) => l.requestId === requestId);
    expect(result.Payload).toBe('logged');
    expect(lines.map((l) => l.stream).sort()).toEqual(['platform', 'stdout']);
    expect(JSON.parse(lines.find((l) => l.stream === 'stdout')?.message ?? 'null')).toMatchObject({ level: 'INFO', requestId, message: 'handled m-123' });
    expect(runtime.logs('log').some((l) => l.message.includes('"marker":"m-123"'))).toBe(true);
    expect(lines.find((l) => l.stream === 'platform')?.message).toMatch(/^REPORT RequestId: .* Duration: [0-9.]+ ms/);
    expect(runtime.logs('echo').some((l) => l.message.includes('m-123'))).toBe(false);
  });

  it('runs concurrent invocations of one function side by side', async () => {
    const started = performance.now();

    const results = await Promise.all([runtime.invoke('sleep', { ms: 300 }), runtime.invoke('sleep', { ms: 300 }), runtime.invoke('sleep', { ms: 300 })]);

    expect(results.map((r) => r.Payload)).toEqual([{ slept: 300 }, { slept: 300 }, { slept: 300 }]);
    expect(performance.now() - started).toBeLessThan(850);
  });

  it('refuses an unknown function with ResourceNotFoundException, and runs nothing', async () => {
    const before = runtime.stats().reduce((n, s) => n + s.invocations, 0);

    await expect(runtime.invoke('no-such-function', {})).rejects.toBeInstanceOf(ResourceNotFoundError);
    await expect(runtime.invoke('no-such-function', {})).rejects.toMatchObject({ name: 'ResourceNotFoundException', statusCode: 404 });
    expect(runtime.stats().reduce((n, s) => n + s.invocations, 0)).toBe(before);
  });

  it('refuses a payload over 6 MB as Lambda does', async () => {
    await expect(runtime.invoke('echo', { big: 'x'.repeat(6 * 1024 * 1024) })).rejects.toBeInstanceOf(RequestTooLargeError);
  });

  it('refuses to invoke a function it cannot run, saying why', async () => {
    await expect(runtime.invoke('image', {})).rejects.toBeInstanceOf(InvalidRuntimeError);
    await expect(runtime.invoke('image', {})).rejects.toThrow('needs Docker');
  });
});

describe('LambdaRuntime prewarm', () => {
  it('starts sandboxes ahead of use so that the first invocation is warm', async () => {
    const runtime = new LambdaRuntime({ model: { functions: [fixtureFunction('warm', 'index.echo')] } as unknown as CloudModel, endpoints });
    try {
      await runtime.prewarm();

      const first = await runtime.invoke('warm', {});

      expect(first.coldStart).toBe(false);
      expect(runtime.stats()[0]).toMatchObject({ sandboxes: 1, coldStarts: 0 });
    } finally {
      await runtime.close();
    }
  });

  it('stops every worker on close and refuses invocations after', async () => {
    const runtime = new LambdaRuntime({ model: { functions: [fixtureFunction('closing', 'index.echo')] } as unknown as CloudModel, endpoints });
    await runtime.invoke('closing', {});

    await runtime.close();

    expect(runtime.stats()[0]?.sandboxes).toBe(0);
    await expect(runtime.invoke('closing', {})).rejects.toMatchObject({ name: 'ServiceException' });
  });
});
