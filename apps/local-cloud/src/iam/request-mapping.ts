/**
 * What every service's request mapper produces: the IAM questions one HTTP request asks (action,
 * resource ARN, condition keys), read from the method, path, query, headers and, for the services
 * that need it, the body.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../model';
import type { AccessRequest } from './policy-evaluator';

/** The parts of an HTTP request a mapper reads. */
export interface RequestLine {
  method: string;
  /** The path, not decoded. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/** The outcome of mapping one request. */
export type RequestMapping =
  /** Every question must be answered "allowed" for the request to go through. */
  | { kind: 'requests'; requests: AccessRequest[] }
  /** The local cloud cannot tell what IAM would check: the request is refused (fail closed). */
  | { kind: 'unknown'; what: string }
  /** The body is not what the protocol expects: the service itself refuses it, without side effects. */
  | { kind: 'malformed' };

/** Parses `/path?query` into a {@link RequestLine}. */
export function requestLine(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): RequestLine {
  const text = url ?? '/';
  const mark = text.indexOf('?');
  return {
    method: (method ?? 'GET').toUpperCase(),
    path: mark < 0 ? text : text.slice(0, mark),
    query: new URLSearchParams(mark < 0 ? '' : text.slice(mark + 1)),
    headers,
  };
}

/** An ARN in the local account and region. */
export function localArn(service: string, resource: string, scope: { region?: boolean; account?: boolean } = {}): string {
  return `arn:aws:${service}:${scope.region === false ? '' : LOCAL_REGION}:${scope.account === false ? '' : LOCAL_ACCOUNT}:${resource}`;
}

/** Parses a JSON body as an object; undefined when it is not one. */
export function jsonObject(body: Buffer | undefined): Record<string, unknown> | undefined {
  if (!body || body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A string field of a parsed body, or undefined. */
export function stringField(input: Record<string, unknown>, field: string): string | undefined {
  const value = input[field];
  return typeof value === 'string' ? value : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
