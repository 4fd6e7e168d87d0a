/**
 * No secret may be written into a template: templates are stored in S3 by the CDK bootstrap,
 * readable by anyone who may describe the stack, and kept in every CloudFormation change set.
 * Functions get a reference (`secretsmanager:<arn>`, `ssm:<name>`) and read the value at run time.
 *
 * Problems name where and what kind of secret was seen, never the value itself, so a failing CI log
 * does not become the leak.
 */
import { renderTemplateValue } from '@onboarding/cdk-constructs/testing';
import { isObject, resourcesOf, stringLeaves, type CfnTemplate } from './template-values';

/** A kind of secret and how to recognize it in a piece of text. */
interface SecretShape {
  kind: string;
  test(text: string): boolean;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s"'<>]+/gi;
/** Query parameters that carry a credential in the URLs of webhooks and signed requests. */
const CREDENTIAL_QUERY = /[?&](token|access_token|api_?key|key|secret|sig|signature|password|code|X-Amz-Signature)=/i;
/** A path segment that looks like an issued token: long and made only of token characters. */
const TOKEN_SEGMENT = /^[A-Za-z0-9_-]{24,}$/;

function urlCarriesToken(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return true;
  if (CREDENTIAL_QUERY.test(parsed.search)) return true;
  return parsed.pathname.split('/').some((segment) => TOKEN_SEGMENT.test(segment) && /\d/.test(segment) && /[A-Za-z]/.test(segment));
}

const SHAPES: SecretShape[] = [
  { kind: 'a Slack webhook URL', test: (t) => /hooks\.slack\.com\/(services|workflows|triggers)\//i.test(t) },
  { kind: 'a webhook URL with a token', test: (t) => [...t.matchAll(URL_PATTERN)].some((m) => urlCarriesToken(m[0])) },
  { kind: 'an AWS access key id', test: (t) => /\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/.test(t) },
  { kind: 'a private key', test: (t) => /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/.test(t) },
  { kind: 'a password', test: (t) => /\b(password|passwd|pwd)\s*[:=]\s*[^\s&;,'"]{4,}/i.test(t) || /"(password|passwd)"\s*:\s*"[^"]+"/i.test(t) },
];

/** The kinds of secret a text looks like it contains. */
export function secretKinds(text: string): string[] {
  return SHAPES.filter((shape) => shape.test(text)).map((shape) => shape.kind);
}

/** Environment variable names that announce a secret. */
const SECRET_NAME = /(^|_)(SECRET|PASSWORD|PASSWD|PWD|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)(_|$)/i;
/** How a function is told where a secret is, never what it is. */
const REFERENCE = /^(secretsmanager|ssm):\S+$/;

function referencesASecretStore(value: unknown, template: CfnTemplate): boolean {
  if (isObject(value) && typeof value['Ref'] === 'string') {
    const type = template.Resources?.[value['Ref']]?.Type;
    return type === 'AWS::SecretsManager::Secret' || type === 'AWS::SSM::Parameter';
  }
  const text = renderTemplateValue(value);
  // A CloudFormation dynamic reference would be resolved at deploy time: the plain value would
  // then sit in the function's configuration.
  return REFERENCE.test(text) && !text.includes('{{resolve:');
}

/** Where a template carries something that looks like a secret; empty when nothing does. */
export function secretProblems(template: CfnTemplate): string[] {
  const problems: string[] = [];
  // One problem per resource and kind: the scan of every property below sees the same text again.
  const seen = new Set<string>();
  const report = (owner: string, where: string, text: string) => {
    for (const kind of secretKinds(text)) {
      if (!seen.has(`${owner}|${kind}`)) problems.push(`${where} looks like ${kind}`);
      seen.add(`${owner}|${kind}`);
    }
  };

  for (const [logicalId, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
    const environment = (fn.Properties?.['Environment'] as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    for (const [name, value] of Object.entries(environment)) {
      const where = `${logicalId} environment variable ${name}`;
      report(logicalId, where, renderTemplateValue(value));
      if (SECRET_NAME.test(name) && !referencesASecretStore(value, template)) {
        problems.push(`${where} is named like a secret but holds a value, not a reference to Secrets Manager or SSM`);
      }
    }
  }
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    if (parameter.Default !== undefined) report(`parameter ${name}`, `parameter ${name} default`, renderTemplateValue(parameter.Default));
  }
  for (const [logicalId, parameter] of resourcesOf(template, 'AWS::SSM::Parameter')) report(logicalId, `${logicalId} value`, renderTemplateValue(parameter.Properties?.['Value']));
  // Anywhere else: text that is a secret whatever property holds it.
  for (const [logicalId, resource] of resourcesOf(template)) {
    for (const leaf of stringLeaves(resource.Properties ?? {}, `${logicalId}.Properties`)) report(logicalId, leaf.path, leaf.text);
  }
  for (const leaf of stringLeaves(template.Outputs ?? {}, 'Outputs')) report(leaf.path, leaf.path, leaf.text);
  return problems;
}
