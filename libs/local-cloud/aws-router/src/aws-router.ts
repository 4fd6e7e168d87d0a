/**
 * The local cloud's single AWS endpoint: every request goes to the handler of its service
 * ({@link identifyAwsRequest}); a service or an operation the local cloud lacks is answered with
 * AWS's `UnknownOperationException`, naming both, in the shape of the request's protocol, so the
 * SDK raises `UnknownOperationException` and the CLI prints "An error occurred
 * (UnknownOperationException) when calling the X operation". Never a hang, never a 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AwsError,
  answerJsonError,
  answerQueryError,
  answerRestJsonError,
  answerRestXmlError,
  queryParameters,
  readBody,
  unknownOperation,
} from '@onboarding/local-aws-core';
import { AWS_SERVICES, type AwsProtocol, type AwsServiceDescription } from './aws-services';
import { identifyAwsRequest, type AwsRequestIdentity } from './identify';

/** A service's endpoint: a `node:http` request listener. */
export type AwsServiceHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Options of {@link createAwsRouter}. */
export interface AwsRouterOptions {
  /** The wired services, by {@link AwsServiceDescription.id} (`sqs`, `logs`, `s3`, `sesv2`, ...). */
  handlers: Readonly<Partial<Record<string, AwsServiceHandler>>>;
  /** @default AWS_SERVICES */
  services?: readonly AwsServiceDescription[];
  /**
   * Where an unsigned request without `X-Amz-Target` goes (a browser or curl fetching an object),
   * e.g. `s3`. Without it such a request answers `MissingAuthenticationTokenException` (403).
   */
  unsignedService?: string;
  /** Called when a handler throws synchronously (a bug); the caller gets a 500 InternalFailure. */
  onHandlerError?: (error: unknown, serviceId: string) => void;
  /** Called with every request routed, for logs and consoles. */
  onRoute?: (identity: AwsRequestIdentity) => void;
}

/** Writes an {@link AwsError} in the shape of `protocol`. */
export function answerAwsError(res: ServerResponse, protocol: AwsProtocol, error: AwsError, service?: AwsServiceDescription): void {
  switch (protocol) {
    case 'awsJson1_0':
    case 'awsJson1_1':
      answerJsonError(res, protocol === 'awsJson1_0' ? '1.0' : '1.1', error, service?.protocols.includes('awsQuery') ?? false);
      return;
    case 'awsQuery':
      answerQueryError(res, service?.xmlNamespace ?? 'https://local.invalid/doc/', error);
      return;
    case 'restXml':
      answerRestXmlError(res, error);
      return;
    case 'restJson1':
      answerRestJsonError(res, error);
      return;
  }
}

/** The router: a `node:http` request listener for every AWS service at once. */
export function createAwsRouter(options: AwsRouterOptions): AwsServiceHandler {
  const services = options.services ?? AWS_SERVICES;

  async function unrouted(req: IncomingMessage, res: ServerResponse, identity: AwsRequestIdentity): Promise<void> {
    let operation = identity.operation;
    if (operation === undefined && identity.protocol === 'awsQuery') {
      operation = queryParameters(req.url, (await readBody(req).catch(() => Buffer.alloc(0))).toString('utf8')).get('Action') ?? undefined;
    } else {
      req.resume();
    }
    const named = operation ?? `${req.method ?? 'GET'} ${new URL(req.url ?? '/', 'http://local').pathname}`;
    const serviceName = identity.service?.name ?? (identity.signingName ? `the service signed as "${identity.signingName}"` : 'an unknown service');
    answerAwsError(res, identity.protocol, unknownOperation(serviceName, named), identity.service);
  }

  return (req, res) => {
    const identity = identifyAwsRequest(req, services);
    if (!identity.signingName && !req.headers['x-amz-target'] && options.unsignedService) {
      identity.service = services.find((s) => s.id === options.unsignedService);
    } else if (!identity.signingName && !identity.service) {
      req.resume();
      answerAwsError(res, identity.protocol, new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', { statusCode: 403, queryCode: 'MissingAuthenticationToken' }));
      return;
    }
    options.onRoute?.(identity);
    const service = identity.service;
    const handler = service ? options.handlers[service.id] : undefined;
    if (!service || !handler) {
      void unrouted(req, res, identity);
      return;
    }
    try {
      handler(req, res);
    } catch (error) {
      options.onHandlerError?.(error, service.id);
      req.resume();
      answerAwsError(res, identity.protocol, new AwsError('InternalFailure', `The local ${service.name} failed: ${(error as Error)?.message ?? String(error)}`, { statusCode: 500 }), service);
    }
  };
}
