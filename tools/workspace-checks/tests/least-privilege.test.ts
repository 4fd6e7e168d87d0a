/**
 * Least privilege across every deployed stack: each policy statement (identity, trust, resource and
 * key policies, Lambda permissions) is read from the synthesized templates, and any too-broad grant
 * must be accepted, with a reason, by tools/workspace-checks/iam-wildcards.allow.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  InvalidAllowlistError,
  applyAllowlist,
  describeFinding,
  parseAllowlist,
  wildcardFindings,
  type AllowlistEntry,
} from '../src/least-privilege';
import { POLICY_BEARING_TYPES, policyStatements } from '../src/policy-statements';
import { resourcesOf } from '../src/template-values';
import { DEPLOYED_APPS, deployedStacks, eachStack } from './support/deployed-stacks';
import { identityPolicy, templateOf } from './support/template';

const allowlist = parseAllowlist(JSON.parse(readFileSync(join(__dirname, '../iam-wildcards.allow.json'), 'utf8')));
const findings = deployedStacks.flatMap((stack) => wildcardFindings(stack.app, stack.template));

describe('least privilege in the deployed stacks', () => {
  it('reads the stacks of every app', () => {
    expect([...new Set(deployedStacks.map((s) => s.app))]).toEqual(expect.arrayContaining([...DEPLOYED_APPS]));
  });

  it.each(eachStack)('%s grants nothing too broad that the allowlist does not accept', (_where, stack) => {
    const { unallowed } = applyAllowlist(wildcardFindings(stack.app, stack.template), allowlist);

    expect(unallowed.map(describeFinding)).toEqual([]);
  });

  it.each(eachStack)('%s has its policy statements read, every one of them', (_where, stack) => {
    const statements = policyStatements(stack.template);
    // A resource that carries a policy under a property we do not read would hide its grants.
    const policyProperty = /^(PolicyDocument|Policies|KeyPolicy|AssumeRolePolicyDocument|ResourcePolicy|PolicyText)$/;
    const unread = resourcesOf(stack.template)
      .filter(([, r]) => Object.keys(r.Properties ?? {}).some((key) => policyProperty.test(key)) && !POLICY_BEARING_TYPES.includes(r.Type))
      .map(([id, r]) => `${id} (${r.Type})`);

    expect(unread).toEqual([]);
    expect(statements.length).toBeGreaterThan(0);
    for (const [id] of resourcesOf(stack.template).filter(([, r]) => POLICY_BEARING_TYPES.includes(r.Type) && r.Type !== 'AWS::IAM::Role')) {
      expect(statements.some((s) => s.logicalId === id)).toBe(true);
    }
  });

  it('keeps no allowlist entry that accepts nothing any more', () => {
    const { unused } = applyAllowlist(findings, allowlist);

    expect(unused.map((e) => `${e.app} ${e.logicalIdPrefix} ${e.problem}`)).toEqual([]);
  });

  it('lets only an AWS service with a named source, never everyone, invoke a function', () => {
    const permissions = deployedStacks.flatMap((stack) => policyStatements(stack.template).filter((s) => s.kind === 'lambda-permission'));

    expect(permissions.length).toBeGreaterThan(0);
    for (const permission of permissions) expect(permission).toMatchObject({ principal: { Service: expect.stringMatching(/\.amazonaws\.com$/) }, condition: expect.anything() });
  });
});

describe('wildcardFindings', () => {
  const xray = { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' };
  const xrayEntry: AllowlistEntry = {
    app: 'demo',
    logicalIdPrefix: 'FnRoleDefaultPolicy',
    problem: 'resource-wildcard',
    actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
    reason: 'X-Ray calls have no resource-level permissions.',
  };

  it('fails a newly added action wildcard that no entry accepts', () => {
    const template = templateOf({ FnRoleDefaultPolicyAB12CD34: identityPolicy(xray, { Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::bucket/*' }) });

    const { unallowed } = applyAllowlist(wildcardFindings('demo', template), [xrayEntry]);

    expect(unallowed.map(describeFinding)).toEqual(['demo FnRoleDefaultPolicyAB12CD34 statement 1: action-wildcard (s3:Get*)']);
  });

  it('fails Resource "*" on an action the entry does not list, even in an accepted policy', () => {
    const template = templateOf({ FnRoleDefaultPolicyAB12CD34: identityPolicy({ ...xray, Action: [...xray.Action, 'dynamodb:Scan'] }) });

    const { unallowed } = applyAllowlist(wildcardFindings('demo', template), [xrayEntry]);

    expect(unallowed).toEqual([expect.objectContaining({ problem: 'resource-wildcard', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'dynamodb:Scan'] })]);
  });

  it('accepts what an entry names for that app and logical id prefix, and nothing in another app', () => {
    const template = templateOf({ FnRoleDefaultPolicyAB12CD34: identityPolicy(xray) });

    expect(applyAllowlist(wildcardFindings('demo', template), [xrayEntry]).unallowed).toEqual([]);
    expect(applyAllowlist(wildcardFindings('other-app', template), [xrayEntry]).unallowed).toHaveLength(1);
  });

  it('judges Allow statements only: a broad Deny takes rights away', () => {
    const template = templateOf({
      QueuePolicy: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'Q' }], PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sqs:*', Resource: '*' }] } } },
    });

    expect(wildcardFindings('demo', template)).toEqual([]);
  });

  it('reads "*" in a key policy as the key itself, but still refuses an action wildcard there', () => {
    const template = templateOf({
      Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' }] } } },
    });

    expect(wildcardFindings('demo', template)).toEqual([expect.objectContaining({ logicalId: 'Key', problem: 'action-wildcard', actions: ['kms:*'] })]);
  });

  it('refuses NotAction and NotResource, which grant everything they do not name', () => {
    const template = templateOf({ P: identityPolicy({ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b' }, { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::b/private/*' }) });

    expect(wildcardFindings('demo', template).map((f) => f.problem)).toEqual(['not-action', 'not-resource']);
  });

  it('refuses a Lambda permission for everyone, and one for a service that does not name its source', () => {
    const template = templateOf({
      Public: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Fn' }, Principal: '*' } },
      Unscoped: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Fn' }, Principal: 'events.amazonaws.com' } },
      Scoped: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Fn' }, Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': ['Rule', 'Arn'] } } },
    });

    expect(wildcardFindings('demo', template).map((f) => `${f.logicalId}: ${f.problem}`)).toEqual(['Public: public-principal', 'Unscoped: unscoped-service-principal']);
  });

  it('refuses a topic policy that lets a service publish without naming its source', () => {
    const template = templateOf({
      TopicPolicy: {
        Type: 'AWS::SNS::TopicPolicy',
        Properties: { Topics: [{ Ref: 'T' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: 'T' } }] } },
      },
    });

    expect(wildcardFindings('demo', template)).toEqual([expect.objectContaining({ problem: 'unscoped-service-principal', actions: ['sns:Publish'] })]);
  });

  it('refuses a role that anyone may assume', () => {
    const template = templateOf({ Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] } } } });

    expect(wildcardFindings('demo', template)).toEqual([expect.objectContaining({ problem: 'public-principal', actions: ['sts:AssumeRole'] })]);
  });

  it('reads inline role policies as well as policy resources', () => {
    const template = templateOf({ Role: { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyName: 'inline', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'ssm:*', Resource: '*' }] } }] } } });

    expect(wildcardFindings('demo', template).map((f) => f.problem)).toEqual(['action-wildcard', 'resource-wildcard']);
  });
});

describe('parseAllowlist', () => {
  const entry = { app: 'demo', logicalIdPrefix: 'Fn', problem: 'resource-wildcard', actions: ['xray:PutTraceSegments'], reason: 'X-Ray calls have no resource-level permissions.' };

  it('reads a well-formed allowlist', () => {
    expect(parseAllowlist({ entries: [entry] })).toEqual([entry]);
  });

  it.each([
    ['a reason too short to say why', { ...entry, reason: 'needed' }, /entry 0: "reason" must say why in at least 20 characters/],
    ['no actions', { ...entry, actions: [] }, /entry 0: "actions" must be a non-empty list/],
    ['an unknown problem', { ...entry, problem: 'too-broad' }, /entry 0: "problem" must be one of/],
    ['an empty logical id prefix, which would match everything', { ...entry, logicalIdPrefix: '' }, /entry 0: "logicalIdPrefix" must be a non-empty string/],
  ])('refuses an entry with %s', (_label, bad, message) => {
    expect(() => parseAllowlist({ entries: [bad] })).toThrow(InvalidAllowlistError);
    expect(() => parseAllowlist({ entries: [bad] })).toThrow(message);
  });

  it('refuses a file without an entries list', () => {
    expect(() => parseAllowlist([entry])).toThrow(/"entries" array/);
  });
});
