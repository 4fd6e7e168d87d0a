/**
 * The JSONata side of the Amazon States Language: a field value is JSON in which any string of the
 * form `{% expression %}` is a JSONata expression, evaluated with `$states` (input, result,
 * errorOutput, context), the workflow variables in scope, and the functions Step Functions adds
 * to JSONata ($partition, $range, $hash, $random, $uuid, $parse).
 */
import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';

/** `$states` of one evaluation. */
export interface StatesVariable {
  input: unknown;
  context: unknown;
  result?: unknown;
  errorOutput?: unknown;
}

/** A JSONata expression that failed (States.QueryEvaluationError on AWS). */
export class JsonataEvaluationError extends Error {
  override readonly name = 'JsonataEvaluationError';
  readonly statesError = 'States.QueryEvaluationError';
}

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

const STEP_FUNCTIONS_FUNCTIONS = {
  partition: (array: unknown[], size: number) => {
    const out: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },
  range: (start: number, end: number, step: number) => {
    const out: number[] = [];
    for (let v = start; step > 0 ? v <= end : v >= end; v += step) out.push(v);
    return out;
  },
  hash: (value: unknown, algorithm: string) => createHash(algorithm.replace('-', '').toLowerCase()).update(typeof value === 'string' ? value : JSON.stringify(value)).digest('hex'),
  random: () => Math.random(),
  uuid: () => randomUUID(),
  parse: (text: string) => JSON.parse(text) as unknown,
};

/** True when the value is a JSONata expression string. */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && EXPRESSION.test(value.trim());
}

async function evaluateExpression(source: string, states: StatesVariable, variables: Record<string, unknown>): Promise<unknown> {
  const body = (EXPRESSION.exec(source.trim()) as RegExpExecArray)[1] as string;
  let expression: ReturnType<typeof jsonata>;
  try {
    expression = jsonata(body);
  } catch (error) {
    throw new JsonataEvaluationError(`cannot parse JSONata ${body.trim()}: ${(error as Error).message}`);
  }
  try {
    return await expression.evaluate(states.input, { ...variables, ...STEP_FUNCTIONS_FUNCTIONS, states });
  } catch (error) {
    throw new JsonataEvaluationError(`JSONata ${body.trim()} failed: ${(error as Error).message}`);
  }
}

/** A JSONata-state field value with every `{% %}` expression in it evaluated. */
export async function evaluateJsonataValue(value: unknown, states: StatesVariable, variables: Record<string, unknown>): Promise<unknown> {
  if (isJsonataExpression(value)) return evaluateExpression(value, states, variables);
  if (Array.isArray(value)) return Promise.all(value.map((item) => evaluateJsonataValue(item, states, variables)));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = await evaluateJsonataValue(item, states, variables);
    return out;
  }
  return value;
}
