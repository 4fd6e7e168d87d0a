/**
 * Helpers for infra tests: synthesize an app without bundling and with cdk-nag, and read the IAM
 * statements of a template. Import from `@onboarding/cdk-constructs/testing` in tests only.
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
