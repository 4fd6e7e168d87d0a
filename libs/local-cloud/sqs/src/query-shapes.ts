/**
 * SQS's shapes on the Query wire, from its API model's serialization names: flattened lists and
 * maps (`Attribute.1.Name`, `MessageAttribute.1.Value.StringValue`, `SendMessageBatchRequestEntry.1.Id`)
 * in, and XML members (`<Attribute><Name/><Value/></Attribute>`, repeated `<QueueUrl>`) out.
 */
import { queryList, queryMap, xmlElement, type QueryNode, type XmlContent, type XmlFragment } from '@onboarding/local-aws-core';
import { invalidParameterValue } from './errors';
import type { BatchOutput, BatchResultErrorEntry, ListQueuesOutput, MessageAttributeValue, ReceiveMessageOutput, SendMessageBatchOutput, SendMessageOutput } from './types';

type Tree = { [key: string]: QueryNode };

const str = (node: QueryNode | undefined): string | undefined => (typeof node === 'string' ? node : undefined);

function int(name: string, node: QueryNode | undefined): number | undefined {
  const text = str(node);
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw invalidParameterValue(name, text, 'Must be an integer.');
  return Number(text);
}

function strings(node: QueryNode | undefined): string[] | undefined {
  const list = queryList(node).filter((v): v is string => typeof v === 'string');
  return list.length ? list : undefined;
}

function stringMap(node: QueryNode | undefined, key = 'Name', value = 'Value'): Record<string, string> | undefined {
  const map = queryMap(node, key, value);
  if (!map) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) if (typeof v === 'string') out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

function messageAttributes(node: QueryNode | undefined): Record<string, MessageAttributeValue> | undefined {
  const map = queryMap(node);
  if (!map || Object.keys(map).length === 0) return undefined;
  const out: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(map)) {
    if (typeof value === 'string') {
      out[name] = { DataType: '' };
      continue;
    }
    const attribute: MessageAttributeValue = { DataType: str(value['DataType']) ?? '' };
    const text = str(value['StringValue']);
    const binary = str(value['BinaryValue']);
    if (text !== undefined) attribute.StringValue = text;
    if (binary !== undefined) attribute.BinaryValue = Buffer.from(binary, 'base64');
    out[name] = attribute;
  }
  return out;
}

function sendEntry(node: Tree): Record<string, unknown> {
  return {
    Id: str(node['Id']),
    MessageBody: str(node['MessageBody']),
    DelaySeconds: int('DelaySeconds', node['DelaySeconds']),
    MessageAttributes: messageAttributes(node['MessageAttribute']),
    MessageSystemAttributes: messageAttributes(node['MessageSystemAttribute']),
    MessageGroupId: str(node['MessageGroupId']),
    MessageDeduplicationId: str(node['MessageDeduplicationId']),
  };
}

const entries = (node: QueryNode | undefined, map: (entry: Tree) => Record<string, unknown>) => {
  const list = queryList(node);
  return list.length ? list.map((e) => (typeof e === 'string' ? {} : map(e))) : undefined;
};

/** The engine input of a Query action. `path` is the request path: classic clients post to the queue URL itself. */
export function queryInput(action: string, tree: Tree, path: string): Record<string, unknown> {
  const queueUrl = str(tree['QueueUrl']) ?? (/^\/\d{12}\/[^/]+$/.test(path) ? path : undefined);
  const common = { QueueUrl: queueUrl };
  switch (action) {
    case 'CreateQueue':
      return { QueueName: str(tree['QueueName']), Attributes: stringMap(tree['Attribute']), tags: stringMap(tree['Tag'], 'Key', 'Value') };
    case 'GetQueueUrl':
      return { QueueName: str(tree['QueueName']), QueueOwnerAWSAccountId: str(tree['QueueOwnerAWSAccountId']) };
    case 'ListQueues':
      return { QueueNamePrefix: str(tree['QueueNamePrefix']), MaxResults: int('MaxResults', tree['MaxResults']), NextToken: str(tree['NextToken']) };
    case 'ListDeadLetterSourceQueues':
      return { ...common, MaxResults: int('MaxResults', tree['MaxResults']), NextToken: str(tree['NextToken']) };
    case 'GetQueueAttributes':
      return { ...common, AttributeNames: strings(tree['AttributeName']) };
    case 'SetQueueAttributes':
      return { ...common, Attributes: stringMap(tree['Attribute']) };
    case 'SendMessage':
      return { ...common, ...sendEntry(tree) };
    case 'SendMessageBatch':
      return { ...common, Entries: entries(tree['SendMessageBatchRequestEntry'], sendEntry) };
    case 'ReceiveMessage':
      return {
        ...common,
        AttributeNames: strings(tree['AttributeName']),
        MessageSystemAttributeNames: strings(tree['MessageSystemAttributeName']),
        MessageAttributeNames: strings(tree['MessageAttributeName']),
        MaxNumberOfMessages: int('MaxNumberOfMessages', tree['MaxNumberOfMessages']),
        VisibilityTimeout: int('VisibilityTimeout', tree['VisibilityTimeout']),
        WaitTimeSeconds: int('WaitTimeSeconds', tree['WaitTimeSeconds']),
        ReceiveRequestAttemptId: str(tree['ReceiveRequestAttemptId']),
      };
    case 'DeleteMessage':
      return { ...common, ReceiptHandle: str(tree['ReceiptHandle']) };
    case 'DeleteMessageBatch':
      return { ...common, Entries: entries(tree['DeleteMessageBatchRequestEntry'], (e) => ({ Id: str(e['Id']), ReceiptHandle: str(e['ReceiptHandle']) })) };
    case 'ChangeMessageVisibility':
      return { ...common, ReceiptHandle: str(tree['ReceiptHandle']), VisibilityTimeout: int('VisibilityTimeout', tree['VisibilityTimeout']) };
    case 'ChangeMessageVisibilityBatch':
      return {
        ...common,
        Entries: entries(tree['ChangeMessageVisibilityBatchRequestEntry'], (e) => ({ Id: str(e['Id']), ReceiptHandle: str(e['ReceiptHandle']), VisibilityTimeout: int('VisibilityTimeout', e['VisibilityTimeout']) })),
      };
    case 'TagQueue':
      return { ...common, Tags: stringMap(tree['Tag'] ?? tree['Tags'], 'Key', 'Value') };
    case 'UntagQueue':
      return { ...common, TagKeys: strings(tree['TagKey']) };
    default:
      return common;
  }
}

const el = xmlElement;

function batchErrors(failed: readonly BatchResultErrorEntry[]): XmlFragment[] {
  return failed.map((f) => el('BatchResultErrorEntry', [el('Id', f.Id), el('SenderFault', f.SenderFault), el('Code', f.Code), el('Message', f.Message)]));
}

function nameValues(map: Readonly<Record<string, string>> | undefined, element: string, key = 'Name', value = 'Value'): XmlFragment[] {
  return Object.entries(map ?? {}).map(([k, v]) => el(element, [el(key, k), el(value, v)]));
}

/** The `<{Action}Result>` content of an engine output; undefined for actions whose answer has none. */
export function queryResult(action: string, output: unknown): XmlContent {
  const o = output as Record<string, unknown>;
  switch (action) {
    case 'CreateQueue':
    case 'GetQueueUrl':
      return el('QueueUrl', o['QueueUrl'] as string);
    case 'ListQueues': {
      const list = output as ListQueuesOutput;
      return [...(list.QueueUrls ?? []).map((u) => el('QueueUrl', u)), el('NextToken', list.NextToken)];
    }
    case 'ListDeadLetterSourceQueues':
      return [...((o['queueUrls'] as string[]) ?? []).map((u) => el('QueueUrl', u)), el('NextToken', o['NextToken'] as string | undefined)];
    case 'GetQueueAttributes':
      return nameValues(o['Attributes'] as Record<string, string> | undefined, 'Attribute');
    case 'ListQueueTags':
      return nameValues(o['Tags'] as Record<string, string> | undefined, 'Tag', 'Key', 'Value');
    case 'SendMessage': {
      const sent = output as SendMessageOutput;
      return [el('MD5OfMessageBody', sent.MD5OfMessageBody), el('MD5OfMessageAttributes', sent.MD5OfMessageAttributes), el('MD5OfMessageSystemAttributes', sent.MD5OfMessageSystemAttributes), el('MessageId', sent.MessageId)];
    }
    case 'SendMessageBatch': {
      const batch = output as SendMessageBatchOutput;
      return [
        ...batch.Successful.map((s) =>
          el('SendMessageBatchResultEntry', [el('Id', s.Id), el('MessageId', s.MessageId), el('MD5OfMessageBody', s.MD5OfMessageBody), el('MD5OfMessageAttributes', s.MD5OfMessageAttributes), el('MD5OfMessageSystemAttributes', s.MD5OfMessageSystemAttributes)]),
        ),
        ...batchErrors(batch.Failed),
      ];
    }
    case 'DeleteMessageBatch':
    case 'ChangeMessageVisibilityBatch': {
      const batch = output as BatchOutput;
      return [...batch.Successful.map((s) => el(`${action}ResultEntry`, el('Id', s.Id))), ...batchErrors(batch.Failed)];
    }
    case 'ReceiveMessage':
      return ((output as ReceiveMessageOutput).Messages ?? []).map((m) =>
        el('Message', [
          el('MessageId', m.MessageId),
          el('ReceiptHandle', m.ReceiptHandle),
          el('MD5OfBody', m.MD5OfBody),
          el('Body', m.Body),
          ...nameValues(m.Attributes, 'Attribute'),
          el('MD5OfMessageAttributes', m.MD5OfMessageAttributes),
          ...Object.entries(m.MessageAttributes ?? {}).map(([name, v]) =>
            el('MessageAttribute', [
              el('Name', name),
              el('Value', [el('StringValue', v.StringValue), el('BinaryValue', v.BinaryValue ? Buffer.from(v.BinaryValue).toString('base64') : undefined), el('DataType', v.DataType)]),
            ]),
          ),
        ]),
      );
    default:
      return undefined;
  }
}
