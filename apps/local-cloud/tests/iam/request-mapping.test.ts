/**
 * From an HTTP request to the IAM questions AWS asks about it, per service: the action, the
 * resource ARN and the condition keys our templates' policies read.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { jsonServiceSpecs, mapJsonRequest } from '../../src/iam/json-services';
import { mapLambdaRequest } from '../../src/iam/lambda-requests';
import { requestLine, type RequestMapping } from '../../src/iam/request-mapping';
import { mapS3Request, parseDeleteObjects } from '../../src/iam/s3-requests';
import { mapSesRequest } from '../../src/iam/ses-requests';
import type { CloudModel } from '../../src/model';

const model = {
  tables: [
    {
      tableName: 'Users',
      arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/Users',
      keySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    },
  ],
  secrets: [{ name: 'onboarding/notifier/webhook-url', arn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:onboarding/notifier/webhook-url-1thzd6' }],
} as unknown as CloudModel;
const specs = jsonServiceSpecs(model);

const json = (service: keyof typeof specs, operation: string, body: unknown): RequestMapping =>
  mapJsonRequest(specs[service], requestLine('POST', '/', { 'x-amz-target': `${specs[service].targetPrefix}.${operation}` }), Buffer.from(JSON.stringify(body)));

const requestsOf = (mapping: RequestMapping | ReturnType<typeof mapS3Request>) => {
  if (mapping.kind !== 'requests') throw new Error(`expected requests, got ${JSON.stringify(mapping)}`);
  return mapping.requests;
};

const s3 = (method: string, url: string, headers: IncomingHttpHeaders = {}, body?: string) => mapS3Request(requestLine(method, url, headers), body === undefined ? undefined : Buffer.from(body));

describe('DynamoDB requests', () => {
  it('ask dynamodb:<Operation> on the table, with the partition key as dynamodb:LeadingKeys', () => {
    const [request] = requestsOf(json('dynamodb', 'PutItem', { TableName: 'Users', Item: { pk: { S: 'TENANT#a' }, sk: { S: 'USER#1' } } }));

    expect(request).toMatchObject({ action: 'dynamodb:PutItem', resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/Users', context: { 'dynamodb:LeadingKeys': 'TENANT#a' } });
  });

  it('ask about the index of a Query, and read its partition key from the key condition', () => {
    const [request] = requestsOf(
      json('dynamodb', 'Query', { TableName: 'Users', IndexName: 'byEmail', KeyConditionExpression: '#p = :p AND begins_with(sk, :s)', ExpressionAttributeNames: { '#p': 'pk' }, ExpressionAttributeValues: { ':p': { S: 'TENANT#a' }, ':s': { S: 'U' } } }),
    );

    expect(request).toMatchObject({ action: 'dynamodb:Query', resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/Users/index/byEmail', context: { 'dynamodb:LeadingKeys': 'TENANT#a' } });
  });

  it('ask once per table of a batch and once per item of a transaction, with the item action', () => {
    const batch = requestsOf(json('dynamodb', 'BatchWriteItem', { RequestItems: { Users: [{ PutRequest: { Item: { pk: { S: 'TENANT#a' } } } }, { DeleteRequest: { Key: { pk: { S: 'TENANT#b' } } } }], Other: [] } }));
    const transaction = requestsOf(json('dynamodb', 'TransactWriteItems', { TransactItems: [{ Put: { TableName: 'Users', Item: { pk: { S: 'x' } } } }, { ConditionCheck: { TableName: 'Users', Key: { pk: { S: 'y' } } } }] }));

    expect(batch.map((r) => [r.action, r.resource, r.context?.['dynamodb:LeadingKeys']])).toEqual([
      ['dynamodb:BatchWriteItem', 'arn:aws:dynamodb:us-east-1:000000000000:table/Users', ['TENANT#a', 'TENANT#b']],
      ['dynamodb:BatchWriteItem', 'arn:aws:dynamodb:us-east-1:000000000000:table/Other', undefined],
    ]);
    expect(transaction.map((r) => r.action)).toEqual(['dynamodb:PutItem', 'dynamodb:ConditionCheckItem']);
  });

  it('ask about * for operations without a table, and leave a malformed body to DynamoDB', () => {
    expect(requestsOf(json('dynamodb', 'ListTables', {}))[0]).toMatchObject({ action: 'dynamodb:ListTables', resource: '*' });
    expect(mapJsonRequest(specs.dynamodb, requestLine('POST', '/', { 'x-amz-target': 'DynamoDB_20120810.GetItem' }), Buffer.from('{not json'))).toEqual({ kind: 'malformed' });
    expect(json('dynamodb', 'GetItem', {})).toEqual({ kind: 'malformed' });
  });
});

describe('EventBridge, Step Functions, SSM and Secrets Manager requests', () => {
  it('ask events:PutEvents on the bus of every entry, with its source and detail-type', () => {
    const requests = requestsOf(json('eventbridge', 'PutEvents', { Entries: [{ EventBusName: 'onboarding', Source: 'onboarding.signup', DetailType: 'UserSignup' }, { Source: 's' }] }));

    expect(requests).toEqual([
      { action: 'events:PutEvents', resource: 'arn:aws:events:us-east-1:000000000000:event-bus/onboarding', context: { 'events:source': 'onboarding.signup', 'events:detail-type': 'UserSignup' } },
      { action: 'events:PutEvents', resource: 'arn:aws:events:us-east-1:000000000000:event-bus/default', context: { 'events:source': 's', 'events:detail-type': undefined } },
    ]);
  });

  it('name rules on a custom bus under the bus', () => {
    expect(requestsOf(json('eventbridge', 'DescribeRule', { Name: 'r', EventBusName: 'onboarding' }))[0]?.resource).toBe('arn:aws:events:us-east-1:000000000000:rule/onboarding/r');
    expect(requestsOf(json('eventbridge', 'DescribeRule', { Name: 'r' }))[0]?.resource).toBe('arn:aws:events:us-east-1:000000000000:rule/r');
  });

  it('ask states:StartExecution on the state machine and execution calls on the execution', () => {
    const machine = 'arn:aws:states:us-east-1:000000000000:stateMachine:Flow';
    const execution = 'arn:aws:states:us-east-1:000000000000:execution:Flow:e1';

    expect(requestsOf(json('stepfunctions', 'StartExecution', { stateMachineArn: machine }))[0]).toEqual({ action: 'states:StartExecution', resource: machine });
    expect(requestsOf(json('stepfunctions', 'DescribeExecution', { executionArn: execution }))[0]).toEqual({ action: 'states:DescribeExecution', resource: execution });
    expect(requestsOf(json('stepfunctions', 'ListStateMachines', {}))[0]).toEqual({ action: 'states:ListStateMachines', resource: '*' });
  });

  it('ask ssm:GetParameter on the parameter ARN, for hierarchical and plain names', () => {
    expect(requestsOf(json('ssm', 'GetParameter', { Name: '/onboarding/x' }))[0]?.resource).toBe('arn:aws:ssm:us-east-1:000000000000:parameter/onboarding/x');
    expect(requestsOf(json('ssm', 'GetParameter', { Name: 'plain' }))[0]?.resource).toBe('arn:aws:ssm:us-east-1:000000000000:parameter/plain');
    expect(requestsOf(json('ssm', 'GetParameters', { Names: ['/a', '/b'] })).map((r) => r.resource)).toEqual(['arn:aws:ssm:us-east-1:000000000000:parameter/a', 'arn:aws:ssm:us-east-1:000000000000:parameter/b']);
  });

  it('ask secretsmanager:GetSecretValue on the full secret ARN, however the secret is named', () => {
    const full = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:onboarding/notifier/webhook-url-1thzd6';

    for (const id of ['onboarding/notifier/webhook-url', full, 'arn:aws:secretsmanager:us-east-1:000000000000:secret:onboarding/notifier/webhook-url']) {
      expect(requestsOf(json('secretsmanager', 'GetSecretValue', { SecretId: id }))[0]).toMatchObject({ action: 'secretsmanager:GetSecretValue', resource: full, context: { 'secretsmanager:SecretId': id } });
    }
  });
});

describe('S3 requests', () => {
  const bucket = 'arn:aws:s3:::b';

  it('ask s3:PutObject and s3:GetObject on the decoded object ARN', () => {
    expect(requestsOf(s3('PUT', '/b/tenants/t%201/users/u1/?x-id=PutObject'))[0]).toMatchObject({ action: 's3:PutObject', resource: `${bucket}/tenants/t 1/users/u1/` });
    expect(requestsOf(s3('HEAD', '/b/k'))[0]).toMatchObject({ action: 's3:GetObject', resource: `${bucket}/k` });
    expect(requestsOf(s3('GET', '/b/k?versionId=v1'))[0]).toMatchObject({ action: 's3:GetObjectVersion' });
  });

  it('ask s3:ListBucket on the bucket with the listing prefix as s3:prefix', () => {
    const [request] = requestsOf(s3('GET', '/b?list-type=2&prefix=tenants%2Fa%2F&max-keys=1000&x-id=ListObjectsV2'));

    expect(request).toMatchObject({ action: 's3:ListBucket', resource: bucket, context: { 's3:prefix': 'tenants/a/', 's3:max-keys': '1000' } });
    expect(requestsOf(s3('GET', '/b?list-type=2'))[0]?.context?.['s3:prefix']).toBeUndefined();
  });

  it('ask s3:GetObject on the source of a copy as well', () => {
    const requests = requestsOf(s3('PUT', '/b/dest', { 'x-amz-copy-source': '/src/a%20b.txt' }));

    expect(requests.map((r) => [r.action, r.resource])).toEqual([
      ['s3:PutObject', `${bucket}/dest`],
      ['s3:GetObject', 'arn:aws:s3:::src/a b.txt'],
    ]);
  });

  it('read the keys of a multi-object delete from its body', () => {
    const body = '<?xml version="1.0"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>tenants/a/k&amp;1</Key></Object><Object><Key>b</Key><VersionId>v</VersionId></Object><Quiet>true</Quiet></Delete>';

    expect(s3('POST', '/b?delete', {}, body)).toMatchObject({ kind: 'delete-objects', bucket: 'b', quiet: true, objects: [{ key: 'tenants/a/k&1' }, { key: 'b', versionId: 'v' }] });
    expect(parseDeleteObjects('<NotDelete/>')).toBeUndefined();
  });

  it('refuse to guess the action of a subresource it does not know', () => {
    expect(s3('GET', '/b/k?some-new-subresource')).toMatchObject({ kind: 'unknown' });
    expect(s3('PUT', '/b?tagging&cors')).toMatchObject({ kind: 'unknown' });
  });
});

describe('SES requests', () => {
  const post = (path: string, body: unknown) => mapSesRequest(requestLine('POST', path, {}), Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));

  it('ask ses:SendEmail on the address identity (or its domain) and the configuration set, with ses:FromAddress', () => {
    const requests = requestsOf(
      post('/v2/email/outbound-emails', { FromEmailAddress: '"Welcome" <welcome@example.com>', Destination: { ToAddresses: ['Ada <ada@x.org>'] }, Content: { Simple: {} }, ConfigurationSetName: 'cs' }),
    );

    expect(requests).toEqual([
      {
        action: 'ses:SendEmail',
        resource: 'arn:aws:ses:us-east-1:000000000000:identity/welcome@example.com',
        alternatives: ['arn:aws:ses:us-east-1:000000000000:identity/example.com'],
        context: expect.objectContaining({ 'ses:FromAddress': 'welcome@example.com', 'ses:FromDisplayName': 'Welcome', 'ses:Recipients': ['ada@x.org'], 'ses:ApiVersion': '2' }),
      },
      expect.objectContaining({ action: 'ses:SendEmail', resource: 'arn:aws:ses:us-east-1:000000000000:configuration-set/cs' }),
    ]);
  });

  it('ask ses:SendRawEmail for raw content, reading From from the message', () => {
    const raw = Buffer.from('From: Shop <shop@example.com>\r\nTo: a@b.c\r\nSubject: x\r\n\r\nbody').toString('base64');
    const [request] = requestsOf(post('/v2/email/outbound-emails', { Content: { Raw: { Data: raw } } }));

    expect(request).toMatchObject({ action: 'ses:SendRawEmail', resource: 'arn:aws:ses:us-east-1:000000000000:identity/shop@example.com' });
  });

  it('read the v1 query protocol and refuse a send without a From address', () => {
    const [request] = requestsOf(post('/', 'Action=SendEmail&Source=welcome%40example.com&Destination.ToAddresses.member.1=a%40b.c'));

    expect(request).toMatchObject({ action: 'ses:SendEmail', context: expect.objectContaining({ 'ses:ApiVersion': '1', 'ses:Recipients': ['a@b.c'] }) });
    expect(post('/v2/email/outbound-emails', { Content: { Simple: {} } })).toMatchObject({ kind: 'unknown' });
  });
});

describe('Lambda requests', () => {
  it('ask lambda:InvokeFunction on the function ARN with its qualifier, however it is named', () => {
    const arn = 'arn:aws:lambda:us-east-1:000000000000:function:f';

    expect(requestsOf(mapLambdaRequest(requestLine('POST', '/2015-03-31/functions/f/invocations', {})))[0]).toEqual({ action: 'lambda:InvokeFunction', resource: arn });
    expect(requestsOf(mapLambdaRequest(requestLine('POST', `/2015-03-31/functions/${encodeURIComponent(arn)}/invocations?Qualifier=live`, {})))[0]?.resource).toBe(`${arn}:live`);
    expect(requestsOf(mapLambdaRequest(requestLine('POST', '/2015-03-31/functions/000000000000%3Afunction%3Af%3A3/invocations', {})))[0]?.resource).toBe(`${arn}:3`);
  });
});
