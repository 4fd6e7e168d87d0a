/**
 * Helpers of the resilience tests on the real apps: signing up, waiting on conditions (never on
 * sleeps), and counting the side effects of one signup where they land, over the wire, with the
 * AWS SDK: user items in DynamoDB, mail in the SES store, objects in S3, messages at the webhook.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { CloudModel } from '../../src/model';
import { eventsOfState } from '../../src/replay';
import type { HistoryEvent } from '../../src/stepfunctions';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const region = 'us-east-1';
const credentials = { accessKeyId: 'resilience-test', secretAccessKey: 'resilience-test' };

export { eventually } from '@onboarding/testing';

/** A person to sign up, in a tenant of their own so that their side effects can be counted alone. */
export function newPerson(label: string): { email: string; name: string; tenantId: string; plan: string } {
  const suffix = randomUUID().slice(0, 8);
  return { email: `${label}-${suffix}@example.com`, name: 'Ada Lovelace', tenantId: `${label}-${suffix}`, plan: 'pro' };
}

/** POST /signup; resolves with the signupId of a 202. */
export async function signUp(api: string, person: object): Promise<string> {
  const response = await fetch(`${api}/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(person) });
  const body = (await response.json()) as { signupId?: string };
  if (response.status !== 202 || !body.signupId) throw new Error(`signup answered ${response.status}: ${JSON.stringify(body)}`);
  return body.signupId;
}

/** Where the side effects of a signup are counted. */
export interface EffectEndpoints {
  dynamodb: string;
  s3: string;
  sesv2: string;
  webhook: string;
}

/** The side effects of one signup: user items, welcome mails, storage objects and team messages. */
export interface Effects {
  users: number;
  emails: number;
  objects: number;
  messages: number;
}

/** Counts the side effects of one signup (the person's tenant holds only theirs). */
export async function effectsOf(endpoints: EffectEndpoints, model: CloudModel, person: { email: string; tenantId: string }, signupId: string): Promise<Effects> {
  const usersTable = model.tables.find((t) => t.app === 'user-service' && /users/i.test(t.logicalId))?.tableName;
  const bucket = model.buckets.find((b) => b.app === 'storage-service' && !/log/i.test(b.logicalId))?.bucketName;
  const dynamodb = new DynamoDBClient({ endpoint: endpoints.dynamodb, region, credentials });
  const s3 = new S3Client({ endpoint: endpoints.s3, region, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  try {
    const items = await dynamodb.send(new QueryCommand({ TableName: usersTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `TENANT#${person.tenantId}` } } }));
    const listing = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `tenants/${person.tenantId}/` }));
    const store = (await (await fetch(`${endpoints.sesv2}/store`)).json()) as { emails: { destination: { to: string[] } }[] };
    const messages = (await (await fetch(`${endpoints.webhook}/messages`)).json()) as unknown[];
    return {
      users: (items.Items ?? []).filter((i) => i['sk']?.S?.startsWith('USER#') && i['signupId']?.S === signupId).length,
      emails: store.emails.filter((m) => m.destination.to.includes(person.email)).length,
      objects: listing.KeyCount ?? 0,
      messages: messages.filter((m) => JSON.stringify(m).includes(signupId)).length,
    };
  } finally {
    dynamodb.destroy();
    s3.destroy();
  }
}

/** The task attempts of one state in a history, as `Scheduled`, `Failed:<error>`, `Succeeded`. */
export function attemptsOf(events: HistoryEvent[], stateName: string): string[] {
  const attempts: string[] = [];
  for (const event of eventsOfState(events, stateName)) {
    if (event.type === 'TaskScheduled') attempts.push('Scheduled');
    if (event.type === 'TaskFailed') attempts.push(`Failed:${String(event.taskFailedEventDetails?.['error'])}`);
    if (event.type === 'TaskSucceeded') attempts.push('Succeeded');
  }
  return attempts;
}

/** The names of the states entered, in order. */
export function statesEntered(events: HistoryEvent[]): string[] {
  return events.filter((e) => e.type.endsWith('StateEntered')).map((e) => String(e.stateEnteredEventDetails?.['name']));
}
