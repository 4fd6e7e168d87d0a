/**
 * The signup handler as Lambda runs it: the real module (configuration read at import, clients at
 * module scope), the real EventPublisher and Powertools idempotency, with EventBridge and DynamoDB
 * answered by aws-sdk-client-mock (DynamoDB by an in-memory table with conditional writes).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { captureLogs, installFakeIdempotencyTable, lambdaContext, waitFor, type CapturedLogs, type FakeIdempotencyTable } from '@onboarding/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../src/handlers/signup';
import { MAX_BODY_BYTES } from '../../src/handlers/read-signup-request';
import { TEST_FUNCTION_NAME, TEST_IDEMPOTENCY_TABLE } from '../test-env';
import { signupEvent, type SignupEventOptions } from './support/http-event';

const eventBridge = mockClient(EventBridgeClient);
const dynamo = mockClient(DynamoDBClient);
// Ten seconds left: the in-progress record of a request expires with the invocation.
const invocationContext = lambdaContext(TEST_FUNCTION_NAME, { remainingTimeInMillis: 10_000 });
let table: FakeIdempotencyTable;
let logs: CapturedLogs;

const ada = { email: 'ada@example.com', name: 'Ada Lovelace', tenantId: 'acme', plan: 'pro' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeEach(() => {
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });
  table = installFakeIdempotencyTable(dynamo, { tableName: TEST_IDEMPOTENCY_TABLE });
  logs = captureLogs();
});

afterEach(() => {
  eventBridge.reset();
  dynamo.reset();
  jest.restoreAllMocks();
});

async function post(options: SignupEventOptions) {
  const response = await handler(signupEvent(options), invocationContext);
  return { ...response, json: JSON.parse(response.body ?? 'null') as Record<string, unknown> };
}

const withKey = (key: string, body: unknown = ada) => ({ body, headers: { 'content-type': 'application/json', 'idempotency-key': key } });

/** The details of every UserSignup sent to EventBridge. */
function published(): Record<string, unknown>[] {
  return eventBridge.commandCalls(PutEventsCommand).flatMap((call) => (call.args[0].input.Entries ?? []).map((entry) => JSON.parse(entry.Detail ?? '{}')));
}

describe('POST /signup with a valid signup', () => {
  it('answers 202 with the signupId of the UserSignup v2 it published, in English when the body names no locale', async () => {
    const response = await post({ body: ada });

    expect(response.statusCode).toBe(202);
    expect(response.json).toEqual({ signupId: expect.stringMatching(UUID) });
    expect(published()).toEqual([
      { version: '2', signupId: response.json.signupId, tenantId: 'acme', email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro', signedUpAt: expect.any(String), locale: 'en' },
    ]);
  });

  it('publishes the locale the body names', async () => {
    const response = await post({ body: { email: 'lise@example.de', name: 'Lise Meitner', locale: 'de' } });

    expect(response.statusCode).toBe(202);
    expect(published()[0]).toMatchObject({ version: '2', locale: 'de' });
  });

  it('answers 400 naming locale when it is not a BCP 47 tag, and publishes nothing', async () => {
    const response = await post({ body: { email: 'lise@example.de', name: 'Lise Meitner', locale: 'Deutsch (Österreich)' } });

    expect(response.statusCode).toBe(400);
    expect(response.json.message).toContain('locale');
    expect(published()).toEqual([]);
  });

  it('sends one entry from onboarding.signup, of type UserSignup, to the bus named by EVENT_BUS_NAME', async () => {
    await post({ body: ada });

    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
    expect(eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries).toEqual([
      expect.objectContaining({ Source: 'onboarding.signup', DetailType: 'UserSignup', EventBusName: 'onboarding' }),
    ]);
  });

  it('puts the signup in the default tenant on the free plan when the body names neither', async () => {
    await post({ body: { email: 'grace@example.org', name: 'Grace Hopper' } });

    expect(published()[0]).toMatchObject({ tenantId: 'default', plan: 'free' });
  });

  it('publishes the email trimmed and lower-cased', async () => {
    await post({ body: { ...ada, email: '  Ada@Example.COM ' } });

    expect(published()[0]).toMatchObject({ email: 'ada@example.com' });
  });

  it('stamps signedUpAt with the time of the request', async () => {
    const before = Date.now();

    await post({ body: ada });

    const signedUpAt = Date.parse(String(published()[0]?.signedUpAt));
    expect(signedUpAt).toBeGreaterThanOrEqual(before);
    expect(signedUpAt).toBeLessThanOrEqual(Date.now());
  });

  it('answers a second signup of the same email exactly like the first, so the answer reveals nothing', async () => {
    const first = await post({ body: ada });
    const second = await post({ body: ada });

    expect(second.statusCode).toBe(first.statusCode);
    expect(Object.keys(second.json)).toEqual(Object.keys(first.json));
    expect(second.json.signupId).not.toBe(first.json.signupId);
    expect(published()).toHaveLength(2);
  });

  it('accepts a base64-encoded body', async () => {
    const response = await post({ body: Buffer.from(JSON.stringify(ada)).toString('base64'), isBase64Encoded: true });

    expect(response.statusCode).toBe(202);
    expect(published()[0]).toMatchObject({ email: 'ada@example.com' });
  });

  it('accepts a Content-Type with a UTF-8 charset, in any case and header spelling', async () => {
    const response = await post({ body: ada, headers: { 'Content-Type': 'Application/JSON; Charset="UTF-8"' } });

    expect(response.statusCode).toBe(202);
  });

  it('answers JSON that no cache keeps', async () => {
    const response = await post({ body: ada });

    expect(response.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  });

  it('does not touch the idempotency table when there is no Idempotency-Key', async () => {
    await post({ body: ada });

    expect(dynamo.calls()).toHaveLength(0);
  });
});

describe('POST /signup with a request it refuses', () => {
  const json = { 'content-type': 'application/json' };
  const cases: { what: string; options: SignupEventOptions; status: number; error: string; mentions?: string }[] = [
    { what: 'a body that is not JSON', options: { body: '{"email": "ada@example.com",' }, status: 400, error: 'MalformedJsonError' },
    { what: 'no body', options: {}, status: 400, error: 'MalformedJsonError' },
    { what: 'a body of white space', options: { body: ' \n ' }, status: 400, error: 'MalformedJsonError' },
    { what: 'a base64 body that is not UTF-8', options: { body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64'), isBase64Encoded: true }, status: 400, error: 'MalformedJsonError' },
    { what: 'a JSON array', options: { body: [ada] }, status: 400, error: 'InvalidSignupError', mentions: 'JSON object' },
    { what: 'JSON null', options: { body: 'null' }, status: 400, error: 'InvalidSignupError' },
    { what: 'an unknown field', options: { body: { ...ada, role: 'admin' } }, status: 400, error: 'InvalidSignupError', mentions: 'role' },
    { what: 'a missing email', options: { body: { name: 'Ada' } }, status: 400, error: 'InvalidSignupError', mentions: 'email: is required' },
    { what: 'an invalid email', options: { body: { ...ada, email: 'ada@' } }, status: 400, error: 'InvalidSignupError', mentions: 'email' },
    { what: 'an email as a number', options: { body: { ...ada, email: 42 } }, status: 400, error: 'InvalidSignupError', mentions: 'email' },
    { what: 'a name of 101 characters', options: { body: { ...ada, name: 'x'.repeat(101) } }, status: 400, error: 'InvalidSignupError', mentions: 'name' },
    { what: 'a name with a control character', options: { body: { ...ada, name: 'Ada\u0000' } }, status: 400, error: 'InvalidSignupError', mentions: 'name' },
    { what: 'a tenant id with upper case', options: { body: { ...ada, tenantId: 'ACME' } }, status: 400, error: 'InvalidSignupError', mentions: 'tenantId' },
    { what: 'a tenant id that climbs out of its prefix', options: { body: { ...ada, tenantId: '../other' } }, status: 400, error: 'InvalidSignupError', mentions: 'tenantId' },
    { what: 'an unknown plan', options: { body: { ...ada, plan: 'platinum' } }, status: 400, error: 'InvalidSignupError', mentions: 'plan' },
    { what: 'an Idempotency-Key with a space', options: { body: ada, headers: { ...json, 'idempotency-key': 'my key' } }, status: 400, error: 'InvalidIdempotencyKeyError' },
    { what: 'an empty Idempotency-Key', options: { body: ada, headers: { ...json, 'idempotency-key': '' } }, status: 400, error: 'InvalidIdempotencyKeyError' },
    { what: 'an Idempotency-Key of 256 characters', options: { body: ada, headers: { ...json, 'idempotency-key': 'k'.repeat(256) } }, status: 400, error: 'InvalidIdempotencyKeyError' },
    { what: 'a method other than POST', options: { body: ada, method: 'GET' }, status: 405, error: 'MethodNotAllowedError' },
    { what: 'a body over the size limit', options: { body: { ...ada, name: 'x'.repeat(MAX_BODY_BYTES) } }, status: 413, error: 'PayloadTooLargeError' },
    { what: 'a base64 body over the size limit', options: { body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x20).toString('base64'), isBase64Encoded: true }, status: 413, error: 'PayloadTooLargeError' },
    { what: 'a body of malformed JSON over the size limit (size is checked first)', options: { body: '['.repeat(MAX_BODY_BYTES + 1) }, status: 413, error: 'PayloadTooLargeError' },
    { what: 'no Content-Type', options: { body: ada, headers: {} }, status: 415, error: 'UnsupportedMediaTypeError' },
    { what: 'a text/plain body', options: { body: ada, headers: { 'content-type': 'text/plain' } }, status: 415, error: 'UnsupportedMediaTypeError' },
    { what: 'a form body', options: { body: 'email=ada%40example.com', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, status: 415, error: 'UnsupportedMediaTypeError' },
    { what: 'JSON in another charset', options: { body: ada, headers: { 'content-type': 'application/json; charset=iso-8859-1' } }, status: 415, error: 'UnsupportedMediaTypeError' },
  ];

  it.each(cases)('answers $status $error to $what and publishes nothing', async ({ options, status, error, mentions }) => {
    const response = await post(options);

    expect(response.statusCode).toBe(status);
    expect(response.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8' });
    expect(Object.keys(response.json).sort()).toEqual(['error', 'message']);
    expect(response.json.error).toBe(error);
    expect(response.json.message).toEqual(expect.any(String));
    if (mentions) expect(response.json.message).toContain(mentions);
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('names every offending field in one answer', async () => {
    const response = await post({ body: { email: 'nope', name: '', colour: 'blue' } });

    expect(response.json.message).toEqual(expect.stringContaining('email'));
    expect(response.json.message).toEqual(expect.stringContaining('name'));
    expect(response.json.message).toEqual(expect.stringContaining('colour'));
  });

  it('tells the client which method and media type it accepts', async () => {
    const wrongMethod = await post({ body: ada, method: 'PUT' });
    const wrongType = await post({ body: ada, headers: { 'content-type': 'text/plain' } });

    expect(wrongMethod.headers).toMatchObject({ allow: 'POST' });
    expect(wrongType.headers).toMatchObject({ 'accept-post': 'application/json' });
  });
});

describe('POST /signup when EventBridge does not take the event', () => {
  it('answers 503 SignupNotPublishedError when EventBridge refuses the entry', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] });

    const response = await post({ body: ada });

    expect(response.statusCode).toBe(503);
    expect(response.json).toEqual({ error: 'SignupNotPublishedError', message: expect.stringContaining('InternalFailure') });
    expect(response.headers).toMatchObject({ 'retry-after': '1' });
  });

  it('answers 503 SignupNotPublishedError when the PutEvents call fails', async () => {
    eventBridge.on(PutEventsCommand).rejects(Object.assign(new Error('connect ETIMEDOUT'), { name: 'TimeoutError' }));

    const response = await post({ body: ada });

    expect(response.statusCode).toBe(503);
    expect(response.json.error).toBe('SignupNotPublishedError');
  });

  it('logs the failure as an error, with its cause', async () => {
    eventBridge.on(PutEventsCommand).rejects(Object.assign(new Error('connect ETIMEDOUT'), { name: 'TimeoutError' }));

    await post({ body: ada });

    const failure = logs.records().find((entry) => entry.level === 'ERROR');
    expect(failure).toMatchObject({ message: 'Signup failed', status: 503 });
    expect(JSON.stringify(failure)).toContain('ETIMEDOUT');
  });

  it('lets the client retry with the same Idempotency-Key and get the signup published then', async () => {
    eventBridge.on(PutEventsCommand).rejectsOnce(new Error('connect ETIMEDOUT')).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-2' }] });

    const first = await post(withKey('retry-1'));
    const retry = await post(withKey('retry-1'));

    expect(first.statusCode).toBe(503);
    expect(retry.statusCode).toBe(202);
    expect(published()).toHaveLength(2);
    expect(published()[1]?.signupId).toBe(retry.json.signupId);
    expect(table.statuses()).toEqual(['COMPLETED']);
  });
});

describe('POST /signup with an Idempotency-Key', () => {
  it('answers a repeated request with the same signupId and publishes once', async () => {
    const first = await post(withKey('key-1'));
    const repeat = await post(withKey('key-1'));

    expect(first.statusCode).toBe(202);
    expect(repeat.statusCode).toBe(202);
    expect(repeat.json).toEqual(first.json);
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
  });

  it('treats bodies that mean the same signup as the same request', async () => {
    const first = await post(withKey('key-1', { email: 'ada@example.com', name: 'Ada', tenantId: 'default', plan: 'free' }));
    const repeat = await post(withKey('key-1', { name: ' Ada ', email: 'ADA@example.com' }));

    expect(repeat.json).toEqual(first.json);
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
  });

  it('refuses the same key with a different body with 422 IdempotencyKeyReusedError, publishing nothing more', async () => {
    await post(withKey('key-1'));

    const reused = await post(withKey('key-1', { ...ada, plan: 'enterprise' }));

    expect(reused.statusCode).toBe(422);
    expect(reused.json).toEqual({ error: 'IdempotencyKeyReusedError', message: expect.any(String) });
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
  });

  it('reads the header whatever the case of its name', async () => {
    const first = await post({ body: ada, headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'key-1' } });
    const repeat = await post({ body: ada, headers: { 'content-type': 'application/json', 'IDEMPOTENCY-KEY': 'key-1' } });

    expect(repeat.json).toEqual(first.json);
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
  });

  it('treats different keys as different signups', async () => {
    const first = await post(withKey('key-1'));
    const second = await post(withKey('key-2'));

    expect(second.json.signupId).not.toBe(first.json.signupId);
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 2);
  });

  it('scopes keys by tenant, so two tenants using the same key get two signups', async () => {
    const acme = await post(withKey('shared-key', { ...ada, tenantId: 'acme' }));
    const globex = await post(withKey('shared-key', { ...ada, tenantId: 'globex' }));

    expect(acme.statusCode).toBe(202);
    expect(globex.statusCode).toBe(202);
    expect(globex.json.signupId).not.toBe(acme.json.signupId);
    expect(published().map((d) => d.tenantId)).toEqual(['acme', 'globex']);
  });

  it('answers 409 SignupInProgressError while the first request with the key is still publishing', async () => {
    const releasePublish = holdPublishing();
    const first = post(withKey('key-1'));
    await waitFor(() => eventBridge.commandCalls(PutEventsCommand).length === 1);

    const concurrent = await post(withKey('key-1'));
    releasePublish();

    expect(concurrent.statusCode).toBe(409);
    expect(concurrent.json.error).toBe('SignupInProgressError');
    expect(concurrent.headers).toMatchObject({ 'retry-after': '1' });
    expect((await first).statusCode).toBe(202);
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
  });

  it('lets an in-progress record expire with the invocation, so a request that crashed does not block its key for a day', async () => {
    const releasePublish = holdPublishing();
    const startedAt = Date.now();
    const first = post(withKey('key-1'));
    await waitFor(() => eventBridge.commandCalls(PutEventsCommand).length === 1);

    const [inProgress] = [...table.items.values()];
    releasePublish();
    await first;

    expect(inProgress?.status?.S).toBe('INPROGRESS');
    const inProgressUntil = Number(inProgress?.in_progress_expiration?.N);
    expect(inProgressUntil).toBeGreaterThanOrEqual(startedAt + 10_000);
    expect(inProgressUntil).toBeLessThanOrEqual(Date.now() + 10_000);
  });

  it('answers 503 IdempotencyStoreUnavailableError and publishes nothing when the table cannot be used', async () => {
    table.failWith(Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' }));

    const response = await post(withKey('key-1'));

    expect(response.statusCode).toBe(503);
    expect(response.json.error).toBe('IdempotencyStoreUnavailableError');
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('answers 202 with the signupId when the signup was published but its record could not be saved', async () => {
    table.failWith(new Error('Service unavailable'), ['UpdateItem']);

    const response = await post(withKey('key-1'));

    expect(response.statusCode).toBe(202);
    expect(response.json.signupId).toBe(published()[0]?.signupId);
    expect(logs.records().some((entry) => entry.level === 'WARN')).toBe(true);
  });

  it('keeps a completed record for a day, in the table named by IDEMPOTENCY_TABLE_NAME', async () => {
    await post(withKey('key-1'));

    const [record] = [...table.items.values()];
    expect(record?.status?.S).toBe('COMPLETED');
    const expiresInSeconds = Number(record?.expiration?.N) - Date.now() / 1000;
    expect(expiresInSeconds).toBeGreaterThan(24 * 3600 - 60);
    expect(expiresInSeconds).toBeLessThanOrEqual(24 * 3600 + 1);
  });

  it('does not store the key or the body in clear in the table', async () => {
    await post(withKey('very-recognizable-key'));

    const stored = JSON.stringify([...table.items.entries()]);
    expect(stored).not.toContain('very-recognizable-key');
    expect(stored).not.toContain('ada@example.com');
  });
});

describe('signup logs', () => {
  it('carry the signupId and tenantId of an accepted signup', async () => {
    const response = await post({ body: ada });

    expect(logs.records()).toContainEqual(
      expect.objectContaining({ message: 'Signup accepted', service: 'signup-api', signupId: response.json.signupId, tenantId: 'acme' }),
    );
  });

  it('never contain the email address or the name, whatever happens to the request', async () => {
    const person = { email: 'Unique.Person@Example.com', name: 'Unmistakable Name', tenantId: 'acme' };

    await post({ body: person });
    await post(withKey('key-1', person));
    await post(withKey('key-1', { ...person, plan: 'pro' }));
    await post({ body: { ...person, unknown: person.email } });
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
    await post({ body: person });

    const text = logs.lines.join('\n').toLowerCase();
    expect(logs.lines.length).toBeGreaterThanOrEqual(5);
    expect(text).not.toContain('unique.person@example.com');
    expect(text).not.toContain('unmistakable');
  });

  it('do not carry one request\'s keys into the next', async () => {
    await post({ body: ada });
    await post({ body: 'not json' });

    const refusal = logs.records().find((entry) => entry.message === 'Signup refused');
    expect(refusal).toBeDefined();
    expect(refusal).not.toHaveProperty('signupId');
    expect(refusal).not.toHaveProperty('tenantId');
  });
});

/** Makes PutEvents wait until the returned function is called, to catch a request mid-flight. */
function holdPublishing(): () => void {
  let release: () => void = () => undefined;
  eventBridge.on(PutEventsCommand).callsFake(() => new Promise((resolve) => (release = () => resolve({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] }))));
  return () => release();
}
