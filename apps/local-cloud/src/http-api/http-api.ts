/**
 * The local API Gateway HTTP API: matches a request against the routes of the templates (`POST
 * /signup`, `GET /items/{id}`, `ANY /{proxy+}`, `$default`), builds the Lambda proxy event
 * (payload format 2.0, or 1.0 when the integration says so), invokes the route's function and maps
 * its answer back as API Gateway does, including the shorthand where a function returns a bare
 * value instead of `{ statusCode, headers, body }`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOCAL_ACCOUNT, type HttpRouteModel, type InvokeFunction, type InvokeResult } from '../model';
import { readBody } from '../emulators/listen';

/** A route parsed for matching. */
interface CompiledRoute {
  route: HttpRouteModel;
  method: string;
  segments: string[];
  /** Exact segments first, then parameters, then greedy: the most specific route wins. */
  specificity: number[];
}

/** Route matching result: the route and its path parameters. */
export interface RouteMatch {
  route: HttpRouteModel;
  pathParameters?: Record<string, string>;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|graphql)|[^;]*\+(json|xml))/i;

function compile(route: HttpRouteModel): CompiledRoute {
  if (route.routeKey === '$default') return { route, method: 'ANY', segments: [], specificity: [-1] };
  const space = route.routeKey.indexOf(' ');
  const method = route.routeKey.slice(0, space).toUpperCase();
  const segments = route.routeKey.slice(space + 1).split('/').filter(Boolean);
  const specificity = segments.map((s) => (s.endsWith('+}') ? 0 : s.startsWith('{') ? 1 : 2));
  return { route, method, segments, specificity };
}

function matchSegments(segments: string[], path: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, s] of segments.entries()) {
    if (s.startsWith('{') && s.endsWith('+}')) {
      if (i >= path.length) return undefined;
      params[s.slice(1, -2)] = path.slice(i).join('/');
      return params;
    }
    const part = path[i];
    if (part === undefined) return undefined;
    if (s.startsWith('{') && s.endsWith('}')) params[s.slice(1, -1)] = decodeURIComponent(part);
    else if (s !== part) return undefined;
  }
  return segments.length === path.length ? params : undefined;
}

function compareSpecificity(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? -1) - (a[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Builds a matcher over routes: exact method beats ANY, literal segments beat parameters. */
export function createRouter(routes: HttpRouteModel[]): (method: string, path: string) => RouteMatch | undefined {
  const compiled = routes.map(compile).sort((a, b) => compareSpecificity(a.specificity, b.specificity) || (a.method === 'ANY' ? 1 : 0) - (b.method === 'ANY' ? 1 : 0));
  return (method, path) => {
    const parts = path.split('/').filter(Boolean);
    let fallback: RouteMatch | undefined;
    for (const c of compiled) {
      if (c.route.routeKey === '$default') {
        fallback ??= { route: c.route };
        continue;
      }
      if (c.method !== 'ANY' && c.method !== method) continue;
      const params = matchSegments(c.segments, parts);
      if (params) return { route: c.route, pathParameters: Object.keys(params).length ? params : undefined };
    }
    return fallback;
  };
}

function headerMap(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = String(req.rawHeaders[i]).toLowerCase();
    const value = String(req.rawHeaders[i + 1]);
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return headers;
}

function clfTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} +0000`;
}

/** The request parts both payload formats are built from. */
interface RequestParts {
  method: string;
  path: string;
  rawQueryString: string;
  headers: Record<string, string>;
  body: Buffer;
  sourceIp: string;
  requestId: string;
  now: Date;
  host: string;
}

/** A payload format 2.0 event, as API Gateway HTTP APIs send to Lambda. */
export function toEventV2(parts: RequestParts, match: RouteMatch): Record<string, unknown> {
  const { headers } = parts;
  const isText = parts.body.length === 0 || TEXT_TYPES.test(headers['content-type'] ?? '') || !headers['content-type'];
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(parts.rawQueryString)) query[k] = k in query ? `${query[k]},${v}` : v;
  const cookies = headers.cookie?.split(/;\s*/).filter(Boolean);
  const eventHeaders = { ...headers };
  delete eventHeaders.cookie;
  return {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath: parts.path,
    rawQueryString: parts.rawQueryString,
    ...(cookies?.length ? { cookies } : {}),
    headers: eventHeaders,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId: match.route.apiId ?? 'local',
      domainName: parts.host,
      domainPrefix: parts.host.split('.')[0],
      http: { method: parts.method, path: parts.path, protocol: 'HTTP/1.1', sourceIp: parts.sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: parts.requestId,
      routeKey: match.route.routeKey,
      stage: '$default',
      time: clfTime(parts.now),
      timeEpoch: parts.now.getTime(),
    },
    ...(match.pathParameters ? { pathParameters: match.pathParameters } : {}),
    ...(parts.body.length ? { body: isText ? parts.body.toString('utf8') : parts.body.toString('base64') } : {}),
    isBase64Encoded: parts.body.length > 0 && !isText,
  };
}

/** A payload format 1.0 event (the REST-API-compatible shape). */
export function toEventV1(parts: RequestParts, match: RouteMatch): Record<string, unknown> {
  const isText = parts.body.length === 0 || TEXT_TYPES.test(parts.headers['content-type'] ?? '') || !parts.headers['content-type'];
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(parts.rawQueryString)) {
    single[k] = v;
    (multi[k] ??= []).push(v);
  }
  const multiHeaders = Object.fromEntries(Object.entries(parts.headers).map(([k, v]) => [k, v.split(',')]));
  return {
    version: '1.0',
    resource: match.route.routeKey.replace(/^\S+\s/, ''),
    path: parts.path,
    httpMethod: parts.method,
    headers: parts.headers,
    multiValueHeaders: multiHeaders,
    queryStringParameters: Object.keys(single).length ? single : null,
    multiValueQueryStringParameters: Object.keys(multi).length ? multi : null,
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId: match.route.apiId ?? 'local',
      domainName: parts.host,
      httpMethod: parts.method,
      path: parts.path,
      protocol: 'HTTP/1.1',
      requestId: parts.requestId,
      requestTime: clfTime(parts.now),
      requestTimeEpoch: parts.now.getTime(),
      resourcePath: match.route.routeKey.replace(/^\S+\s/, ''),
      stage: '$default',
      identity: { sourceIp: parts.sourceIp, userAgent: parts.headers['user-agent'] ?? '' },
    },
    pathParameters: match.pathParameters ?? null,
    stageVariables: null,
    body: parts.body.length ? (isText ? parts.body.toString('utf8') : parts.body.toString('base64')) : null,
    isBase64Encoded: parts.body.length > 0 && !isText,
  };
}

/** What goes back to the HTTP client. */
export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

const json = (statusCode: number, body: unknown): HttpAnswer => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  cookies: [],
  body: Buffer.from(JSON.stringify(body)),
});

/** Maps a Lambda result to the HTTP answer, as API Gateway does for the payload format. */
export function toHttpAnswer(result: InvokeResult, format: '1.0' | '2.0'): HttpAnswer {
  if (result.FunctionError) return json(500, { message: 'Internal Server Error' });
  const payload = result.Payload;
  const isResponseObject = typeof payload === 'object' && payload !== null && !Array.isArray(payload) && 'statusCode' in payload;
  if (!isResponseObject) {
    // Format 2.0 accepts any JSON: status 200, the value as the body (a string as-is).
    if (format === '1.0') return json(502, { message: 'Internal server error' });
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)) };
  }
  const response = payload as { statusCode: unknown; headers?: Record<string, unknown>; multiValueHeaders?: Record<string, unknown[]>; cookies?: unknown[]; body?: unknown; isBase64Encoded?: unknown };
  const statusCode = Number(response.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return json(500, { message: 'Internal Server Error' });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.multiValueHeaders ?? {})) headers[k.toLowerCase()] = (Array.isArray(v) ? v : [v]).join(',');
  for (const [k, v] of Object.entries(response.headers ?? {})) headers[k.toLowerCase()] = String(v);
  const bodyText = response.body === undefined || response.body === null ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  const body = response.isBase64Encoded === true ? Buffer.from(bodyText, 'base64') : Buffer.from(bodyText);
  const cookies = (response.cookies ?? []).map(String);
  return { statusCode, headers, cookies, body };
}

export interface HttpApiOptions {
  routes: HttpRouteModel[];
  invoke: InvokeFunction;
  /** Called once per request with how it went (for the console). */
  onRequest?: (record: { requestId: string; method: string; path: string; routeKey?: string; statusCode: number; durationMs: number }) => void;
}

/** The node http handler of the local HTTP API. */
export function createHttpApi(options: HttpApiOptions) {
  const route = createRouter(options.routes);
  const send = (res: ServerResponse, answer: HttpAnswer, requestId: string) => {
    const headers: Record<string, string | string[]> = { ...answer.headers, 'content-length': String(answer.body.length), 'apigw-requestid': requestId };
    if (answer.cookies.length) headers['set-cookie'] = answer.cookies;
    res.writeHead(answer.statusCode, headers);
    res.end(answer.body);
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const requestId = randomUUID();
    const [path = '/', rawQueryString = ''] = (req.url ?? '/').split(/\?(.*)/s);
    const method = (req.method ?? 'GET').toUpperCase();
    let answer: HttpAnswer;
    let match: RouteMatch | undefined;
    try {
      match = route(method, path);
      if (!match) {
        answer = json(404, { message: 'Not Found' });
      } else {
        const body = await readBody(req, 10 * 1024 * 1024);
        const parts: RequestParts = {
          method,
          path,
          rawQueryString,
          headers: headerMap(req),
          body,
          sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
          requestId,
          now: new Date(),
          host: req.headers.host ?? 'localhost',
        };
        const format = match.route.payloadFormatVersion ?? '2.0';
        const event = format === '1.0' ? toEventV1(parts, match) : toEventV2(parts, match);
        answer = toHttpAnswer(await options.invoke(match.route.functionArn, event), format);
      }
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode === 413 ? 413 : 500;
      answer = json(status, { message: status === 413 ? 'Request Entity Too Large' : 'Internal Server Error' });
    }
    send(res, answer, requestId);
    options.onRequest?.({ requestId, method, path, routeKey: match?.route.routeKey, statusCode: answer.statusCode, durationMs: performance.now() - started });
  };
}
