/**
 * What a rule's target receives: the matched event itself, or what the target's `Input`,
 * `InputPath` or `InputTransformer` make of it, as the EventBridge user guide describes
 * ("Amazon EventBridge input transformation"):
 *
 * - `Input`: constant JSON text, sent instead of the event.
 * - `InputPath`: the part of the event a JSON path selects.
 * - `InputTransformer`: variables from `InputPathsMap` (JSON paths into the event) and the reserved
 *   `aws.events.rule-arn`, `aws.events.rule-name`, `aws.events.event.ingestion-time`,
 *   `aws.events.event` (the event without `detail`) and `aws.events.event.json` (the whole event),
 *   substituted into `InputTemplate` as `<name>`. Inside a JSON string literal a value is inserted
 *   as escaped text; outside one it is inserted as JSON (a string gets its quotes), so the result
 *   stays valid JSON. A variable whose path matched nothing becomes `null` (or nothing, inside a
 *   string). `<text>` that names no variable stays as written.
 *
 * Everything is compiled once per target when the bus starts; a target EventBridge would refuse
 * at PutTargets (bad JSON path, reserved variable name, `Input` that is not JSON) is refused then.
 */
import type { RuleModel, RuleTargetModel } from '../model';
import { compileJsonPath, InvalidJsonPathError, type CompiledJsonPath } from './json-path';

/** The EventBridge event envelope, as delivered to targets. */
export interface EventEnvelope {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

/**
 * The input a target is called with: the event object, or whatever the target's input settings
 * made of it (a JSON value; the raw text when an input template does not produce JSON).
 */
export type TargetInput = object | string | number | boolean | null;

/** A target whose input settings EventBridge would refuse. */
export class InvalidTargetInputError extends Error {
  override readonly name = 'InvalidTargetInputError';
  constructor(
    readonly ruleName: string,
    readonly targetId: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Rule ${ruleName}, target ${targetId}: ${reason}`, options);
  }
}

/** Renders the input of one target for an event. */
export interface CompiledTargetInput {
  render(event: EventEnvelope, ingestionTime: string): TargetInput;
}

const RESERVED_PREFIX = 'aws.events.';
const MAX_VARIABLES = 100;
const PLACEHOLDER = /^<([A-Za-z0-9_.-]+)>/;

type TemplatePart = { kind: 'text'; text: string } | { kind: 'variable'; name: string; inString: boolean };

/** Splits a template into text and placeholders, noting whether each sits inside a JSON string. */
function parseTemplate(template: string, isVariable: (name: string) => boolean): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i] as string;
    if (c === '<') {
      const match = PLACEHOLDER.exec(template.slice(i));
      const name = match?.[1];
      if (name !== undefined && isVariable(name)) {
        if (text) parts.push({ kind: 'text', text });
        text = '';
        parts.push({ kind: 'variable', name, inString });
        i += name.length + 1;
        continue;
      }
    }
    if (c === '\\' && inString) {
      text += c + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    text += c;
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

function insert(value: unknown, inString: boolean): string {
  if (inString) {
    if (value === undefined) return '';
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return JSON.stringify(text).slice(1, -1);
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** Parses a rendered input: JSON when it is JSON, the raw text otherwise. */
function parseRendered(text: string): TargetInput {
  try {
    return JSON.parse(text) as TargetInput;
  } catch {
    return text;
  }
}

/**
 * Compiles the input settings of a target.
 * @throws InvalidTargetInputError naming the rule and target when EventBridge would refuse them
 */
export function compileTargetInput(rule: RuleModel, target: RuleTargetModel): CompiledTargetInput {
  const fail = (reason: string, cause?: unknown) => new InvalidTargetInputError(rule.name, target.id, reason, { cause });
  const settings = [target.input !== undefined, target.inputPath !== undefined, target.inputTransformer !== undefined].filter(Boolean).length;
  if (settings > 1) throw fail('only one of Input, InputPath and InputTransformer may be set');

  if (target.input !== undefined) {
    let constant: TargetInput;
    try {
      constant = JSON.parse(target.input) as TargetInput;
    } catch (cause) {
      throw fail('Input must be valid JSON text', cause);
    }
    const text = target.input;
    // A fresh copy per delivery: a target may change what it receives.
    return { render: () => (typeof constant === 'object' && constant !== null ? (JSON.parse(text) as TargetInput) : constant) };
  }

  if (target.inputPath !== undefined) {
    let path: CompiledJsonPath;
    try {
      path = compileJsonPath(target.inputPath);
    } catch (cause) {
      throw fail(`InputPath: ${(cause as Error).message}`, cause);
    }
    return { render: (event) => (path.evaluate(event) ?? null) as TargetInput };
  }

  if (target.inputTransformer !== undefined) {
    const { InputPathsMap = {}, InputTemplate } = target.inputTransformer;
    if (typeof InputTemplate !== 'string') throw fail('InputTransformer.InputTemplate is required');
    const names = Object.keys(InputPathsMap);
    if (names.length > MAX_VARIABLES) throw fail(`InputPathsMap defines ${names.length} variables; EventBridge allows ${MAX_VARIABLES}`);
    const paths = new Map<string, CompiledJsonPath>();
    for (const name of names) {
      if (name.startsWith(RESERVED_PREFIX)) throw fail(`InputPathsMap variable ${name} uses a reserved name`);
      try {
        paths.set(name, compileJsonPath(InputPathsMap[name] as string));
      } catch (cause) {
        if (cause instanceof InvalidJsonPathError) throw fail(`InputPathsMap.${name}: ${cause.message}`, cause);
        throw cause;
      }
    }
    const reserved = new Set(['aws.events.rule-arn', 'aws.events.rule-name', 'aws.events.event.ingestion-time', 'aws.events.event', 'aws.events.event.json']);
    const parts = parseTemplate(InputTemplate, (name) => paths.has(name) || reserved.has(name));
    return {
      render(event, ingestionTime) {
        const valueOf = (name: string): unknown => {
          switch (name) {
            case 'aws.events.rule-arn':
              return rule.arn;
            case 'aws.events.rule-name':
              return rule.name;
            case 'aws.events.event.ingestion-time':
              return ingestionTime;
            case 'aws.events.event': {
              const { detail: _detail, ...withoutDetail } = event;
              return withoutDetail;
            }
            case 'aws.events.event.json':
              return event;
            default:
              return paths.get(name)?.evaluate(event);
          }
        };
        let text = '';
        for (const part of parts) text += part.kind === 'text' ? part.text : insert(valueOf(part.name), part.inString);
        return parseRendered(text);
      },
    };
  }

  return { render: (event) => JSON.parse(JSON.stringify(event)) as EventEnvelope };
}
