/**
 * Every policy statement a template grants, wherever it is written: identity policies (a policy
 * resource, or inline on a role, user or group), role trust policies, the resource policies of
 * queues, topics, buckets, secrets, buses and log delivery, KMS key policies, and Lambda
 * permissions (which are resource policy statements in CloudFormation's own shape).
 */
import { asList, isObject, resourcesOf, type CfnTemplate } from './template-values';

/** Where a statement applies. A key policy's `Resource: "*"` means the key itself. */
export type StatementKind = 'identity' | 'trust' | 'resource' | 'key' | 'lambda-permission';

/** One statement, normalized: every field a list, with where it was found. */
export interface PolicyStatement {
  logicalId: string;
  resourceType: string;
  kind: StatementKind;
  /** Position of the statement in its document, for messages. */
  index: number;
  effect: string;
  actions: string[];
  notActions: string[];
  resources: unknown[];
  notResources: unknown[];
  /** Principals as written: `"*"` or `{ AWS | Service | Federated: ... }`. */
  principal: unknown;
  condition: Record<string, unknown> | undefined;
}

/** Resource types that carry a policy, and the property that holds it. */
const RESOURCE_POLICIES: Record<string, { property: string; kind: StatementKind }> = {
  'AWS::IAM::Policy': { property: 'PolicyDocument', kind: 'identity' },
  'AWS::IAM::ManagedPolicy': { property: 'PolicyDocument', kind: 'identity' },
  'AWS::SQS::QueuePolicy': { property: 'PolicyDocument', kind: 'resource' },
  'AWS::SNS::TopicPolicy': { property: 'PolicyDocument', kind: 'resource' },
  'AWS::S3::BucketPolicy': { property: 'PolicyDocument', kind: 'resource' },
  'AWS::SecretsManager::ResourcePolicy': { property: 'ResourcePolicy', kind: 'resource' },
  'AWS::Logs::ResourcePolicy': { property: 'PolicyDocument', kind: 'resource' },
  'AWS::KMS::Key': { property: 'KeyPolicy', kind: 'key' },
};

/** Types with inline policies (`Policies[].PolicyDocument`); roles also have a trust policy. */
const INLINE_POLICY_HOLDERS = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];

/** Every resource type this module reads, for the test that no policy-bearing type is missed. */
export const POLICY_BEARING_TYPES = [...Object.keys(RESOURCE_POLICIES), ...INLINE_POLICY_HOLDERS, 'AWS::Lambda::Permission', 'AWS::Events::EventBusPolicy'];

function statementsOf(document: unknown): Record<string, unknown>[] {
  // AWS::Logs::ResourcePolicy holds its document as a JSON string.
  const parsed = typeof document === 'string' ? (JSON.parse(document) as unknown) : document;
  return isObject(parsed) ? asList(parsed['Statement']).filter(isObject) : [];
}

function normalize(logicalId: string, resourceType: string, kind: StatementKind, index: number, s: Record<string, unknown>): PolicyStatement {
  return {
    logicalId,
    resourceType,
    kind,
    index,
    effect: String(s['Effect']),
    actions: asList(s['Action']).map(String),
    notActions: asList(s['NotAction']).map(String),
    resources: asList(s['Resource']),
    notResources: asList(s['NotResource']),
    principal: s['Principal'],
    condition: isObject(s['Condition']) ? s['Condition'] : undefined,
  };
}

/** Every policy statement of a template. */
export function policyStatements(template: CfnTemplate): PolicyStatement[] {
  const found: PolicyStatement[] = [];
  const add = (logicalId: string, type: string, kind: StatementKind, document: unknown) =>
    statementsOf(document).forEach((s, index) => found.push(normalize(logicalId, type, kind, index, s)));

  for (const [logicalId, resource] of resourcesOf(template)) {
    const properties = resource.Properties ?? {};
    const holder = RESOURCE_POLICIES[resource.Type];
    if (holder) add(logicalId, resource.Type, holder.kind, properties[holder.property]);
    if (INLINE_POLICY_HOLDERS.includes(resource.Type)) {
      for (const policy of asList(properties['Policies']).filter(isObject)) add(logicalId, resource.Type, 'identity', policy['PolicyDocument']);
      if (resource.Type === 'AWS::IAM::Role') add(logicalId, resource.Type, 'trust', properties['AssumeRolePolicyDocument']);
    }
    if (resource.Type === 'AWS::Events::EventBusPolicy') {
      // Either a whole statement, or the legacy Action/Principal pair.
      const statement = isObject(properties['Statement'])
        ? properties['Statement']
        : { Effect: 'Allow', Action: properties['Action'], Principal: properties['Principal'] === '*' ? '*' : { AWS: properties['Principal'] }, Condition: properties['Condition'] };
      found.push(normalize(logicalId, resource.Type, 'resource', 0, statement));
    }
    if (resource.Type === 'AWS::Lambda::Permission') {
      const principal = String(properties['Principal']);
      const scoped = properties['SourceArn'] !== undefined || properties['SourceAccount'] !== undefined || properties['PrincipalOrgID'] !== undefined;
      found.push({
        logicalId,
        resourceType: resource.Type,
        kind: 'lambda-permission',
        index: 0,
        effect: 'Allow',
        actions: [String(properties['Action'])],
        notActions: [],
        resources: [properties['FunctionName']],
        notResources: [],
        principal: principal === '*' ? '*' : principal.endsWith('.amazonaws.com') ? { Service: principal } : { AWS: principal },
        condition: scoped ? { LambdaPermission: { SourceArn: properties['SourceArn'], SourceAccount: properties['SourceAccount'], PrincipalOrgID: properties['PrincipalOrgID'] } } : undefined,
      });
    }
  }
  return found;
}

/** True when a principal is everyone (`"*"` or `{ "AWS": "*" }`). */
export function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  return isObject(principal) && asList(principal['AWS']).includes('*');
}

/** True when a principal is an AWS service (`{ "Service": ... }`). */
export function isServicePrincipal(principal: unknown): boolean {
  return isObject(principal) && principal['Service'] !== undefined && principal['AWS'] === undefined;
}
