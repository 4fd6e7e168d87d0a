/**
 * Helpers for infra tests: synthesize an app without bundling and with cdk-nag, and read a
 * template the way the assertions need it (IAM statements, a resource's logical id, a function's
 * environment, the dashboard's metrics, intrinsics as text, cross-stack references). Import from
 * `@onboarding/cdk-constructs/testing` in tests and workspace checks only.
 */
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addNagChecks } from './nag';

/** An App for tests: no esbuild bundling (fast, offline), cdk-nag enabled. */
export function testApp(context: Record<string, unknown> = {}): App {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  addNagChecks(app);
  return app;
}

/**
 * Synthesizes the app (cdk-nag runs here and throws on an unacknowledged finding) and returns the
 * template of the stack.
 */
export function synthTemplate(app: App, stack: Stack): Template {
  app.synth();
  return Template.fromStack(stack);
}

/** One IAM statement with where it was found, for least-privilege assertions. */
export interface FoundStatement {
  logicalId: string;
  effect: string;
  actions: string[];
  resources: unknown[];
}

interface PolicyStatementJson {
  Effect: string;
  Action?: string | string[];
  Resource?: unknown;
}
interface PolicyDocument {
  Statement?: PolicyStatementJson | PolicyStatementJson[];
}
interface CfnResource {
  Type: string;
  Properties?: { PolicyDocument?: PolicyDocument; Policies?: { PolicyDocument?: PolicyDocument }[] };
}

const toArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every IAM statement of every policy (AWS::IAM::Policy, inline role policies) in a template. */
export function iamStatements(template: Template): FoundStatement[] {
  const found: FoundStatement[] = [];
  const resources: Record<string, CfnResource> = template.toJSON().Resources ?? {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    const documents: (PolicyDocument | undefined)[] = [];
    if (resource.Type === 'AWS::IAM::Policy') documents.push(resource.Properties?.PolicyDocument);
    if (resource.Type === 'AWS::IAM::Role') for (const p of toArray(resource.Properties?.Policies)) documents.push(p.PolicyDocument);
    for (const doc of documents) {
      for (const s of toArray(doc?.Statement)) {
        found.push({ logicalId, effect: s.Effect, actions: toArray<string>(s.Action), resources: toArray(s.Resource) });
      }
    }
  }
  return found;
}

/** True when a statement allows any resource (`"*"`). */
export function allowsAnyResource(statement: FoundStatement): boolean {
  return statement.resources.some((r) => r === '*');
}

/** The IAM statements of a template about one service's actions (`dynamodb`, `s3`, `ses`, ...). */
export function statementsFor(template: Template, service: string): FoundStatement[] {
  return iamStatements(template).filter((statement) => statement.actions.some((action) => action.startsWith(`${service}:`)));
}

/**
 * Every action an Allow statement of the template grants on any resource (`"*"`). For one of our
 * stacks that is the X-Ray calls active tracing needs, and nothing else.
 */
export function actionsOnAnyResource(template: Template): string[] {
  return iamStatements(template)
    .filter((statement) => statement.effect === 'Allow' && allowsAnyResource(statement))
    .flatMap((statement) => statement.actions);
}

/** A template as `Template` or as its JSON (`template.toJSON()`, a file from `cdk.out`). */
export type TemplateLike = Template | { readonly Resources?: unknown; readonly Outputs?: unknown };

function jsonOf(template: TemplateLike): Record<string, unknown> {
  return (template instanceof Template ? template.toJSON() : template) as Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Renders a template value as text in `Fn::Sub` notation: strings as they are, `Fn::Join` joined,
 * `Ref` as `${LogicalId}`, `Fn::GetAtt` as `${LogicalId.Attribute}`, an `Fn::Sub` string as it is.
 * Any other intrinsic is written as `${<its JSON>}`, so an unexpected one shows in a failed assertion.
 * For example `arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/acme.example`.
 */
export function renderTemplateValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value) && Object.keys(value).length === 1) {
    const join = value['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) return join[1].map(renderTemplateValue).join(join[0]);
    if (typeof value['Ref'] === 'string') return `\${${value['Ref']}}`;
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `\${${getAtt.join('.')}}`;
    if (typeof getAtt === 'string') return `\${${getAtt}}`;
    const sub = value['Fn::Sub'];
    if (typeof sub === 'string') return sub;
    if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0];
  }
  return `\${${JSON.stringify(value)}}`;
}

/** The logical id of the one resource of `type` in a template; throws unless there is exactly one. */
export function logicalIdOf(template: TemplateLike, type: string): string {
  const resources = (jsonOf(template)['Resources'] ?? {}) as Record<string, { Type?: unknown }>;
  const ids = Object.entries(resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`Expected exactly one ${type}, found ${ids.length}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`);
  return ids[0] as string;
}

/**
 * The environment variables of a Lambda function: the one function of the template, or the one
 * with the given logical id. Throws when that function is not there or not alone.
 */
export function functionEnvironment(template: TemplateLike, logicalId: string = logicalIdOf(template, 'AWS::Lambda::Function')): Record<string, unknown> {
  const resources = jsonOf(template)['Resources'] as Record<string, { Type?: string; Properties?: { Environment?: { Variables?: Record<string, unknown> } } }> | undefined;
  const fn = resources?.[logicalId];
  if (fn?.Type !== 'AWS::Lambda::Function') throw new Error(`${logicalId} is not a Lambda function of this template`);
  return fn.Properties?.Environment?.Variables ?? {};
}

/**
 * Every metric the template's CloudWatch dashboards graph, as the dashboard body lists them:
 * `[namespace, metric name, dimension name, dimension value, ..., options]`, references rendered
 * by {@link renderTemplateValue} (a state machine's ARN as `${StateMachineLogicalId}`).
 */
export function dashboardMetrics(template: TemplateLike): unknown[][] {
  const resources = (jsonOf(template)['Resources'] ?? {}) as Record<string, { Type?: string; Properties?: { DashboardBody?: unknown } }>;
  return Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::CloudWatch::Dashboard')
    .flatMap((dashboard) => {
      const body = JSON.parse(renderTemplateValue(dashboard.Properties?.DashboardBody)) as { widgets?: { properties?: { metrics?: unknown[][] } }[] };
      return (body.widgets ?? []).flatMap((widget) => widget.properties?.metrics ?? []);
    });
}

/** Paths at which an object key with the given name occurs anywhere inside a value. */
function keyPaths(value: unknown, key: string, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => keyPaths(item, key, `${path}[${index}]`));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([k, item]) => [...(k === key ? [`${path}.${k}`] : []), ...keyPaths(item, key, `${path}.${k}`)]);
}

/**
 * Every CloudFormation export (`Outputs.*.Export`) and import (`Fn::ImportValue`, however deep it
 * sits) of a template, one line each; empty when it has none. Teams wire stacks through SSM
 * parameters: an export locks the exporting stack while another stack imports it.
 */
export function crossStackReferences(template: TemplateLike): string[] {
  const json = jsonOf(template);
  const outputs = (isRecord(json['Outputs']) ? json['Outputs'] : {}) as Record<string, { Export?: unknown }>;
  const exports = Object.entries(outputs)
    .filter(([, output]) => output.Export !== undefined)
    .map(([name]) => `Outputs.${name} is exported`);
  const imports = keyPaths(json, 'Fn::ImportValue', '(template)').map((path) => `${path} imports a value from another stack`);
  return [...exports, ...imports];
}
