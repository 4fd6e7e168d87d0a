/**
 * Least privilege, judged on every policy statement of a template: an Allow statement may not grant
 * every resource (`Resource: "*"`), use an action wildcard (`*`, `s3:*`, `ssm:Get*`), invert its
 * scope with `NotAction`/`NotResource`, grant everyone (`Principal: "*"`), or let an AWS service act
 * without saying for which source (the confused-deputy problem), unless an allowlist entry with a
 * reason covers exactly that. Deny statements are not judged: a broad deny only takes rights away
 * (the TLS-only statements are `s3:*`/`sqs:*` denies to `"*"`).
 */
import { isEveryone, isServicePrincipal, policyStatements, type PolicyStatement } from './policy-statements';
import { isObject, type CfnTemplate } from './template-values';

/** What is too broad about a statement. */
export const WILDCARD_PROBLEMS = ['resource-wildcard', 'action-wildcard', 'not-action', 'not-resource', 'public-principal', 'unscoped-service-principal'] as const;
export type WildcardProblem = (typeof WILDCARD_PROBLEMS)[number];

/** One too-broad grant. */
export interface WildcardFinding {
  app: string;
  logicalId: string;
  index: number;
  problem: WildcardProblem;
  /** The actions the problem is about (for an action wildcard: the wildcard actions themselves). */
  actions: string[];
}

/** One accepted too-broad grant: which app, which resource (by logical id prefix), what, and why. */
export interface AllowlistEntry {
  app: string;
  /** The logical id without CDK's 8-character hash, e.g. `SignupFunctionRoleDefaultPolicy`. */
  logicalIdPrefix: string;
  problem: WildcardProblem;
  /** Every action of the finding must be listed here. */
  actions: string[];
  /** Why this grant cannot be narrower; at least 20 characters. */
  reason: string;
}

/** The shortest reason accepted, the same bar as cdk-nag acknowledgements in this repo. */
export const MIN_REASON_LENGTH = 20;

/** Thrown for an allowlist file that is not what {@link parseAllowlist} expects. */
export class InvalidAllowlistError extends Error {
  override readonly name = 'InvalidAllowlistError';
}

const SOURCE_CONDITION_KEYS = /^aws:Source(Arn|Account|OrgID|OrgPaths)$/i;

function scopesItsSource(statement: PolicyStatement): boolean {
  if (!statement.condition) return false;
  if (statement.kind === 'lambda-permission') return true;
  return Object.values(statement.condition).some((block) => isObject(block) && Object.keys(block).some((key) => SOURCE_CONDITION_KEYS.test(key)));
}

/** The too-broad grants of one statement. */
export function statementFindings(app: string, statement: PolicyStatement): WildcardFinding[] {
  if (statement.effect !== 'Allow') return [];
  const at = { app, logicalId: statement.logicalId, index: statement.index };
  const findings: WildcardFinding[] = [];
  const wildcardActions = statement.actions.filter((action) => action.includes('*'));
  if (wildcardActions.length > 0) findings.push({ ...at, problem: 'action-wildcard', actions: wildcardActions });
  if (statement.notActions.length > 0) findings.push({ ...at, problem: 'not-action', actions: statement.notActions });
  if (statement.notResources.length > 0) findings.push({ ...at, problem: 'not-resource', actions: statement.actions });
  // In a key policy "*" names the key the policy is attached to, not every resource.
  if (statement.kind !== 'key' && statement.resources.includes('*')) findings.push({ ...at, problem: 'resource-wildcard', actions: statement.actions });
  if (statement.kind !== 'identity' && isEveryone(statement.principal)) findings.push({ ...at, problem: 'public-principal', actions: statement.actions });
  // A role's trust policy names the service that assumes it; everywhere else a service acts on
  // behalf of some source, and the grant must say which.
  if (statement.kind !== 'identity' && statement.kind !== 'trust' && isServicePrincipal(statement.principal) && !scopesItsSource(statement)) {
    findings.push({ ...at, problem: 'unscoped-service-principal', actions: statement.actions });
  }
  return findings;
}

/** Every too-broad grant of a template. */
export function wildcardFindings(app: string, template: CfnTemplate): WildcardFinding[] {
  return policyStatements(template).flatMap((statement) => statementFindings(app, statement));
}

/** True when the entry accepts the finding. */
export function covers(entry: AllowlistEntry, finding: WildcardFinding): boolean {
  return (
    entry.app === finding.app &&
    finding.logicalId.startsWith(entry.logicalIdPrefix) &&
    entry.problem === finding.problem &&
    finding.actions.every((action) => entry.actions.includes(action))
  );
}

/** Findings no entry accepts, and entries that accept no finding (stale: remove them). */
export function applyAllowlist(findings: WildcardFinding[], entries: AllowlistEntry[]): { unallowed: WildcardFinding[]; unused: AllowlistEntry[] } {
  return {
    unallowed: findings.filter((finding) => !entries.some((entry) => covers(entry, finding))),
    unused: entries.filter((entry) => !findings.some((finding) => covers(entry, finding))),
  };
}

/** One line per finding, for a failure message. */
export function describeFinding(f: WildcardFinding): string {
  return `${f.app} ${f.logicalId} statement ${f.index}: ${f.problem} (${f.actions.join(', ')})`;
}

/**
 * Reads the allowlist file's content (`{ "entries": [...] }`).
 * @throws InvalidAllowlistError naming the entry and the field at fault
 */
export function parseAllowlist(json: unknown): AllowlistEntry[] {
  if (!isObject(json) || !Array.isArray(json['entries'])) throw new InvalidAllowlistError('The allowlist must be an object with an "entries" array');
  return json['entries'].map((raw: unknown, i: number): AllowlistEntry => {
    const fail = (field: string, rule: string): never => {
      throw new InvalidAllowlistError(`Allowlist entry ${i}: "${field}" ${rule}`);
    };
    if (!isObject(raw)) return fail('(entry)', 'must be an object');
    const text = (field: string) => (typeof raw[field] === 'string' && (raw[field] as string).trim() !== '' ? (raw[field] as string) : fail(field, 'must be a non-empty string'));
    const app = text('app');
    const logicalIdPrefix = text('logicalIdPrefix');
    const problem = text('problem');
    if (!(WILDCARD_PROBLEMS as readonly string[]).includes(problem)) fail('problem', `must be one of ${WILDCARD_PROBLEMS.join(', ')}`);
    const actions = raw['actions'];
    if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => typeof a === 'string' && a !== '')) fail('actions', 'must be a non-empty list of actions');
    const reason = text('reason');
    if (reason.trim().length < MIN_REASON_LENGTH) fail('reason', `must say why in at least ${MIN_REASON_LENGTH} characters`);
    return { app, logicalIdPrefix, problem: problem as WildcardProblem, actions: actions as string[], reason };
  });
}
