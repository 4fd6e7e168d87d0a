/**
 * Renders the state machine definition of a synthesized template as plain ASL JSON, for tests,
 * docs and tools. In the template the definition is an `Fn::Join` whose parts include tokens (the
 * partition, the imported function ARNs, the bus ARN); each token becomes a readable placeholder
 * value. The local cloud does not use this: it resolves the real template with its own names.
 */
import { App } from 'aws-cdk-lib';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { OrchestrationStack } from './orchestration-stack';

/** A CloudFormation template, as much of it as the renderer reads. */
export interface TemplateJson {
  Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

/** The values tokens render to. */
export interface PlaceholderEnvironment {
  partition: string;
  region: string;
  account: string;
}

/** The environment placeholders use unless told otherwise. */
export const PLACEHOLDER_ENVIRONMENT: PlaceholderEnvironment = { partition: 'aws', region: 'us-east-1', account: '123456789012' };

/**
 * The placeholder ARN of a function imported from `/onboarding/<service>/functions/<Step>/arn`:
 * `arn:aws:lambda:<region>:<account>:function:<service>-<Step>`.
 */
export function placeholderFunctionArn(service: string, step: string, env: PlaceholderEnvironment = PLACEHOLDER_ENVIRONMENT): string {
  return `arn:${env.partition}:lambda:${env.region}:${env.account}:function:${service}-${step}`;
}

const FUNCTION_ARN_PARAMETER = /^\/onboarding\/([^/]+)\/functions\/([^/]+)\/arn$/;

function renderRef(logicalId: string, template: TemplateJson, env: PlaceholderEnvironment): string {
  switch (logicalId) {
    case 'AWS::Partition':
      return env.partition;
    case 'AWS::Region':
      return env.region;
    case 'AWS::AccountId':
      return env.account;
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
  }
  const parameter = template.Parameters?.[logicalId];
  if (parameter) {
    const match = typeof parameter.Default === 'string' ? FUNCTION_ARN_PARAMETER.exec(parameter.Default) : null;
    if (match) return placeholderFunctionArn(match[1] as string, match[2] as string, env);
    throw new Error(`Cannot render a reference to parameter ${logicalId}: only /onboarding/<service>/functions/<Step>/arn parameters have placeholders`);
  }
  const resource = template.Resources?.[logicalId];
  if (resource?.Type === 'AWS::Events::EventBus') return String(resource.Properties?.['Name']);
  throw new Error(`Cannot render a reference to ${logicalId} (${resource?.Type ?? 'not in the template'})`);
}

function renderGetAtt([logicalId, attribute]: [string, string], template: TemplateJson, env: PlaceholderEnvironment): string {
  const resource = template.Resources?.[logicalId];
  if (resource?.Type === 'AWS::Events::EventBus' && attribute === 'Arn') {
    return `arn:${env.partition}:events:${env.region}:${env.account}:event-bus/${String(resource.Properties?.['Name'])}`;
  }
  throw new Error(`Cannot render Fn::GetAtt ${logicalId}.${attribute} (${resource?.Type ?? 'not in the template'})`);
}

/** Renders one CloudFormation value (a string or an intrinsic) to a string with placeholders. */
export function renderTemplateValue(value: unknown, template: TemplateJson, env: PlaceholderEnvironment = PLACEHOLDER_ENVIRONMENT): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const intrinsic = value as Record<string, unknown>;
    if (typeof intrinsic['Ref'] === 'string') return renderRef(intrinsic['Ref'], template, env);
    if (Array.isArray(intrinsic['Fn::GetAtt'])) return renderGetAtt(intrinsic['Fn::GetAtt'] as [string, string], template, env);
    if (Array.isArray(intrinsic['Fn::Join'])) {
      const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
      return parts.map((part) => renderTemplateValue(part, template, env)).join(separator);
    }
  }
  throw new Error(`Cannot render template value ${JSON.stringify(value)}`);
}

/**
 * The ASL definition of the (only, or the named) state machine of a template, tokens rendered.
 * @throws Error when the template has no such state machine or a token has no placeholder
 */
export function renderDefinition(template: TemplateJson, options: { logicalId?: string; env?: PlaceholderEnvironment } = {}): StateMachineDefinition {
  const machines = Object.entries(template.Resources ?? {}).filter(
    ([id, r]) => r.Type === 'AWS::StepFunctions::StateMachine' && (options.logicalId === undefined || id === options.logicalId),
  );
  if (machines.length !== 1) throw new Error(`Expected one state machine${options.logicalId ? ` called ${options.logicalId}` : ''}, found ${machines.length}`);
  const [, machine] = machines[0] as [string, { Properties?: Record<string, unknown> }];
  const rendered = renderTemplateValue(machine.Properties?.['DefinitionString'], template, options.env);
  return JSON.parse(rendered) as StateMachineDefinition;
}

/** Synthesizes the orchestration stack (no bundling, no AWS account) and returns its template. */
export function synthesizeOrchestrationTemplate(): TemplateJson {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new OrchestrationStack(app, 'OnboardingOrchestration');
  return app.synth().getStackArtifact(stack.artifactId).template as TemplateJson;
}

/** The onboarding state machine's definition as plain ASL JSON, with placeholder ARNs. */
export function renderOnboardingDefinition(env: PlaceholderEnvironment = PLACEHOLDER_ENVIRONMENT): StateMachineDefinition {
  return renderDefinition(synthesizeOrchestrationTemplate(), { env });
}
