/**
 * Turns the stacks of every cloud assembly into the `CloudModel` the local cloud runs: functions,
 * tables, buckets, queues, buses, rules, state machines, HTTP routes, secrets, SSM parameters and
 * roles, with every reference resolved to local names. Resource types the local cloud has no use
 * for (log groups, alarms, permissions, ...) are skipped; a resource it would run but cannot run
 * faithfully is refused with an error naming the stack, resource and property.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type {
  BucketModel,
  CloudModel,
  EventBusModel,
  FunctionModel,
  HttpRouteModel,
  Origin,
  QueueModel,
  RolePolicyModel,
  RuleModel,
  RuleTargetModel,
  SecretModel,
  SsmParameterModel,
  StateMachineModel,
  TableModel,
} from '../model';
import type { StackTemplate } from './cloud-assembly';
import { UnresolvableReferenceError, UnsupportedFeatureError, type TemplateLocation } from './errors';
import { localArn } from './local-names';
import { TemplateResolver, type ResourceHandle } from './template-resolver';

/** The model and what the reader noticed but did not refuse (shown at boot). */
export interface BuiltModel {
  model: CloudModel;
  notes: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const toArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function origin(h: ResourceHandle): Origin {
  return { app: h.stack.app, stackName: h.stack.stackName, logicalId: h.logicalId };
}

function location(h: ResourceHandle, property: string): TemplateLocation {
  return { ...origin(h), property };
}

/** `arn:...:event-bus/name` or `name` → `name`. */
function busName(value: unknown): string {
  if (value === undefined) return 'default';
  const text = String(value);
  return text.startsWith('arn:') ? text.slice(text.indexOf('event-bus/') + 'event-bus/'.length) : text;
}

class ModelBuilder {
  readonly notes: string[] = [];
  constructor(private readonly r: TemplateResolver) {}

  private str(h: ResourceHandle, property: string, fallback?: string): string {
    const value = this.r.property(h, property);
    if (value === undefined) {
      if (fallback !== undefined) return fallback;
      throw new UnresolvableReferenceError(location(h, `Properties.${property}`), `${h.resource.Type} needs ${property}`);
    }
    if (typeof value === 'object') throw new UnresolvableReferenceError(location(h, `Properties.${property}`), `expected a string, got ${JSON.stringify(value)}`);
    return String(value);
  }

  private codeDir(h: ResourceHandle): { codeDir: string; unavailableReason?: string } {
    const code = this.r.property(h, 'Code');
    const metaPath = h.resource.Metadata?.['aws:asset:path'];
    if (typeof metaPath === 'string') return { codeDir: join(h.stack.assemblyDir, metaPath) };
    if (isObject(code) && typeof code.S3Key === 'string') {
      const hash = basename(code.S3Key).replace(/\.(zip|jar)$/, '');
      const staged = h.stack.assets.get(hash);
      if (staged) {
        if (existsSync(staged) && !statSync(staged).isDirectory()) {
          return { codeDir: dirname(staged), unavailableReason: `its code asset ${staged} is a file, not a staged directory; only directory assets (NodejsFunction bundles) run locally` };
        }
        return { codeDir: staged };
      }
      return { codeDir: '', unavailableReason: `its code ${code.S3Key} is not an asset of this cloud assembly` };
    }
    if (isObject(code) && code.ZipFile !== undefined) return { codeDir: '', unavailableReason: 'it has inline code (Code.ZipFile), which the local cloud does not run' };
    if (isObject(code) && code.ImageUri !== undefined) return { codeDir: '', unavailableReason: 'it is a container image function (Code.ImageUri), which needs Docker' };
    return { codeDir: '', unavailableReason: 'its Code has no asset the local cloud can find' };
  }

  functions(): FunctionModel[] {
    const asyncConfigs = new Map<string, FunctionModel['asyncInvoke']>();
    for (const h of this.r.resources('AWS::Lambda::EventInvokeConfig')) {
      const fn = this.str(h, 'FunctionName');
      const destination = this.r.property(h, 'DestinationConfig');
      const onFailure = isObject(destination) && isObject(destination.OnFailure) ? String(destination.OnFailure.Destination) : undefined;
      asyncConfigs.set(fn, {
        maximumRetryAttempts: Number(this.r.property(h, 'MaximumRetryAttempts') ?? 2),
        maximumEventAgeInSeconds: Number(this.r.property(h, 'MaximumEventAgeInSeconds') ?? 21600),
        onFailureArn: onFailure,
      });
    }
    return this.r.resources('AWS::Lambda::Function').map((h): FunctionModel => {
      const functionName = this.r.physicalName(h);
      const runtime = this.str(h, 'Runtime', 'provided');
      const { codeDir, unavailableReason } = this.codeDir(h);
      const environment: Record<string, string> = {};
      const env = this.r.property(h, 'Environment');
      if (isObject(env) && isObject(env.Variables)) {
        for (const [k, v] of Object.entries(env.Variables)) environment[k] = typeof v === 'string' ? v : JSON.stringify(v);
      }
      const roleRaw = h.resource.Properties?.Role;
      const roleLogicalId = isObject(roleRaw) && Array.isArray(roleRaw['Fn::GetAtt']) ? String(roleRaw['Fn::GetAtt'][0]) : undefined;
      const roleArn = this.r.property(h, 'Role');
      const deadLetter = this.r.property(h, 'DeadLetterConfig');
      const asyncInvoke = asyncConfigs.get(functionName) ?? { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21600 };
      if (isObject(deadLetter) && deadLetter.TargetArn && !asyncInvoke.onFailureArn) asyncInvoke.onFailureArn = String(deadLetter.TargetArn);
      const reason = unavailableReason ?? (runtime.startsWith('nodejs') ? undefined : `its runtime ${runtime} is not Node.js`);
      if (reason) this.notes.push(`Function ${functionName} (${h.stack.stackName}/${h.logicalId}) will refuse invocations: ${reason}.`);
      return {
        ...origin(h),
        functionName,
        arn: localArn('lambda', `function:${functionName}`),
        codeDir,
        handler: this.str(h, 'Handler', 'index.handler'),
        runtime,
        timeoutSeconds: Number(this.r.property(h, 'Timeout') ?? 3),
        memorySize: Number(this.r.property(h, 'MemorySize') ?? 128),
        environment,
        roleLogicalId,
        roleArn: typeof roleArn === 'string' ? roleArn : undefined,
        unavailableReason: reason,
        asyncInvoke,
      };
    });
  }

  tables(): TableModel[] {
    const tables: TableModel[] = [];
    for (const type of ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable']) {
      for (const h of this.r.resources(type)) {
        const tableName = this.r.physicalName(h);
        const ttl = this.r.property(h, 'TimeToLiveSpecification');
        const gsis = toArray(this.r.property(h, 'GlobalSecondaryIndexes') as unknown[] | undefined);
        const lsis = toArray(this.r.property(h, 'LocalSecondaryIndexes') as unknown[] | undefined);
        const stream = this.r.property(h, 'StreamSpecification');
        if (stream !== undefined) this.notes.push(`Table ${tableName}: DynamoDB Streams are not emulated locally (StreamSpecification ignored).`);
        tables.push({
          ...origin(h),
          tableName,
          arn: localArn('dynamodb', `table/${tableName}`),
          keySchema: this.r.property(h, 'KeySchema') as TableModel['keySchema'],
          attributeDefinitions: this.r.property(h, 'AttributeDefinitions') as TableModel['attributeDefinitions'],
          globalSecondaryIndexes: gsis.length ? gsis : undefined,
          localSecondaryIndexes: lsis.length ? lsis : undefined,
          timeToLiveAttribute: isObject(ttl) && ttl.Enabled !== false && typeof ttl.AttributeName === 'string' ? ttl.AttributeName : undefined,
        });
      }
    }
    return tables;
  }

  buckets(): BucketModel[] {
    return this.r.resources('AWS::S3::Bucket').map((h) => {
      const bucketName = this.r.physicalName(h);
      return { ...origin(h), bucketName, arn: `arn:aws:s3:::${bucketName}` };
    });
  }

  queues(): QueueModel[] {
    return this.r.resources('AWS::SQS::Queue').map((h) => {
      const queueName = this.r.physicalName(h);
      return { ...origin(h), queueName, arn: localArn('sqs', queueName), url: String(this.r.refOf(h)) };
    });
  }

  buses(): EventBusModel[] {
    const buses: EventBusModel[] = [{ app: 'local-cloud', stackName: '(account)', logicalId: 'default', name: 'default', arn: localArn('events', 'event-bus/default') }];
    for (const h of this.r.resources('AWS::Events::EventBus')) {
      const name = this.r.physicalName(h);
      buses.push({ ...origin(h), name, arn: localArn('events', `event-bus/${name}`) });
    }
    return buses;
  }

  rules(): RuleModel[] {
    const rules: RuleModel[] = [];
    for (const h of this.r.resources('AWS::Events::Rule')) {
      const name = this.r.physicalName(h);
      let eventPattern = this.r.property(h, 'EventPattern');
      if (eventPattern === undefined) {
        this.notes.push(`Rule ${name} (${h.stack.stackName}/${h.logicalId}) has no EventPattern (a schedule?); the local cloud does not run scheduled rules.`);
        continue;
      }
      if (typeof eventPattern === 'string') {
        try {
          eventPattern = JSON.parse(eventPattern);
        } catch (cause) {
          throw new UnsupportedFeatureError(location(h, 'Properties.EventPattern'), `EventPattern is not valid JSON (${(cause as Error).message})`);
        }
      }
      if (!isObject(eventPattern)) throw new UnsupportedFeatureError(location(h, 'Properties.EventPattern'), 'EventPattern must be an object');
      const targets = toArray(this.r.property(h, 'Targets') as unknown[] | undefined).map((t, i): RuleTargetModel => {
        if (!isObject(t) || typeof t.Arn !== 'string') throw new UnresolvableReferenceError(location(h, `Properties.Targets.${i}.Arn`), 'a rule target needs an Arn');
        const transformer = t.InputTransformer;
        return {
          id: String(t.Id ?? `Target${i}`),
          arn: t.Arn,
          input: typeof t.Input === 'string' ? t.Input : t.Input !== undefined ? JSON.stringify(t.Input) : undefined,
          inputPath: typeof t.InputPath === 'string' ? t.InputPath : undefined,
          inputTransformer: isObject(transformer)
            ? { InputPathsMap: transformer.InputPathsMap as Record<string, string> | undefined, InputTemplate: String(transformer.InputTemplate) }
            : undefined,
          deadLetterArn: isObject(t.DeadLetterConfig) && t.DeadLetterConfig.Arn ? String(t.DeadLetterConfig.Arn) : undefined,
          retryPolicy: isObject(t.RetryPolicy) ? (t.RetryPolicy as RuleTargetModel['retryPolicy']) : undefined,
        };
      });
      const bus = busName(this.r.property(h, 'EventBusName'));
      rules.push({
        ...origin(h),
        name,
        arn: localArn('events', bus === 'default' ? `rule/${name}` : `rule/${bus}/${name}`),
        eventBusName: bus,
        eventPattern,
        state: this.str(h, 'State', 'ENABLED') === 'DISABLED' ? 'DISABLED' : 'ENABLED',
        description: this.r.property(h, 'Description') as string | undefined,
        targets,
      });
    }
    return rules;
  }

  stateMachines(): StateMachineModel[] {
    return this.r.resources('AWS::StepFunctions::StateMachine').map((h) => {
      const name = this.r.physicalName(h);
      if (h.resource.Properties?.DefinitionS3Location !== undefined) {
        throw new UnsupportedFeatureError(location(h, 'Properties.DefinitionS3Location'), 'a definition stored in S3 is not supported locally; use DefinitionString or Definition');
      }
      const substitutions = this.r.property(h, 'DefinitionSubstitutions');
      let text: string;
      const definitionString = this.r.property(h, 'DefinitionString');
      const definitionObject = this.r.property(h, 'Definition');
      if (typeof definitionString === 'string') text = definitionString;
      else if (isObject(definitionObject)) text = JSON.stringify(definitionObject);
      else throw new UnresolvableReferenceError(location(h, 'Properties.DefinitionString'), 'a state machine needs DefinitionString or Definition');
      if (isObject(substitutions)) {
        text = text.replace(/\$\{([^}]+)\}/g, (match, k: string) => (k in substitutions ? String(substitutions[k]) : match));
      }
      let definition: Record<string, unknown>;
      try {
        definition = JSON.parse(text) as Record<string, unknown>;
      } catch (cause) {
        throw new UnsupportedFeatureError(location(h, 'Properties.DefinitionString'), `the resolved definition is not valid JSON (${(cause as Error).message})`);
      }
      const roleRaw = h.resource.Properties?.RoleArn;
      const roleArn = this.r.property(h, 'RoleArn');
      return {
        ...origin(h),
        name,
        arn: localArn('states', `stateMachine:${name}`),
        type: this.str(h, 'StateMachineType', 'STANDARD') === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
        definition,
        roleLogicalId: isObject(roleRaw) && Array.isArray(roleRaw['Fn::GetAtt']) ? String(roleRaw['Fn::GetAtt'][0]) : undefined,
        roleArn: typeof roleArn === 'string' ? roleArn : undefined,
      };
    });
  }

  httpRoutes(): HttpRouteModel[] {
    const apis = new Map<string, ResourceHandle>();
    for (const h of this.r.resources('AWS::ApiGatewayV2::Api')) {
      const protocol = this.str(h, 'ProtocolType', 'HTTP');
      if (protocol !== 'HTTP') {
        this.notes.push(`API ${h.stack.stackName}/${h.logicalId} is a ${protocol} API; only HTTP APIs are served locally.`);
        continue;
      }
      apis.set(String(this.r.refOf(h)), h);
    }
    const integrations = new Map<string, ResourceHandle>();
    for (const h of this.r.resources('AWS::ApiGatewayV2::Integration')) integrations.set(String(this.r.refOf(h)), h);

    const routes: HttpRouteModel[] = [];
    for (const h of this.r.resources('AWS::ApiGatewayV2::Route')) {
      const apiId = this.str(h, 'ApiId');
      const api = apis.get(apiId);
      if (!api) continue;
      const routeKey = this.str(h, 'RouteKey');
      const target = this.r.property(h, 'Target');
      if (typeof target !== 'string') {
        this.notes.push(`Route ${routeKey} (${h.stack.stackName}/${h.logicalId}) has no integration target; it answers 404 locally.`);
        continue;
      }
      const integration = integrations.get(target.replace(/^integrations\//, ''));
      if (!integration) throw new UnresolvableReferenceError(location(h, 'Properties.Target'), `no AWS::ApiGatewayV2::Integration matches ${target}`);
      const type = this.str(integration, 'IntegrationType');
      if (type !== 'AWS_PROXY') {
        throw new UnsupportedFeatureError(location(integration, 'Properties.IntegrationType'), `integration type ${type} is not supported locally (only Lambda proxy integrations)`);
      }
      const uri = this.str(integration, 'IntegrationUri');
      const functionArn = /arn:aws:lambda:[^/]+?:function:[^/:]+/.exec(uri)?.[0];
      if (!functionArn) {
        throw new UnsupportedFeatureError(location(integration, 'Properties.IntegrationUri'), `the integration does not target a Lambda function (${uri})`);
      }
      const authorization = this.r.property(h, 'AuthorizationType');
      if (authorization && authorization !== 'NONE') this.notes.push(`Route ${routeKey}: authorization ${String(authorization)} is not enforced locally.`);
      const format = this.str(integration, 'PayloadFormatVersion', '2.0');
      routes.push({
        ...origin(h),
        apiName: this.str(api, 'Name', this.r.physicalName(api)),
        apiId,
        routeKey,
        functionArn,
        payloadFormatVersion: format === '1.0' ? '1.0' : '2.0',
      });
    }
    return routes;
  }

  secrets(): SecretModel[] {
    return this.r.resources('AWS::SecretsManager::Secret').map((h) => {
      const secretString = this.r.property(h, 'SecretString');
      const generate = this.r.property(h, 'GenerateSecretString');
      return {
        ...origin(h),
        name: this.r.physicalName(h),
        arn: String(this.r.refOf(h)),
        initialValue: secretString === undefined ? undefined : String(secretString),
        generateSecretString: isObject(generate) ? (generate as SecretModel['generateSecretString']) : undefined,
      };
    });
  }

  ssmParameters(): SsmParameterModel[] {
    return this.r.resources('AWS::SSM::Parameter').map((h) => ({
      ...origin(h),
      name: this.r.physicalName(h),
      value: this.str(h, 'Value'),
      type: this.str(h, 'Type', 'String'),
    }));
  }

  roles(): Record<string, RolePolicyModel> {
    const byName = new Map<string, { arn: string; model: RolePolicyModel }>();
    const statementsOf = (document: unknown): RolePolicyModel['statements'] =>
      toArray(isObject(document) ? (document.Statement as unknown[] | undefined) : undefined)
        .filter(isObject)
        .map((s) => ({
          Effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
          Action: toArray(s.Action as string | string[] | undefined).map(String),
          Resource: toArray(s.Resource as string | string[] | undefined).map(String),
          Condition: isObject(s.Condition) ? s.Condition : undefined,
        }));
    for (const h of this.r.resources('AWS::IAM::Role')) {
      const statements = toArray(this.r.property(h, 'Policies') as unknown[] | undefined).flatMap((p) => (isObject(p) ? statementsOf(p.PolicyDocument) : []));
      const arn = String(this.r.attributeOf(h, 'Arn', location(h, 'Arn')));
      byName.set(`${h.stack.app}/${this.r.physicalName(h)}`, { arn, model: { ...origin(h), statements } });
    }
    for (const h of this.r.resources('AWS::IAM::Policy')) {
      const statements = statementsOf(this.r.property(h, 'PolicyDocument'));
      for (const roleName of toArray(this.r.property(h, 'Roles') as unknown[] | undefined)) {
        byName.get(`${h.stack.app}/${String(roleName)}`)?.model.statements.push(...statements);
      }
    }
    return Object.fromEntries([...byName.values()].map(({ arn, model }) => [arn, model]));
  }
}

/**
 * Builds the model of every stack given (all apps together: cross-app SSM parameters resolve).
 * @throws UnresolvableReferenceError / UnsupportedFeatureError naming the stack, resource and property
 */
export function buildCloudModel(stacks: readonly StackTemplate[]): BuiltModel {
  const resolver = new TemplateResolver(stacks);
  const builder = new ModelBuilder(resolver);
  const roles = builder.roles();
  const model: CloudModel = {
    functions: builder.functions(),
    tables: builder.tables(),
    buckets: builder.buckets(),
    queues: builder.queues(),
    buses: builder.buses(),
    rules: builder.rules(),
    stateMachines: builder.stateMachines(),
    httpRoutes: builder.httpRoutes(),
    secrets: builder.secrets(),
    ssmParameters: builder.ssmParameters(),
    roles,
  };
  const notes = builder.notes;
  const ttlTables = model.tables.filter((t) => t.timeToLiveAttribute).map((t) => t.tableName);
  if (ttlTables.length) notes.push(`TTL is not applied locally (dynalite has none); items of ${ttlTables.join(', ')} do not expire.`);
  checkDuplicates(model);
  return { model, notes };
}

/** Two resources with the same physical name would share one local table/bucket/function: refuse. */
function checkDuplicates(model: CloudModel): void {
  const groups: [string, (Origin & { id: string })[]][] = [
    ['function', model.functions.map((f) => ({ ...f, id: f.functionName }))],
    ['table', model.tables.map((t) => ({ ...t, id: t.tableName }))],
    ['bucket', model.buckets.map((b) => ({ ...b, id: b.bucketName }))],
    ['state machine', model.stateMachines.map((s) => ({ ...s, id: s.name }))],
    ['secret', model.secrets.map((s) => ({ ...s, id: s.name }))],
  ];
  for (const [kind, items] of groups) {
    const seen = new Map<string, Origin>();
    for (const item of items) {
      const first = seen.get(item.id);
      if (first) {
        throw new UnsupportedFeatureError(
          { app: item.app, stackName: item.stackName, logicalId: item.logicalId, property: '' },
          `the ${kind} name ${item.id} is also used by ${first.app}/${first.stackName} ${first.logicalId}`,
        );
      }
      seen.set(item.id, item);
    }
  }
}
