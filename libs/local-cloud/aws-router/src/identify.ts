/**
 * Which service a request is for, read off the wire the way AWS's front ends do: the SigV4
 * signing name of its credential scope (the `Authorization` header, or `X-Amz-Credential` of a
 * presigned URL), then, where services share a signing name, the `X-Amz-Target` prefix (JSON),
 * a form body (Query), or the path (REST).
 */
import type { IncomingMessage } from 'node:http';
import { credentialScope, isQueryRequest } from '@onboarding/local-aws-core';
import type { AwsProtocol, AwsServiceDescription, RestOperation } from './aws-services';

/** What the router knows about a request before reading its body. */
export interface AwsRequestIdentity {
  /** The service, when one of the known services matches. */
  service?: AwsServiceDescription;
  /** The signing name of the request's credential scope; undefined when unsigned. */
  signingName?: string;
  /** The protocol the request speaks, and so the shape of an error answer. */
  protocol: AwsProtocol;
  /** The operation, when the request names it without its body (JSON target, REST route, Query URL). */
  operation?: string;
}

const REST: readonly AwsProtocol[] = ['restJson1', 'restXml'];

function jsonProtocol(service: AwsServiceDescription | undefined): AwsProtocol {
  return service?.protocols.find((p) => p === 'awsJson1_0' || p === 'awsJson1_1') ?? 'awsJson1_0';
}

function matchRoute(route: RestOperation, method: string, segments: readonly string[], query: URLSearchParams): boolean {
  const [routeMethod, path, , queryKey] = route;
  if (routeMethod !== method) return false;
  if (queryKey !== undefined && !query.has(queryKey)) return false;
  const pattern = path === '/' ? [] : path.replace(/^\//, '').split('/');
  if (pattern.length === 0) return segments.length === 0;
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i] as string;
    if (part.endsWith('+}')) return segments.length > i;
    if (i >= segments.length) return part === '' && i === segments.length;
    if (!(part.startsWith('{') && part.endsWith('}')) && part !== segments[i]) return false;
  }
  return segments.length === pattern.length;
}

/** The name of the REST operation a method and path stand for, from the service's route table. */
export function restOperationName(service: AwsServiceDescription | undefined, method: string, url: string): string | undefined {
  const parsed = new URL(url, 'http://local');
  const trailing = parsed.pathname.endsWith('/') && parsed.pathname !== '/';
  const segments = parsed.pathname.split('/').filter((s) => s !== '');
  if (trailing) segments.push('');
  return service?.restOperations?.find((route) => matchRoute(route, method, segments, parsed.searchParams))?.[2];
}

/** Identifies a request among `services` without consuming its body. */
export function identifyAwsRequest(req: Pick<IncomingMessage, 'headers' | 'url' | 'method'>, services: readonly AwsServiceDescription[]): AwsRequestIdentity {
  const scope = credentialScope(req);
  const rawTarget = req.headers['x-amz-target'];
  const target = typeof rawTarget === 'string' && rawTarget.includes('.') ? rawTarget : undefined;
  const targetPrefix = target?.slice(0, target.lastIndexOf('.'));
  const url = new URL(req.url ?? '/', 'http://local');
  const candidates = scope ? services.filter((s) => s.signingName === scope.service) : targetPrefix ? services.filter((s) => s.targetPrefix === targetPrefix) : [];
  const signingName = scope?.service;

  if (target !== undefined) {
    const service = candidates.find((s) => s.targetPrefix === targetPrefix);
    return { service, signingName, protocol: jsonProtocol(service ?? candidates[0]), operation: target.slice(target.lastIndexOf('.') + 1) };
  }
  if (isQueryRequest(req)) {
    const service = candidates.find((s) => s.protocols.includes('awsQuery'));
    return { service, signingName, protocol: 'awsQuery', operation: url.searchParams.get('Action') ?? undefined };
  }
  const rest = candidates.filter((s) => s.protocols.some((p) => REST.includes(p)));
  const service = rest.find((s) => s.pathPrefix !== undefined && url.pathname.startsWith(s.pathPrefix)) ?? rest.find((s) => s.pathPrefix === undefined) ?? (candidates.length === 1 ? candidates[0] : undefined);
  const protocol = service?.protocols.find((p) => REST.includes(p)) ?? (service ? (service.protocols[0] as AwsProtocol) : 'restJson1');
  return { service, signingName, protocol, operation: restOperationName(service, req.method ?? 'GET', req.url ?? '/') };
}
