/** The console's JSON API, typed by the server's own types. */
import type { ExecutionDetail, ExecutionRow } from '../../src/console/execution-index';
import type { SentEmail, SignupSideEffects, StoredObject } from '../../src/console/side-effects';

export type { ExecutionDetail, ExecutionRow, SentEmail, SignupSideEffects, StoredObject };

/** An error the console API answered (`{ error, message }`). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

async function read<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const problem = (body ?? {}) as { error?: string; message?: string };
    throw new ApiError(response.status, problem.error ?? `HTTP ${response.status}`, problem.message ?? (text || response.statusText));
  }
  return body as T;
}

export async function getJson<T>(path: string): Promise<T> {
  return read<T>(await fetch(path, { headers: { accept: 'application/json' } }));
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return read<T>(await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}

export const api = {
  executions: (limit = 200) => getJson<ExecutionRow[]>(`/api/executions?limit=${limit}`),
  executionsOfSignup: (signupId: string) => getJson<ExecutionRow[]>(`/api/executions?limit=1000&signup=${encodeURIComponent(signupId)}`),
  execution: (arn: string) => getJson<ExecutionDetail>(`/api/execution?arn=${encodeURIComponent(arn)}`),
  sideEffects: (arn: string) => getJson<SignupSideEffects & { signupId: string; userId?: string }>(`/api/execution/side-effects?arn=${encodeURIComponent(arn)}`),
  events: () => getJson<RecordedEventView[]>('/api/events'),
  deadLetters: () => getJson<DeadLetterView[]>('/api/dead-letters'),
  emails: () => getJson<SentEmail[]>('/api/emails'),
  storage: () => getJson<StoredObject[]>('/api/storage'),
  webhook: () => getJson<WebhookRequestView[]>('/api/webhook'),
  endpoints: () => getJson<Record<string, string>>('/api/endpoints'),
  functions: () => getJson<FunctionStatsView[]>('/api/functions'),
  signup: (body: { email: string; name: string; tenantId?: string; plan?: string }) => postJson<{ signupId: string }>('/api/signup', body),
  replay: (executionArn: string) => postJson<{ executionArn: string; via: string }>('/api/executions/replay', { executionArn }),
};

/** An event the bus accepted, with the rules it matched. */
export interface RecordedEventView {
  id: string;
  source: string;
  'detail-type': string;
  time: string;
  detail: Record<string, unknown>;
  eventBusName: string;
  matchedRules: string[];
}

export interface DeadLetterView {
  queue: string;
  receivedAt: string;
  source: string;
  body: unknown;
}

export interface WebhookRequestView {
  receivedAt: string;
  method: string;
  path: string;
  body: unknown;
}

export interface FunctionStatsView {
  functionName: string;
  invocations: number;
  errors: number;
  timeouts: number;
  coldStarts: number;
  sandboxes: number;
  inFlight: number;
}
