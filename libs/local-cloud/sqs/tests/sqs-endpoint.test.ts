/**
 * The endpoint over loopback, driven by the two real clients: the AWS SDK v3 (AWS JSON 1.0) and
 * Debian's AWS CLI v2 2.9.19 (the AWS Query protocol: its SQS model predates JSON). Both see the
 * same queues and the same error codes.
 */
import { serveOnLoopback, type LoopbackServer } from '@onboarding/local-aws-core';
import { awsCliAvailable, runAwsCli } from '@onboarding/local-aws-core/testing';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListMessageMoveTasksCommand,
  PurgeQueueCommand,
  PurgeQueueInProgress,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { request, type IncomingMessage } from 'node:http';
import { eventually } from '@onboarding/testing';
import { createSqsHandler, SqsEngine } from '../src';

// Each run of the CLI starts a Python interpreter: about a second, more on a busy machine.
jest.setTimeout(120_000);

describe('the SQS endpoint', () => {
  let server: LoopbackServer;
  let engine: SqsEngine;
  let sqs: SQSClient;
  const seen: { target?: string; contentType?: string }[] = [];
  const bugs: unknown[] = [];
  let closedEarly = 0;

  beforeAll(async () => {
    engine = new SqsEngine();
    const handler = createSqsHandler(engine, { onInternalError: (e) => bugs.push(e) });
    server = await serveOnLoopback((req: IncomingMessage, res) => {
      seen.push({ target: req.headers['x-amz-target'] as string | undefined, contentType: req.headers['content-type'] });
      res.once('close', () => {
        if (!res.writableFinished) closedEarly++;
      });
      handler(req, res);
    });
    sqs = new SQSClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'sdk-user', secretAccessKey: 'x' } });
  });

  afterAll(async () => {
    sqs.destroy();
    await server.close();
  });

  afterEach(() => {
    expect(bugs).toEqual([]);
  });

  describe('with the AWS SDK v3 (JSON 1.0)', () => {
    it('creates, sends, receives with attributes, and deletes', async () => {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-q', Attributes: { VisibilityTimeout: '5' } }));
      const sent = await sqs.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: '{"signupId":"s-1"}',
          MessageAttributes: { kind: { DataType: 'String', StringValue: 'UserSignup' }, blob: { DataType: 'Binary', BinaryValue: Uint8Array.from([0, 255]) } },
        }),
      );

      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
      const message = received.Messages?.[0];
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message?.ReceiptHandle }));

      expect(QueueUrl).toBe(`${server.url}/000000000000/sdk-q`);
      expect(seen.at(-1)).toEqual({ target: 'AmazonSQS.DeleteMessage', contentType: 'application/x-amz-json-1.0' });
      expect(message).toMatchObject({ MessageId: sent.MessageId, Body: '{"signupId":"s-1"}', MD5OfMessageAttributes: sent.MD5OfMessageAttributes });
      expect(message?.MessageAttributes?.['blob']?.BinaryValue).toEqual(Uint8Array.from([0, 255]));
      expect(message?.Attributes).toMatchObject({ ApproximateReceiveCount: '1', SenderId: 'sdk-user' });
      expect(engine.peek('sdk-q')).toEqual([]);
    });

    it('long-polls: a receive waiting 10 s answers as soon as another client sends', async () => {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-long-poll' }));
      const started = Date.now();
      const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10 }));

      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'ping' }));
      const answer = await waiting;

      expect(answer.Messages?.map((m) => m.Body)).toEqual(['ping']);
      expect(Date.now() - started).toBeLessThan(9000);
    });

    it('throws the modelled exceptions: QueueDoesNotExist with its Query code, PurgeQueueInProgress', async () => {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-errors' }));
      await sqs.send(new PurgeQueueCommand({ QueueUrl }));

      const missing = await sqs.send(new GetQueueUrlCommand({ QueueName: 'no-such-queue' })).catch((e: unknown) => e);
      const purge = await sqs.send(new PurgeQueueCommand({ QueueUrl })).catch((e: unknown) => e);

      expect(missing).toBeInstanceOf(QueueDoesNotExist);
      expect(missing).toMatchObject({ name: 'QueueDoesNotExist', Code: 'AWS.SimpleQueueService.NonExistentQueue', $metadata: { httpStatusCode: 400 } });
      expect(purge).toBeInstanceOf(PurgeQueueInProgress);
      expect(purge).toMatchObject({ $metadata: { httpStatusCode: 403 } });
    });

    it('answers batches entry by entry, and a bad visibility change with its code', async () => {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-batch' }));

      const batch = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: '' }] }));
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      const deleted = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: (received.Messages ?? []).map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })) }));
      const notInFlight = await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: received.Messages?.[0]?.ReceiptHandle, VisibilityTimeout: 5 })).catch((e: unknown) => e);

      expect(batch.Successful?.map((s) => s.Id)).toEqual(['a']);
      expect(batch.Failed).toEqual([expect.objectContaining({ Id: 'b', Code: 'InvalidParameterValue', SenderFault: true })]);
      expect(deleted.Successful).toHaveLength(1);
      expect(notInFlight).toMatchObject({ name: 'ReceiptHandleIsInvalid' });
    });

    it('sets and reads attributes, lists by prefix, and deletes a queue', async () => {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-attrs' }));
      await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { MessageRetentionPeriod: '1209600', SqsManagedSseEnabled: 'true' } }));

      const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['MessageRetentionPeriod', 'QueueArn'] }));
      const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'sdk-attr' }));
      await sqs.send(new DeleteQueueCommand({ QueueUrl }));
      const gone = await sqs.send(new GetQueueAttributesCommand({ QueueUrl })).catch((e: unknown) => e);

      expect(attributes.Attributes).toEqual({ MessageRetentionPeriod: '1209600', QueueArn: 'arn:aws:sqs:us-east-1:000000000000:sdk-attrs' });
      expect(listed.QueueUrls).toEqual([QueueUrl]);
      expect(gone).toBeInstanceOf(QueueDoesNotExist);
    });

    it('lets a long poll whose client hung up take nothing: the message waits for the next receive', async () => {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-hang-up' }));
      const before = closedEarly;
      const poll = request(server.url, { method: 'POST', headers: { 'x-amz-target': 'AmazonSQS.ReceiveMessage', 'content-type': 'application/x-amz-json-1.0' } });
      poll.on('error', () => undefined);
      poll.end(JSON.stringify({ QueueUrl, WaitTimeSeconds: 20 }));
      await eventually(() => seen.at(-1)?.target === 'AmazonSQS.ReceiveMessage', 'the long poll to arrive');

      poll.destroy();
      await eventually(() => closedEarly > before, 'the server to see the hang-up');
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'for the next receive' }));
      const next = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));

      expect(next.Messages?.[0]).toMatchObject({ Body: 'for the next receive', Attributes: { ApproximateReceiveCount: '1' } });
    });

    it('answers an unknown Query action with UnknownOperationException in XML', async () => {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(server.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end('Action=StartMessageMoveTask&Version=2012-11-05&SourceArn=x');
      });

      expect(answer.status).toBe(400);
      expect(answer.body).toContain('<Code>UnknownOperationException</Code><Message>The local cloud does not implement the StartMessageMoveTask operation of SQS</Message>');
    });

    it('answers UnknownOperationException for an operation it does not implement', async () => {
      const error = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: 'arn:aws:sqs:us-east-1:000000000000:x' })).catch((e: unknown) => e);

      expect(error).toMatchObject({ name: 'UnknownOperationException', message: 'The local cloud does not implement the ListMessageMoveTasks operation of SQS' });
    });
  });

  (awsCliAvailable() ? describe : describe.skip)("with Debian's AWS CLI v2 (Query protocol)", () => {
    const aws = (...args: string[]) => runAwsCli(['sqs', ...args], { endpoint: server.url, accessKeyId: 'cli-user' });

    it('speaks the Query protocol: a form body and no X-Amz-Target', async () => {
      seen.length = 0;

      const created = await aws('create-queue', '--queue-name', 'cli-q');

      expect(created.exitCode).toBe(0);
      expect(seen).toEqual([{ target: undefined, contentType: 'application/x-www-form-urlencoded; charset=utf-8' }]);
    });

    it('creates a queue with a redrive policy, sends, receives, and the message reaches the DLQ after maxReceiveCount', async () => {
      await aws('create-queue', '--queue-name', 'cli-dlq');
      const policy = JSON.stringify({ deadLetterTargetArn: engine.queueArn('cli-dlq'), maxReceiveCount: '1' });
      const created = await aws('create-queue', '--queue-name', 'cli-work', '--attributes', JSON.stringify({ VisibilityTimeout: '0', RedrivePolicy: policy }), '--tags', 'team=orchestration');
      const QueueUrl = (created.json as { QueueUrl: string }).QueueUrl;

      const sent = await aws('send-message', '--queue-url', QueueUrl, '--message-body', 'from the cli & <xml>', '--message-attributes', '{"kind":{"DataType":"String","StringValue":"Test"}}');
      const first = await aws('receive-message', '--queue-url', QueueUrl, '--attribute-names', 'All', '--message-attribute-names', 'All');
      const second = await aws('receive-message', '--queue-url', QueueUrl);
      const dead = await aws('receive-message', '--queue-url', `${server.url}/000000000000/cli-dlq`, '--attribute-names', 'All');
      const tags = await aws('list-queue-tags', '--queue-url', QueueUrl);
      const sources = await aws('list-dead-letter-source-queues', '--queue-url', `${server.url}/000000000000/cli-dlq`);

      expect(sent.json).toMatchObject({ MessageId: expect.any(String), MD5OfMessageBody: expect.stringMatching(/^[0-9a-f]{32}$/), MD5OfMessageAttributes: expect.any(String) });
      expect(first.json).toMatchObject({
        Messages: [{ Body: 'from the cli & <xml>', Attributes: { ApproximateReceiveCount: '1', SenderId: 'cli-user' }, MessageAttributes: { kind: { StringValue: 'Test', DataType: 'String' } } }],
      });
      expect(second.json).toBeUndefined();
      expect(dead.json).toMatchObject({ Messages: [{ Body: 'from the cli & <xml>', Attributes: { DeadLetterQueueSourceArn: engine.queueArn('cli-work') } }] });
      expect(tags.json).toEqual({ Tags: { team: 'orchestration' } });
      expect(sources.json).toEqual({ queueUrls: [QueueUrl] });
    });

    it('reads attributes, lists queues, sends and deletes in batches, purges and deletes a queue', async () => {
      const QueueUrl = ((await aws('create-queue', '--queue-name', 'cli-batch')).json as { QueueUrl: string }).QueueUrl;

      const batch = await aws('send-message-batch', '--queue-url', QueueUrl, '--entries', JSON.stringify([{ Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: 'two', DelaySeconds: 901 }]));
      const attributes = await aws('get-queue-attributes', '--queue-url', QueueUrl, '--attribute-names', 'ApproximateNumberOfMessages', 'VisibilityTimeout');
      const listed = await aws('list-queues', '--queue-name-prefix', 'cli-b');
      const received = await aws('receive-message', '--queue-url', QueueUrl, '--max-number-of-messages', '10', '--visibility-timeout', '60');
      const handles = ((received.json as { Messages: { ReceiptHandle: string }[] }).Messages ?? []).map((m, i) => ({ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle }));
      const deleted = await aws('delete-message-batch', '--queue-url', QueueUrl, '--entries', JSON.stringify(handles));
      await aws('send-message', '--queue-url', QueueUrl, '--message-body', 'to purge');
      const purged = await aws('purge-queue', '--queue-url', QueueUrl);
      const removed = await aws('delete-queue', '--queue-url', QueueUrl);

      expect(batch.json).toMatchObject({ Successful: [{ Id: 'a' }], Failed: [{ Id: 'b', SenderFault: true, Code: 'InvalidParameterValue' }] });
      expect(attributes.json).toEqual({ Attributes: { ApproximateNumberOfMessages: '1', VisibilityTimeout: '30' } });
      expect(listed.json).toEqual({ QueueUrls: [QueueUrl] });
      expect(deleted.json).toEqual({ Successful: [{ Id: 'm0' }] });
      expect([purged.exitCode, removed.exitCode]).toEqual([0, 0]);
      expect(engine.listQueues({ QueueNamePrefix: 'cli-batch' })).toEqual({});
    });

    it.each([
      ['an unknown queue', ['get-queue-url', '--queue-name', 'nope'], 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.'],
      ['a bad attribute value', ['create-queue', '--queue-name', 'bad', '--attributes', '{"VisibilityTimeout":"99999"}'], 'InvalidAttributeValue', 'VisibilityTimeout'],
      ['an unknown attribute', ['create-queue', '--queue-name', 'bad', '--attributes', '{"Colour":"blue"}'], 'InvalidAttributeName', 'Unknown Attribute Colour.'],
      ['a FIFO queue', ['create-queue', '--queue-name', 'jobs.fifo', '--attributes', '{"FifoQueue":"true"}'], 'AWS.SimpleQueueService.UnsupportedOperation', 'standard queues only'],
      ['an invalid receipt handle', ['delete-message', '--queue-url', 'http://127.0.0.1/000000000000/cli-q', '--receipt-handle', 'junk!'], 'ReceiptHandleIsInvalid', 'not a valid receipt handle'],
    ])('reports %s with the Query error code the CLI prints', async (_what, args, code, message) => {
      const result = await aws(...args);

      expect(result.exitCode).toBe(254);
      expect(result.stderr).toContain(`An error occurred (${code}) when calling the`);
      expect(result.stderr).toContain(message);
    });
  });
});
