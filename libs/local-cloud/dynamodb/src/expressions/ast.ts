/**
 * Parsed DynamoDB expressions. The parser's output (unbound: `#name` and `:value` placeholders
 * still as written) is cached by expression text; binding it to a request's
 * ExpressionAttributeNames/Values gives the bound form that is evaluated.
 */
import type { AttributeValue } from '../attribute-value';

/** One element of a document path as written: a plain name, a `#name` placeholder or a list index. */
export type PathElementNode = { kind: 'name'; name: string } | { kind: 'placeholder'; name: string } | { kind: 'index'; index: number };

export interface PathNode {
  kind: 'path';
  elements: PathElementNode[];
}
export interface ValueNode {
  kind: 'value';
  name: string;
}
export interface CallNode {
  kind: 'call';
  name: string;
  args: OperandNode[];
}
export type OperandNode = PathNode | ValueNode | CallNode;

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type ConditionNode =
  | { kind: 'compare'; op: Comparator; left: OperandNode; right: OperandNode }
  | { kind: 'between'; operand: OperandNode; low: OperandNode; high: OperandNode }
  | { kind: 'in'; operand: OperandNode; list: OperandNode[] }
  | { kind: 'and' | 'or'; left: ConditionNode; right: ConditionNode }
  | { kind: 'not'; operand: ConditionNode }
  | { kind: 'function'; call: CallNode };

/** The right-hand side of a SET action. */
export type SetValueNode = OperandNode | { kind: 'arithmetic'; op: '+' | '-'; left: OperandNode; right: OperandNode };

export type UpdateActionNode =
  | { kind: 'SET'; path: PathNode; value: SetValueNode }
  | { kind: 'REMOVE'; path: PathNode }
  | { kind: 'ADD' | 'DELETE'; path: PathNode; value: ValueNode };

export interface UpdateNode {
  actions: UpdateActionNode[];
}

/** A resolved document path: attribute names and list indexes. */
export type Path = (string | number)[];

export type Operand = { kind: 'path'; path: Path } | { kind: 'value'; value: AttributeValue } | { kind: 'size'; operand: Operand };

export type Condition =
  | { kind: 'compare'; op: Comparator; left: Operand; right: Operand }
  | { kind: 'between'; operand: Operand; low: Operand; high: Operand }
  | { kind: 'in'; operand: Operand; list: Operand[] }
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; operand: Condition }
  | { kind: 'exists' | 'not_exists'; path: Path }
  | { kind: 'type'; path: Path; type: string }
  | { kind: 'begins_with' | 'contains'; left: Operand; right: Operand };

export type SetOperand = { kind: 'path'; path: Path } | { kind: 'value'; value: AttributeValue } | { kind: 'if_not_exists'; path: Path; fallback: SetOperand } | { kind: 'list_append'; left: SetOperand; right: SetOperand };
export type SetValue = SetOperand | { kind: 'arithmetic'; op: '+' | '-'; left: SetOperand; right: SetOperand };

export type UpdateAction =
  | { kind: 'SET'; path: Path; value: SetValue }
  | { kind: 'REMOVE'; path: Path }
  | { kind: 'ADD' | 'DELETE'; path: Path; value: AttributeValue };
