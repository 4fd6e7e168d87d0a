/**
 * The policy evaluator on its own: IAM's evaluation order, action and resource wildcards, the
 * condition operators our templates use (and the rest of IAM's), and the fail-closed rules.
 */
import { evaluatePolicy, matchesArn, type PolicyStatement } from '../../src/iam';
import { inCidr } from '../../src/iam/conditions';

const allow = (Action: string[], Resource: string[], Condition?: Record<string, unknown>): PolicyStatement => ({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) });
const deny = (Action: string[], Resource: string[], Condition?: Record<string, unknown>): PolicyStatement => ({ Effect: 'Deny', Action, Resource, ...(Condition ? { Condition } : {}) });

const BUCKET = 'arn:aws:s3:::onboardingstorageservice-userstoragebucket';
const TABLE = 'arn:aws:dynamodb:us-east-1:000000000000:table/OnboardingUserService-UsersTable';

describe('evaluatePolicy', () => {
  it('denies what no statement allows (implicit deny)', () => {
    const decision = evaluatePolicy([allow(['dynamodb:GetItem'], [TABLE])], { action: 'dynamodb:PutItem', resource: TABLE });

    expect(decision).toMatchObject({ allowed: false, reason: 'implicit-deny' });
  });

  it('allows what a statement allows and names the statement', () => {
    const decision = evaluatePolicy([allow(['dynamodb:GetItem'], [TABLE]), allow(['dynamodb:PutItem'], [TABLE])], { action: 'dynamodb:PutItem', resource: TABLE });

    expect(decision).toMatchObject({ allowed: true, reason: 'allowed', statement: 1 });
  });

  it('lets an explicit Deny win over an Allow, whatever their order', () => {
    const statements = [allow(['s3:*'], ['*']), deny(['s3:DeleteObject'], [`${BUCKET}/tenants/*`])];

    expect(evaluatePolicy(statements, { action: 's3:DeleteObject', resource: `${BUCKET}/tenants/t1/users/u1/` })).toMatchObject({ allowed: false, reason: 'explicit-deny', statement: 1 });
    expect(evaluatePolicy([...statements].reverse(), { action: 's3:DeleteObject', resource: `${BUCKET}/tenants/t1/users/u1/` })).toMatchObject({ allowed: false, reason: 'explicit-deny', statement: 0 });
    expect(evaluatePolicy(statements, { action: 's3:PutObject', resource: `${BUCKET}/tenants/t1/users/u1/` }).allowed).toBe(true);
  });

  it('matches action wildcards and ignores the case of actions', () => {
    const statements = [allow(['s3:Get*', 'DynamoDB:putitem'], ['*'])];

    expect(evaluatePolicy(statements, { action: 's3:GetObject', resource: `${BUCKET}/k` }).allowed).toBe(true);
    expect(evaluatePolicy(statements, { action: 's3:GetObjectTagging', resource: `${BUCKET}/k` }).allowed).toBe(true);
    expect(evaluatePolicy(statements, { action: 'dynamodb:PutItem', resource: TABLE }).allowed).toBe(true);
    expect(evaluatePolicy(statements, { action: 's3:PutObject', resource: `${BUCKET}/k` }).allowed).toBe(false);
  });

  it('matches resource wildcards: * spans slashes in the resource part, ? is one character', () => {
    const statements = [allow(['s3:PutObject'], [`${BUCKET}/tenants/*`]), allow(['s3:GetObject'], [`${BUCKET}/file-?.txt`])];

    expect(evaluatePolicy(statements, { action: 's3:PutObject', resource: `${BUCKET}/tenants/t1/users/u1/` }).allowed).toBe(true);
    expect(evaluatePolicy(statements, { action: 's3:PutObject', resource: `${BUCKET}/other/t1` }).allowed).toBe(false);
    expect(evaluatePolicy(statements, { action: 's3:GetObject', resource: `${BUCKET}/file-1.txt` }).allowed).toBe(true);
    expect(evaluatePolicy(statements, { action: 's3:GetObject', resource: `${BUCKET}/file-10.txt` }).allowed).toBe(false);
  });

  it('keeps a bucket ARN and its objects apart', () => {
    const statements = [allow(['s3:ListBucket'], [BUCKET])];

    expect(evaluatePolicy(statements, { action: 's3:ListBucket', resource: BUCKET }).allowed).toBe(true);
    expect(evaluatePolicy(statements, { action: 's3:ListBucket', resource: `${BUCKET}-other` }).allowed).toBe(false);
  });

  describe('conditions', () => {
    const ses = allow(['ses:SendEmail'], ['arn:aws:ses:us-east-1:000000000000:identity/example.com'], { StringEquals: { 'ses:FromAddress': 'welcome@example.com' } });
    const identity = 'arn:aws:ses:us-east-1:000000000000:identity/example.com';

    it('applies StringEquals on ses:FromAddress, with condition key names in any case', () => {
      expect(evaluatePolicy([ses], { action: 'ses:SendEmail', resource: identity, context: { 'ses:FromAddress': 'welcome@example.com' } }).allowed).toBe(true);
      expect(evaluatePolicy([ses], { action: 'ses:SendEmail', resource: identity, context: { 'SES:fromaddress': 'welcome@example.com' } }).allowed).toBe(true);
      expect(evaluatePolicy([ses], { action: 'ses:SendEmail', resource: identity, context: { 'ses:FromAddress': 'ceo@example.com' } }).allowed).toBe(false);
    });

    it('refuses a positive operator whose key the request does not carry', () => {
      const list = allow(['s3:ListBucket'], [BUCKET], { StringLike: { 's3:prefix': ['tenants/*'] } });

      expect(evaluatePolicy([list], { action: 's3:ListBucket', resource: BUCKET, context: { 's3:prefix': 'tenants/t1/users/u1/' } }).allowed).toBe(true);
      expect(evaluatePolicy([list], { action: 's3:ListBucket', resource: BUCKET, context: { 's3:prefix': 'other/' } }).allowed).toBe(false);
      expect(evaluatePolicy([list], { action: 's3:ListBucket', resource: BUCKET }).allowed).toBe(false);
    });

    it('holds a negated operator or an IfExists operator when the key is missing', () => {
      const notEquals = allow(['s3:GetObject'], ['*'], { StringNotEquals: { 'aws:PrincipalTag/team': 'blocked' } });
      const ifExists = allow(['s3:GetObject'], ['*'], { StringEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } });

      expect(evaluatePolicy([notEquals], { action: 's3:GetObject', resource: `${BUCKET}/k` }).allowed).toBe(true);
      expect(evaluatePolicy([notEquals], { action: 's3:GetObject', resource: `${BUCKET}/k`, context: { 'aws:PrincipalTag/team': 'blocked' } }).allowed).toBe(false);
      expect(evaluatePolicy([ifExists], { action: 's3:GetObject', resource: `${BUCKET}/k` }).allowed).toBe(true);
      expect(evaluatePolicy([ifExists], { action: 's3:GetObject', resource: `${BUCKET}/k`, context: { 's3:x-amz-server-side-encryption': 'AES256' } }).allowed).toBe(false);
    });

    it('evaluates ForAllValues and ForAnyValue over multivalued keys', () => {
      const all = allow(['ses:SendEmail'], ['*'], { 'ForAllValues:StringLike': { 'ses:Recipients': ['*@example.com'] } });
      const any = allow(['dynamodb:BatchGetItem'], ['*'], { 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': ['TENANT#a'] } });

      expect(evaluatePolicy([all], { action: 'ses:SendEmail', resource: 'x', context: { 'ses:Recipients': ['a@example.com', 'b@example.com'] } }).allowed).toBe(true);
      expect(evaluatePolicy([all], { action: 'ses:SendEmail', resource: 'x', context: { 'ses:Recipients': ['a@example.com', 'b@elsewhere.org'] } }).allowed).toBe(false);
      expect(evaluatePolicy([any], { action: 'dynamodb:BatchGetItem', resource: TABLE, context: { 'dynamodb:LeadingKeys': ['TENANT#b', 'TENANT#a'] } }).allowed).toBe(true);
      expect(evaluatePolicy([any], { action: 'dynamodb:BatchGetItem', resource: TABLE, context: { 'dynamodb:LeadingKeys': ['TENANT#b'] } }).allowed).toBe(false);
      expect(evaluatePolicy([any], { action: 'dynamodb:BatchGetItem', resource: TABLE }).allowed).toBe(false);
    });

    it('evaluates Bool, Null, Numeric, Date, ArnLike and IpAddress as IAM does', () => {
      const tls = deny(['*'], ['*'], { Bool: { 'aws:SecureTransport': false } });
      const everything = allow(['*'], ['*']);
      const request = (context: Record<string, string | string[]>) => ({ action: 's3:GetObject', resource: `${BUCKET}/k`, context });

      expect(evaluatePolicy([everything, tls], request({ 'aws:SecureTransport': 'false' })).reason).toBe('explicit-deny');
      expect(evaluatePolicy([everything, tls], request({ 'aws:SecureTransport': 'true' })).allowed).toBe(true);
      expect(evaluatePolicy([allow(['*'], ['*'], { Null: { 's3:prefix': 'true' } })], request({})).allowed).toBe(true);
      expect(evaluatePolicy([allow(['*'], ['*'], { Null: { 's3:prefix': 'false' } })], request({})).allowed).toBe(false);
      expect(evaluatePolicy([allow(['*'], ['*'], { NumericLessThanEquals: { 's3:max-keys': '1000' } })], request({ 's3:max-keys': '10' })).allowed).toBe(true);
      expect(evaluatePolicy([allow(['*'], ['*'], { NumericLessThanEquals: { 's3:max-keys': '1000' } })], request({ 's3:max-keys': 'ten' })).allowed).toBe(false);
      expect(evaluatePolicy([allow(['*'], ['*'], { DateLessThan: { 'aws:CurrentTime': '2100-01-01T00:00:00Z' } })], request({ 'aws:CurrentTime': '2026-05-01T10:00:00Z' })).allowed).toBe(true);
      expect(evaluatePolicy([allow(['*'], ['*'], { DateGreaterThan: { 'aws:EpochTime': '4102444800' } })], request({ 'aws:EpochTime': '1780000000' })).allowed).toBe(false);
      expect(evaluatePolicy([allow(['*'], ['*'], { ArnLike: { 'aws:SourceArn': 'arn:aws:states:*:000000000000:stateMachine:Onboarding*' } })], request({ 'aws:SourceArn': 'arn:aws:states:us-east-1:000000000000:stateMachine:OnboardingFlow' })).allowed).toBe(true);
      expect(evaluatePolicy([allow(['*'], ['*'], { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } })], request({ 'aws:SourceIp': '10.1.2.3' })).allowed).toBe(true);
      expect(evaluatePolicy([allow(['*'], ['*'], { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } })], request({ 'aws:SourceIp': '192.168.1.1' })).allowed).toBe(false);
    });

    it('requires every operator and every key of a block to hold', () => {
      const both = allow(['s3:ListBucket'], [BUCKET], { StringLike: { 's3:prefix': 'tenants/*' }, StringEquals: { 's3:delimiter': '/' } });

      expect(evaluatePolicy([both], { action: 's3:ListBucket', resource: BUCKET, context: { 's3:prefix': 'tenants/a/', 's3:delimiter': '/' } }).allowed).toBe(true);
      expect(evaluatePolicy([both], { action: 's3:ListBucket', resource: BUCKET, context: { 's3:prefix': 'tenants/a/' } }).allowed).toBe(false);
    });

    it('resolves policy variables in resources and condition values', () => {
      const own = allow(['lambda:InvokeFunction'], ['*'], { StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } });
      const scoped = allow(['s3:GetObject'], ['arn:aws:s3:::bucket/${aws:PrincipalAccount}/*']);

      expect(evaluatePolicy([own], { action: 'lambda:InvokeFunction', resource: 'f', context: { 'aws:PrincipalAccount': '1', 'aws:ResourceAccount': '1' } }).allowed).toBe(true);
      expect(evaluatePolicy([own], { action: 'lambda:InvokeFunction', resource: 'f', context: { 'aws:PrincipalAccount': '1', 'aws:ResourceAccount': '2' } }).allowed).toBe(false);
      expect(evaluatePolicy([scoped], { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/000000000000/k', context: { 'aws:PrincipalAccount': '000000000000' } }).allowed).toBe(true);
      expect(evaluatePolicy([scoped], { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/000000000000/k' }).allowed).toBe(false);
    });
  });

  describe('failing closed', () => {
    it('does not apply an Allow whose condition operator it does not know, and says so', () => {
      const decision = evaluatePolicy([allow(['s3:PutObject'], ['*'], { StringFancyMatch: { 's3:prefix': 'x' } })], { action: 's3:PutObject', resource: `${BUCKET}/k` });

      expect(decision).toMatchObject({ allowed: false, reason: 'implicit-deny' });
      expect(decision.notes.join()).toContain('condition operator StringFancyMatch');
      expect(decision.notes.join()).toContain('its Allow is not applied');
    });

    it('applies a Deny whose condition operator it does not know', () => {
      const decision = evaluatePolicy([allow(['*'], ['*']), deny(['s3:*'], ['*'], { 'ForAllValues:StringFancyMatch': { 'aws:TagKeys': 'x' } })], { action: 's3:PutObject', resource: `${BUCKET}/k` });

      expect(decision).toMatchObject({ allowed: false, reason: 'explicit-deny' });
      expect(decision.notes.join()).toContain('its Deny is applied');
    });

    it('treats a statement that lost its actions (NotAction) as a Deny of everything and never as an Allow', () => {
      expect(evaluatePolicy([{ Effect: 'Allow', Action: [], Resource: ['*'] }], { action: 's3:GetObject', resource: `${BUCKET}/k` }).allowed).toBe(false);
      expect(evaluatePolicy([allow(['*'], ['*']), { Effect: 'Deny', Action: [], Resource: ['*'] }], { action: 's3:GetObject', resource: `${BUCKET}/k` }).reason).toBe('explicit-deny');
    });

    it('treats a condition value that is not a string, number or boolean as unknown', () => {
      const decision = evaluatePolicy([allow(['*'], ['*'], { StringEquals: { 's3:prefix': { nested: true } } })], { action: 's3:ListBucket', resource: BUCKET, context: { 's3:prefix': 'x' } });

      expect(decision.allowed).toBe(false);
      expect(decision.notes.join()).toContain('not a string, number or boolean');
    });
  });

  describe('alternative resources (an SES address and its domain)', () => {
    const address = 'arn:aws:ses:us-east-1:000000000000:identity/welcome@example.com';
    const domain = 'arn:aws:ses:us-east-1:000000000000:identity/example.com';

    it('allows when any of the resources is allowed', () => {
      expect(evaluatePolicy([allow(['ses:SendEmail'], [domain])], { action: 'ses:SendEmail', resource: address, alternatives: [domain] }).allowed).toBe(true);
      expect(evaluatePolicy([allow(['ses:SendEmail'], [address])], { action: 'ses:SendEmail', resource: address, alternatives: [domain] }).allowed).toBe(true);
      expect(evaluatePolicy([allow(['ses:SendEmail'], ['arn:aws:ses:us-east-1:000000000000:identity/other.org'])], { action: 'ses:SendEmail', resource: address, alternatives: [domain] }).allowed).toBe(false);
    });

    it('refuses when any of the resources is explicitly denied', () => {
      const decision = evaluatePolicy([allow(['ses:SendEmail'], [address]), deny(['ses:SendEmail'], [domain])], { action: 'ses:SendEmail', resource: address, alternatives: [domain] });

      expect(decision).toMatchObject({ allowed: false, reason: 'explicit-deny' });
    });
  });
});

describe('matchesArn', () => {
  it('compares the six parts of an ARN separately, so a region wildcard never reaches into the resource', () => {
    expect(matchesArn('arn:aws:lambda:*:000000000000:function:CreateUser', 'arn:aws:lambda:us-east-1:000000000000:function:CreateUser')).toBe(true);
    expect(matchesArn('arn:aws:lambda:*:000000000000:function:CreateUser', 'arn:aws:lambda:us-east-1:000000000000:function:CreateUserX')).toBe(false);
    expect(matchesArn('arn:aws:lambda:us-east-1:000000000000:function:CreateUser:*', 'arn:aws:lambda:us-east-1:000000000000:function:CreateUser:live')).toBe(true);
    expect(matchesArn('arn:aws:lambda:us-east-1:000000000000:function:CreateUser:*', 'arn:aws:lambda:us-east-1:000000000000:function:CreateUser')).toBe(false);
  });

  it('matches the `-??????` suffix CDK grants on secrets imported by name', () => {
    const pattern = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:onboarding/notifier/webhook-url-??????';

    expect(matchesArn(pattern, 'arn:aws:secretsmanager:us-east-1:000000000000:secret:onboarding/notifier/webhook-url-1thzd6')).toBe(true);
    expect(matchesArn(pattern, 'arn:aws:secretsmanager:us-east-1:000000000000:secret:onboarding/notifier/webhook-url-other-1thzd6')).toBe(false);
  });

  it('never matches something that is not an ARN, unless the pattern is *', () => {
    expect(matchesArn('arn:aws:s3:::bucket/*', 'bucket/key')).toBe(false);
    expect(matchesArn('*', 'anything')).toBe(true);
  });
});

describe('inCidr', () => {
  it('matches IPv4 and IPv6 ranges and single addresses', () => {
    expect(inCidr('203.0.113.9', '203.0.113.0/24')).toBe(true);
    expect(inCidr('203.0.114.9', '203.0.113.0/24')).toBe(false);
    expect(inCidr('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(inCidr('2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(inCidr('2001:db9::1', '2001:db8::/32')).toBe(false);
    expect(inCidr('10.0.0.1', '2001:db8::/32')).toBe(false);
  });
});
