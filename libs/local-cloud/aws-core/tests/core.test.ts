import { request } from 'node:http';
import {
  AwsError,
  createJsonRpcHandler,
  credentialScope,
  decodePageToken,
  encodePageToken,
  queryList,
  queryMap,
  queryParameters,
  queryTree,
  serveOnLoopback,
  systemClock,
  xmlElement,
  type LoopbackServer,
} from '../src';
import { ManualClock } from '../src/testing';

function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('credentialScope', () => {
  it('reads the signing name from an Authorization header', () => {
    const scope = credentialScope({
      url: '/',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc' },
    });

    expect(scope).toEqual({ accessKeyId: 'AKIDEXAMPLE', date: '20260101', region: 'eu-west-1', service: 'sqs' });
  });

  it('reads a presigned URL credential', () => {
    const scope = credentialScope({ headers: {}, url: '/bucket/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=local%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=00' });

    expect(scope?.service).toBe('s3');
  });

  it('is undefined for an unsigned request or a malformed scope', () => {
    expect(credentialScope({ headers: {}, url: '/' })).toBeUndefined();
    expect(credentialScope({ headers: { authorization: 'AWS4-HMAC-SHA256 Credential=key/2026/us-east-1/sqs' }, url: '/' })).toBeUndefined();
  });
});

describe('the Query protocol helpers', () => {
  it('nest flattened parameters into lists and maps, body over query string', () => {
    const params = queryParameters('/?Action=Ignored&Version=2012-11-05', 'Action=CreateQueue&QueueName=q&Attribute.2.Name=DelaySeconds&Attribute.2.Value=5&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=10&AttributeName.1=All');
    const tree = queryTree(params);

    expect(tree['Action']).toBe('CreateQueue');
    expect(tree['Version']).toBe('2012-11-05');
    expect(queryMap(tree['Attribute'])).toEqual({ VisibilityTimeout: '10', DelaySeconds: '5' });
    expect(queryList(tree['AttributeName'])).toEqual(['All']);
    expect(queryList(tree['Missing'])).toEqual([]);
  });

  it('escapes text in XML and writes nothing for an absent member', () => {
    expect(xmlElement('Body', `<a href="x">&'</a>`).xml).toBe('<Body>&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;</Body>');
    expect(xmlElement('Absent', undefined).xml).toBe('');
  });
});

describe('ManualClock', () => {
  it('fires timers in due order, each at its own time, including timers set while firing', () => {
    const clock = new ManualClock(1000);
    const fired: string[] = [];
    clock.setTimer(300, () => fired.push(`b@${clock.now()}`));
    clock.setTimer(100, () => {
      fired.push(`a@${clock.now()}`);
      clock.setTimer(50, () => fired.push(`c@${clock.now()}`));
    });
    const cancelled = clock.setTimer(200, () => fired.push('never'));
    cancelled.cancel();

    clock.advance(1000);

    expect(fired).toEqual(['a@1100', 'c@1150', 'b@1300']);
    expect(clock.now()).toBe(2000);
    expect(clock.pendingTimers).toBe(0);
  });

  it('refuses to go back in time', () => {
    expect(() => new ManualClock(10).advanceTo(5)).toThrow(/back in time/);
  });
});

describe('systemClock', () => {
  it('fires a timer after its delay and never after cancel', async () => {
    const fired = await new Promise<number>((resolve) => {
      const start = Date.now();
      systemClock.setTimer(1000, () => resolve(-1)).cancel();
      systemClock.setTimer(20, () => resolve(Date.now() - start));
    });

    expect(fired).toBeGreaterThanOrEqual(19);
  });
});

describe('createJsonRpcHandler', () => {
  let server: LoopbackServer;
  const errors: unknown[] = [];

  beforeAll(async () => {
    server = await serveOnLoopback(
      createJsonRpcHandler({
        service: 'SQS',
        targetPrefix: 'AmazonSQS',
        jsonVersion: '1.0',
        queryCompatible: true,
        operations: {
          Echo: (input) => input,
          Missing: () => {
            throw new AwsError('QueueDoesNotExist', 'The specified queue does not exist.', { queryCode: 'AWS.SimpleQueueService.NonExistentQueue' });
          },
          Buggy: () => {
            throw new TypeError('boom');
          },
        },
        onInternalError: (error) => errors.push(error),
      }),
    );
  });

  afterAll(() => server.close());

  const call = (target: string, body = '{}') => post(server.url, { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' }, body);

  it('answers an operation with its output', async () => {
    const answer = await call('AmazonSQS.Echo', '{"a":1}');

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(JSON.parse(answer.body)).toEqual({ a: 1 });
  });

  it('answers an AwsError with its code, status and Query code header', async () => {
    const answer = await call('AmazonSQS.Missing');

    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ __type: 'QueueDoesNotExist', message: 'The specified queue does not exist.' });
    expect(answer.headers['x-amzn-query-error']).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
  });

  it('answers UnknownOperationException naming the operation and the service', async () => {
    const answer = await call('AmazonSQS.ListMessageMoveTasks');

    expect(JSON.parse(answer.body)).toEqual({ __type: 'UnknownOperationException', message: 'The local cloud does not implement the ListMessageMoveTasks operation of SQS' });
  });

  it('answers a body that is not a JSON object with SerializationException, and a bug with a 500', async () => {
    const notJson = await call('AmazonSQS.Echo', '{');
    const array = await call('AmazonSQS.Echo', '[]');
    const bug = await call('AmazonSQS.Buggy');

    expect(JSON.parse(notJson.body).__type).toBe('SerializationException');
    expect(JSON.parse(array.body).__type).toBe('SerializationException');
    expect(bug.status).toBe(500);
    expect(JSON.parse(bug.body)).toMatchObject({ __type: 'InternalFailure', message: expect.stringContaining('boom') });
    expect(errors).toHaveLength(1);
  });
});

describe('page tokens', () => {
  it('resume the listing they came from and no other', () => {
    const token = encodePageToken('ListQueues', 'orders');

    expect(decodePageToken('ListQueues', token)).toBe('orders');
    expect(decodePageToken('ListDeadLetterSourceQueues', token)).toBeUndefined();
    expect(decodePageToken('ListQueues', 'not a token')).toBeUndefined();
  });
});
