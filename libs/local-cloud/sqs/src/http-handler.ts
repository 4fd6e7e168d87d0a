/**
 * The SQS endpoint: one `node:http` listener that speaks both of SQS's wire protocols onto one
 * {@link SqsEngine}. AWS JSON 1.0 (`X-Amz-Target: AmazonSQS.<Operation>`) is what SDK v3 sends;
 * the AWS Query protocol (form body, XML answers) is what older clients send, Debian's AWS CLI v2
 * 2.9.19 among them (its SQS model predates SQS's move to JSON in 2023). Errors carry the same
 * codes on both: the JSON name plus `x-amzn-query-error`, and the Query code in `<Code>`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AwsError,
  answerQuery,
  answerQueryError,
  asAwsError,
  createJsonRpcHandler,
  queryParameters,
  queryTree,
  readBody,
  requestContext,
  unknownOperation,
  type JsonOperation,
  type RequestContext,
} from '@onboarding/local-aws-core';
import type { SqsCallContext, SqsEngine } from './sqs-engine';
import { queryInput, queryResult } from './query-shapes';
import type { MessageAttributeValue, ReceiveMessageOutput } from './types';

/** The XML namespace of SQS's Query answers. */
export const SQS_XML_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';

type Operation = (engine: SqsEngine, input: Record<string, unknown>, context: SqsCallContext) => unknown;

/* eslint-disable @typescript-eslint/no-explicit-any -- inputs are checked field by field inside the engine */
const OPERATIONS: Record<string, Operation> = {
  CreateQueue: (e, i, c) => e.createQueue(i as any, c),
  GetQueueUrl: (e, i, c) => e.getQueueUrl(i as any, c),
  ListQueues: (e, i, c) => e.listQueues(i as any, c),
  GetQueueAttributes: (e, i) => e.getQueueAttributes(i as any),
  SetQueueAttributes: (e, i) => e.setQueueAttributes(i as any),
  SendMessage: (e, i, c) => e.sendMessage(i as any, c),
  SendMessageBatch: (e, i, c) => e.sendMessageBatch(i as any, c),
  ReceiveMessage: (e, i, c) => e.receiveMessage(i as any, c),
  DeleteMessage: (e, i) => e.deleteMessage(i as any),
  DeleteMessageBatch: (e, i) => e.deleteMessageBatch(i as any),
  ChangeMessageVisibility: (e, i) => e.changeMessageVisibility(i as any),
  ChangeMessageVisibilityBatch: (e, i) => e.changeMessageVisibilityBatch(i as any),
  PurgeQueue: (e, i) => e.purgeQueue(i as any),
  DeleteQueue: (e, i) => e.deleteQueue(i as any),
  TagQueue: (e, i) => e.tagQueue(i as any),
  UntagQueue: (e, i) => e.untagQueue(i as any),
  ListQueueTags: (e, i) => e.listQueueTags(i as any),
  ListDeadLetterSourceQueues: (e, i, c) => e.listDeadLetterSourceQueues(i as any, c),
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The operations the local SQS answers (both protocols); any other answers UnknownOperationException. */
export const SQS_OPERATIONS: readonly string[] = Object.keys(OPERATIONS);

/** Options of {@link createSqsHandler}. */
export interface SqsHandlerOptions {
  /** Called with unexpected errors (bugs), which the caller sees as a 500 InternalError. */
  onInternalError?: (error: unknown, operation: string) => void;
}

function callContext(context: RequestContext): SqsCallContext {
  return { baseUrl: context.baseUrl, signal: context.signal, senderId: context.scope?.accessKeyId };
}

/** Base64 strings of the JSON wire into bytes, in every message attribute map of an input. */
function decodeJsonBinaries(input: Record<string, unknown>): Record<string, unknown> {
  const decodeMap = (map: unknown) => {
    if (typeof map !== 'object' || map === null) return map;
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(map)) {
      const v = value as { BinaryValue?: unknown };
      out[name] = typeof v?.BinaryValue === 'string' ? { ...v, BinaryValue: Buffer.from(v.BinaryValue, 'base64') } : value;
    }
    return out;
  };
  const withMaps = (o: Record<string, unknown>): Record<string, unknown> => ({
    ...o,
    ...(o['MessageAttributes'] !== undefined ? { MessageAttributes: decodeMap(o['MessageAttributes']) } : {}),
    ...(o['MessageSystemAttributes'] !== undefined ? { MessageSystemAttributes: decodeMap(o['MessageSystemAttributes']) } : {}),
  });
  const out = withMaps(input);
  if (Array.isArray(input['Entries'])) out['Entries'] = input['Entries'].map((e) => (typeof e === 'object' && e !== null ? withMaps(e as Record<string, unknown>) : e));
  return out;
}

/** Bytes of received message attributes back into base64 strings for the JSON wire. */
function encodeJsonBinaries(output: ReceiveMessageOutput): unknown {
  return {
    ...output,
    ...(output.Messages
      ? {
          Messages: output.Messages.map((m) => {
            if (!m.MessageAttributes) return m;
            const attributes: Record<string, unknown> = {};
            for (const [name, value] of Object.entries(m.MessageAttributes) as [string, MessageAttributeValue][]) {
              attributes[name] = value.BinaryValue ? { ...value, BinaryValue: Buffer.from(value.BinaryValue).toString('base64') } : value;
            }
            return { ...m, MessageAttributes: attributes };
          }),
        }
      : {}),
  };
}

/**
 * The SQS endpoint of an engine: answers the JSON 1.0 protocol when the request has an
 * `X-Amz-Target`, the Query protocol otherwise. Every request is answered, never dropped.
 */
export function createSqsHandler(engine: SqsEngine, options: SqsHandlerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const jsonOperations: Record<string, JsonOperation> = {};
  for (const [name, operation] of Object.entries(OPERATIONS)) {
    jsonOperations[name] = async (input, context) => {
      const output = await operation(engine, decodeJsonBinaries(input), callContext(context));
      return name === 'ReceiveMessage' ? encodeJsonBinaries(output as ReceiveMessageOutput) : output;
    };
  }
  const json = createJsonRpcHandler({
    service: 'SQS',
    targetPrefix: 'AmazonSQS',
    jsonVersion: '1.0',
    queryCompatible: true,
    internalErrorCode: 'InternalError',
    operations: jsonOperations,
    onInternalError: options.onInternalError,
  });

  async function query(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const context = requestContext(req, res);
    const params = queryParameters(req.url, (await readBody(req)).toString('utf8'));
    const tree = queryTree(params);
    const action = typeof tree['Action'] === 'string' ? tree['Action'] : undefined;
    if (!action) throw new AwsError('MissingAction', 'The request must contain the parameter Action.');
    const operation = Object.hasOwn(OPERATIONS, action) ? OPERATIONS[action] : undefined;
    if (!operation) throw unknownOperation('SQS', action);
    try {
      const output = await operation(engine, queryInput(action, tree, new URL(req.url ?? '/', 'http://local').pathname), callContext(context));
      answerQuery(res, action, SQS_XML_NAMESPACE, queryResult(action, output));
    } catch (error) {
      if (!(error instanceof AwsError)) options.onInternalError?.(error, action);
      throw error;
    }
  }

  return (req, res) => {
    if (req.headers['x-amz-target'] !== undefined) {
      json(req, res);
      return;
    }
    query(req, res).catch((error: unknown) => answerQueryError(res, SQS_XML_NAMESPACE, asAwsError(error, 'InternalError')));
  };
}
