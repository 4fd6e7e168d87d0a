/**
 * Consumer-side parsing, the tolerant reader: checks the EventBridge envelope (source,
 * detail-type) and the detail against a contract and returns a typed event. Fields the contract
 * does not know are accepted and left out of the result, so a producer that adds an optional field
 * within a version never breaks a consumer that has not been redeployed.
 *
 * Accepts what EventBridge delivers to a Lambda or a Step Functions target (`detail-type`) as well
 * as the PutEvents entry shape (`DetailType`, a JSON string `Detail`), so the same helper serves
 * handlers, tests and the local cloud.
 */
import type { z } from 'zod';
import type { DetailOf, EventContract } from './define-contract';
import { EventContractError } from './errors';

/** A parsed event: the envelope fields consumers use, and the typed detail. */
export interface ParsedEvent<C extends EventContract> {
  id?: string;
  time?: string;
  source: string;
  detailType: string;
  /** The contract the event was read with (one of several, for {@link parseEventOf}). */
  contract: C;
  detail: DetailOf<C>;
}

/** One located problem: the dotted path of a field and what is wrong with it. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * One problem per issue, each at the dotted path of its field (`detail.email`). zod reports
 * unknown fields of a strict schema on the object that holds them; each is named by its own path.
 */
export function locateIssues(prefix: string, error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const at = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) {
      return issue.keys.map((key) => ({ path: at ? `${at}.${key}` : key, message: 'unknown field' }));
    }
    return [{ path: at, message: issue.message }];
  });
}

/** The {@link EventContractError} for a list of problems, named after the first. */
export function contractError(contract: EventContract, problems: FieldProblem[], fallbackPath: string, cause?: unknown): EventContractError {
  const lines = problems.map(({ path, message }) => `${path || '(root)'}: ${message}`);
  return new EventContractError(`${contract.detailType} v${contract.version} refused: ${lines.join('; ')}`, problems[0]?.path ?? fallbackPath, lines, cause === undefined ? undefined : { cause });
}

/**
 * Reads a detail object with a contract, ignoring fields the contract does not know.
 * @throws EventContractError naming the field when the detail breaks the contract
 */
export function parseDetail<C extends EventContract>(contract: C, detail: unknown): DetailOf<C> {
  const result = contract.schema.safeParse(detail);
  if (!result.success) throw contractError(contract, locateIssues('detail', result.error), 'detail', result.error);
  return result.data as DetailOf<C>;
}

function field(raw: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) if (raw[name] !== undefined) return raw[name];
  return undefined;
}

/** The envelope of a raw event, with `detail` decoded from JSON when it came as a string. */
function readEnvelope(raw: unknown): { source: unknown; detailType: unknown; detail: unknown; id?: string; time?: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new EventContractError('event must be a JSON object', '(root)', ['(root): event must be a JSON object']);
  }
  const event = raw as Record<string, unknown>;
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
    source: field(event, 'source', 'Source'),
    detailType: field(event, 'detail-type', 'DetailType'),
    detail,
    ...(typeof id === 'string' ? { id } : {}),
    ...(typeof time === 'string' ? { time } : time instanceof Date ? { time: time.toISOString() } : {}),
  };
}

/**
 * Parses a whole event (envelope and detail) against a contract.
 * @throws EventContractError when the source or detail-type differ, or the detail is invalid
 */
export function parseEvent<C extends EventContract>(contract: C, raw: unknown): ParsedEvent<C> {
  return parseEventOf([contract], raw);
}

/**
 * Parses an event that may be any of several versions of one contract (a consumer in the middle
 * of a migration reads v1 and v2): the version is the one `detail.version` names.
 * @throws EventContractError naming `detail.version` when the event is of none of them
 */
export function parseEventOf<const Cs extends readonly [EventContract, ...EventContract[]]>(contracts: Cs, raw: unknown): ParsedEvent<Cs[number]> {
  const [first] = contracts;
  const envelope = readEnvelope(raw);
  if (envelope.source !== first.source) {
    throw new EventContractError(`source must be ${first.source}`, 'source', [`source: expected ${first.source}`]);
  }
  if (envelope.detailType !== first.detailType) {
    throw new EventContractError(`detail-type must be ${first.detailType}`, 'detail-type', [`detail-type: expected ${first.detailType}`]);
  }
  if (typeof envelope.detail !== 'object' || envelope.detail === null || Array.isArray(envelope.detail)) {
    // Each version's schema says so in its own words; the first one's is as good as any.
    parseDetail(first, envelope.detail);
  }
  const version = (envelope.detail as { version?: unknown } | undefined)?.version;
  const contract = contracts.length === 1 ? first : contracts.find((c) => c.version === version);
  if (!contract) {
    const known = contracts.map((c) => c.version).join(', ');
    throw new EventContractError(`${first.detailType} version ${String(version)} is not read here (reads ${known})`, 'detail.version', [
      `detail.version: expected one of ${known}`,
    ]);
  }
  return {
    ...(envelope.id !== undefined ? { id: envelope.id } : {}),
    ...(envelope.time !== undefined ? { time: envelope.time } : {}),
    source: first.source,
    detailType: first.detailType,
    contract,
    detail: parseDetail(contract, envelope.detail) as DetailOf<Cs[number]>,
  };
}
