/**
 * The engine on its own, as a team's jest test would use it: no server, a manual clock, and the
 * behaviours of the SQS Developer Guide and API Reference (visibility, long polling, delays,
 * retention, redrive, purge, batches), including every refusal leaving the queue unchanged.
 */
import { AwsError } from '@onboarding/local-aws-core';
import { ManualClock } from '@onboarding/local-aws-core/testing';
import { SqsEngine, md5OfBody, md5OfMessageAttributes, type SqsEngineEvent } from '../src';

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const sqs = new SqsEngine({ clock, baseUrl: 'http://localhost:4566' });
  const { QueueUrl } = sqs.createQueue({ QueueName: 'orders' });
  return { clock, sqs, QueueUrl };
}

/** The AWS error code a call fails with. */
async function codeOf(call: () => unknown): Promise<string> {
  try {
    await call();
  } catch (error) {
    if (error instanceof AwsError) return error.code;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('SqsEngine queues', () => {
  it('creates a queue with the documented defaults, its URL and its ARN', () => {
    const { sqs, QueueUrl } = setup();

    const { Attributes } = sqs.getQueueAttributes({ QueueUrl, AttributeNames: ['All'] });

    expect(QueueUrl).toBe('http://localhost:4566/000000000000/orders');
    expect(Attributes).toMatchObject({
      DelaySeconds: '0',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      ReceiveMessageWaitTimeSeconds: '0',
      VisibilityTimeout: '30',
      SqsManagedSseEnabled: 'true',
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:orders',
      ApproximateNumberOfMessages: '0',
      CreatedTimestamp: String(Date.UTC(2026, 0, 1) / 1000),
    });
  });

  it('answers CreateQueue again with the same URL when the attributes agree, and refuses a different value', async () => {
    const { sqs } = setup();
    sqs.createQueue({ QueueName: 'q', Attributes: { VisibilityTimeout: '60' } });

    const again = sqs.createQueue({ QueueName: 'q', Attributes: { VisibilityTimeout: '60' } });

    expect(again.QueueUrl).toMatch(/\/000000000000\/q$/);
    await expect(codeOf(() => sqs.createQueue({ QueueName: 'q', Attributes: { VisibilityTimeout: '10' } }))).resolves.toBe('QueueNameExists');
  });

  it.each([
    [{ QueueName: 'has space' }, 'InvalidParameterValue'],
    [{ QueueName: 'x'.repeat(81) }, 'InvalidParameterValue'],
    [{ QueueName: 'jobs.fifo', Attributes: { FifoQueue: 'true' } }, 'UnsupportedOperation'],
    [{ QueueName: 'q', Attributes: { VisibilityTimeout: '43201' } }, 'InvalidAttributeValue'],
    [{ QueueName: 'q', Attributes: { MaximumMessageSize: '1023' } }, 'InvalidAttributeValue'],
    [{ QueueName: 'q', Attributes: { MessageRetentionPeriod: '59' } }, 'InvalidAttributeValue'],
    [{ QueueName: 'q', Attributes: { Colour: 'blue' } }, 'InvalidAttributeName'],
    [{ QueueName: 'q', Attributes: { RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:missing","maxReceiveCount":3}' } }, 'InvalidParameterValue'],
    [{ QueueName: 'q', Attributes: { RedrivePolicy: '{"maxReceiveCount":3}' } }, 'InvalidAttributeValue'],
  ])('refuses CreateQueue %j with %s and creates nothing', async (input, code) => {
    const { sqs } = setup();

    await expect(codeOf(() => sqs.createQueue(input as never))).resolves.toBe(code);
    expect(sqs.listQueues().QueueUrls).toEqual(['http://localhost:4566/000000000000/orders']);
  });

  it('accepts the encryption attributes the templates set, and KMS instead of SSE-SQS', () => {
    const { sqs } = setup();

    const { QueueUrl } = sqs.createQueue({ QueueName: 'kms', Attributes: { KmsMasterKeyId: 'alias/aws/sqs', KmsDataKeyReusePeriodSeconds: '300' } });

    expect(sqs.getQueueAttributes({ QueueUrl, AttributeNames: ['KmsMasterKeyId', 'SqsManagedSseEnabled'] }).Attributes).toEqual({ KmsMasterKeyId: 'alias/aws/sqs', SqsManagedSseEnabled: 'false' });
  });

  it('says QueueDoesNotExist for an unknown queue, and InvalidAddress for something that is no queue URL', async () => {
    const { sqs } = setup();

    await expect(codeOf(() => sqs.getQueueUrl({ QueueName: 'nope' }))).resolves.toBe('QueueDoesNotExist');
    await expect(codeOf(() => sqs.sendMessage({ QueueUrl: 'http://localhost/000000000000/nope', MessageBody: 'x' }))).resolves.toBe('QueueDoesNotExist');
    await expect(codeOf(() => sqs.sendMessage({ QueueUrl: 'http://localhost/a/b/c', MessageBody: 'x' }))).resolves.toBe('InvalidAddress');
  });

  it('lists queues by prefix, page by page with MaxResults', () => {
    const { sqs } = setup();
    for (const name of ['a1', 'a2', 'a3', 'b1']) sqs.createQueue({ QueueName: name });

    const first = sqs.listQueues({ QueueNamePrefix: 'a', MaxResults: 2 });
    const second = sqs.listQueues({ QueueNamePrefix: 'a', MaxResults: 2, NextToken: first.NextToken });

    expect(first.QueueUrls?.map((u) => u.split('/').pop())).toEqual(['a1', 'a2']);
    expect(second).toEqual({ QueueUrls: ['http://localhost:4566/000000000000/a3'] });
  });

  it('waits 60 seconds before a deleted queue name can be created again', async () => {
    const { sqs, clock, QueueUrl } = setup();
    sqs.deleteQueue({ QueueUrl });

    const tooSoon = await codeOf(() => sqs.createQueue({ QueueName: 'orders' }));
    clock.advance(60_000);

    expect(tooSoon).toBe('QueueDeletedRecently');
    expect(sqs.createQueue({ QueueName: 'orders' }).QueueUrl).toBe(QueueUrl);
  });

  it('tags and untags a queue', () => {
    const { sqs, QueueUrl } = setup();

    sqs.tagQueue({ QueueUrl, Tags: { team: 'orchestration', env: 'local' } });
    sqs.untagQueue({ QueueUrl, TagKeys: ['env'] });

    expect(sqs.listQueueTags({ QueueUrl })).toEqual({ Tags: { team: 'orchestration' } });
  });
});

describe('SqsEngine messages', () => {
  it('answers the MD5 checksums of the SQS documentation examples', () => {
    // receive-message examples of the AWS CLI reference (MD5OfBody and MD5OfMessageAttributes, shortened there).
    const both = md5OfMessageAttributes({ PostalCode: { DataType: 'String', StringValue: 'ABC123' }, City: { DataType: 'String', StringValue: 'Any City' } });
    const one = md5OfMessageAttributes({ PostalCode: { DataType: 'String', StringValue: 'ABC123' } });

    expect(both).toMatch(/^9424c491[0-9a-f]{16}26bc3ae7$/);
    expect(one).toMatch(/^b8e89563[0-9a-f]{16}e088e74f$/);
    expect(md5OfBody('Information about the largest city in Any Region.')).toMatch(/^51b0a325[0-9a-f]{16}39163aa0$/);
  });

  it('hides a received message for the visibility timeout, then delivers it again with a higher receive count', async () => {
    const { sqs, clock, QueueUrl } = setup();
    const sent = sqs.sendMessage({ QueueUrl, MessageBody: 'hello' });

    const first = await sqs.receiveMessage({ QueueUrl, VisibilityTimeout: 10, AttributeNames: ['All'] });
    const hidden = await sqs.receiveMessage({ QueueUrl });
    clock.advance(10_000);
    const again = await sqs.receiveMessage({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] });

    expect(first.Messages?.[0]).toMatchObject({ MessageId: sent.MessageId, Body: 'hello', MD5OfBody: sent.MD5OfMessageBody });
    expect(first.Messages?.[0]?.Attributes).toMatchObject({ ApproximateReceiveCount: '1', SentTimestamp: String(Date.UTC(2026, 0, 1)), SenderId: '000000000000' });
    expect(hidden).toEqual({});
    expect(again.Messages?.[0]?.Attributes).toEqual({ ApproximateReceiveCount: '2' });
    expect(again.Messages?.[0]?.ReceiptHandle).not.toBe(first.Messages?.[0]?.ReceiptHandle);
  });

  it('deletes with the latest receipt handle only; an earlier one succeeds without deleting', async () => {
    const { sqs, clock, QueueUrl } = setup();
    sqs.sendMessage({ QueueUrl, MessageBody: 'x' });
    const old = (await sqs.receiveMessage({ QueueUrl, VisibilityTimeout: 1 })).Messages?.[0]?.ReceiptHandle as string;
    clock.advance(1000);
    const latest = (await sqs.receiveMessage({ QueueUrl, VisibilityTimeout: 1 })).Messages?.[0]?.ReceiptHandle as string;

    sqs.deleteMessage({ QueueUrl, ReceiptHandle: old });
    const afterOld = sqs.peek('orders').length;
    sqs.deleteMessage({ QueueUrl, ReceiptHandle: latest });

    expect(afterOld).toBe(1);
    expect(sqs.peek('orders')).toEqual([]);
    await expect(codeOf(() => sqs.deleteMessage({ QueueUrl, ReceiptHandle: 'not-a-handle!' }))).resolves.toBe('ReceiptHandleIsInvalid');
  });

  it('delays a message by its DelaySeconds, or by the queue delay', async () => {
    const { sqs, clock, QueueUrl } = setup();
    sqs.setQueueAttributes({ QueueUrl, Attributes: { DelaySeconds: '5' } });
    sqs.sendMessage({ QueueUrl, MessageBody: 'queue delay' });
    sqs.sendMessage({ QueueUrl, MessageBody: 'own delay', DelaySeconds: 20 });

    const delayed = sqs.getQueueAttributes({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessagesDelayed'] }).Attributes;
    clock.advance(5000);
    const atFive = await sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 });
    clock.advance(15_000);
    const atTwenty = await sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 });

    expect(delayed).toEqual({ ApproximateNumberOfMessagesDelayed: '2' });
    expect(atFive.Messages?.map((m) => m.Body)).toEqual(['queue delay']);
    expect(atTwenty.Messages?.map((m) => m.Body)).toEqual(['own delay']);
  });

  it('long-polls: a waiting receive returns as soon as a message arrives', async () => {
    const { sqs, QueueUrl } = setup();
    const waiting = sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 });

    sqs.sendMessage({ QueueUrl, MessageBody: 'late' });

    await expect(waiting).resolves.toMatchObject({ Messages: [{ Body: 'late' }] });
  });

  it('long-polls until the wait time, then answers no messages', async () => {
    const { sqs, clock, QueueUrl } = setup();
    let answered: unknown;
    const waiting = sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 }).then((r) => (answered = r));

    clock.advance(19_999);
    await Promise.resolve();
    const before = answered;
    clock.advance(1);
    await waiting;

    expect(before).toBeUndefined();
    expect(answered).toEqual({});
  });

  it('ends a long poll whose caller hung up without taking a message sent at that moment', async () => {
    const { sqs, QueueUrl } = setup();
    const hangUp = new AbortController();
    const polling = sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 }, { signal: hangUp.signal });

    hangUp.abort();
    sqs.sendMessage({ QueueUrl, MessageBody: 'keep me' });

    await expect(polling).resolves.toEqual({});
    expect(sqs.peek('orders').map((m) => m.receiveCount)).toEqual([0]);
  });

  it('long-polls past a visibility timeout: the message comes back when it expires', async () => {
    const { sqs, clock, QueueUrl } = setup();
    sqs.sendMessage({ QueueUrl, MessageBody: 'retry me' });
    await sqs.receiveMessage({ QueueUrl, VisibilityTimeout: 3 });

    const waiting = sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 10 });
    clock.advance(3000);

    await expect(waiting).resolves.toMatchObject({ Messages: [{ Body: 'retry me' }] });
  });

  it('returns at most MaxNumberOfMessages, and refuses 0 or 11', async () => {
    const { sqs, QueueUrl } = setup();
    for (let i = 0; i < 12; i++) sqs.sendMessage({ QueueUrl, MessageBody: `m${i}` });

    const ten = await sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 });

    expect(ten.Messages).toHaveLength(10);
    await expect(codeOf(() => sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 11 }))).resolves.toBe('InvalidParameterValue');
    await expect(codeOf(() => sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 0 }))).resolves.toBe('InvalidParameterValue');
  });

  it('returns the message attributes asked for, by name, by prefix or All, with the MD5 of those returned', async () => {
    const { sqs, QueueUrl } = setup();
    const MessageAttributes = {
      'trace.id': { DataType: 'String', StringValue: 't-1' },
      'trace.span': { DataType: 'Number', StringValue: '7' },
      payload: { DataType: 'Binary', BinaryValue: Uint8Array.from([1, 2, 3]) },
    };
    const sent = sqs.sendMessage({ QueueUrl, MessageBody: 'x', MessageAttributes });

    const none = await sqs.receiveMessage({ QueueUrl, VisibilityTimeout: 0 });
    const prefixed = await sqs.receiveMessage({ QueueUrl, VisibilityTimeout: 0, MessageAttributeNames: ['trace.*'] });
    const all = await sqs.receiveMessage({ QueueUrl, VisibilityTimeout: 0, MessageAttributeNames: ['All'] });

    expect(none.Messages?.[0]?.MessageAttributes).toBeUndefined();
    expect(Object.keys(prefixed.Messages?.[0]?.MessageAttributes ?? {})).toEqual(['trace.id', 'trace.span']);
    expect(all.Messages?.[0]?.MessageAttributes).toEqual(MessageAttributes);
    expect(all.Messages?.[0]?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
  });

  it.each([
    [{ MessageBody: '' }, 'InvalidParameterValue'],
    [{ MessageBody: 'bell \u0007' }, 'InvalidMessageContents'],
    [{ MessageBody: 'x', DelaySeconds: 901 }, 'InvalidParameterValue'],
    [{ MessageBody: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'ten' } } }, 'InvalidParameterValue'],
    [{ MessageBody: 'x', MessageAttributes: { 'AWS.reserved': { DataType: 'String', StringValue: 'v' } } }, 'InvalidParameterValue'],
    [{ MessageBody: 'x', MessageAttributes: { t: { DataType: 'Date', StringValue: 'v' } } }, 'InvalidParameterValue'],
    [{ MessageBody: 'x', MessageGroupId: 'g' }, 'InvalidParameterValue'],
  ])('refuses SendMessage %j with %s and enqueues nothing', async (input, code) => {
    const { sqs, QueueUrl } = setup();

    await expect(codeOf(() => sqs.sendMessage({ QueueUrl, ...(input as { MessageBody: string }) }))).resolves.toBe(code);
    expect(sqs.peek('orders')).toEqual([]);
  });

  it('refuses a message larger than MaximumMessageSize, counting its attributes', async () => {
    const { sqs, QueueUrl } = setup();
    sqs.setQueueAttributes({ QueueUrl, Attributes: { MaximumMessageSize: '1024' } });

    const exact = sqs.sendMessage({ QueueUrl, MessageBody: 'x'.repeat(1024) });
    const over = await codeOf(() => sqs.sendMessage({ QueueUrl, MessageBody: 'x'.repeat(1000), MessageAttributes: { a: { DataType: 'String', StringValue: 'y'.repeat(30) } } }));

    expect(exact.MessageId).toBeDefined();
    expect(over).toBe('InvalidParameterValue');
  });

  it('drops messages older than the retention period, counted from their send', async () => {
    const { sqs, clock, QueueUrl } = setup();
    sqs.setQueueAttributes({ QueueUrl, Attributes: { MessageRetentionPeriod: '60' } });
    sqs.sendMessage({ QueueUrl, MessageBody: 'old' });
    clock.advance(30_000);
    sqs.sendMessage({ QueueUrl, MessageBody: 'young' });
    clock.advance(30_000);

    const left = await sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 });

    expect(left.Messages?.map((m) => m.Body)).toEqual(['young']);
  });

  it('changes the visibility of an in-flight message, and refuses one not in flight or past 12 hours', async () => {
    const { sqs, clock, QueueUrl } = setup();
    sqs.sendMessage({ QueueUrl, MessageBody: 'x' });
    const handle = (await sqs.receiveMessage({ QueueUrl })).Messages?.[0]?.ReceiptHandle as string;

    sqs.changeMessageVisibility({ QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 0 });
    const visibleAgain = await sqs.receiveMessage({ QueueUrl, VisibilityTimeout: 30 });
    const newHandle = visibleAgain.Messages?.[0]?.ReceiptHandle as string;
    clock.advance(11 * 3600_000);

    expect(visibleAgain.Messages).toHaveLength(1);
    await expect(codeOf(() => sqs.changeMessageVisibility({ QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 10 }))).resolves.toBe('MessageNotInflight');
    await expect(codeOf(() => sqs.changeMessageVisibility({ QueueUrl, ReceiptHandle: newHandle, VisibilityTimeout: 3 * 3600 }))).resolves.toBe('MessageNotInflight');
  });

  it('refuses a visibility extension beyond 12 hours from the receive', async () => {
    const { sqs, clock, QueueUrl } = setup();
    sqs.sendMessage({ QueueUrl, MessageBody: 'x' });
    const handle = (await sqs.receiveMessage({ QueueUrl, VisibilityTimeout: 43_200 })).Messages?.[0]?.ReceiptHandle as string;
    clock.advance(3600_000);

    const refused = await codeOf(() => sqs.changeMessageVisibility({ QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 43_200 }));
    sqs.changeMessageVisibility({ QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 39_600 });

    expect(refused).toBe('InvalidParameterValue');
  });

  it('purges a queue once per 60 seconds', async () => {
    const { sqs, clock, QueueUrl } = setup();
    sqs.sendMessage({ QueueUrl, MessageBody: 'x' });

    sqs.purgeQueue({ QueueUrl });
    const second = await codeOf(() => sqs.purgeQueue({ QueueUrl }));
    clock.advance(60_000);
    sqs.purgeQueue({ QueueUrl });

    expect(second).toBe('PurgeQueueInProgress');
    expect(sqs.peek('orders')).toEqual([]);
  });
});

describe('SqsEngine redrive to a dead-letter queue', () => {
  it('moves a message received more than maxReceiveCount times to the DLQ, keeping its id, body and send time', async () => {
    const { sqs, clock } = setup();
    const dlq = sqs.createQueue({ QueueName: 'orders-dlq' }).QueueUrl;
    const src = sqs.createQueue({
      QueueName: 'work',
      Attributes: { VisibilityTimeout: '1', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: sqs.queueArn('orders-dlq'), maxReceiveCount: 2 }) },
    }).QueueUrl;
    const events: SqsEngineEvent[] = [];
    sqs.subscribe((e) => events.push(e));
    const sent = sqs.sendMessage({ QueueUrl: src, MessageBody: 'poison', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } });

    const receives: number[] = [];
    for (let i = 0; i < 3; i++) {
      receives.push((await sqs.receiveMessage({ QueueUrl: src })).Messages?.length ?? 0);
      clock.advance(1000);
    }
    const dead = await sqs.receiveMessage({ QueueUrl: dlq, AttributeNames: ['All'], MessageAttributeNames: ['All'] });

    expect(receives).toEqual([1, 1, 0]);
    expect(dead.Messages?.[0]).toMatchObject({ MessageId: sent.MessageId, Body: 'poison', MessageAttributes: { k: { StringValue: 'v' } } });
    expect(dead.Messages?.[0]?.Attributes).toMatchObject({ SentTimestamp: String(Date.UTC(2026, 0, 1)), DeadLetterQueueSourceArn: sqs.queueArn('work') });
    expect(events).toContainEqual({ type: 'message-dead-lettered', queueName: 'work', messageId: sent.MessageId, deadLetterQueueName: 'orders-dlq' });
    expect(sqs.listDeadLetterSourceQueues({ QueueUrl: dlq }).queueUrls).toEqual([src]);
  });

  it('wakes a long poll on the DLQ when a message is dead-lettered', async () => {
    const { sqs } = setup();
    const dlq = sqs.createQueue({ QueueName: 'dlq' }).QueueUrl;
    const src = sqs.createQueue({ QueueName: 'src', Attributes: { VisibilityTimeout: '0', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: sqs.queueArn('dlq'), maxReceiveCount: 1 }) } }).QueueUrl;
    sqs.sendMessage({ QueueUrl: src, MessageBody: 'bad' });
    await sqs.receiveMessage({ QueueUrl: src });

    const waiting = sqs.receiveMessage({ QueueUrl: dlq, WaitTimeSeconds: 20 });
    await sqs.receiveMessage({ QueueUrl: src });

    await expect(waiting).resolves.toMatchObject({ Messages: [{ Body: 'bad' }] });
  });
});

describe('SqsEngine batches', () => {
  it('sends a batch, answering each entry, and fails only the bad entries', () => {
    const { sqs, QueueUrl } = setup();

    const out = sqs.sendMessageBatch({ QueueUrl, Entries: [{ Id: 'ok', MessageBody: 'a' }, { Id: 'bad', MessageBody: 'b', DelaySeconds: 901 }] });

    expect(out.Successful.map((s) => s.Id)).toEqual(['ok']);
    expect(out.Failed).toEqual([{ Id: 'bad', SenderFault: true, Code: 'InvalidParameterValue', Message: expect.stringContaining('DelaySeconds') }]);
    expect(sqs.peek('orders').map((m) => m.body)).toEqual(['a']);
  });

  it.each([
    ['no entries', [], 'EmptyBatchRequest'],
    ['11 entries', Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' })), 'TooManyEntriesInBatchRequest'],
    ['a repeated id', [{ Id: 'same', MessageBody: 'x' }, { Id: 'same', MessageBody: 'y' }], 'BatchEntryIdsNotDistinct'],
    ['an id with a space', [{ Id: 'no spaces', MessageBody: 'x' }], 'InvalidBatchEntryId'],
    ['over 1 MiB in all', [{ Id: 'a', MessageBody: 'x'.repeat(600_000) }, { Id: 'b', MessageBody: 'x'.repeat(600_000) }], 'BatchRequestTooLong'],
  ])('refuses a whole batch with %s, sending nothing', async (_what, Entries, code) => {
    const { sqs, QueueUrl } = setup();

    await expect(codeOf(() => sqs.sendMessageBatch({ QueueUrl, Entries }))).resolves.toBe(code);
    expect(sqs.peek('orders')).toEqual([]);
  });

  it('deletes and changes visibility in batches, failing an invalid handle alone', async () => {
    const { sqs, QueueUrl } = setup();
    sqs.sendMessageBatch({ QueueUrl, Entries: [{ Id: '1', MessageBody: 'a' }, { Id: '2', MessageBody: 'b' }] });
    const [a, b] = (await sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 })).Messages ?? [];

    const changed = sqs.changeMessageVisibilityBatch({ QueueUrl, Entries: [{ Id: 'a', ReceiptHandle: a?.ReceiptHandle as string, VisibilityTimeout: 100 }] });
    const deleted = sqs.deleteMessageBatch({ QueueUrl, Entries: [{ Id: 'a', ReceiptHandle: a?.ReceiptHandle as string }, { Id: 'b', ReceiptHandle: b?.ReceiptHandle as string }, { Id: 'x', ReceiptHandle: '%%' }] });

    expect(changed).toEqual({ Successful: [{ Id: 'a' }], Failed: [] });
    expect(deleted.Successful.map((s) => s.Id)).toEqual(['a', 'b']);
    expect(deleted.Failed).toEqual([expect.objectContaining({ Id: 'x', Code: 'ReceiptHandleIsInvalid', SenderFault: true })]);
    expect(sqs.peek('orders')).toEqual([]);
  });
});
