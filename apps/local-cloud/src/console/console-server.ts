/**
 * The local cloud's console (the `console` endpoint). `GET /` is the page (a small script bundled
 * from `console-ui/`, see console-assets.ts) that lists the signups' executions live, draws an
 * execution's state machine with what happened at each state, and shows the events, mail, stored
 * objects and webhook messages. Everything it shows comes from the JSON API below, which tests and
 * scripts can use directly:
 *
 * - `GET /api/{model,endpoints,functions,logs?function=,events,dead-letters,requests}`: as read
 * - `GET /api/executions[?limit=][&signup=]`: rows with status, tenant, signup, duration and failed
 *   step (`signup`: only that signup's executions)
 * - `GET /api/execution?arn=`: description, definition, history and per-state analysis
 * - `GET /api/execution/side-effects?arn=`: that signup's events, mail, objects, webhook messages
 * - `GET /api/emails` (newest first), `/api/storage`, `/api/webhook` (oldest first): every mail,
 *   stored object and webhook request
 * - `GET /api/contracts`: every contract version of the event catalog, with the rules, state
 *   machines and functions that use it (contracts.ts)
 * - `GET /api/stream`: server-sent `change` events when something changed (pages then re-read)
 * - `POST /api/signup` (JSON body, forwarded to the API's `POST /signup`) and
 *   `POST /api/executions/replay` (`{ "executionArn" }`, a failed signup's execution): the only
 *   requests of the console itself that change anything. They must
 *   be JSON and come from the console's own origin, so another web page cannot make the
 *   browser send them.
 * - `/api/faults`, `/api/replay`, `/api/resilience` are answered in front of this handler by
 *   src/replay/admin-routes.ts (fault injection and the replay command).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../emulators/listen';
import type { CloudModel } from '../model';
import { consoleAssets } from './console-assets';
import { ConsoleFeed, type ConsoleChange } from './console-feed';
import {
  BadRequestError,
  ConsoleRequestError,
  ForbiddenOriginError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from './errors';
import { ExecutionIndex, signupOf, type ConsoleStepFunctions } from './execution-index';
import { replayExecution, type ReplaySignup } from './replay';
import { findProperty, sentEmails, sideEffectsOf, StorageLister } from './side-effects';

/** What the console reads; every source is optional so the console works while others are missing. */
export interface ConsoleSources {
  model: CloudModel;
  endpoints: () => Record<string, string>;
  functions?: () => unknown[];
  logs?: (functionName?: string) => unknown[];
  deadLetters?: () => unknown[];
  events?: () => unknown[];
  /** The plain execution list, used only when `stepfunctions` is not given. */
  executions?: () => Promise<unknown> | unknown;
  requests?: () => unknown[];
  /** The local Step Functions: the executions, their histories, and starting a replay. */
  stepfunctions?: ConsoleStepFunctions;
  /** What the webhook sink received (with path, headers and time). */
  webhook?: () => unknown[];
  /** Change notes from the services (an execution moved on); pages listen on `/api/stream`. */
  feed?: ConsoleFeed;
  /** The local cloud's own replay of a signup; without it the console starts `<name>-r<n>` itself. */
  replaySignup?: ReplaySignup;
  /** The contract versions and what uses them (see contracts.ts). */
  contracts?: () => unknown;
}

/** The console's request listener; `close()` stops its timers and clients. */
export type ConsoleHandler = ((req: IncomingMessage, res: ServerResponse) => void) & { close(): void };

const MAX_POST_BYTES = 64 * 1024;
/** How often the bus, the webhook sink and the dead letters are checked while a page listens. */
const WATCH_INTERVAL_MS = 300;
const HEARTBEAT_MS = 15_000;
const PAGE_SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page: the script builds everything; without JavaScript, the overview below is what shows. */
function page(sources: ConsoleSources): string {
  const endpoints = Object.entries(sources.endpoints())
    .map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td><a href="${escapeHtml(v)}">${escapeHtml(v)}</a></td></tr>`)
    .join('');
  const functions = sources.model.functions
    .map(
      (f) =>
        `<tr><td>${escapeHtml(f.app)}</td><td><a href="/api/logs?function=${encodeURIComponent(f.functionName)}">${escapeHtml(f.functionName)}</a></td><td>${escapeHtml(f.runtime)}</td><td>${f.timeoutSeconds}s</td></tr>`,
    )
    .join('');
  const links = ['model', 'functions', 'logs', 'events', 'executions', 'dead-letters', 'requests', 'emails', 'storage', 'webhook', 'contracts']
    .map((p) => `<a href="/api/${p}">${p}</a>`)
    .join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Onboarding local cloud</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/console.css">
<script src="/assets/console.js" defer></script></head>
<body><div id="app"></div>
<noscript><main class="noscript"><h1>Onboarding local cloud</h1><p>The console needs JavaScript; its JSON API: ${links}</p>
<h2>Endpoints</h2><table>${endpoints}</table>
<h2>Functions</h2><table><tr><th>app</th><th>function</th><th>runtime</th><th>timeout</th></tr>${functions}</table></main></noscript>
</body></html>`;
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-length': Buffer.byteLength(body), 'cache-control': 'no-cache', ...headers });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), { 'content-type': 'application/json' });
}

/** Refuses a state-changing request that is not JSON or comes from another origin (CSRF). */
function checkPost(req: IncomingMessage): void {
  const origin = req.headers['origin'];
  const host = req.headers['host'];
  if (origin !== undefined && origin !== 'null' && host !== undefined && origin !== `http://${host}`) {
    throw new ForbiddenOriginError(`The console accepts changes from its own page only (origin ${origin})`);
  }
  if (origin === 'null' || req.headers['sec-fetch-site'] === 'cross-site') throw new ForbiddenOriginError('The console accepts changes from its own page only');
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) throw new UnsupportedMediaTypeError(`Send JSON (content-type: application/json), not ${type || 'no content type'}`);
}

async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw: Buffer;
  try {
    raw = await readBody(req, MAX_POST_BYTES);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 413) throw new PayloadTooLargeError(`The body is over ${MAX_POST_BYTES} bytes`);
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BadRequestError('The body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new BadRequestError('The body must be a JSON object');
  return value as Record<string, unknown>;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function requireArn(url: URL): string {
  const arn = url.searchParams.get('arn');
  if (!arn) throw new BadRequestError('Give the execution ARN as ?arn=');
  return arn;
}

/** Creates the console's request listener. */
export function createConsole(sources: ConsoleSources): ConsoleHandler {
  const feed = sources.feed ?? new ConsoleFeed();
  const index = sources.stepfunctions ? new ExecutionIndex(sources.stepfunctions, sources.model) : undefined;
  const storage = new StorageLister(sources.model, () => sources.endpoints()['s3'] ?? '');
  const streams = new Set<ServerResponse>();

  // While a page listens, the lists that change without an execution changing are checked for growth.
  let watcher: NodeJS.Timeout | undefined;
  const sizes = () => ({ events: sources.events?.().length ?? 0, webhook: sources.webhook?.().length ?? 0, 'dead-letters': sources.deadLetters?.().length ?? 0 });
  let lastSizes = sizes();
  const watch = () => {
    if (watcher || feed.listenerCount === 0) return;
    lastSizes = sizes();
    watcher = setInterval(() => {
      if (feed.listenerCount === 0) {
        clearInterval(watcher);
        watcher = undefined;
        return;
      }
      const now = sizes();
      for (const topic of ['events', 'webhook', 'dead-letters'] as const) if (now[topic] !== lastSizes[topic]) feed.publish({ topic });
      lastSizes = now;
    }, WATCH_INTERVAL_MS);
    watcher.unref();
  };

  const stream = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 2000\nevent: ready\ndata: {}\n\n');
    streams.add(res);
    const unsubscribe = feed.subscribe((changes: ConsoleChange[]) => res.write(`event: change\ndata: ${JSON.stringify(changes)}\n\n`));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    watch();
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', end);
    res.on('error', end);
  };

  const executionRows = async (url: URL) => {
    const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 200) || 200));
    if (index) return index.rows(limit, url.searchParams.get('signup') ?? undefined);
    return (await sources.executions?.()) ?? [];
  };

  const sideEffects = async (executionArn: string) => {
    if (!index) throw new NotFoundError('The console has no Step Functions to read executions from');
    const detail = await index.detail(executionArn);
    const { signupId } = signupOf(detail.execution.name, detail.execution.input);
    if (signupId === undefined) throw new NotFoundError(`Execution ${detail.execution.name} is not a signup's (no signupId in its input or name)`);
    // The user id appears in the output of the step that created the user (and the execution's).
    const outputs = [detail.execution.output, ...Object.values(detail.analysis.states).flatMap((s) => s.visits.map((v) => v.output))];
    const userId = outputs.map((o) => findProperty(parseJson(o), 'userId')).find((id) => id !== undefined);
    const email = findProperty(parseJson(detail.execution.input), 'email');
    const [emails, objects] = await Promise.all([sentEmails(sources.endpoints()['sesv2'] ?? ''), storage.objects()]);
    return {
      signupId,
      ...(userId ? { userId } : {}),
      ...sideEffectsOf(
        { signupId, ...(email ? { email } : {}), ...(userId ? { userId } : {}) },
        { events: sources.events?.() ?? [], emails, objects, webhookMessages: sources.webhook?.() ?? [], deadLetters: sources.deadLetters?.() ?? [] },
      ),
    };
  };

  const signup = async (req: IncomingMessage, res: ServerResponse) => {
    checkPost(req);
    const body = await readJsonObject(req);
    const api = sources.endpoints()['api'];
    if (!api) throw new NotFoundError('The local cloud has no API endpoint');
    const idempotencyKey = req.headers['idempotency-key'];
    const answer = await fetch(`${api}/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(typeof idempotencyKey === 'string' ? { 'idempotency-key': idempotencyKey } : {}) },
      body: JSON.stringify(body),
    });
    // The API's own answer (202 with the signupId, or its 4xx) goes back unchanged.
    const text = await answer.text();
    send(res, answer.status, text, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
  };

  const replay = async (req: IncomingMessage, res: ServerResponse) => {
    checkPost(req);
    const body = await readJsonObject(req);
    if (typeof body['executionArn'] !== 'string' || body['executionArn'] === '') throw new BadRequestError('Give the failed execution as { "executionArn": "..." }');
    if (!index || !sources.stepfunctions) throw new NotFoundError('The console has no Step Functions to replay with');
    const result = await replayExecution(body['executionArn'], { sfn: sources.stepfunctions, index, ...(sources.replaySignup ? { replaySignup: sources.replaySignup } : {}) });
    json(res, 202, result);
  };

  const gets: Record<string, (url: URL, req: IncomingMessage, res: ServerResponse) => unknown> = {
    '/api/model': () => sources.model,
    '/api/endpoints': () => sources.endpoints(),
    '/api/functions': () => sources.functions?.() ?? [],
    '/api/logs': (url) => sources.logs?.(url.searchParams.get('function') ?? undefined) ?? [],
    '/api/dead-letters': () => sources.deadLetters?.() ?? [],
    '/api/events': () => sources.events?.() ?? [],
    '/api/requests': () => sources.requests?.() ?? [],
    '/api/executions': (url) => executionRows(url),
    '/api/execution': (url) => {
      if (!index) throw new NotFoundError('The console has no Step Functions to read executions from');
      return index.detail(requireArn(url));
    },
    '/api/execution/side-effects': (url) => sideEffects(requireArn(url)),
    '/api/emails': () => sentEmails(sources.endpoints()['sesv2'] ?? ''),
    '/api/storage': () => storage.objects(),
    '/api/webhook': () => sources.webhook?.() ?? [],
    '/api/contracts': () => sources.contracts?.() ?? { contracts: [] },
  };
  const posts: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = { '/api/signup': signup, '/api/executions/replay': replay };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://console');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    // Own properties only: `/constructor` or `/__proto__` must not reach Object's members.
    const post = Object.hasOwn(posts, path) ? posts[path] : undefined;
    if (post) {
      if (method !== 'POST') throw new MethodNotAllowedError(`${path} takes POST`);
      return post(req, res);
    }
    const isAsset = path === '/' || path === '/index.html' || path === '/assets/console.js' || path === '/assets/console.css' || path === '/api/stream';
    const get = Object.hasOwn(gets, path) ? gets[path] : undefined;
    if (!get && !isAsset) throw new NotFoundError(`No console page ${path}`);
    if (method !== 'GET') throw new MethodNotAllowedError(`${path} is read-only`);
    if (path === '/' || path === '/index.html') return send(res, 200, page(sources), { 'content-type': 'text/html; charset=utf-8', ...PAGE_SECURITY_HEADERS });
    if (path === '/assets/console.js') return send(res, 200, (await consoleAssets()).js, { 'content-type': 'text/javascript; charset=utf-8', 'x-content-type-options': 'nosniff' });
    if (path === '/assets/console.css') return send(res, 200, (await consoleAssets()).css, { 'content-type': 'text/css; charset=utf-8', 'x-content-type-options': 'nosniff' });
    if (path === '/api/stream') return stream(req, res);
    return json(res, 200, await (get as NonNullable<typeof get>)(url, req, res));
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof ConsoleRequestError) {
        if (error instanceof MethodNotAllowedError) res.setHeader('allow', Object.hasOwn(posts, new URL(req.url ?? '/', 'http://c').pathname) ? 'POST' : 'GET');
        return json(res, error.statusCode, { error: error.error, message: error.message });
      }
      json(res, 500, { error: 'InternalError', message: (error as Error).message });
    });
  };
  const close = () => {
    clearInterval(watcher);
    watcher = undefined;
    for (const res of streams) res.end();
    streams.clear();
    storage.close();
  };
  // Closing the local cloud closes the feed it gave the console; the console goes with it.
  feed.onClose(close);
  return Object.assign(listener, { close });
}
