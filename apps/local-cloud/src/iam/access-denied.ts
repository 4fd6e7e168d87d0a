/**
 * AccessDenied as each AWS protocol answers it, so that the AWS SDK inside a function raises the
 * same exception it would on AWS:
 *
 * - AWS JSON (DynamoDB, EventBridge, Step Functions, SSM, Secrets Manager): HTTP 400,
 *   `{"__type": "AccessDeniedException", "message": ...}` (DynamoDB qualifies the type with its
 *   namespace, as it does on the wire).
 * - REST JSON (SES v2, Lambda): HTTP 403, `x-amzn-ErrorType: AccessDeniedException`.
 * - S3 (REST XML): HTTP 403, `<Error><Code>AccessDenied</Code>...`, no body for HEAD.
 * - SES v1 (query protocol): HTTP 403, `<ErrorResponse><Error><Code>AccessDenied</Code>...`.
 *
 * The messages follow AWS's wording (`User: <session> is not authorized to perform: <action> on
 * resource: <arn> because no identity-based policy allows the <action> action`; S3 quotes the
 * resource; SES keeps its older quoting), plus what the local cloud could not evaluate.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { AccessRequest, PolicyDecision } from './policy-evaluator';
import type { Principal } from './principals';

/** How a protocol words the resource in its message. */
export type MessageStyle = 'standard' | 's3' | 'ses';

/** The AccessDenied message for a refused request. */
export function accessDeniedMessage(principal: Principal, request: AccessRequest, decision: PolicyDecision, style: MessageStyle = 'standard'): string {
  const local = decision.notes.length ? ` (local cloud: ${decision.notes.join('; ')})` : '';
  if (style === 'ses') return `User \`${principal.sessionArn}' is not authorized to perform \`${request.action}' on resource \`${request.resource}'${local}`;
  const resource = style === 's3' ? `"${request.resource}"` : request.resource;
  const why = decision.reason === 'explicit-deny' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${request.action} action`;
  return `User: ${principal.sessionArn} is not authorized to perform: ${request.action} on resource: ${resource} ${why}${local}`;
}

/** The message for a request the local cloud cannot map to an IAM action (refused: fail closed). */
export function unknownRequestMessage(principal: Principal, what: string): string {
  return `User: ${principal.sessionArn} is not authorized to perform this request: the local cloud does not know which IAM action ${what} needs, so it refuses it (fail closed; start with --no-iam to skip local IAM)`;
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string, head = false): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(head ? undefined : body);
}

/** An AWS JSON protocol AccessDenied answer. */
export function sendJsonAccessDenied(res: ServerResponse, type: string, jsonVersion: '1.0' | '1.1', message: string): void {
  const code = type.slice(type.lastIndexOf('#') + 1);
  send(res, 400, { 'content-type': `application/x-amz-json-${jsonVersion}`, 'x-amzn-requestid': randomUUID(), 'x-amzn-errortype': code }, JSON.stringify({ __type: type, message }));
}

/** A REST JSON AccessDenied answer (SES v2, Lambda). */
export function sendRestJsonAccessDenied(res: ServerResponse, message: string, extra: Record<string, unknown> = {}): void {
  send(res, 403, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), 'x-amzn-errortype': 'AccessDeniedException' }, JSON.stringify({ ...extra, message }));
}

/** S3's AccessDenied answer. */
export function sendS3AccessDenied(res: ServerResponse, message: string, head: boolean): void {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${xmlEscape(message)}</Message><RequestId>${requestId}</RequestId><HostId>${randomBytes(24).toString('base64')}</HostId></Error>`;
  send(res, 403, { 'content-type': 'application/xml', 'x-amz-request-id': requestId }, body, head);
}

/** The SES v1 (query protocol) AccessDenied answer. */
export function sendSesV1AccessDenied(res: ServerResponse, message: string): void {
  const body = `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
  send(res, 403, { 'content-type': 'text/xml' }, body);
}

/** One `<Error>` of a DeleteObjects result for a key S3 refused. */
export function deleteObjectsError(key: string, versionId?: string): string {
  return `<Error><Key>${xmlEscape(key)}</Key>${versionId !== undefined ? `<VersionId>${xmlEscape(versionId)}</VersionId>` : ''}<Code>AccessDenied</Code><Message>Access Denied</Message></Error>`;
}

/** A DeleteObjects result made only of errors (every key was refused). */
export function deleteObjectsResult(errors: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${errors.join('')}</DeleteResult>`;
}

/** Adds refused keys' errors to the DeleteObjects result of the keys that were allowed. */
export function mergeDeleteObjectsErrors(result: string, errors: string[]): string {
  const end = result.lastIndexOf('</DeleteResult>');
  return end < 0 ? result : `${result.slice(0, end)}${errors.join('')}${result.slice(end)}`;
}

/** The body of a DeleteObjects request reduced to the allowed objects. */
export function deleteObjectsBody(objectsXml: string[], quiet: boolean): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${objectsXml.join('')}${quiet ? '<Quiet>true</Quiet>' : ''}</Delete>`;
}
