/**
 * IAM's evaluation of identity-based policies for one request (action, resource ARN, context):
 * an explicit Deny wins over everything, otherwise an Allow is needed, and without one the request
 * is implicitly denied. Statements match by action (wildcards, case-insensitive), by resource ARN
 * (wildcards, part by part) and by their `Condition` block.
 *
 * Fail closed: what the local cloud cannot evaluate never widens access. A statement without
 * actions or resources (the model keeps `Action` and `Resource` only, so a `NotAction` /
 * `NotResource` statement reaches here empty) and a condition it cannot evaluate make an Allow not
 * apply and a Deny apply, and the decision says why.
 */
import { evaluateCondition, normalizeContext, substituteVariables, type ContextLookup, type ContextValues, type NormalizedContext } from './conditions';
import { matchesAction, matchesArn } from './patterns';

/** A policy statement as the model keeps it (`RolePolicyModel['statements']`). */
export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, unknown>;
}

/** One authorization question: may the principal do `action` on `resource`? */
export interface AccessRequest {
  /** `service:Action`, e.g. `s3:PutObject`. */
  action: string;
  /** The resource ARN, or `*` for actions that take no resource. */
  resource: string;
  /**
   * Other ARNs that authorize the request as well as `resource` (SES sends from an address under
   * the address's identity or its domain's): allowed when any of them is allowed and none is
   * explicitly denied.
   */
  alternatives?: string[];
  /** Condition keys of this request (service-specific ones; global keys are added by the caller). */
  context?: ContextValues;
}

/** The outcome of an evaluation. */
export interface PolicyDecision {
  allowed: boolean;
  /** `allowed`, `explicit-deny` (a Deny statement matched) or `implicit-deny` (no Allow matched). */
  reason: 'allowed' | 'explicit-deny' | 'implicit-deny';
  /** Index of the deciding statement in its policy, when one decided. */
  statement?: number;
  /** What the local cloud could not evaluate, for the error message (fail-closed decisions). */
  notes: string[];
}

/** Does a statement apply to the request? `unsupported` says why it was decided by fail-closed rules. */
function statementApplies(statement: PolicyStatement, request: AccessRequest, resource: string, context: ContextLookup): { applies: boolean; unsupported?: string } {
  const deny = statement.Effect === 'Deny';
  if (statement.Action.length === 0 || statement.Resource.length === 0) {
    // The model lost what limited this statement (NotAction/NotResource): a Deny covers everything.
    return { applies: deny, unsupported: 'a statement without Action or Resource (NotAction/NotResource are not read by the local cloud)' };
  }
  if (!statement.Action.some((pattern) => matchesAction(pattern, request.action))) return { applies: false };
  const resourceMatches = statement.Resource.some((pattern) => {
    const resolved = substituteVariables(pattern, context);
    return resolved !== undefined && matchesArn(resolved, resource);
  });
  if (!resourceMatches) return { applies: false };
  const condition = evaluateCondition(statement.Condition, context);
  if (condition.unsupported) return { applies: deny, unsupported: condition.unsupported };
  return { applies: condition.holds };
}

/** Evaluates every statement for one resource. */
function evaluateResource(statements: readonly PolicyStatement[], request: AccessRequest, resource: string, context: ContextLookup): PolicyDecision {
  const notes: string[] = [];
  let allowedBy: number | undefined;
  for (const [index, statement] of statements.entries()) {
    const { applies, unsupported } = statementApplies(statement, request, resource, context);
    if (unsupported) notes.push(`statement ${index + 1} uses ${unsupported}; ${statement.Effect === 'Deny' ? 'its Deny is applied' : 'its Allow is not applied'} (fail closed)`);
    if (!applies) continue;
    if (statement.Effect === 'Deny') return { allowed: false, reason: 'explicit-deny', statement: index, notes };
    allowedBy ??= index;
  }
  return allowedBy === undefined ? { allowed: false, reason: 'implicit-deny', notes } : { allowed: true, reason: 'allowed', statement: allowedBy, notes };
}

/**
 * The request's condition keys, then the caller's (`base`), read only when a statement has a
 * condition or a policy variable: most statements have neither, and this runs on every AWS call.
 */
function lazyContext(request: ContextValues | undefined, base: ContextLookup | undefined): ContextLookup {
  let own: NormalizedContext | undefined;
  return {
    get(key) {
      own ??= normalizeContext(request);
      return own.get(key) ?? base?.get(key);
    },
  };
}

/**
 * Evaluates the statements of an identity's policies for one request.
 * @param base condition keys of the caller (global keys), looked up after the request's own
 */
export function evaluatePolicy(statements: readonly PolicyStatement[], request: AccessRequest, base?: ContextLookup): PolicyDecision {
  const context = lazyContext(request.context, base);
  const first = evaluateResource(statements, request, request.resource, context);
  if (!request.alternatives?.length || first.reason === 'explicit-deny') return first;
  const others = request.alternatives.map((resource) => evaluateResource(statements, request, resource, context));
  const denied = others.find((d) => d.reason === 'explicit-deny');
  if (denied) return denied;
  if (first.allowed) return first;
  return others.find((d) => d.allowed) ?? { ...first, notes: [...first.notes, ...others.flatMap((d) => d.notes)] };
}
