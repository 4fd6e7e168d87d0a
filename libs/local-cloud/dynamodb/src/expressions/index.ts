/**
 * Compiling a request's expressions: parsed once per distinct text (cached), then bound to the
 * request's ExpressionAttributeNames/Values. Every refusal is a ValidationError worded as DynamoDB
 * words it ("Invalid UpdateExpression: ...").
 */
import { ValidationError } from '../errors';
import type { Condition, ConditionNode, PathNode, UpdateAction, UpdateNode } from './ast';
import { bindCondition, bindProjection, bindUpdate, type ExpressionAttributes, type ExpressionKind } from './bind';
import { ExpressionSyntaxError, parseCondition, parseProjection, parseUpdate } from './parser';
import { Projection } from './projection';

export { ExpressionAttributes, checkPathsDisjoint, type ExpressionKind } from './bind';
export { beginsWith, evaluateCondition, resolvePath } from './evaluate';
export { applyUpdate } from './update';
export { Projection } from './projection';
export type { Condition, Path, UpdateAction } from './ast';

const CACHE_LIMIT = 4096;

/** A parse cache: the expression texts of an application are few and repeat on every request. */
class ParseCache<T> {
  private readonly entries = new Map<string, T | ExpressionSyntaxError>();

  constructor(private readonly parse: (text: string) => T) {}

  get(text: string): T {
    let entry = this.entries.get(text);
    if (entry === undefined) {
      try {
        entry = this.parse(text);
      } catch (error) {
        if (!(error instanceof ExpressionSyntaxError)) throw error;
        entry = error;
      }
      if (this.entries.size >= CACHE_LIMIT) this.entries.clear();
      this.entries.set(text, entry);
    }
    if (entry instanceof ExpressionSyntaxError) throw entry;
    return entry;
  }
}

const conditions = new ParseCache<ConditionNode>(parseCondition);
const updates = new ParseCache<UpdateNode>(parseUpdate);
const projections = new ParseCache<PathNode[]>(parseProjection);

function compile<T>(kind: ExpressionKind, text: unknown, run: (text: string) => T): T {
  if (typeof text !== 'string') throw new ValidationError(`${kind} must be a string`);
  try {
    return run(text);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) throw new ValidationError(`Invalid ${kind}: ${error.reason}`);
    throw error;
  }
}

/** A condition, filter or key condition expression, bound. */
export function compileCondition(kind: ExpressionKind, text: unknown, attributes: ExpressionAttributes): Condition {
  return compile(kind, text, (t) => bindCondition(conditions.get(t), attributes));
}

export function compileUpdate(text: unknown, attributes: ExpressionAttributes): UpdateAction[] {
  return compile('UpdateExpression', text, (t) => bindUpdate(updates.get(t), attributes));
}

export function compileProjection(text: unknown, attributes: ExpressionAttributes): Projection {
  return compile('ProjectionExpression', text, (t) => new Projection(bindProjection(projections.get(t), attributes)));
}

/** Wraps a check that throws ExpressionSyntaxError into the ValidationError of an expression kind. */
export function expressionCheck<T>(kind: ExpressionKind, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) throw new ValidationError(`Invalid ${kind}: ${error.reason}`);
    throw error;
  }
}
