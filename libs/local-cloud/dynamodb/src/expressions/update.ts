/**
 * Applying a bound update expression to an item, without mutating it: the result shares every
 * branch the update did not touch. Every right-hand side is read from the item as it was before
 * the update (so `SET a = b, b = a` swaps), as DynamoDB does.
 */
import { ValidationError } from '../errors';
import { addNumbers } from '../numbers';
import { valuesEqual, type AttributeValue, type Item } from '../attribute-value';
import type { Path, SetOperand, SetValue, UpdateAction } from './ast';
import { resolvePath } from './evaluate';

const MISSING = 'The provided expression refers to an attribute that does not exist in the item';
const WRONG_TYPE = 'An operand in the update expression has an incorrect data type';
const INVALID_PATH = 'The document path provided in the update expression is invalid for update';

function setOperand(operand: SetOperand, item: Item): AttributeValue {
  switch (operand.kind) {
    case 'value':
      return operand.value;
    case 'path': {
      const value = resolvePath(item, operand.path);
      if (value === undefined) throw new ValidationError(MISSING);
      return value;
    }
    case 'if_not_exists':
      return resolvePath(item, operand.path) ?? setOperand(operand.fallback, item);
    case 'list_append': {
      const left = setOperand(operand.left, item);
      const right = setOperand(operand.right, item);
      if (!('L' in left) || !('L' in right)) throw new ValidationError(WRONG_TYPE);
      return { L: [...left.L, ...right.L] };
    }
  }
}

function setValue(value: SetValue, item: Item): AttributeValue {
  if (value.kind !== 'arithmetic') return setOperand(value, item);
  const left = setOperand(value.left, item);
  const right = setOperand(value.right, item);
  if (!('N' in left) || !('N' in right)) throw new ValidationError(WRONG_TYPE);
  return { N: addNumbers(left.N, right.N, value.op === '-') };
}

/** A copy of a container (item, map or list) value, so a change below it does not reach the original. */
type Container = { kind: 'item'; value: Item } | { kind: 'M'; value: Record<string, AttributeValue> } | { kind: 'L'; value: AttributeValue[] };

/**
 * Walks to the parent of `path`'s last element, copying each container on the way, and hands
 * that (copied, mutable) parent to `change`. Throws "invalid for update" when a container on the
 * way is missing or of another type.
 */
function changeAt(root: Item, path: Path, change: (parent: Container, last: string | number) => void): void {
  let parent: Container = { kind: 'item', value: root };
  for (let i = 0; i < path.length - 1; i++) {
    const element = path[i] as string | number;
    const next = path[i + 1] as string | number;
    const child = childOf(parent, element);
    let copy: Container;
    if (child !== undefined && typeof next === 'string' && 'M' in child) copy = { kind: 'M', value: { ...child.M } };
    else if (child !== undefined && typeof next === 'number' && 'L' in child) copy = { kind: 'L', value: [...child.L] };
    else throw new ValidationError(INVALID_PATH);
    put(parent, element, copy.kind === 'M' ? { M: copy.value } : { L: copy.value as AttributeValue[] });
    parent = copy;
  }
  const last = path[path.length - 1] as string | number;
  if ((typeof last === 'number') !== (parent.kind === 'L')) throw new ValidationError(INVALID_PATH);
  change(parent, last);
}

function childOf(parent: Container, element: string | number): AttributeValue | undefined {
  if (typeof element === 'number') return parent.kind === 'L' ? parent.value[element] : undefined;
  return parent.kind === 'L' ? undefined : parent.value[element];
}

function put(parent: Container, element: string | number, value: AttributeValue): void {
  if (parent.kind === 'L') {
    const index = element as number;
    // An index past the end appends, as DynamoDB does.
    if (index >= parent.value.length) parent.value.push(value);
    else parent.value[index] = value;
  } else parent.value[element as string] = value;
}

function addTo(existing: AttributeValue | undefined, value: AttributeValue): AttributeValue {
  if (existing === undefined) return value;
  if ('N' in value) {
    if (!('N' in existing)) throw new ValidationError(WRONG_TYPE);
    return { N: addNumbers(existing.N, value.N) };
  }
  const type = 'SS' in value ? 'SS' : 'NS' in value ? 'NS' : 'BS';
  const current = (existing as Record<string, unknown>)[type] as string[] | undefined;
  if (!current) throw new ValidationError(WRONG_TYPE);
  const members = (value as Record<string, string[]>)[type] as string[];
  const merged = [...current];
  for (const m of members) if (!merged.some((c) => valuesEqual({ [type.slice(0, 1)]: c } as AttributeValue, { [type.slice(0, 1)]: m } as AttributeValue))) merged.push(m);
  return { [type]: merged } as AttributeValue;
}

function deleteFrom(existing: AttributeValue, value: AttributeValue): AttributeValue | undefined {
  const type = 'SS' in value ? 'SS' : 'NS' in value ? 'NS' : 'BS';
  const current = (existing as Record<string, unknown>)[type] as string[] | undefined;
  if (!current) throw new ValidationError(WRONG_TYPE);
  const removed = (value as Record<string, string[]>)[type] as string[];
  const scalar = type.slice(0, 1);
  const left = current.filter((c) => !removed.some((r) => valuesEqual({ [scalar]: c } as AttributeValue, { [scalar]: r } as AttributeValue)));
  return left.length === 0 ? undefined : ({ [type]: left } as AttributeValue);
}

/** The item after the update (a new object; `item` is unchanged). `item` is `{}` plus the key for an absent item. */
export function applyUpdate(item: Item, actions: UpdateAction[]): Item {
  const result: Item = { ...item };
  // Right-hand sides first, all against the item as it was.
  const values = actions.map((action) => (action.kind === 'SET' ? setValue(action.value, item) : undefined));
  const removals: { path: Path; index: number }[] = [];
  actions.forEach((action, i) => {
    switch (action.kind) {
      case 'SET':
        changeAt(result, action.path, (parent, last) => put(parent, last, values[i] as AttributeValue));
        break;
      case 'ADD':
        changeAt(result, action.path, (parent, last) => put(parent, last, addTo(childOf(parent, last), action.value)));
        break;
      case 'DELETE':
        changeAt(result, action.path, (parent, last) => {
          const existing = childOf(parent, last);
          if (existing === undefined) return;
          const left = deleteFrom(existing, action.value);
          if (left !== undefined) put(parent, last, left);
          else if (parent.kind === 'L') parent.value.splice(last as number, 1);
          else delete parent.value[last as string];
        });
        break;
      case 'REMOVE':
        removals.push({ path: action.path, index: i });
        break;
    }
  });
  // Removals of list elements by the indexes they had: the highest index of a list goes first.
  const rank = (path: Path) => {
    const last = path[path.length - 1];
    return typeof last === 'number' ? -last : 1;
  };
  removals.sort((a, b) => rank(a.path) - rank(b.path) || a.index - b.index);
  for (const { path } of removals) {
    changeAt(result, path, (parent, last) => {
      if (parent.kind === 'L') {
        if ((last as number) < parent.value.length) parent.value.splice(last as number, 1);
      } else delete parent.value[last as string];
    });
  }
  return result;
}
