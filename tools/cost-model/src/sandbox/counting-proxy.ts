/**
 * A reverse proxy between a sandbox and one local endpoint that writes down every AWS request the
 * function makes, in the units AWS bills: DynamoDB read and write request units (as the emulator
 * computes them: the proxy asks for `ReturnConsumedCapacity: TOTAL` on the function's behalf, and
 * reads what comes back), S3 requests by price tier, SES recipients, EventBridge entries, Step
 * Functions executions started, Secrets Manager and SSM calls.
 *
 * It can also make the function's dependencies fail: a request the `fail` predicate selects is
 * answered with the service's 503, so the function fails the way it fails on a bad day (its SDK
 * retrying first), and what that attempt costs is measured too.
 *
 * Calls outside AWS (the notifier's webhook) go through a proxy too: the secret or parameter that
 * holds the URL is answered with the proxy's URL in place of the sink's (`rewriteAnswer`).
 *
 * The Host header is passed through unchanged, so the SigV4 signature the upstream verifies (S3)
 * still matches.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The services a sandbox calls through a proxy. */
export type ProxiedService = 'dynamodb' | 's3' | 'sesv2' | 'eventbridge' | 'stepfunctions' | 'ssm' | 'secretsmanager' | 'lambda' | 'webhook';

/** An event a function put on a bus. */
export interface PublishedEvent {
  busName: string;
  source: string;
  detailType: string;
  detail: unknown;
  /** Size of the entry as EventBridge meters it (Source, DetailType, Detail, Resources, Time). */
  bytes: number;
}

/** One request a function made, priced in AWS's units. */
export interface RecordedRequest {
  service: ProxiedService;
  operation: string;
  status: number;
  /** True when the proxy answered it with an injected 503. */
  injected: boolean;
  table?: string;
  readUnits?: number;
  writeUnits?: number;
  /** S3 price tier: 1 (PUT, COPY, POST, LIST), 2 (GET, HEAD and the rest), 0 (DELETE: free). Not billed when injected. */
  s3Tier?: 0 | 1 | 2;
  sesRecipients?: number;
  events?: PublishedEvent[];
  startExecution?: { stateMachineArn: string; name?: string; input: unknown };
}

/** Which requests fail. */
export type FailurePredicate = (request: { service: ProxiedService; operation: string; table?: string }) => boolean;

/** Where requests are written down. */
export interface Recording {
  requests: RecordedRequest[];
  /** When set, matching requests are answered with a 503. */
  fail?: FailurePredicate;
}

const DYNAMODB_READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const DYNAMODB_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/** The operation of a request: its X-Amz-Target for the JSON protocols, its method and path for the REST ones. */
export function operationOf(service: ProxiedService, method: string, url: string, headers: IncomingMessage['headers']): { operation: string; s3Tier?: 0 | 1 | 2 } {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return { operation: target.split('.').pop() as string };
  const { pathname, searchParams } = new URL(url, 'http://local');
  if (service === 's3') {
    const segments = pathname.split('/').filter(Boolean);
    const hasKey = segments.length > 1;
    if (method === 'DELETE') return { operation: hasKey ? 'DeleteObject' : 'DeleteBucket', s3Tier: 0 };
    if (method === 'POST' && searchParams.has('delete')) return { operation: 'DeleteObjects', s3Tier: 1 };
    if (method === 'PUT') return { operation: headers['x-amz-copy-source'] ? 'CopyObject' : hasKey ? 'PutObject' : 'PutBucket', s3Tier: 1 };
    if (method === 'POST') return { operation: 'PostObject', s3Tier: 1 };
    if (method === 'GET' && !hasKey && (searchParams.get('list-type') === '2' || [...searchParams.keys()].every((k) => ['prefix', 'delimiter', 'max-keys', 'marker', 'continuation-token', 'start-after', 'encoding-type', 'fetch-owner', 'x-id'].includes(k)))) {
      return { operation: searchParams.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects', s3Tier: 1 };
    }
    if (method === 'HEAD') return { operation: hasKey ? 'HeadObject' : 'HeadBucket', s3Tier: 2 };
    return { operation: hasKey ? 'GetObject' : 'GetBucket', s3Tier: 2 };
  }
  if (service === 'sesv2') return { operation: method === 'POST' && pathname.endsWith('/outbound-emails') ? 'SendEmail' : `${method} ${pathname}` };
  if (service === 'lambda') return { operation: pathname.endsWith('/invocations') ? 'Invoke' : `${method} ${pathname}` };
  return { operation: `${method} ${pathname}` };
}

/** Entry size as EventBridge meters it: Source, DetailType, Detail, Resources and Time, in UTF-8 bytes. */
export function eventEntryBytes(entry: Record<string, unknown>): number {
  let size = 0;
  for (const key of ['Source', 'DetailType', 'Detail', 'Time'] as const) if (typeof entry[key] === 'string') size += Buffer.byteLength(entry[key]);
  if (Array.isArray(entry['Resources'])) for (const r of entry['Resources']) size += Buffer.byteLength(String(r));
  if (entry['Time'] !== undefined && typeof entry['Time'] !== 'string') size += 14;
  return size;
}

function capacityUnits(consumed: unknown): number {
  if (Array.isArray(consumed)) return consumed.reduce((sum: number, c) => sum + capacityUnits(c), 0);
  if (consumed && typeof consumed === 'object' && typeof (consumed as { CapacityUnits?: unknown }).CapacityUnits === 'number') return (consumed as { CapacityUnits: number }).CapacityUnits;
  return 0;
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function sendInjectedFailure(res: ServerResponse, service: ProxiedService): void {
  if (service === 's3') {
    res.writeHead(500, { 'content-type': 'application/xml' }).end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>Injected by the cost model measurement</Message></Error>');
    return;
  }
  if (service === 'webhook') {
    res.writeHead(503, { 'content-type': 'text/plain' }).end('injected by the cost model measurement');
    return;
  }
  res
    .writeHead(503, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'ServiceUnavailable' })
    .end(JSON.stringify({ __type: 'ServiceUnavailable', message: 'Injected by the cost model measurement' }));
}

/** A running proxy for one service. */
export interface CountingProxy {
  url: string;
  close(): Promise<void>;
}

/** Options of {@link startCountingProxy}. */
export interface CountingProxyOptions {
  /** Rewrites each answer's body (JSON text) before the function sees it. */
  rewriteAnswer?: (body: string) => string;
}

/** Starts a proxy in front of `upstream`; requests go to `recording()` (undefined: passed through, not written down). */
export async function startCountingProxy(service: ProxiedService, upstream: string, recording: () => Recording | undefined, options: CountingProxyOptions = {}): Promise<CountingProxy> {
  const target = new URL(upstream);
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let body = await readBody(req);
    const { operation, s3Tier } = operationOf(service, req.method ?? 'GET', req.url ?? '/', req.headers);
    const record: RecordedRequest = { service, operation, status: 0, injected: false, ...(s3Tier !== undefined ? { s3Tier } : {}) };
    const json = service === 's3' ? undefined : parseJson(body);
    if (service === 'dynamodb' && json) {
      if (typeof json['TableName'] === 'string') record.table = json['TableName'];
      if (DYNAMODB_READS.has(operation) || DYNAMODB_WRITES.has(operation)) {
        json['ReturnConsumedCapacity'] = 'TOTAL';
        body = Buffer.from(JSON.stringify(json));
      }
    }
    if (service === 'eventbridge' && operation === 'PutEvents' && json && Array.isArray(json['Entries'])) {
      record.events = (json['Entries'] as Record<string, unknown>[]).map((entry) => ({
        busName: String(entry['EventBusName'] ?? 'default').split('event-bus/').pop() as string,
        source: String(entry['Source']),
        detailType: String(entry['DetailType']),
        detail: typeof entry['Detail'] === 'string' ? (parseJson(Buffer.from(entry['Detail'])) ?? entry['Detail']) : entry['Detail'],
        bytes: eventEntryBytes(entry),
      }));
    }
    if (service === 'stepfunctions' && operation === 'StartExecution' && json) {
      record.startExecution = {
        stateMachineArn: String(json['stateMachineArn']),
        ...(typeof json['name'] === 'string' ? { name: json['name'] } : {}),
        input: typeof json['input'] === 'string' ? (parseJson(Buffer.from(json['input'])) ?? json['input']) : {},
      };
    }
    if (service === 'sesv2' && operation === 'SendEmail' && json) {
      const destination = (json['Destination'] ?? {}) as Record<string, unknown>;
      record.sesRecipients = ['ToAddresses', 'CcAddresses', 'BccAddresses'].reduce((n, key) => n + (Array.isArray(destination[key]) ? (destination[key] as unknown[]).length : 0), 0);
    }
    const current = recording();
    if (current?.fail?.({ service, operation, ...(record.table ? { table: record.table } : {}) })) {
      record.injected = true;
      record.status = 503;
      current.requests.push(record);
      sendInjectedFailure(res, service);
      return;
    }
    const headers = { ...req.headers, 'content-length': String(body.length) };
    delete headers['transfer-encoding'];
    const upstreamReq = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, async (upstreamRes) => {
      let answer = await readBody(upstreamRes);
      if (options.rewriteAnswer) answer = Buffer.from(options.rewriteAnswer(answer.toString('utf8')));
      record.status = upstreamRes.statusCode ?? 0;
      if (service === 'dynamodb') {
        const out = parseJson(answer);
        const units = capacityUnits(out?.['ConsumedCapacity']);
        if (DYNAMODB_READS.has(operation)) record.readUnits = units;
        if (DYNAMODB_WRITES.has(operation)) {
          // A write whose condition fails still consumes write units (at least one; the emulator reports none for it).
          record.writeUnits = record.status === 200 ? units : Math.max(1, Math.ceil(Buffer.byteLength(JSON.stringify((json ?? {})['Item'] ?? {})) / 1024));
        }
      }
      current?.requests.push(record);
      const outHeaders = { ...upstreamRes.headers, 'content-length': String(answer.length) };
      delete outHeaders['transfer-encoding'];
      delete outHeaders['connection'];
      res.writeHead(record.status, outHeaders).end(answer);
    });
    upstreamReq.on('error', (error) => {
      record.status = 502;
      current?.requests.push(record);
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy: ${error.message}`);
    });
    upstreamReq.end(body);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(`proxy: ${error.message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
