/**
 * Evaluating bound conditions and filters against an item (or against no item: a condition on a
 * write to an absent item sees every attribute as missing). As in DynamoDB, a comparison with a
 * missing attribute or a value of another type is false, except `<>`, which is then true.
 */
import { compareScalars, typeOf, valuesEqual, type AttributeValue, type Item } from '../attribute-value';
import type { Condition, Operand, Path } from './ast';

/** The value at a document path, or undefined when the path leads nowhere. */
export function resolvePath(item: Item | undefined, path: Path): AttributeValue | undefined {
  if (!item) return undefined;
  let value: AttributeValue | undefined = item[path[0] as string];
  for (let i = 1; i < path.length && value !== undefined; i++) {
    const element = path[i] as string | number;
    if (typeof element === 'number') value = 'L' in value ? value.L[element] : undefined;
    else value = 'M' in value ? value.M[element] : undefined;
  }
  return value;
}

/** size(): characters of a string (UTF-16 units, as DynamoDB counts them), bytes of a binary, members or elements. */
function sizeOf(value: AttributeValue | undefined): AttributeValue | undefined {
  if (value === undefined) return undefined;
  let n: number;
  if ('S' in value) n = value.S.length;
  else if ('B' in value) n = Buffer.from(value.B, 'base64').length;
  else if ('SS' in value) n = value.SS.length;
  else if ('NS' in value) n = value.NS.length;
  else if ('BS' in value) n = value.BS.length;
  else if ('L' in value) n = value.L.length;
  else if ('M' in value) n = Object.keys(value.M).length;
  else return undefined;
  return { N: String(n) };
}

export function evaluateOperand(operand: Operand, item: Item | undefined): AttributeValue | undefined {
  if (operand.kind === 'value') return operand.value;
  if (operand.kind === 'path') return resolvePath(item, operand.path);
  return sizeOf(evaluateOperand(operand.operand, item));
}

/** begins_with: a string's or a binary's prefix. */
export function beginsWith(value: AttributeValue, prefix: AttributeValue): boolean {
  if ('S' in value && 'S' in prefix) return value.S.startsWith(prefix.S);
  if ('B' in value && 'B' in prefix) {
    const bytes = Buffer.from(value.B, 'base64');
    const start = Buffer.from(prefix.B, 'base64');
    return bytes.length >= start.length && bytes.subarray(0, start.length).equals(start);
  }
  return false;
}

function contains(value: AttributeValue, operand: AttributeValue): boolean {
  if ('S' in value) return 'S' in operand && value.S.includes(operand.S);
  if ('B' in value) return 'B' in operand && Buffer.from(value.B, 'base64').includes(Buffer.from(operand.B, 'base64'));
  if ('SS' in value) return 'S' in operand && value.SS.includes(operand.S);
  if ('NS' in value) return 'N' in operand && value.NS.some((n) => valuesEqual({ N: n }, operand));
  if ('BS' in value) return 'B' in operand && value.BS.includes(operand.B);
  if ('L' in value) return value.L.some((element) => valuesEqual(element, operand));
  return false;
}

/** True when the condition holds for the item. */
export function evaluateCondition(condition: Condition, item: Item | undefined): boolean {
  switch (condition.kind) {
    case 'and':
      return evaluateCondition(condition.left, item) && evaluateCondition(condition.right, item);
    case 'or':
      return evaluateCondition(condition.left, item) || evaluateCondition(condition.right, item);
    case 'not':
      return !evaluateCondition(condition.operand, item);
    case 'exists':
      return resolvePath(item, condition.path) !== undefined;
    case 'not_exists':
      return resolvePath(item, condition.path) === undefined;
    case 'type': {
      const value = resolvePath(item, condition.path);
      return value !== undefined && typeOf(value) === condition.type;
    }
    case 'begins_with': {
      const value = evaluateOperand(condition.left, item);
      const prefix = evaluateOperand(condition.right, item);
      return value !== undefined && prefix !== undefined && beginsWith(value, prefix);
    }
    case 'contains': {
      const value = evaluateOperand(condition.left, item);
      const operand = evaluateOperand(condition.right, item);
      return value !== undefined && operand !== undefined && contains(value, operand);
    }
    case 'in': {
      const value = evaluateOperand(condition.operand, item);
      if (value === undefined) return false;
      return condition.list.some((o) => {
        const candidate = evaluateOperand(o, item);
        return candidate !== undefined && valuesEqual(value, candidate);
      });
    }
    case 'between': {
      const value = evaluateOperand(condition.operand, item);
      const low = evaluateOperand(condition.low, item);
      const high = evaluateOperand(condition.high, item);
      if (value === undefined || low === undefined || high === undefined) return false;
      const above = compareScalars(value, low);
      const below = compareScalars(value, high);
      return above !== undefined && below !== undefined && above >= 0 && below <= 0;
    }
    case 'compare': {
      const left = evaluateOperand(condition.left, item);
      const right = evaluateOperand(condition.right, item);
      if (left === undefined || right === undefined) return condition.op === '<>';
      if (condition.op === '=') return valuesEqual(left, right);
      if (condition.op === '<>') return !valuesEqual(left, right);
      const order = compareScalars(left, right);
      if (order === undefined) return false;
      switch (condition.op) {
        case '<':
          return order < 0;
        case '<=':
          return order <= 0;
        case '>':
          return order > 0;
        default:
          return order >= 0;
      }
    }
  }
}
