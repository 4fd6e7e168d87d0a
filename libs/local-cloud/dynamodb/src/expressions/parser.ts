/**
 * The grammar of DynamoDB's condition, filter, key condition, update and projection expressions
 * (developer guide, "Expressions"), by recursive descent. Syntax errors are worded as DynamoDB
 * words them: `Syntax error; token: "<tok>", near: "<previous token .. next token>"`.
 *
 * Precedence, lowest first: OR, AND, NOT, then comparisons, IN, BETWEEN and functions; keywords
 * are case-insensitive, function names are not. Plain attribute names may not be reserved words.
 */
import { RESERVED_WORDS } from './reserved-words';
import type { CallNode, Comparator, ConditionNode, OperandNode, PathElementNode, PathNode, SetValueNode, UpdateActionNode, UpdateNode, ValueNode } from './ast';

/** An expression the grammar refuses; `reason` is DynamoDB's text after "Invalid <Kind>Expression: ". */
export class ExpressionSyntaxError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ExpressionSyntaxError';
  }
}

type TokenType = 'identifier' | 'number' | 'name' | 'value' | 'keyword' | 'punct' | 'eof';
interface Token {
  type: TokenType;
  text: string;
  start: number;
  end: number;
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN', 'SET', 'ADD', 'DELETE']);
const PUNCT2 = new Set(['<=', '>=', '<>']);
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isWord = (c: number) => isLetter(c) || isDigit(c) || c === 95;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    let type: TokenType;
    if (isLetter(c)) {
      while (i < text.length && isWord(text.charCodeAt(i))) i++;
      type = KEYWORDS.has(text.slice(start, i).toUpperCase()) ? 'keyword' : 'identifier';
    } else if (isDigit(c)) {
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      type = 'number';
    } else if ((c === 35 || c === 58) && i + 1 < text.length && isWord(text.charCodeAt(i + 1))) {
      i++;
      while (i < text.length && isWord(text.charCodeAt(i))) i++;
      type = c === 35 ? 'name' : 'value';
    } else {
      i += PUNCT2.has(text.slice(i, i + 2)) ? 2 : 1;
      type = 'punct';
    }
    tokens.push({ type, text: text.slice(start, i), start, end: i });
  }
  tokens.push({ type: 'eof', text: '<EOF>', start: text.length, end: text.length });
  return tokens;
}

/** Functions that are conditions on their own, and `size`, the one that is an operand. */
const CONDITION_FUNCTIONS = new Set(['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains']);
const OPERAND_FUNCTIONS = new Set(['size']);
const UPDATE_FUNCTIONS = new Set(['if_not_exists', 'list_append']);
const MAX_LIST_INDEX = 2 ** 31 - 1;

class Parser {
  private readonly tokens: Token[];
  private i = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  private get token(): Token {
    return this.tokens[this.i] as Token;
  }

  private peek(offset = 1): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token;
  }

  /** A syntax error at the current token, worded as DynamoDB does. */
  fail(at = this.i): never {
    const token = this.tokens[at] as Token;
    const from = (this.tokens[at - 1] ?? token).start;
    const to = (this.tokens[at + 1] ?? token).end;
    throw new ExpressionSyntaxError(`Syntax error; token: "${token.text}", near: "${this.text.slice(from, to)}"`);
  }

  private isKeyword(word: string): boolean {
    return this.token.type === 'keyword' && this.token.text.toUpperCase() === word;
  }

  private isPunct(text: string): boolean {
    return this.token.type === 'punct' && this.token.text === text;
  }

  private expectPunct(text: string): void {
    if (!this.isPunct(text)) this.fail();
    this.i++;
  }

  end(): void {
    if (this.token.type !== 'eof') this.fail();
  }

  atEnd(): boolean {
    return this.token.type === 'eof';
  }

  // ---- paths and operands

  private pathElement(): PathElementNode {
    const t = this.token;
    if (t.type === 'identifier') {
      if (RESERVED_WORDS.has(t.text.toUpperCase())) throw new ExpressionSyntaxError(`Attribute name is a reserved keyword; reserved keyword: ${t.text}`);
      this.i++;
      return { kind: 'name', name: t.text };
    }
    if (t.type === 'name') {
      this.i++;
      return { kind: 'placeholder', name: t.text };
    }
    return this.fail();
  }

  path(): PathNode {
    const elements: PathElementNode[] = [this.pathElement()];
    for (;;) {
      if (this.isPunct('.')) {
        this.i++;
        elements.push(this.pathElement());
      } else if (this.isPunct('[')) {
        this.i++;
        if (this.token.type !== 'number') this.fail();
        const index = Number(this.token.text);
        if (index > MAX_LIST_INDEX) throw new ExpressionSyntaxError(`List index is not within the allowable range; index: [${this.token.text}]`);
        this.i++;
        this.expectPunct(']');
        elements.push({ kind: 'index', index });
      } else return { kind: 'path', elements };
    }
  }

  /** A path, a `:value`, or a function call (any function: its place is checked by the caller). */
  operand(): OperandNode {
    const t = this.token;
    if (t.type === 'value') {
      this.i++;
      return { kind: 'value', name: t.text } satisfies ValueNode;
    }
    if (t.type === 'identifier' && this.peek().type === 'punct' && this.peek().text === '(') return this.call();
    return this.path();
  }

  private call(): CallNode {
    const name = this.token.text;
    this.i += 2;
    const args: OperandNode[] = [];
    if (!this.isPunct(')')) {
      for (;;) {
        args.push(this.operand());
        if (!this.isPunct(',')) break;
        this.i++;
      }
    }
    this.expectPunct(')');
    return { kind: 'call', name, args };
  }

  // ---- conditions

  condition(): ConditionNode {
    let left = this.andCondition();
    while (this.isKeyword('OR')) {
      this.i++;
      left = { kind: 'or', left, right: this.andCondition() };
    }
    return left;
  }

  private andCondition(): ConditionNode {
    let left = this.notCondition();
    while (this.isKeyword('AND')) {
      this.i++;
      left = { kind: 'and', left, right: this.notCondition() };
    }
    return left;
  }

  private notCondition(): ConditionNode {
    if (this.isKeyword('NOT')) {
      this.i++;
      return { kind: 'not', operand: this.notCondition() };
    }
    return this.primaryCondition();
  }

  private primaryCondition(): ConditionNode {
    if (this.isPunct('(')) {
      this.i++;
      const inner = this.condition();
      this.expectPunct(')');
      return inner;
    }
    const left = this.operand();
    const t = this.token;
    if (t.type === 'punct' && ['=', '<>', '<', '<=', '>', '>='].includes(t.text)) {
      this.i++;
      return { kind: 'compare', op: t.text as Comparator, left: this.comparisonOperand(left), right: this.comparisonOperand(this.operand()) };
    }
    if (this.isKeyword('BETWEEN')) {
      this.i++;
      const low = this.operand();
      if (!this.isKeyword('AND')) this.fail();
      this.i++;
      const high = this.operand();
      return { kind: 'between', operand: this.comparisonOperand(left), low: this.comparisonOperand(low), high: this.comparisonOperand(high) };
    }
    if (this.isKeyword('IN')) {
      this.i++;
      this.expectPunct('(');
      const list: OperandNode[] = [this.comparisonOperand(this.operand())];
      while (this.isPunct(',')) {
        this.i++;
        list.push(this.comparisonOperand(this.operand()));
      }
      this.expectPunct(')');
      return { kind: 'in', operand: this.comparisonOperand(left), list };
    }
    if (left.kind === 'call') {
      if (CONDITION_FUNCTIONS.has(left.name)) return { kind: 'function', call: left };
      if (OPERAND_FUNCTIONS.has(left.name)) throw new ExpressionSyntaxError(`The function is not allowed to be used this way in an expression; function: ${left.name}`);
      throw new ExpressionSyntaxError(`Invalid function name; function: ${left.name}`);
    }
    return this.fail();
  }

  /** An operand of a comparator, BETWEEN or IN: a condition function is not one. */
  private comparisonOperand(operand: OperandNode): OperandNode {
    if (operand.kind !== 'call') return operand;
    if (CONDITION_FUNCTIONS.has(operand.name)) throw new ExpressionSyntaxError(`The function is not allowed to be used this way in an expression; function: ${operand.name}`);
    if (!OPERAND_FUNCTIONS.has(operand.name)) throw new ExpressionSyntaxError(`Invalid function name; function: ${operand.name}`);
    return operand;
  }

  // ---- update expressions

  update(): UpdateNode {
    const actions: UpdateActionNode[] = [];
    const seen = new Set<string>();
    do {
      const t = this.token;
      const clause = t.type === 'keyword' || t.type === 'identifier' ? t.text.toUpperCase() : '';
      if (clause !== 'SET' && clause !== 'REMOVE' && clause !== 'ADD' && clause !== 'DELETE') this.fail();
      if (seen.has(clause)) throw new ExpressionSyntaxError(`The "${clause}" section can only be used once in an update expression;`);
      seen.add(clause);
      this.i++;
      for (;;) {
        const path = this.path();
        if (clause === 'SET') {
          this.expectPunct('=');
          actions.push({ kind: 'SET', path, value: this.setValue() });
        } else if (clause === 'REMOVE') actions.push({ kind: 'REMOVE', path });
        else {
          if (this.token.type !== 'value') this.fail();
          actions.push({ kind: clause, path, value: { kind: 'value', name: this.token.text } });
          this.i++;
        }
        if (!this.isPunct(',')) break;
        this.i++;
      }
    } while (!this.atEnd());
    return { actions };
  }

  private setValue(): SetValueNode {
    const left = this.setOperand();
    if (this.isPunct('+') || this.isPunct('-')) {
      const op = this.token.text as '+' | '-';
      this.i++;
      return { kind: 'arithmetic', op, left, right: this.setOperand() };
    }
    return left;
  }

  private setOperand(): OperandNode {
    if (this.isPunct('(')) {
      this.i++;
      const inner = this.setValue();
      this.expectPunct(')');
      if (inner.kind === 'arithmetic') throw new ExpressionSyntaxError('Parenthesized arithmetic is not supported in a SET action');
      return inner;
    }
    const operand = this.operand();
    if (operand.kind === 'call' && !UPDATE_FUNCTIONS.has(operand.name)) {
      if (CONDITION_FUNCTIONS.has(operand.name) || OPERAND_FUNCTIONS.has(operand.name)) throw new ExpressionSyntaxError(`The function is not allowed in an update expression; function: ${operand.name}`);
      throw new ExpressionSyntaxError(`Invalid function name; function: ${operand.name}`);
    }
    return operand;
  }

  // ---- projections

  projection(): PathNode[] {
    const paths = [this.path()];
    while (this.isPunct(',')) {
      this.i++;
      paths.push(this.path());
    }
    return paths;
  }
}

const EMPTY = 'The expression can not be empty;';

/** Parses a condition, filter or key condition expression. */
export function parseCondition(text: string): ConditionNode {
  if (text.trim() === '') throw new ExpressionSyntaxError(EMPTY);
  const parser = new Parser(text);
  const condition = parser.condition();
  parser.end();
  return condition;
}

/** Parses an update expression. */
export function parseUpdate(text: string): UpdateNode {
  if (text.trim() === '') throw new ExpressionSyntaxError(EMPTY);
  const parser = new Parser(text);
  const update = parser.update();
  parser.end();
  return update;
}

/** Parses a projection expression. */
export function parseProjection(text: string): PathNode[] {
  if (text.trim() === '') throw new ExpressionSyntaxError(EMPTY);
  const parser = new Parser(text);
  const paths = parser.projection();
  parser.end();
  return paths;
}
