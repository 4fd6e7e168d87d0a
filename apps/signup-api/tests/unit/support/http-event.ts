/** Builds the events API Gateway HTTP APIs (payload format 2.0) send for `POST /signup`. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export interface SignupEventOptions {
  /** A body object is sent as JSON; a string is sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  method?: string;
  isBase64Encoded?: boolean;
}

export function signupEvent({ body, headers, method = 'POST', isBase64Encoded = false }: SignupEventOptions = {}): APIGatewayProxyEventV2 {
  const rawBody = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return {
    version: '2.0',
    routeKey: `${method} /signup`,
    rawPath: '/signup',
    rawQueryString: '',
    headers: headers ?? { 'content-type': 'application/json' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api1234567',
      domainName: 'api1234567.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'api1234567',
      http: { method, path: '/signup', protocol: 'HTTP/1.1', sourceIp: '192.0.2.10', userAgent: 'jest' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: `${method} /signup`,
      stage: '$default',
      time: '24/Nov/2026:10:00:00 +0000',
      timeEpoch: 1795514400000,
    },
    ...(rawBody === undefined ? {} : { body: rawBody }),
    isBase64Encoded,
  };
}
