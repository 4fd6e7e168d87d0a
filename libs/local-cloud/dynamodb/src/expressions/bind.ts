/**
 * Binding a parsed expression to a request: `#name` and `:value` placeholders are replaced by the
 * request's ExpressionAttributeNames and ExpressionAttributeValues, and the operand types DynamoDB
 * checks before reading any item are checked (a list compared with `<`, a string given to ADD, ...).
 * Placeholders used are recorded, so a request that defines one it never uses is refused, as
 * DynamoDB refuses it.
 */
import { compareScalars, typeOf, validateValue, type AttributeValue } from '../attribute-value';
import { ValidationError } from '../errors';
import type { CallNode, Condition, ConditionNode, Operand, OperandNode, Path, PathNode, SetOperand, SetValue, SetValueNode, UpdateAction, UpdateNode } from './ast';
import { ExpressionSyntaxError } from './parser';

/** Which expression of a request is being bound (DynamoDB names it in every message). */
export type ExpressionKind = 'ConditionExpression' | 'FilterExpression' | 'KeyConditionExpression' | 'UpdateExpression' | 'ProjectionExpression';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The ExpressionAttributeNames and ExpressionAttributeValues of one request, and which of them were used. */
export class ExpressionAttributes {
  private readonly names: Record<string, string>;
  private readonly values: Record<string, AttributeValue>;
  private readonly usedNames = new Set<string>();
  private readonly usedValues = new Set<string>();

  constructor(rawNames: unknown, rawValues: unknown) {
    this.names = {};
    this.values = {};
    if (rawNames !== undefined && rawNames !== null) {
      if (!isObject(rawNames)) throw new ValidationError('ExpressionAttributeNames must be a map');
      if (Object.keys(rawNames).length === 0) throw new ValidationError('ExpressionAttributeNames must not be empty');
      for (const [key, name] of Object.entries(rawNames)) {
        if (typeof name !== 'string') throw new ValidationError(`ExpressionAttributeNames contains invalid value: the name of ${key} is not a string`);
        if (!/^#[A-Za-z0-9_]+$/.test(key)) throw new ValidationError(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${key}"`);
        if (name === '') throw new ValidationError(`ExpressionAttributeNames contains invalid value: Empty attribute name for key ${key}`);
        if (name === '__proto__') throw new ValidationError('The attribute name __proto__ is not supported by this local DynamoDB');
        this.names[key] = name;
      }
    }
    if (rawValues !== undefined && rawValues !== null) {
      if (!isObject(rawValues)) throw new ValidationError('ExpressionAttributeValues must be a map');
      if (Object.keys(rawValues).length === 0) throw new ValidationError('ExpressionAttributeValues must not be empty');
      for (const [key, value] of Object.entries(rawValues)) {
        if (!/^:[A-Za-z0-9_]+$/.test(key)) throw new ValidationError(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${key}"`);
        try {
          this.values[key] = validateValue(value);
        } catch (error) {
          if (error instanceof ValidationError) throw new ValidationError(`ExpressionAttributeValues contains invalid value: ${error.message} for key ${key}`);
          throw error;
        }
      }
    }
  }

  /** True when the request defines any name or value. */
  get defined(): boolean {
    return Object.keys(this.names).length > 0 || Object.keys(this.values).length > 0;
  }

  name(placeholder: string): string {
    const name = this.names[placeholder];
    if (name === undefined) throw new ExpressionSyntaxError(`An expression attribute name used in the document path is not defined; attribute name: ${placeholder}`);
    this.usedNames.add(placeholder);
    return name;
  }

  value(placeholder: string): AttributeValue {
    const value = this.values[placeholder];
    if (value === undefined) throw new ExpressionSyntaxError(`An expression attribute value used in expression is not defined; attribute value: ${placeholder}`);
    this.usedValues.add(placeholder);
    return value;
  }

  /** Refuses names and values that no expression of the request used (call after binding all of them). */
  checkAllUsed(): void {
    const unusedNames = Object.keys(this.names).filter((n) => !this.usedNames.has(n));
    if (unusedNames.length > 0) throw new ValidationError(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.sort().join(', ')}}`);
    const unusedValues = Object.keys(this.values).filter((v) => !this.usedValues.has(v));
    if (unusedValues.length > 0) throw new ValidationError(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.sort().join(', ')}}`);
  }
}

/** `{N:1}`, as DynamoDB prints a value in a message. */
export function describeValue(value: AttributeValue): string {
  const type = typeOf(value);
  const inner = (value as Record<string, unknown>)[type];
  return `{${type}:${Array.isArray(inner) ? `[${inner.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}]` : typeof inner === 'string' ? inner : JSON.stringify(inner)}}`;
}

/** Names of types as ADD and DELETE messages spell them. */
const LONG_TYPE_NAMES: Record<string, string> = { S: 'STRING', N: 'NUMBER', B: 'BINARY', BOOL: 'BOOLEAN', NULL: 'NULL', SS: 'STRING_SET', NS: 'NUMBER_SET', BS: 'BINARY_SET', L: 'LIST', M: 'MAP' };

export function bindPath(node: PathNode, attributes: ExpressionAttributes): Path {
  return node.elements.map((e) => (e.kind === 'index' ? e.index : e.kind === 'name' ? e.name : attributes.name(e.name)));
}

function operandTypeError(fn: string, type: string): never {
  throw new ExpressionSyntaxError(`Incorrect operand type for operator or function; operator or function: ${fn}, operand type: ${type}`);
}

function arity(call: CallNode, n: number): void {
  if (call.args.length !== n) throw new ExpressionSyntaxError(`Incorrect number of operands for operator or function; operator or function: ${call.name}, number of operands: ${call.args.length}`);
}

function requirePath(call: CallNode, node: OperandNode | undefined, attributes: ExpressionAttributes): Path {
  if (node?.kind !== 'path') throw new ExpressionSyntaxError(`Operator or function requires a document path; operator or function: ${call.name}`);
  return bindPath(node, attributes);
}

/** The type an operand is known to have before any item is read (a value's, or N for size()). */
function staticType(operand: Operand): string | undefined {
  if (operand.kind === 'value') return typeOf(operand.value);
  if (operand.kind === 'size') return 'N';
  return undefined;
}

function bindOperand(node: OperandNode, attributes: ExpressionAttributes): Operand {
  if (node.kind === 'path') return { kind: 'path', path: bindPath(node, attributes) };
  if (node.kind === 'value') return { kind: 'value', value: attributes.value(node.name) };
  // The parser lets only size() through as an operand.
  arity(node, 1);
  const inner = bindOperand(node.args[0] as OperandNode, attributes);
  const type = staticType(inner);
  if (type !== undefined && !['S', 'B', 'SS', 'NS', 'BS', 'L', 'M'].includes(type)) operandTypeError('size', type);
  return { kind: 'size', operand: inner };
}

const ORDERED = new Set(['S', 'N', 'B']);

function checkOrdered(fn: string, operand: Operand): void {
  const type = staticType(operand);
  if (type !== undefined && !ORDERED.has(type)) operandTypeError(fn, type);
}

const samePath = (a: Operand, b: Operand) => a.kind === 'path' && b.kind === 'path' && a.path.length === b.path.length && a.path.every((e, i) => e === b.path[i]);

/** DynamoDB refuses an operator whose first operand is a path that appears again among its operands. */
function checkDistinct(op: string, first: Operand, others: Operand[]): void {
  if (first.kind === 'path' && others.some((o) => samePath(first, o))) {
    throw new ExpressionSyntaxError(`The first operand must be distinct from the remaining operands for this operator or function; operator: ${op}, first operand: ${formatPath(first.path)}`);
  }
}

/** Binds a condition (also a filter or a key condition, which the caller checks further). */
export function bindCondition(node: ConditionNode, attributes: ExpressionAttributes): Condition {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind, left: bindCondition(node.left, attributes), right: bindCondition(node.right, attributes) };
    case 'not':
      return { kind: 'not', operand: bindCondition(node.operand, attributes) };
    case 'compare': {
      const left = bindOperand(node.left, attributes);
      const right = bindOperand(node.right, attributes);
      if (node.op !== '=' && node.op !== '<>') {
        checkOrdered(node.op, left);
        checkOrdered(node.op, right);
      }
      checkDistinct(node.op, left, [right]);
      return { kind: 'compare', op: node.op, left, right };
    }
    case 'between': {
      const operand = bindOperand(node.operand, attributes);
      const low = bindOperand(node.low, attributes);
      const high = bindOperand(node.high, attributes);
      for (const o of [operand, low, high]) checkOrdered('BETWEEN', o);
      checkDistinct('BETWEEN', operand, [low, high]);
      if (low.kind === 'value' && high.kind === 'value') {
        const order = compareScalars(low.value, high.value);
        if (order === undefined) {
          throw new ExpressionSyntaxError(
            `The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: ${describeValue(low.value)}, upper bound operand: AttributeValue: ${describeValue(high.value)}`,
          );
        }
        if (order > 0) {
          throw new ExpressionSyntaxError(
            `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${describeValue(low.value)}, upper bound operand: AttributeValue: ${describeValue(high.value)}`,
          );
        }
      }
      return { kind: 'between', operand, low, high };
    }
    case 'in': {
      const operand = bindOperand(node.operand, attributes);
      const list = node.list.map((o) => bindOperand(o, attributes));
      checkDistinct('IN', operand, list);
      return { kind: 'in', operand, list };
    }
    case 'function': {
      const call = node.call;
      switch (call.name) {
        case 'attribute_exists':
        case 'attribute_not_exists':
          arity(call, 1);
          return { kind: call.name === 'attribute_exists' ? 'exists' : 'not_exists', path: requirePath(call, call.args[0], attributes) };
        case 'attribute_type': {
          arity(call, 2);
          const path = requirePath(call, call.args[0], attributes);
          const type = bindOperand(call.args[1] as OperandNode, attributes);
          if (type.kind !== 'value') return operandTypeError(call.name, 'path');
          if (!('S' in type.value)) return operandTypeError(call.name, typeOf(type.value));
          if (!['N', 'BS', 'L', 'B', 'NULL', 'M', 'S', 'SS', 'NS', 'BOOL'].includes(type.value.S)) {
            throw new ExpressionSyntaxError(`Invalid attribute type name found; type: ${type.value.S}, valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}`);
          }
          return { kind: 'type', path, type: type.value.S };
        }
        case 'begins_with': {
          arity(call, 2);
          const left = bindOperand(call.args[0] as OperandNode, attributes);
          const right = bindOperand(call.args[1] as OperandNode, attributes);
          for (const o of [left, right]) {
            const type = staticType(o);
            if (type !== undefined && type !== 'S' && type !== 'B') operandTypeError(call.name, type);
          }
          checkDistinct(call.name, left, [right]);
          return { kind: 'begins_with', left, right };
        }
        default: {
          arity(call, 2);
          const left = bindOperand(call.args[0] as OperandNode, attributes);
          const right = bindOperand(call.args[1] as OperandNode, attributes);
          checkDistinct(call.name, left, [right]);
          return { kind: 'contains', left, right };
        }
      }
    }
  }
}

function bindSetOperand(node: OperandNode, attributes: ExpressionAttributes): SetOperand {
  if (node.kind === 'path') return { kind: 'path', path: bindPath(node, attributes) };
  if (node.kind === 'value') return { kind: 'value', value: attributes.value(node.name) };
  if (node.name === 'if_not_exists') {
    arity(node, 2);
    const path = requirePath(node, node.args[0], attributes);
    return { kind: 'if_not_exists', path, fallback: bindSetOperand(node.args[1] as OperandNode, attributes) };
  }
  arity(node, 2);
  const left = bindSetOperand(node.args[0] as OperandNode, attributes);
  const right = bindSetOperand(node.args[1] as OperandNode, attributes);
  for (const o of [left, right]) if (o.kind === 'value' && !('L' in o.value)) operandTypeError('list_append', typeOf(o.value));
  return { kind: 'list_append', left, right };
}

function bindSetValue(node: SetValueNode, attributes: ExpressionAttributes): SetValue {
  if (node.kind !== 'arithmetic') return bindSetOperand(node, attributes);
  const left = bindSetOperand(node.left, attributes);
  const right = bindSetOperand(node.right, attributes);
  for (const o of [left, right]) if (o.kind === 'value' && !('N' in o.value)) operandTypeError(node.op, typeOf(o.value));
  return { kind: 'arithmetic', op: node.op, left, right };
}

function formatPath(path: Path): string {
  return `[${path.map((e) => (typeof e === 'number' ? `[${e}]` : e)).join(', ')}]`;
}

/** Refuses two paths of which one contains the other, or that disagree on what an element is (DynamoDB's overlap rules). */
export function checkPathsDisjoint(paths: Path[]): void {
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const a = paths[i] as Path;
      const b = paths[j] as Path;
      const n = Math.min(a.length, b.length);
      let k = 0;
      while (k < n && a[k] === b[k]) k++;
      if (k === n) throw new ExpressionSyntaxError(`Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${formatPath(a)}, path two: ${formatPath(b)}`);
      if (typeof a[k] !== typeof b[k]) throw new ExpressionSyntaxError(`Two document paths conflict with each other; must remove or rewrite one of these paths; path one: ${formatPath(a)}, path two: ${formatPath(b)}`);
    }
  }
}

/** Binds an update expression and checks its actions' operand types and paths. */
export function bindUpdate(node: UpdateNode, attributes: ExpressionAttributes): UpdateAction[] {
  const actions = node.actions.map((action): UpdateAction => {
    const path = bindPath(action.path, attributes);
    if (action.kind === 'SET') return { kind: 'SET', path, value: bindSetValue(action.value, attributes) };
    if (action.kind === 'REMOVE') return { kind: 'REMOVE', path };
    const value = attributes.value(action.value.name);
    const type = typeOf(value);
    const allowed = action.kind === 'ADD' ? ['N', 'SS', 'NS', 'BS'] : ['SS', 'NS', 'BS'];
    if (!allowed.includes(type)) {
      throw new ExpressionSyntaxError(
        `Incorrect operand type for operator or function; operator: ${action.kind}, operand type: ${LONG_TYPE_NAMES[type]}, typeSet: ALLOWED_FOR_${action.kind}_OPERAND`,
      );
    }
    return { kind: action.kind, path, value };
  });
  checkPathsDisjoint(actions.map((a) => a.path));
  return actions;
}

/** Binds a projection expression's paths. */
export function bindProjection(nodes: PathNode[], attributes: ExpressionAttributes): Path[] {
  const paths = nodes.map((n) => bindPath(n, attributes));
  checkPathsDisjoint(paths);
  return paths;
}
