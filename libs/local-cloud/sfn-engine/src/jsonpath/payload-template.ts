/**
 * Payload templates of JSONPath states (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`):
 * a JSON value in which a key ending in `.$` takes its value from a path or an intrinsic function.
 * Compiled once into a function; a template with nothing dynamic evaluates to the same constant.
 */
import { compileIntrinsic, evaluateIntrinsic, IntrinsicEvaluationError, IntrinsicSyntaxError, looksLikeIntrinsic, type IntrinsicServices } from './intrinsics';
import { compilePath, evaluatePath, NOT_FOUND, PathSyntaxError, type PathScope } from './path';

/** A compiled payload template. */
export type PayloadTemplate = (scope: PathScope, services: IntrinsicServices) => unknown;

/** A template that cannot be compiled; `pointer` is the JSON pointer of the offending key inside it. */
export class TemplateSyntaxError extends Error {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

/** A `.$` field whose path selected nothing, or whose intrinsic function failed. */
export class TemplateEvaluationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'TemplateEvaluationError';
  }
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Compiles one `.$` value: a path, or an intrinsic function call. */
export function compileDynamicValue(text: unknown, field: string, pointer: string): PayloadTemplate {
  if (typeof text !== 'string') throw new TemplateSyntaxError(pointer, `The value of the field '${field}' must be a string path or intrinsic function`);
  try {
    if (looksLikeIntrinsic(text)) {
      const call = compileIntrinsic(text);
      return (scope, services) => {
        try {
          return evaluateIntrinsic(call, scope, services);
        } catch (error) {
          if (error instanceof IntrinsicEvaluationError) throw new TemplateEvaluationError(field, `The function '${text}' specified for the field '${field}' failed: ${error.message}`);
          throw error;
        }
      };
    }
    const path = compilePath(text);
    return (scope) => {
      const value = evaluatePath(path, scope);
      if (value === NOT_FOUND) {
        const where = path.root.kind === 'variable' ? `the variable '$${path.root.name}'` : path.root.kind === 'context' ? 'the context object' : `the input '${JSON.stringify(scope.input)}'`;
        throw new TemplateEvaluationError(field, `The JSONPath '${text}' specified for the field '${field}' could not be found in ${where}`);
      }
      return value;
    };
  } catch (error) {
    if (error instanceof PathSyntaxError || error instanceof IntrinsicSyntaxError) {
      throw new TemplateSyntaxError(pointer, `The value for the field '${field}' must be a valid JSONPath or a valid intrinsic function call: ${error.message}`);
    }
    throw error;
  }
}

/**
 * Compiles a payload template.
 * @throws TemplateSyntaxError naming the key whose path or intrinsic does not parse
 */
export function compilePayloadTemplate(template: unknown, pointer = ''): PayloadTemplate {
  if (Array.isArray(template)) {
    const items = template.map((item, i) => compilePayloadTemplate(item, `${pointer}/${i}`));
    if (items.every((item) => (item as { constant?: boolean }).constant)) return constant(template);
    return (scope, services) => items.map((item) => item(scope, services));
  }
  if (template === null || typeof template !== 'object') return constant(template);
  const fields: { key: string; value: PayloadTemplate }[] = [];
  let dynamic = false;
  for (const [key, value] of Object.entries(template as Record<string, unknown>)) {
    const childPointer = `${pointer}/${escapePointer(key)}`;
    if (key.endsWith('.$')) {
      fields.push({ key: key.slice(0, -2), value: compileDynamicValue(value, key, childPointer) });
      dynamic = true;
    } else {
      const compiled = compilePayloadTemplate(value, childPointer);
      if (!(compiled as { constant?: boolean }).constant) dynamic = true;
      fields.push({ key, value: compiled });
    }
  }
  if (!dynamic) return constant(template);
  return (scope, services) => {
    const out: Record<string, unknown> = {};
    for (const field of fields) out[field.key] = field.value(scope, services);
    return out;
  };
}

function constant(value: unknown): PayloadTemplate {
  const fn: PayloadTemplate = () => value;
  (fn as { constant?: boolean }).constant = true;
  return fn;
}
