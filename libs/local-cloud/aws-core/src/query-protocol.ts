/**
 * The server side of the AWS Query protocol (SQS before its switch to JSON in 2023, SES v1, SNS,
 * STS...): `POST /` with a form body `Action=<Operation>&Version=<date>&Param.1.Name=...`
 * (or the same in the URL's query string), answered in XML:
 * `<{Action}Response><{Action}Result>...</{Action}Result><ResponseMetadata><RequestId>` and, for an
 * error, `<ErrorResponse><Error><Type>Sender</Type><Code>..</Code><Message>..</Message></Error>`.
 *
 * Inputs arrive flattened (`Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=10`);
 * {@link queryTree} nests them and {@link queryList}/{@link queryMap} read lists and maps, so a
 * service turns them into the same input its JSON protocol receives.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from './aws-error';
import { xmlElement, type XmlContent, XmlFragment } from './xml';

/** The flattened parameters of a Query request: the URL's query string, then the form body. */
export function queryParameters(url: string | undefined, body: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const [k, v] of new URL(url ?? '/', 'http://local').searchParams) params.set(k, v);
  for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
  return params;
}

/** Whether a request looks like a Query request (a form body, or an `Action` in its URL). */
export function isQueryRequest(req: Pick<IncomingMessage, 'headers' | 'url'>): boolean {
  const type = String(req.headers['content-type'] ?? '');
  return type.startsWith('application/x-www-form-urlencoded') || new URL(req.url ?? '/', 'http://local').searchParams.has('Action');
}

/** A nested view of Query parameters: `A.1.B=x` is `{ A: { '1': { B: 'x' } } }`. */
export type QueryNode = string | { [key: string]: QueryNode };

/** Nests flattened parameters by their dots. A key that is both a value and a parent keeps the parent. */
export function queryTree(params: ReadonlyMap<string, string>): { [key: string]: QueryNode } {
  const root: { [key: string]: QueryNode } = {};
  for (const [key, value] of params) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (next === undefined || typeof next === 'string') node[part] = {};
      node = node[part] as { [key: string]: QueryNode };
    }
    const last = parts[parts.length - 1] as string;
    if (typeof node[last] !== 'object') node[last] = value;
  }
  return root;
}

/** The members of a flattened list (`Name.1`, `Name.2`, ...) in index order; empty when absent. */
export function queryList(node: QueryNode | undefined): QueryNode[] {
  if (node === undefined || typeof node === 'string') return [];
  return Object.keys(node)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => node[k] as QueryNode);
}

/** A flattened map (`Name.1.<key>=k&Name.1.<value>=v`) as an object; undefined when absent. */
export function queryMap(node: QueryNode | undefined, keyName = 'Name', valueName = 'Value'): Record<string, QueryNode> | undefined {
  if (node === undefined) return undefined;
  const map: Record<string, QueryNode> = {};
  for (const entry of queryList(node)) {
    if (typeof entry === 'string') continue;
    const key = entry[keyName];
    const value = entry[valueName];
    if (typeof key === 'string' && value !== undefined) map[key] = value;
  }
  return map;
}

/** Writes a successful Query answer; `result` undefined writes no `<{Action}Result>` (as AWS does for DeleteQueue). */
export function answerQuery(res: ServerResponse, action: string, namespace: string, result: XmlContent): void {
  if (res.headersSent) return;
  const requestId = randomUUID();
  const body =
    `<?xml version="1.0"?>` +
    xmlElement(`${action}Response`, [xmlElement(`${action}Result`, result), xmlElement('ResponseMetadata', xmlElement('RequestId', requestId))], { xmlns: namespace }).xml;
  res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': requestId });
  res.end(body);
}

/** Writes an {@link AwsError} in the Query protocol's shape, with its Query code. */
export function answerQueryError(res: ServerResponse, namespace: string, error: AwsError): void {
  if (res.headersSent) return;
  const requestId = randomUUID();
  const body =
    `<?xml version="1.0"?>` +
    xmlElement(
      'ErrorResponse',
      [
        xmlElement('Error', [
          xmlElement('Type', error.fault === 'client' ? 'Sender' : 'Receiver'),
          xmlElement('Code', error.queryCode),
          xmlElement('Message', error.message),
          new XmlFragment('<Detail/>'),
        ]),
        xmlElement('RequestId', requestId),
      ],
      { xmlns: namespace },
    ).xml;
  res.writeHead(error.statusCode, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': requestId });
  res.end(body);
}

/** A required string parameter of a Query request, refused as AWS does when missing. */
export function requiredQueryString(tree: { [key: string]: QueryNode }, name: string): string {
  const value = tree[name];
  if (typeof value !== 'string') throw new AwsError('MissingParameter', `The request must contain the parameter ${name}.`);
  return value;
}
