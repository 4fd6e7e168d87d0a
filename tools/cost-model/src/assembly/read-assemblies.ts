/**
 * Reads what a bill is made of from the synthesized cloud assemblies (`apps/<app>/cdk.out`, found
 * through each assembly's manifest): the Lambda functions with their memory, architecture and
 * logging, the state machines with their definition (the `Fn::Join` of JSON text and references
 * resolved, across stacks too: an SSM parameter another team's stack publishes is followed to the
 * function it names), the EventBridge rules, buses and archives, the HTTP API routes, the tables.
 *
 * References are resolved to ARN-shaped strings that stay recognisable (`function:<stack>-<id>`),
 * so the definition reads as JSON and every task can be traced back to the function it calls.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a resource is declared. */
export interface TemplateRef {
  app: string;
  stackName: string;
  logicalId: string;
  /** The construct id (`CreateUserFunction`), from CDK's path metadata; the logical id without it. */
  name: string;
}

export interface FunctionResource extends TemplateRef {
  /** The ARN-shaped string references to it resolve to. */
  arn: string;
  memoryMb: number;
  architecture: 'arm64' | 'x86_64';
  runtime: string;
  timeoutSeconds: number;
  handler: string;
  /** `JSON` or `Text` (LoggingConfig.LogFormat). */
  logFormat: string;
  /** Lambda's application and system log levels (JSON format only; INFO when not set). */
  applicationLogLevel: string;
  systemLogLevel: string;
  tracing: 'Active' | 'PassThrough';
  /** The code asset folder in the cloud assembly, when the code is an asset. */
  assetDir?: string;
}

export type LogLevel = 'ALL' | 'ERROR' | 'FATAL' | 'OFF';

export interface StateMachineResource extends TemplateRef {
  arn: string;
  type: 'STANDARD' | 'EXPRESS';
  /** The definition as an object, references resolved. */
  definition: Record<string, unknown>;
  /** Size of the definition as deployed (JSON text), for Express memory. */
  definitionBytes: number;
  logging: { level: LogLevel; includeExecutionData: boolean };
  tracing: boolean;
}

export interface RuleResource extends TemplateRef {
  busName: string;
  eventPattern: Record<string, unknown>;
  state: string;
  /** Each target's ARN as resolved. */
  targets: string[];
}

export interface BusResource extends TemplateRef {
  busName: string;
  arn: string;
  /** Archives on the bus, with their pattern (none: every event). */
  archives: { eventPattern?: Record<string, unknown> }[];
}

export interface HttpRouteResource extends TemplateRef {
  routeKey: string;
  /** ARN of the function it integrates with, as resolved. */
  functionArn: string;
}

export interface TableResource extends TemplateRef {
  billingMode: string;
}

/** Everything the cost model reads from the assemblies. */
export interface CostAssembly {
  functions: FunctionResource[];
  stateMachines: StateMachineResource[];
  rules: RuleResource[];
  buses: BusResource[];
  httpRoutes: HttpRouteResource[];
  tables: TableResource[];
  /** Resource types present whose cost is not modelled per onboarding (for the report). */
  notes: string[];
}

/** A template as much as the reader needs. */
export interface Template {
  Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }>;
}

/** One stack of one assembly. */
export interface StackInput {
  app: string;
  stackName: string;
  template: Template;
  /** The assembly folder (asset folders are relative to it). */
  outDir?: string;
}

/** An assembly the reader cannot read. */
export class AssemblyReadError extends Error {
  override readonly name = 'AssemblyReadError';
}

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';

/** Every stack of every `appsDir/<app>/cdk.out`, through its manifest; apps without one are skipped. */
export function loadStacks(appsDir: string): StackInput[] {
  const stacks: StackInput[] = [];
  if (!existsSync(appsDir)) throw new AssemblyReadError(`${appsDir} does not exist`);
  for (const app of readdirSync(appsDir).sort()) {
    const outDir = join(appsDir, app, 'cdk.out');
    const manifestFile = join(outDir, 'manifest.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { artifacts?: Record<string, { type: string; displayName?: string; properties?: { templateFile?: string } }> };
    for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
      if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
      const template = JSON.parse(readFileSync(join(outDir, artifact.properties.templateFile), 'utf8')) as Template;
      stacks.push({ app, stackName: artifact.displayName ?? id, template, outDir });
    }
  }
  return stacks;
}

type Resource = NonNullable<Template['Resources']>[string];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function constructName(resource: Resource, logicalId: string): string {
  const path = resource.Metadata?.['aws:cdk:path'];
  if (typeof path !== 'string') return logicalId;
  // `Stack/OnboardingStateMachine/Resource/Resource`: the construct is the last segment that is not `Resource`.
  const parts = path.split('/').slice(1);
  while (parts.length > 1 && parts.at(-1) === 'Resource') parts.pop();
  return parts.at(-1) ?? logicalId;
}

/** Resolves template values of all stacks to strings, following references across stacks through SSM parameters. */
class Resolver {
  private readonly ssmValues = new Map<string, { stack: StackInput; value: unknown }>();

  constructor(private readonly stacks: StackInput[]) {
    for (const stack of stacks) {
      for (const resource of Object.values(stack.template.Resources ?? {})) {
        if (resource.Type === 'AWS::SSM::Parameter' && typeof resource.Properties?.['Name'] === 'string') {
          this.ssmValues.set(resource.Properties['Name'], { stack, value: resource.Properties['Value'] });
        }
      }
    }
  }

  /** The ARN-shaped name of a resource of a stack. */
  arnOf(stack: StackInput, logicalId: string): string {
    const resource = stack.template.Resources?.[logicalId];
    const props = resource?.Properties ?? {};
    switch (resource?.Type) {
      case 'AWS::Lambda::Function':
        return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${stack.stackName}-${logicalId}`;
      case 'AWS::StepFunctions::StateMachine':
        return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${stack.stackName}-${logicalId}`;
      case 'AWS::Events::EventBus':
        return `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${this.text(stack, props['Name'])}`;
      case 'AWS::SQS::Queue':
        return `arn:aws:sqs:${REGION}:${ACCOUNT}:${stack.stackName}-${logicalId}`;
      case 'AWS::SNS::Topic':
        return `arn:aws:sns:${REGION}:${ACCOUNT}:${stack.stackName}-${logicalId}`;
      case 'AWS::DynamoDB::Table':
        return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${stack.stackName}-${logicalId}`;
      default:
        return `${stack.stackName}-${logicalId}`;
    }
  }

  /** A template value as a string (references as ARN-shaped names; unknown ones as `<<...>>`). */
  text(stack: StackInput, value: unknown): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (!isObject(value)) return `<<${JSON.stringify(value)}>>`;
    if (typeof value['Ref'] === 'string') {
      const ref = value['Ref'];
      if (ref === 'AWS::Partition') return 'aws';
      if (ref === 'AWS::Region') return REGION;
      if (ref === 'AWS::AccountId') return ACCOUNT;
      if (ref === 'AWS::URLSuffix') return 'amazonaws.com';
      if (ref === 'AWS::StackName') return stack.stackName;
      const parameter = stack.template.Parameters?.[ref];
      if (parameter) {
        if (String(parameter.Type).startsWith('AWS::SSM::Parameter::Value') && typeof parameter.Default === 'string') {
          const published = this.ssmValues.get(parameter.Default);
          if (published) return this.text(published.stack, published.value);
          return `<<ssm:${parameter.Default}>>`;
        }
        return parameter.Default !== undefined ? this.text(stack, parameter.Default) : `<<parameter:${ref}>>`;
      }
      const resource = stack.template.Resources?.[ref];
      if (resource?.Type === 'AWS::Events::EventBus') return this.text(stack, resource.Properties?.['Name']);
      if (resource) return this.arnOf(stack, ref);
      return `<<Ref:${ref}>>`;
    }
    if (Array.isArray(value['Fn::GetAtt'])) {
      const [logicalId, attribute] = value['Fn::GetAtt'] as [string, string];
      if (attribute === 'Arn') return this.arnOf(stack, logicalId);
      if (attribute === 'Name') return this.text(stack, { Ref: logicalId });
      return `<<GetAtt:${logicalId}.${attribute}>>`;
    }
    if (Array.isArray(value['Fn::Join'])) {
      const [separator, parts] = value['Fn::Join'] as [string, unknown[]];
      return parts.map((part) => this.text(stack, part)).join(separator);
    }
    if (value['Fn::Sub'] !== undefined) {
      const [template, vars] = Array.isArray(value['Fn::Sub']) ? (value['Fn::Sub'] as [string, Record<string, unknown>]) : [String(value['Fn::Sub']), {}];
      return template.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
        if (vars[name] !== undefined) return this.text(stack, vars[name]);
        const [id, attribute] = name.split('.');
        return attribute ? this.text(stack, { 'Fn::GetAtt': [id, attribute] }) : this.text(stack, { Ref: name });
      });
    }
    if (Array.isArray(value['Fn::Select'])) {
      const [index, list] = value['Fn::Select'] as [number, unknown];
      return Array.isArray(list) ? this.text(stack, list[Number(index)]) : `<<${JSON.stringify(value)}>>`;
    }
    return `<<${JSON.stringify(value)}>>`;
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['ALL', 'ERROR', 'FATAL', 'OFF'];

/** Reads every resource the cost model prices from the given stacks. */
export function readCostAssembly(stacks: StackInput[]): CostAssembly {
  const resolver = new Resolver(stacks);
  const assembly: CostAssembly = { functions: [], stateMachines: [], rules: [], buses: [], httpRoutes: [], tables: [], notes: [] };
  const archives: { sourceArn: string; eventPattern?: Record<string, unknown> }[] = [];
  const integrations = new Map<string, string>();
  const routes: { ref: TemplateRef; routeKey: string; integrationId?: string }[] = [];

  for (const stack of stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      const props = resource.Properties ?? {};
      const ref: TemplateRef = { app: stack.app, stackName: stack.stackName, logicalId, name: constructName(resource, logicalId) };
      switch (resource.Type) {
        case 'AWS::Lambda::Function': {
          const logging = isObject(props['LoggingConfig']) ? props['LoggingConfig'] : {};
          const assetPath = resource.Metadata?.['aws:asset:path'];
          const architectures = Array.isArray(props['Architectures']) ? props['Architectures'] : ['x86_64'];
          assembly.functions.push({
            ...ref,
            arn: resolver.arnOf(stack, logicalId),
            memoryMb: typeof props['MemorySize'] === 'number' ? props['MemorySize'] : 128,
            architecture: architectures[0] === 'arm64' ? 'arm64' : 'x86_64',
            runtime: String(props['Runtime'] ?? 'unknown'),
            timeoutSeconds: typeof props['Timeout'] === 'number' ? props['Timeout'] : 3,
            handler: String(props['Handler'] ?? 'index.handler'),
            logFormat: String(logging['LogFormat'] ?? 'Text'),
            applicationLogLevel: String(logging['ApplicationLogLevel'] ?? 'INFO'),
            systemLogLevel: String(logging['SystemLogLevel'] ?? 'INFO'),
            tracing: isObject(props['TracingConfig']) && props['TracingConfig']['Mode'] === 'Active' ? 'Active' : 'PassThrough',
            ...(typeof assetPath === 'string' && stack.outDir ? { assetDir: join(stack.outDir, assetPath) } : {}),
          });
          break;
        }
        case 'AWS::StepFunctions::StateMachine': {
          let text: string;
          if (props['DefinitionString'] !== undefined) text = resolver.text(stack, props['DefinitionString']);
          else if (isObject(props['Definition'])) text = JSON.stringify(props['Definition']);
          else throw new AssemblyReadError(`${stack.app}/${stack.stackName}/${logicalId}: the state machine's definition is in S3 (DefinitionS3Location), which the cost model cannot read`);
          if (isObject(props['DefinitionSubstitutions'])) {
            for (const [key, value] of Object.entries(props['DefinitionSubstitutions'])) text = text.split(`\${${key}}`).join(resolver.text(stack, value));
          }
          let definition: Record<string, unknown>;
          try {
            definition = JSON.parse(text) as Record<string, unknown>;
          } catch (error) {
            throw new AssemblyReadError(`${stack.app}/${stack.stackName}/${logicalId}: the definition is not JSON once resolved (${(error as Error).message})`);
          }
          const logging = isObject(props['LoggingConfiguration']) ? props['LoggingConfiguration'] : {};
          const level = String(logging['Level'] ?? 'OFF') as LogLevel;
          assembly.stateMachines.push({
            ...ref,
            arn: resolver.arnOf(stack, logicalId),
            type: props['StateMachineType'] === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
            definition,
            definitionBytes: Buffer.byteLength(text),
            logging: { level: LOG_LEVELS.includes(level) ? level : 'OFF', includeExecutionData: logging['IncludeExecutionData'] === true },
            tracing: isObject(props['TracingConfiguration']) && props['TracingConfiguration']['Enabled'] === true,
          });
          break;
        }
        case 'AWS::Events::Rule': {
          const pattern = typeof props['EventPattern'] === 'string' ? (JSON.parse(props['EventPattern']) as Record<string, unknown>) : props['EventPattern'];
          if (!isObject(pattern)) break; // a schedule: not part of an onboarding
          assembly.rules.push({
            ...ref,
            busName: props['EventBusName'] === undefined ? 'default' : lastSegment(resolver.text(stack, props['EventBusName'])),
            eventPattern: pattern,
            state: String(props['State'] ?? 'ENABLED'),
            targets: (Array.isArray(props['Targets']) ? props['Targets'] : []).map((t) => resolver.text(stack, (t as Record<string, unknown>)['Arn'])),
          });
          break;
        }
        case 'AWS::Events::EventBus':
          assembly.buses.push({ ...ref, busName: resolver.text(stack, props['Name']), arn: resolver.arnOf(stack, logicalId), archives: [] });
          break;
        case 'AWS::Events::Archive':
          archives.push({ sourceArn: resolver.text(stack, props['SourceArn']), ...(isObject(props['EventPattern']) ? { eventPattern: props['EventPattern'] } : {}) });
          break;
        case 'AWS::ApiGatewayV2::Integration':
          integrations.set(`${stack.stackName}/${logicalId}`, resolver.text(stack, props['IntegrationUri']));
          break;
        case 'AWS::ApiGatewayV2::Route':
          routes.push({ ref, routeKey: String(props['RouteKey']), integrationId: integrationIdOf(props['Target']) });
          break;
        case 'AWS::DynamoDB::Table':
          assembly.tables.push({ ...ref, billingMode: String(props['BillingMode'] ?? 'PROVISIONED') });
          break;
        case 'AWS::CloudWatch::Alarm':
        case 'AWS::CloudWatch::Dashboard':
        case 'AWS::KMS::Key':
        case 'AWS::SecretsManager::Secret':
          assembly.notes.push(`${resource.Type} ${stack.stackName}/${ref.name}: a monthly charge, not a cost per onboarding`);
          break;
      }
    }
  }
  for (const archive of archives) {
    const bus = assembly.buses.find((b) => b.arn === archive.sourceArn || archive.sourceArn.endsWith(`/${b.busName}`));
    if (bus) bus.archives.push(archive.eventPattern ? { eventPattern: archive.eventPattern } : {});
  }
  for (const route of routes) {
    const uri = route.integrationId ? integrations.get(`${route.ref.stackName}/${route.integrationId}`) : undefined;
    if (uri) assembly.httpRoutes.push({ ...route.ref, routeKey: route.routeKey, functionArn: uri });
  }
  return assembly;
}

/** The logical id of the integration a route's `Target` (`integrations/<id>`) names. */
function integrationIdOf(target: unknown): string | undefined {
  if (typeof target === 'string') return /^integrations\/(.+)$/.exec(target)?.[1];
  if (isObject(target) && Array.isArray(target['Fn::Join'])) {
    const parts = (target['Fn::Join'] as [string, unknown[]])[1];
    const ref = parts.find((part) => isObject(part) && typeof part['Ref'] === 'string') as { Ref: string } | undefined;
    return ref?.Ref;
  }
  return undefined;
}

function lastSegment(arnOrName: string): string {
  return arnOrName.includes('event-bus/') ? (arnOrName.split('event-bus/')[1] as string) : arnOrName;
}

/** The function a resolved ARN names (qualified ARNs and `function:name` forms included). */
export function findFunction(assembly: CostAssembly, arnOrName: string): FunctionResource | undefined {
  // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]
  const parts = arnOrName.split(':');
  const unqualified = parts.length > 7 ? parts.slice(0, 7).join(':') : arnOrName;
  return assembly.functions.find((f) => f.arn === arnOrName || f.arn === unqualified || arnOrName.endsWith(`:function:${f.stackName}-${f.logicalId}`));
}
