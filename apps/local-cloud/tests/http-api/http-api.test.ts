import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createHttpApi, createRouter, toHttpAnswer } from '../../src/http-api/http-api';
import { closeServer, listen } from '../../src/emulators/listen';
import type { AwsEndpoints } from '../../src/lambda/function-environment';
import { LambdaRuntime } from '../../src/lambda/lambda-runtime';
import type { CloudModel, HttpRouteModel, InvokeResult } from '../../src/model';

const origin = { app: 'fixture', stackName: 'FixtureApi', logicalId: 'Route' };
const route = (routeKey: string, fn = 'http', payloadFormatVersion: '1.0' | '2.0' = '2.0'): HttpRouteModel => ({
  ...origin,
  apiName: 'fixture-api',
  apiId: 'abc123',
  routeKey,
  functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${fn}`,
  payloadFormatVersion,
});

describe('HTTP API routing', () => {
  const match = createRouter([route('POST /signup'), route('GET /users/{id}'), route('GET /users/me'), route('ANY /files/{proxy+}'), route('$default')]);

  it('prefers a literal segment over a parameter, and extracts path parameters', () => {
    expect(match('GET', '/users/me')?.route.routeKey).toBe('GET /users/me');
    expect(match('GET', '/users/42')).toMatchObject({ route: { routeKey: 'GET /users/{id}' }, pathParameters: { id: '42' } });
  });

  it('matches greedy parameters and ANY, and falls back to $default', () => {
    expect(match('DELETE', '/files/a/b/c.txt')).toMatchObject({ route: { routeKey: 'ANY /files/{proxy+}' }, pathParameters: { proxy: 'a/b/c.txt' } });
    expect(match('GET', '/signup')?.route.routeKey).toBe('$default');
  });

  it('finds no route when there is no $default', () => {
    expect(createRouter([route('POST /signup')])('GET', '/signup')).toBeUndefined();
  });
});

describe('HTTP API response mapping', () => {
  const ok = (Payload: unknown): InvokeResult => ({ StatusCode: 200, Payload, durationMs: 1, coldStart: false });

  it('maps { statusCode, headers, cookies, body } and decodes a base64 body', () => {
    const answer = toHttpAnswer(ok({ statusCode: 202, headers: { 'Content-Type': 'application/json' }, cookies: ['a=1'], body: '{"signupId":"s"}' }), '2.0');
    const binary = toHttpAnswer(ok({ statusCode: 200, isBase64Encoded: true, body: Buffer.from([1, 2]).toString('base64') }), '2.0');

    expect(answer).toEqual({ statusCode: 202, headers: { 'content-type': 'application/json' }, cookies: ['a=1'], body: Buffer.from('{"signupId":"s"}') });
    expect([...binary.body]).toEqual([1, 2]);
  });

  it('infers a 200 JSON answer from a bare return value in payload format 2.0', () => {
    expect(toHttpAnswer(ok({ hello: 'world' }), '2.0')).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"hello":"world"}') });
    expect(toHttpAnswer(ok('plain'), '2.0').body.toString()).toBe('plain');
  });

  it('answers 500 Internal Server Error for a function error or an invalid status code', () => {
    const failed: InvokeResult = { StatusCode: 200, FunctionError: 'Unhandled', Payload: { errorType: 'Error', errorMessage: 'boom' }, durationMs: 1, coldStart: false };

    expect(toHttpAnswer(failed, '2.0')).toMatchObject({ statusCode: 500, body: Buffer.from('{"message":"Internal Server Error"}') });
    expect(toHttpAnswer(ok({ statusCode: 'teapot' }), '2.0').statusCode).toBe(500);
  });
});

describe('HTTP API end to end (real Lambda runtime)', () => {
  const endpoints = Object.fromEntries(['dynamodb', 's3', 'sesv2', 'eventbridge', 'stepfunctions', 'ssm', 'secretsmanager', 'lambda'].map((k) => [k, 'http://127.0.0.1:9'])) as unknown as AwsEndpoints;
  const fn = (functionName: string, handler: string) => ({
    ...origin,
    functionName,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    codeDir: join(__dirname, '../fixtures/handlers'),
    handler,
    runtime: 'nodejs24.x',
    timeoutSeconds: 3,
    memorySize: 128,
    environment: {},
  });
  const model = { functions: [fn('http', 'index.http'), fn('fail', 'index.fail')] } as unknown as CloudModel;
  let runtime: LambdaRuntime;
  let server: Server;
  let url: string;
  const requests: { statusCode: number; routeKey?: string }[] = [];

  beforeAll(async () => {
    runtime = new LambdaRuntime({ model, endpoints });
    const api = createHttpApi({
      routes: [route('POST /signup'), route('GET /string'), route('GET /binary'), route('POST /v1', 'http', '1.0'), route('GET /broken', 'fail')],
      invoke: runtime.invoke,
      onRequest: (r) => requests.push(r),
    });
    server = createServer((req, res) => void api(req, res));
    url = await listen(server, 0, 'http api');
  });
  afterAll(async () => {
    await closeServer(server);
    await runtime.close();
  });

  it('sends a payload format 2.0 event: rawPath, lower-cased headers, cookies, query, body, requestContext', async () => {
    const response = await fetch(`${url}/signup?ref=ad&ref=mail`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Custom': 'Yes', Cookie: 'session=abc; theme=dark' },
      body: JSON.stringify({ email: 'ada@example.com' }),
    });
    const { received } = (await response.json()) as { received: { requestContext: { requestId: string }; headers: Record<string, string> } };

    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe(received.requestContext.requestId);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(received).toMatchObject({
      version: '2.0',
      routeKey: 'POST /signup',
      rawPath: '/signup',
      rawQueryString: 'ref=ad&ref=mail',
      queryStringParameters: { ref: 'ad,mail' },
      cookies: ['session=abc', 'theme=dark'],
      headers: { 'content-type': 'application/json', 'x-custom': 'Yes' },
      body: '{"email":"ada@example.com"}',
      isBase64Encoded: false,
      requestContext: { accountId: '000000000000', apiId: 'abc123', stage: '$default', http: { method: 'POST', path: '/signup', sourceIp: '127.0.0.1' } },
    });
    expect(received.headers).not.toHaveProperty('cookie');
  });

  it('base64-encodes a binary request body', async () => {
    const response = await fetch(`${url}/signup`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 255]) });
    const { received } = (await response.json()) as { received: { body: string; isBase64Encoded: boolean } };

    expect(received).toMatchObject({ isBase64Encoded: true, body: Buffer.from([0, 255]).toString('base64') });
  });

  it('returns a bare string as the body and a base64 body as bytes', async () => {
    const text = await fetch(`${url}/string`);
    const binary = await fetch(`${url}/binary`);

    expect(await text.text()).toBe('plain body');
    expect([...new Uint8Array(await binary.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it('sends a payload format 1.0 event when the integration asks for it', async () => {
    const response = await fetch(`${url}/v1?a=1`, { method: 'POST', body: 'x' });
    const { received } = (await response.json()) as { received: Record<string, unknown> };

    expect(received).toMatchObject({ version: '1.0', httpMethod: 'POST', path: '/v1', resource: '/v1', queryStringParameters: { a: '1' }, multiValueQueryStringParameters: { a: ['1'] }, body: 'x' });
  });

  it('answers 404 Not Found for a path no route matches, without invoking anything', async () => {
    const before = runtime.stats().reduce((n, s) => n + s.invocations, 0);

    const response = await fetch(`${url}/nowhere`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found' });
    expect(runtime.stats().reduce((n, s) => n + s.invocations, 0)).toBe(before);
  });

  it('answers 500 when the function fails, as API Gateway does', async () => {
    const response = await fetch(`${url}/broken`);

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    expect(requests.at(-1)).toMatchObject({ statusCode: 500, routeKey: 'GET /broken' });
  });
});
