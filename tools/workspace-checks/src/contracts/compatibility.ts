/**
 * Classifies every difference between a contract's committed JSON Schema snapshot and its current
 * schema, for FULL compatibility: within a version, old readers must read new events and new
 * readers must read old ones, because producers and consumers deploy in any order.
 *
 * api-smart-diff finds the differences (schema-aware: `required` and `enum` compared as sets, each
 * change at a JSON path) and classifies each from one side: `breaking` when the new schema refuses
 * something the old one accepted (new readers would refuse old events), `non-breaking` when it
 * accepts more (old readers would refuse new events that use the room). FULL allows neither, with
 * one exception that tolerant readers make safe: adding an optional field, which old readers ignore.
 * The rules table in libs/contracts/README.md is this file in prose; keep them together.
 */
import { apiCompare, type Diff } from 'api-smart-diff';

/** Whether a change may stay within the version. */
export type Verdict = 'compatible' | 'breaking';

/** One classified difference between a snapshot and the current schema. */
export interface SchemaChange {
  /** JSON Pointer into the schema, e.g. `#/properties/plan/type`. */
  pointer: string;
  /** The field it concerns, e.g. `detail.plan` or `input.locale`; the schema itself for top-level facts. */
  field: string;
  /** What changed, in the words of the rules table (`type changed`, `optional field added`, ...). */
  kind: string;
  verdict: Verdict;
  /** Why that verdict: who would read what and fail. */
  why: string;
  before?: unknown;
  after?: unknown;
}

const BOTH_WAYS = 'readers on either side would refuse the events written by the other';
const BACKWARD = 'consumers reading with the new schema would refuse events already published with the old one';
const FORWARD = 'consumers still reading with the old schema would refuse new events that use it';

/** Constraint keywords: a `breaking` change to one narrows what is accepted, a `non-breaking` one widens it. */
const CONSTRAINTS = new Set([
  'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'contentEncoding',
]);

const escapePointer = (segment: string | number) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');

/** `#/properties/plan/type`. */
export function pointerOf(path: readonly (string | number)[]): string {
  return `#/${path.map(escapePointer).join('/')}`;
}

/**
 * The field a schema path is about: `properties/club/properties/name` in an event is `detail.club.name`,
 * `$defs/input/properties/email` in a step is `input.email`, `items` is `[]`.
 */
export function fieldOf(path: readonly (string | number)[]): string {
  const first = path[0];
  if (first !== undefined && !['$defs', 'properties', 'items', 'required', 'anyOf', 'oneOf', 'allOf'].includes(String(first))) return String(first);
  const parts: string[] = [];
  let root = 'detail';
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (i === 0 && segment === '$defs' && path[1] !== undefined) {
      root = String(path[1]);
      i++;
    } else if (segment === 'properties' && path[i + 1] !== undefined) {
      parts.push(String(path[i + 1]));
      i++;
    } else if (segment === 'items') {
      parts.push('[]');
    } else if (segment === 'anyOf' || segment === 'oneOf' || segment === 'allOf') {
      i++;
    } else {
      break;
    }
  }
  return [root, ...parts].join('.').replace(/\.\[\]/g, '[]');
}

function valueAt(document: unknown, path: readonly (string | number)[]): unknown {
  let value = document;
  for (const segment of path) value = typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[segment] : undefined;
  return value;
}

const isRequiredIn = (document: unknown, objectPath: readonly (string | number)[], name: string) => {
  const required = valueAt(document, [...objectPath, 'required']);
  return Array.isArray(required) && required.includes(name);
};

interface Classified {
  kind: string;
  verdict: Verdict;
  why: string;
  /** The field, when the diff's own path does not name it (a `required` entry names its field by value). */
  field?: string;
}

function classify(diff: Diff, before: unknown, after: unknown): Classified | undefined {
  const path = diff.path;
  const last = path[path.length - 1];
  const parentKey = path[path.length - 2];
  const top = path[0];
  const breaking = (kind: string, why: string): Classified => ({ kind, verdict: 'breaking', why });

  if (top === 'x-eventbridge-source' || top === 'x-eventbridge-detail-type') {
    return breaking('envelope changed', 'rules and consumers select events by source and detail-type: they would stop receiving them');
  }
  if (top === 'x-step') return breaking('step renamed', 'the state machine calls the step by this name');
  if (top === 'x-errors') return breaking('error names changed', "the state machine retries and catches a step's errors by these names");
  if (top === '$id') return breaking('schema id changed', 'the id names the contract and its version');

  if (parentKey === 'properties') {
    const name = String(last);
    if (diff.action === 'add') {
      return isRequiredIn(after, path.slice(0, -2), name)
        ? breaking('required field added', BACKWARD)
        : { kind: 'optional field added', verdict: 'compatible', why: 'consumers still on the old schema ignore a field they do not know, and new consumers accept events without it' };
    }
    if (diff.action === 'remove') {
      return breaking('field removed', 'consumers still on the old schema read it: they would refuse new events without it, or silently lose what it carried');
    }
    return breaking('field changed', BOTH_WAYS);
  }

  if (parentKey === 'required' || last === 'required') {
    const objectPath = parentKey === 'required' ? path.slice(0, -2) : path.slice(0, -1);
    const names = parentKey === 'required' ? [String(diff.action === 'remove' ? diff.before : diff.after)] : [];
    const name = names[0];
    // A field added or removed as a whole is reported once, by its `properties` entry.
    const added = name !== undefined && valueAt(before, [...objectPath, 'properties', name]) === undefined;
    const removed = name !== undefined && valueAt(after, [...objectPath, 'properties', name]) === undefined;
    if (added || removed) return undefined;
    const field = name !== undefined ? `${fieldOf(objectPath)}.${name}` : undefined;
    const classified =
      diff.action === 'add'
        ? breaking('optional field made required', BACKWARD)
        : diff.action === 'remove'
          ? breaking('required field made optional', FORWARD)
          : breaking('required fields changed', BOTH_WAYS);
    return field ? { ...classified, field } : classified;
  }

  if (diff.type === 'annotation' || diff.type === 'deprecated') {
    return { kind: 'annotation changed', verdict: 'compatible', why: 'titles, descriptions, examples and deprecation notes change no event' };
  }
  if (last === 'type') return breaking('type changed', BOTH_WAYS);
  if (last === 'const') return breaking('constant changed', BOTH_WAYS);
  if (last === 'default') {
    return breaking(`default ${diff.action === 'add' ? 'added' : diff.action === 'remove' ? 'removed' : 'changed'}`, 'consumers reading events that leave the field out would read another value');
  }
  if (last === 'enum' || parentKey === 'enum') {
    if (diff.action === 'add') return breaking('allowed value added', FORWARD);
    if (diff.action === 'remove') return breaking('allowed value removed', BACKWARD);
    return breaking('allowed values changed', BOTH_WAYS);
  }
  if (parentKey === 'anyOf' || parentKey === 'oneOf' || last === 'anyOf' || last === 'oneOf') {
    return diff.action === 'add' ? breaking('alternative added', FORWARD) : breaking('alternative removed', BACKWARD);
  }
  if (typeof last === 'string' && CONSTRAINTS.has(last)) {
    return diff.type === 'non-breaking' ? breaking('constraint loosened', FORWARD) : breaking('constraint tightened', BACKWARD);
  }
  if (last === 'additionalProperties' || path.includes('additionalProperties')) {
    return breaking('additional properties changed', 'readers ignore fields they do not know: a schema that closes or types them changes what readers accept');
  }
  return breaking('changed', 'no rule says this change is safe in both directions');
}

/**
 * Every difference between `snapshot` (what was committed) and `current` (what the code exports),
 * each with its verdict. An empty list means the schemas say the same.
 */
export function compareSchemas(snapshot: unknown, current: unknown): SchemaChange[] {
  const { diffs } = apiCompare(snapshot, current);
  // A field whose type changed is reported once: the constraints of its old type went with it.
  const retyped = new Set(diffs.filter((d) => d.path[d.path.length - 1] === 'type' && d.action === 'replace').map((d) => pointerOf(d.path.slice(0, -1))));
  const underRetyped = (diff: Diff) => {
    const pointer = pointerOf(diff.path);
    return [...retyped].some((parent) => pointer.startsWith(`${parent}/`) && pointer !== `${parent}/type`);
  };
  return diffs.filter((diff) => !underRetyped(diff)).flatMap((diff) => {
    const classified = classify(diff, snapshot, current);
    if (!classified) return [];
    return [
      {
        pointer: pointerOf(diff.path),
        field: classified.field ?? fieldOf(diff.path),
        kind: classified.kind,
        verdict: classified.verdict,
        why: classified.why,
        // A `required` entry's value is the field's name, which `field` already says.
        ...(diff.before !== undefined && !classified.field ? { before: diff.before } : {}),
        ...(diff.after !== undefined && !classified.field ? { after: diff.after } : {}),
      },
    ];
  });
}
