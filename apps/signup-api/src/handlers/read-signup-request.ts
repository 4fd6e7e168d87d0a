/**
 * Turns an API Gateway HTTP API (payload 2.0) event into a validated signup request and its
 * optional Idempotency-Key, refusing anything else with a SignupApiError. The checks run cheapest
 * first, and nothing reaches JSON.parse that is bigger than a signup can be.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { parseSignupRequest, type SignupRequest } from '../domain/signup-request';
import { InvalidIdempotencyKeyError, MalformedJsonError, MethodNotAllowedError, PayloadTooLargeError, UnsupportedMediaTypeError } from './request-errors';

/** A signup is a few hundred bytes; 10 KiB leaves room and keeps parsing cheap. */
export const MAX_BODY_BYTES = 10 * 1024;

/** Visible ASCII, as the IETF Idempotency-Key draft's examples (UUIDs, ULIDs, random tokens). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** A signup request read from HTTP. */
export interface HttpSignupRequest {
  request: SignupRequest;
  /** Present when the client sent an Idempotency-Key header. */
  idempotencyKey?: string;
}

/** Header lookup by lower-cased name: API Gateway lower-cases names, other callers may not. */
function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}

function requireJsonContentType(contentType: string | undefined): void {
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/^"|"$/g, '');
  if (mediaType !== 'application/json' || (charset !== undefined && charset !== 'utf-8')) {
    throw new UnsupportedMediaTypeError('The body must be JSON: send Content-Type: application/json (UTF-8)');
  }
}

function readIdempotencyKey(event: APIGatewayProxyEventV2): string | undefined {
  const key = header(event, 'idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new InvalidIdempotencyKeyError('Idempotency-Key must be 1 to 255 visible ASCII characters');
  }
  return key;
}

function bodyText(event: APIGatewayProxyEventV2): string {
  const raw = event.body ?? '';
  if (!event.isBase64Encoded) {
    if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) throw new PayloadTooLargeError(`The body must be at most ${MAX_BODY_BYTES} bytes`);
    return raw;
  }
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.byteLength > MAX_BODY_BYTES) throw new PayloadTooLargeError(`The body must be at most ${MAX_BODY_BYTES} bytes`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new MalformedJsonError('The body is not valid UTF-8', { cause });
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') throw new MalformedJsonError('A JSON body is required');
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new MalformedJsonError('The body is not valid JSON', { cause });
  }
}

/**
 * Reads and validates a signup request.
 * @throws MethodNotAllowedError, UnsupportedMediaTypeError, InvalidIdempotencyKeyError,
 *   PayloadTooLargeError, MalformedJsonError or InvalidSignupError
 */
export function readSignupRequest(event: APIGatewayProxyEventV2): HttpSignupRequest {
  const method = event.requestContext?.http?.method;
  if (method !== undefined && method !== 'POST') throw new MethodNotAllowedError('Only POST is allowed on /signup');
  requireJsonContentType(header(event, 'content-type'));
  const idempotencyKey = readIdempotencyKey(event);
  const request = parseSignupRequest(parseJson(bodyText(event)));
  return idempotencyKey === undefined ? { request } : { request, idempotencyKey };
}
