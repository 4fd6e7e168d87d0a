/**
 * Consumer-side parsing: checks the EventBridge envelope (source, detail-type) and the detail
 * against a contract, and returns a typed event. Accepts what EventBridge delivers to a Lambda or a
 * Step Functions target (`detail-type`) as well as the PutEvents entry shape (`DetailType`, a JSON
 * string `Detail`), so the same helper serves handlers, tests and the local cloud.
 */
import { z } from 'zod';
import type { DetailOf, EventContract } from './contracts/define-contract';
import { EventContractError } from './errors';

/** A parsed event: the envelope fields consumers use, and the typed detail. */
export interface ParsedEvent<C extends EventContract> {
  id?: string;
  time?: string;
  source: string;
  detailType: string;
  detail: DetailOf<C>;
}

/**
 * One `path: message` line per problem. zod reports unknown fields on the object that holds them;
 * each is named here by its own path (`detail.extra`), so `path` points at the field to remove.
 */
function describeIssues(prefix: string, error: z.ZodError): { path: string; problems: string[] } {
  const located = error.issues.flatMap((issue) => {
    const at = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) {
      return issue.keys.map((key) => ({ path: at ? `${at}.${key}` : key, message: 'unknown field' }));
    }
    return [{ path: at, message: issue.message }];
  });
  const problems = located.map(({ path, message }) => `${path || '(root)'}: ${message}`);
  return { path: located[0]?.path ?? prefix, problems };
}

/**
 * Parses a detail object against a contract. Throws {@link EventContractError} naming the field.
 */
export function parseDetail<C extends EventContract>(contract: C, detail: unknown): DetailOf<C> {
  const result = contract.schema.safeParse(detail);
  if (!result.success) {
    const { path, problems } = describeIssues('detail', result.error);
    throw new EventContractError(`${contract.detailType} v${contract.version} refused: ${problems.join('; ')}`, path, problems, {
      cause: result.error,
    });
  }
  return result.data as DetailOf<C>;
}

function field(raw: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) if (raw[name] !== undefined) return raw[name];
  return undefined;
}

/**
 * Parses a whole event (envelope and detail) against a contract.
 * Throws {@link EventContractError} when the source or detail-type differ, or the detail is invalid.
 */
export function parseEvent<C extends EventContract>(contract: C, raw: unknown): ParsedEvent<C> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new EventContractError('event must be a JSON object', '(root)', ['(root): event must be a JSON object']);
  }
  const event = raw as Record<string, unknown>;
  const source = field(event, 'source', 'Source');
  const detailType = field(event, 'detail-type', 'DetailType');
  if (source !== contract.source) {
    throw new EventContractError(`source must be ${contract.source}`, 'source', [`source: expected ${contract.source}`]);
  }
  if (detailType !== contract.detailType) {
    throw new EventContractError(`detail-type must be ${contract.detailType}`, 'detail-type', [`detail-type: expected ${contract.detailType}`]);
  }
  let detail = field(event, 'detail', 'Detail');
  if (typeof detail === 'string') {
    try {
      detail = JSON.parse(detail);
    } catch (cause) {
      throw new EventContractError('detail is not valid JSON', 'detail', ['detail: not valid JSON'], { cause });
    }
  }
  const id = field(event, 'id');
  const time = field(event, 'time', 'Time');
  return {
    ...(typeof id === 'string' ? { id } : {}),
    ...(typeof time === 'string' ? { time } : time instanceof Date ? { time: time.toISOString() } : {}),
    source,
    detailType,
    detail: parseDetail(contract, detail),
  };
}
