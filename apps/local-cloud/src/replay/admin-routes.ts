/**
 * The resilience routes of the console server, in front of the read-only console:
 *
 * | route | what |
 * | --- | --- |
 * | `GET /api/faults` | the faults set and the invocations they affected |
 * | `PUT /api/faults` | replaces the faults (body: the `ONBOARDING_FAULTS` syntax, as text or `{"faults": "..."}`) |
 * | `DELETE /api/faults` | removes every fault |
 * | `POST /api/replay` | replays (body: `{"tenant"?, "signup"?, "failed"?, "deadLetters"?, "notifications"?}`), answers the report |
 * | `GET /api/resilience` | what recovery did at boot, and the work still owed (with --data-dir) |
 *
 * Bad input answers 400 `{ "error", "message" }` and changes nothing. Every other request goes to the console.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../emulators/listen';
import { InvalidFaultSpecError, UnknownFaultTargetError, type FaultInjector } from '../faults';
import type { RecoveryReport } from '../persistence';
import { InvalidReplayRequestError, replay, type ReplayableCloud, type ReplayOptions } from './replay';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** What the routes act on; the cloud is looked up per request (it is complete only once booted). */
export interface AdminSources {
  faults: FaultInjector;
  cloud: () => ReplayableCloud | undefined;
  recovery: () => RecoveryReport | undefined;
  owed: () => { events: number; invocations: number } | undefined;
}

class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJsonOrText(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req, 64 * 1024)).toString('utf8');
  if (!/json/i.test(String(req.headers['content-type'] ?? ''))) return text;
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new BadRequestError('The body is not valid JSON');
  }
}

const REPLAY_FIELDS = new Set(['tenant', 'signup', 'failed', 'deadLetters', 'notifications']);

/** Checks a replay request body field by field. */
export function parseReplayOptions(body: unknown): ReplayOptions {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BadRequestError('The body must be a JSON object');
  const options: ReplayOptions = {};
  for (const [key, value] of Object.entries(body)) {
    if (!REPLAY_FIELDS.has(key)) throw new BadRequestError(`Unknown field "${key}" (expected tenant, signup, failed, deadLetters, notifications)`);
    if (key === 'tenant' || key === 'signup') {
      if (typeof value !== 'string' || value.trim() === '') throw new BadRequestError(`"${key}" must be a non-empty string`);
      options[key] = value;
    } else {
      if (typeof value !== 'boolean') throw new BadRequestError(`"${key}" must be true or false`);
      options[key as 'failed' | 'deadLetters' | 'notifications'] = value;
    }
  }
  return options;
}

/** Wraps the console's handler with the resilience routes. */
export function withAdminRoutes(consoleHandler: Handler, sources: AdminSources): Handler {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/api/faults') {
      if (req.method === 'GET') return json(res, 200, { faults: sources.faults.list(), injected: sources.faults.injected() }), true;
      if (req.method === 'DELETE') {
        sources.faults.clear();
        return json(res, 200, { faults: [] }), true;
      }
      if (req.method === 'PUT') {
        const body = await readJsonOrText(req);
        const spec = typeof body === 'string' ? body : body !== null && typeof body === 'object' && typeof (body as { faults?: unknown }).faults === 'string' ? (body as { faults: string }).faults : undefined;
        if (spec === undefined) throw new BadRequestError('Send the faults as text, or as JSON {"faults": "<app>:<action>..."}');
        return json(res, 200, { faults: sources.faults.set(spec) }), true;
      }
      return json(res, 405, { error: 'MethodNotAllowed', message: 'Use GET, PUT or DELETE on /api/faults' }), true;
    }
    if (path === '/api/replay') {
      if (req.method !== 'POST') return json(res, 405, { error: 'MethodNotAllowed', message: 'Use POST on /api/replay' }), true;
      const body = await readJsonOrText(req);
      const options = parseReplayOptions(typeof body === 'string' ? (body.trim() === '' ? {} : body) : body);
      const cloud = sources.cloud();
      if (!cloud) return json(res, 503, { error: 'NotReady', message: 'The local cloud is starting' }), true;
      return json(res, 200, await replay(cloud, options)), true;
    }
    if (path === '/api/resilience' && req.method === 'GET') {
      return json(res, 200, { recovery: sources.recovery() ?? null, owed: sources.owed() ?? null, faults: sources.faults.list() }), true;
    }
    return false;
  };
  return (req, res) => {
    handle(req, res).then(
      (handled) => {
        if (!handled) consoleHandler(req, res);
      },
      (error: Error) => {
        const badRequest = error instanceof BadRequestError || error instanceof InvalidFaultSpecError || error instanceof UnknownFaultTargetError || error instanceof InvalidReplayRequestError;
        json(res, badRequest ? 400 : ((error as { statusCode?: number }).statusCode ?? 500), { error: badRequest ? error.name : 'InternalError', message: error.message });
      },
    );
  };
}
